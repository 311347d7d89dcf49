#!/usr/bin/env python3
"""Validate the seventh held-out set (fresh6): corpus/*.md and questions.jsonl.

Standard library only. Exit status 0 and a final "OK" when everything holds.
Usage: python3 testdata/fresh6/check.py

Adapted from testdata/fresh5/check.py: split "fresh6", articles of 300-650 words published
2019-2025, and this set's DERIVED, REVIEWED and NEAR_MISS tables. As before: every named
source must hold at least one evidence segment; metadata facts are checked against the
front matter; conflict facts must come from different sources; a weekday-resolved fact
(DERIVED) is recomputed from the publication date (weekday names in English, Spanish or
Portuguese); every near_miss question has patterns (NEAR_MISS) that must match no article;
articles not listed as sources that contain every fact are reported as notes (read them to
decide whether the sources list is complete).
"""
import datetime
import glob
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
QUESTIONS = os.path.join(HERE, "questions.jsonl")

FM_KEYS = ["title", "author", "outlet", "url", "language", "published"]
LANGS = {"en", "es", "pt"}
KEYS = ["id", "question", "category", "split", "answerable", "facts", "sources", "evidence", "follows"]
CATS = OrderedDict([
    ("factoid", ("f", 16)), ("reworded", ("r", 10)), ("list", ("l", 5)), ("metadata", ("m", 6)),
    ("dated", ("d", 5)), ("conflict", ("c", 4)), ("broad", ("b", 4)), ("followup", ("u", 6)),
    ("near_miss", ("n", 10)), ("off_topic", ("o", 4)), ("spanish", ("s", 4)), ("portuguese", ("p", 2)),
])
SPLIT = "fresh6"
N_ARTICLES = 8
MIN_WORDS, MAX_WORDS = 300, 650
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_ALIASES = {  # Spanish and Portuguese names -> index in WEEKDAYS
    "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5, "domingo": 6,
    "segunda-feira": 0, "terca-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
}
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]

# Facts that no sentence states but a weekday resolves: qid -> (article file, weekday
# as written in the evidence). The date is the last such weekday before publication;
# it must be among the fact's alternatives (as "1 June" or "June 1").
DERIVED = {
    "f002": ("01-kpa-2021-09-16-rotavirus-vaccine-trial-baku.md", "Tuesday"),
    "s002": ("06-edc-2020-02-14-bioetanol-mieles-cana-villa-clara.md", "jueves"),
}

# (qid, article file) pairs reported by the sources-completeness note that were read and
# judged not to answer the question (a short number or word that occurs by chance).
REVIEWED = {
    ("f004", "02-gh-2023-05-08-cuban-cardiologists-ganja.md"),  # "nine-year-old Aylin"
    ("f004", "05-maq-2024-08-22-septeto-rio-cauto-azerbaijan-tour.md"),  # "nine concerts"
    ("f014", "01-kpa-2021-09-16-rotavirus-vaccine-trial-baku.md"),  # "4,000 doses"
    ("f016", "01-kpa-2021-09-16-rotavirus-vaccine-trial-baku.md"),  # "twelve weeks"
    ("f016", "05-maq-2024-08-22-septeto-rio-cauto-azerbaijan-tour.md"),  # "twelve-piece" string ensemble
    ("r004", "01-kpa-2021-09-16-rotavirus-vaccine-trial-baku.md"),  # "nine polyclinics"
    ("r004", "05-maq-2024-08-22-septeto-rio-cauto-azerbaijan-tour.md"),  # "nine concerts"
    ("d005", "01-kpa-2021-09-16-rotavirus-vaccine-trial-baku.md"),  # "four weeks apart"
    ("d005", "04-ccm-2022-07-05-interview-castaneda-chess-camp-baku.md"),  # "Four players"
    ("d005", "06-edc-2020-02-14-bioetanol-mieles-cana-villa-clara.md"),  # "cuatro especialistas"
    ("c004", "02-gh-2023-05-08-cuban-cardiologists-ganja.md"),  # "eleven Cuban heart specialists", "nine-year-old"
    ("u002", "05-maq-2024-08-22-septeto-rio-cauto-azerbaijan-tour.md"),  # "five cities"
    ("u004", "06-edc-2020-02-14-bioetanol-mieles-cana-villa-clara.md"),  # "mayor parte" (contains "mayo")
}

# near_miss: regexes (on lower-cased, accent-folded article text) that would reveal an
# answer; none may match any article.
NEAR_MISS = {
    "n001": [r"years old", r"\bborn (in|on)\b", r"\bnacid[ao]\b", r"\bnasceu\b", r"\baged \d", r"castaneda.{0,80}\d+-year-old",
             r"castaneda pupo,? \(?\d", r"\d+ anos de (edad|idade)", r"castaneda.{0,80}\bage\b"],
    "n002": [r"trial.{0,80}(\bcost|budget|usd|\$|euros?\b|manat|\bprice)", r"(\bcost|budget|usd|\$|manat|\bprice).{0,80}\btrial",
             r"ensaio.{0,80}(custo|orcamento|euros)", r"\bfunded\b.{0,60}trial"],
    "n003": [r"\bvessel", r"\baboard\b", r"\bship\b", r"\bm/?v\b", r"\bbuque\b", r"\bnavio\b", r"\bfreighter", r"\bcargo ship"],
    "n004": [r"\bbeds?\b", r"\bcamas?\b", r"\bleitos?\b", r"bed capacity"],
    "n005": [r"ticket", r"\bmanats?\b", r"\bazn\b", r"entrance fee", r"admission", r"\bfree\b.{0,40}concert", r"\bentradas?\b",
             r"\bingressos?\b"],
    "n006": [r"academy.{0,60}(founded|established|opened|created|set up) in", r"(founded|established|opened|created) in (19|20)\d\d.{0,40}academy",
             r"academy'?s? (founding|foundation)"],
    "n007": [r"\brector", r"\breitor", r"\bpresident of (the )?(cujae|university)"],
    "n008": [r"magnitud", r"richter", r"\bm ?\d\.\d\b", r"\bm[lw] ?\d", r"strongest (quake|earthquake)", r"sismo mais forte", r"maior sismo"],
    "n009": [r"\blabel\b", r"record company", r"\bsello\b", r"\bgravadora", r"\brecords\b", r"disquera"],
    "n010": [r"ranchuelo.{0,80}(habitantes|inhabitants|population|residents|poblacion|populacao)",
             r"(habitantes|inhabitants|population|residents|poblacion|populacao).{0,80}ranchuelo",
             r"ranchuelo.{0,40}\d[\d .,]* (people|personas|pessoas)"],
}
UNANSWERABLE = {"near_miss", "off_topic"}
SEP = " [...] "
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec "
          "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
          "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro").split()
STOP = set("""a an the and or but of to in on at by for with from as is are was were be been being it its this
that these those there their they them he she his her him we you your i me my our what which who whom whose
when where why how did do does done have has had will would can could should shall may might must not no yes
so if then than into onto over under about after before during up down out off again also just only very more
most some any each all both few such own same other pls please get got go going let lets what's whats s t
de la el los las del y en un una por para con que se su al lo como más o e os as do da dos das em um uma no na
nos nas ao pelo pela é foi ser""".split())

errors = []
notes = []


def err(msg):
    errors.append(msg)


def norm_ws(s):
    return re.sub(r"\s+", " ", s).strip()


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def parse_article(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not m:
        err(f"{os.path.basename(path)}: no front matter")
        return None
    fm = OrderedDict()
    for line in m.group(1).splitlines():
        if not line.strip():
            continue
        if ":" not in line:
            err(f"{os.path.basename(path)}: bad front matter line {line!r}")
            continue
        k, v = line.split(":", 1)
        fm[k.strip()] = v.strip()
    return fm, m.group(2)


def check_corpus():
    arts = {}
    files = sorted(glob.glob(os.path.join(CORPUS, "[0-9]*.md")))
    if len(files) != N_ARTICLES:
        err(f"corpus: expected {N_ARTICLES} articles, found {len(files)}")
    for path in files:
        name = os.path.basename(path)
        parsed = parse_article(path)
        if not parsed:
            continue
        fm, body = parsed
        for k in FM_KEYS:
            if k not in fm:
                err(f"{name}: front matter key {k!r} missing")
        if list(fm.keys()) != FM_KEYS:
            err(f"{name}: front matter keys {list(fm.keys())} not in order {FM_KEYS}")
        title = fm.get("title", "")
        if not title:
            err(f"{name}: empty title")
        if fm.get("language") not in LANGS:
            err(f"{name}: language {fm.get('language')!r}")
        pub = fm.get("published", "")
        if not re.fullmatch(r"20(19|2[0-5])-\d\d-\d\d", pub):
            err(f"{name}: published {pub!r} not a 2019-2025 date")
        elif not name[3:].split("-", 1)[1].startswith(pub):
            err(f"{name}: file name does not carry the date {pub}")
        if not re.match(r"https?://[^ ]+\.example/", fm.get("url", "")):
            err(f"{name}: url not on an .example domain")
        lines = [l for l in body.splitlines() if l.strip()]
        if not lines or lines[0].strip() != "# " + title:
            err(f"{name}: first body line is not '# {title}'")
        words = len(re.findall(r"\S+", "\n".join(lines[1:])))
        if not MIN_WORDS <= words <= MAX_WORDS:
            err(f"{name}: {words} words, want {MIN_WORDS}-{MAX_WORDS}")
        if title in arts:
            err(f"{name}: duplicate title {title!r}")
        arts[title] = {"file": name, "fm": fm, "text": norm_ws(body)}
    return arts


def content_words(s):
    out = set()
    for w in re.findall(r"[^\W\d_]+", fold(s)):
        if len(w) < 3 or w in STOP:
            continue
        out.add(re.sub(r"(es|s)$", "", w) if len(w) > 4 else w)
    return out


def in_source(seg, art):
    m = re.fullmatch(r"(\w+): (.*)", seg)
    if m and m.group(1) in FM_KEYS:
        return art["fm"].get(m.group(1)) == m.group(2)
    return seg in art["text"]


def check_derived(qid, alts, ev, arts):
    """A weekday in the evidence resolved by the article's publication date."""
    fname, weekday = DERIVED[qid]
    art = next((a for a in arts.values() if a["file"] == fname), None)
    if art is None:
        err(f"{qid}: DERIVED article {fname} not found")
        return False
    if weekday not in ev:
        err(f"{qid}: DERIVED weekday {weekday!r} not in evidence")
        return False
    pub = datetime.date.fromisoformat(art["fm"]["published"])
    wd = fold(weekday)
    idx = WEEKDAYS.index(wd) if wd in WEEKDAYS else WEEKDAY_ALIASES[wd]
    back = (pub.weekday() - idx) % 7 or 7
    day = pub - datetime.timedelta(days=back)
    want = {fold(f"{day.day} {EN_MONTHS[day.month - 1]}"), fold(f"{EN_MONTHS[day.month - 1]} {day.day}")}
    if not want & {fold(a) for a in alts}:
        err(f"{qid}: DERIVED date should be {day.isoformat()}, not among {alts}")
        return False
    return True


def check_questions(arts):
    seen = []
    cats = Counter()
    by_id = {}
    for n, line in enumerate(open(QUESTIONS, encoding="utf-8"), 1):
        if not line.strip():
            err(f"line {n}: empty line")
            continue
        try:
            q = json.loads(line, object_pairs_hook=OrderedDict)
        except ValueError as e:
            err(f"line {n}: bad JSON ({e})")
            continue
        qid = q.get("id", f"line{n}")
        keys = list(q.keys())
        if [k for k in KEYS if k in keys] != keys:
            err(f"{qid}: unknown keys or wrong key order {keys}")
        for k in ["id", "question", "category", "split", "answerable", "facts", "sources"]:
            if k not in q:
                err(f"{qid}: missing {k}")
        cat = q.get("category")
        if cat not in CATS:
            err(f"{qid}: unknown category {cat!r}")
            continue
        cats[cat] += 1
        if not re.fullmatch(CATS[cat][0] + r"\d{3}", qid):
            err(f"{qid}: id does not match category {cat}")
        if qid in by_id:
            err(f"{qid}: duplicate id")
        if q.get("split") != SPLIT:
            err(f"{qid}: split is {q.get('split')!r}, want {SPLIT!r}")
        if not isinstance(q.get("question"), str) or not q["question"].strip():
            err(f"{qid}: empty question")
        facts, sources = q.get("facts", []), q.get("sources", [])
        answerable = q.get("answerable")
        if not isinstance(answerable, bool):
            err(f"{qid}: answerable must be a bool")
        if answerable != (cat not in UNANSWERABLE):
            err(f"{qid}: answerable={answerable} wrong for {cat}")
        if not answerable:
            if facts or sources or "evidence" in q:
                err(f"{qid}: unanswerable question with facts/sources/evidence")
        else:
            if not facts or not sources or not q.get("evidence"):
                err(f"{qid}: answerable question needs facts, sources and evidence")
            for s in sources:
                if s not in arts:
                    err(f"{qid}: source {s!r} is not an article title")
            if len(set(sources)) != len(sources):
                err(f"{qid}: duplicate sources")
            ev = q.get("evidence", "")
            if ev != norm_ws(ev):
                err(f"{qid}: evidence not whitespace-normalised")
            segs = ev.split(SEP)
            seg_src = []
            for seg in segs:
                holders = [s for s in sources if s in arts and in_source(seg, arts[s])]
                seg_src.append((seg, holders))
                if not holders:
                    err(f"{qid}: evidence not found verbatim in its sources: {seg[:80]!r}")
            for s in sources:
                if s in arts and not any(s in h for _, h in seg_src):
                    err(f"{qid}: source {s!r} holds none of the evidence")
            evf = fold(ev)
            for fact in facts:
                alts = [a.strip() for a in fact.split(" | ")]
                if any(a and fold(a) in evf for a in alts):
                    continue
                if qid in DERIVED and check_derived(qid, alts, ev, arts):
                    continue
                err(f"{qid}: no alternative of fact {fact!r} in evidence")
            if cat == "conflict":
                where = []
                for fact in facts:
                    alts = [fold(a.strip()) for a in fact.split(" | ")]
                    where.append({s for seg, h in seg_src for s in h if any(a in fold(seg) for a in alts)})
                for i in range(len(where)):
                    for j in range(i + 1, len(where)):
                        if where[i] and where[i] == where[j] and len(where[i]) == 1:
                            err(f"{qid}: conflict facts {facts[i]!r} and {facts[j]!r} come from the same single source")
            if cat == "metadata":
                fmvals = " ".join(fold(v) for s in sources if s in arts for v in arts[s]["fm"].values())
                for fact in facts:
                    if not any(fold(a.strip()) in fmvals for a in fact.split(" | ")):
                        err(f"{qid}: metadata fact {fact!r} not in the front matter of its sources")
            # sources completeness: other articles holding every fact
            if cat not in ("broad", "metadata"):
                for t, a in arts.items():
                    if t in sources or (qid, a["file"]) in REVIEWED:
                        continue
                    tf = fold(a["text"])
                    if all(any(len(x.strip()) >= 4 and fold(x.strip()) in tf for x in f.split(" | ")) for f in facts):
                        notes.append(f"{qid}: {a['file']} (not a source) contains every fact; check it does not answer")
        if cat == "near_miss":
            pats = NEAR_MISS.get(qid)
            if not pats:
                err(f"{qid}: no NEAR_MISS patterns")
            for pat in pats or []:
                for t, a in arts.items():
                    if re.search(pat, fold(a["text"])):
                        err(f"{qid}: near-miss pattern {pat!r} matches {a['file']}")
        # category shapes
        if cat == "list" and not 2 <= len(facts) <= 4:
            err(f"{qid}: list needs 2-4 facts")
        if cat == "broad" and not 2 <= len(facts) <= 3:
            err(f"{qid}: broad needs 2-3 facts")
        if cat == "conflict" and (len(facts) < 2 or len(sources) < 2):
            err(f"{qid}: conflict needs >=2 facts and >=2 sources")
        if cat == "metadata":
            for seg in q.get("evidence", "").split(SEP):
                if not re.fullmatch(r"(author|outlet|url|published|title|language): .+", seg):
                    err(f"{qid}: metadata evidence should be front matter lines")
        if cat == "dated":
            ql = fold(q["question"])
            if not (re.search(r"\b(19|20)\d\d\b", ql) or any(re.search(r"\b" + fold(m) + r"\b", ql) for m in MONTHS)):
                err(f"{qid}: dated question names no year or month")
        if cat == "reworded":
            shared = content_words(q["question"]) & content_words(q.get("evidence", ""))
            if len(shared) > 1:
                err(f"{qid}: reworded shares {len(shared)} content words with evidence: {sorted(shared)}")
        if "follows" in q:
            f = q["follows"]
            if f not in by_id:
                err(f"{qid}: follows {f!r}, not an earlier id")
            elif cat != "followup" or by_id[f]["category"] != "followup":
                err(f"{qid}: follows link outside the followup category")
            elif "follows" in by_id[f]:
                err(f"{qid}: follows a question that is itself a follow-up")
        by_id[qid] = q
        seen.append(qid)
    # followup pairing
    fu = [i for i in seen if by_id[i]["category"] == "followup"]
    firsts = [i for i in fu if "follows" not in by_id[i]]
    seconds = [i for i in fu if "follows" in by_id[i]]
    if sorted(by_id[i]["follows"] for i in seconds) != sorted(firsts):
        err("followup: every first question must be followed exactly once")
    for cat, (_, want) in CATS.items():
        if cats[cat] != want:
            err(f"count: {cat} has {cats[cat]}, want {want}")
    return cats, by_id


def main():
    arts = check_corpus()
    cats, by_id = check_questions(arts)
    print(f"articles: {len(arts)}")
    for t, a in sorted(arts.items(), key=lambda x: x[1]["file"]):
        print(f"  {a['file']}  [{a['fm']['language']}, {a['fm']['published']}]")
    print("questions per category:")
    for cat in CATS:
        print(f"  {cat:<11} {cats[cat]:>3}")
    una = sum(1 for q in by_id.values() if not q["answerable"])
    print(f"  {'total':<11} {sum(cats.values()):>3}  ({una} unanswerable)")
    for n in notes:
        print("note: " + n)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  - " + e)
        print("FAIL")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
