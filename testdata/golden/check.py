#!/usr/bin/env python3
"""Validate the held-out golden set: testdata/golden/questions.jsonl and corpus/.

Run from anywhere:  python3 testdata/golden/check.py
Exit status 0 when every check passes, 1 otherwise (all problems are listed).

What it checks
  corpus    every article has the front matter keys title, author, outlet, url,
            language, published (in that order); a "# Title" heading equal to the
            front matter title; a "By/Por NAME" byline equal to the author when
            there is an author; 250-700 words of body; a date in 2019-2025;
            at least 16 articles, 2 in Spanish and 1 in Portuguese.
  shape     one JSON object a line with the fields id, question, category, split,
            answerable, facts, sources (+ evidence when answerable, + follows for
            the second question of a follow-up pair); no other fields.
  ids       unique, and prefixed by the category letter.
  counts    the minimum per category; dev and test differ by at most one within a
            category; at least 260 questions.
  answers   every source title names an article (this corpus or the bundled one);
            every evidence piece (pieces are separated by " [...] ") is verbatim
            (up to whitespace) in one of the sources - the body, or for metadata
            questions the front matter line; every listed source holds at least
            one piece; every fact (one of its " | " alternatives) is in the evidence
            (case-insensitive).
  kinds     unanswerable: facts [] and sources [] and no evidence; conflict: 2+
            facts and 2+ sources; list: 2-4 facts; broad: 3+ sources; metadata:
            facts are front matter values; dated: the question names a year or a
            month.
  reworded  the question shares at most one content word with its evidence
            (stopwords, Cuba/Cuban(s)/Azerbaijan(i)(s) and a crude plural/-ing/-ed
            stem taken into account).
  follow-up "follows" names an earlier question of the same split, category
            followup, which itself follows nothing; every followup question is in
            exactly one pair.
  near miss every near_miss question has an entry in near_miss_checks.json whose
            patterns (case-insensitive regular expressions) match no article, and
            whose "looks_like" words do occur (so it is truly "near").
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS_DIRS = [os.path.join(HERE, "corpus"), os.path.join(REPO, "corpus", "bundled")]
QUESTIONS = os.path.join(HERE, "questions.jsonl")
NEAR_MISS = os.path.join(HERE, "near_miss_checks.json")

CATEGORIES = {  # category: (id prefix, minimum count)
    "factoid": ("f", 60),
    "reworded": ("r", 30),
    "list": ("l", 15),
    "metadata": ("m", 20),
    "dated": ("d", 15),
    "conflict": ("c", 12),
    "broad": ("b", 10),
    "followup": ("u", 20),
    "near_miss": ("n", 30),
    "off_topic": ("o", 15),
    "spanish": ("s", 15),
    "portuguese": ("p", 10),
}
UNANSWERABLE_OK = {"near_miss", "off_topic", "spanish", "portuguese"}
FM_KEYS = ["title", "author", "outlet", "url", "language", "published"]
PIECE_SEP = " [...] "
ALT_SEP = " | "

STOP = set("""
a an the and or but of to in on at by for from with without about into onto over under
as is are was were be been being am do does did done doing have has had having
what which who whom whose when where why how many much that this these those there
here it its they them their he she his her him we us our you your i me my
if then than so not no yes can could would should will shall may might must
any some all each every both either neither other another more most less least
also just only still even again ever very too quite really pls please hey ok okay
up down out off per via vs s t get got go went tell say said give know
""".split())
NAMES = {"cuba", "cuban", "cubans", "azerbaijan", "azerbaijani", "azerbaijanis"}
MONTHS = ("january february march april may june july august september october "
          "november december enero febrero marzo abril mayo junio julio agosto "
          "septiembre octubre noviembre diciembre janeiro fevereiro março abril maio "
          "junho julho agosto setembro outubro novembro dezembro").split()

problems = []


def bad(msg):
    problems.append(msg)


def norm_ws(s):
    return " ".join(s.split())


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------- corpus


def parse_article(path):
    raw = open(path, encoding="utf-8").read()
    if not raw.startswith("---\n"):
        return None
    end = raw.index("\n---\n", 4)
    meta, order = {}, []
    for line in raw[4:end].split("\n"):
        if not line.strip() or line.strip().startswith("#"):
            continue
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip().strip('"')
        order.append(k.strip())
    body = raw[end + 5:]
    paras = [norm_ws(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
    return {"path": path, "raw": raw, "meta": meta, "order": order, "paras": paras,
            "fm_lines": [norm_ws(l) for l in raw[4:end].split("\n")]}


def article_text(a):
    """The body as the ingester sees it: no heading, byline, trailing URL/outlet."""
    paras = list(a["paras"])
    if paras and paras[0].startswith("#"):
        paras = paras[1:]
    if paras and re.match(r"^(By|Por|BY|POR) \S", paras[0]):
        paras = paras[1:]
    for _ in range(2):
        if len(paras) > 1 and (re.match(r"^https?://\S+$", paras[-1]) or
                               (len(paras[-1]) <= 60 and paras[-1][-1] not in ".!?:;,")):
            paras = paras[:-1]
    return paras


def load_corpus():
    arts = {}
    for d in CORPUS_DIRS:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".md") or name == "README.md":
                continue
            a = parse_article(os.path.join(d, name))
            if a is None:
                bad(f"{name}: no front matter")
                continue
            a["bundled"] = d != CORPUS_DIRS[0]
            a["text"] = "\n\n".join(article_text(a))
            t = a["meta"].get("title", "")
            if t in arts:
                bad(f"{name}: title {t!r} used twice")
            arts[t] = a
    return arts


def check_corpus(arts):
    own = [a for a in arts.values() if not a["bundled"]]
    if len(own) < 16:
        bad(f"corpus: {len(own)} articles, want at least 16")
    langs = [a["meta"].get("language") for a in own]
    if langs.count("es") < 2 or langs.count("pt") < 1:
        bad(f"corpus: languages {langs}: want 2+ es and 1+ pt")
    for a in own:
        name = os.path.basename(a["path"])
        m = a["meta"]
        if a["order"] != FM_KEYS:
            bad(f"{name}: front matter keys {a['order']}, want {FM_KEYS}")
        if m.get("language") not in ("en", "es", "pt"):
            bad(f"{name}: language {m.get('language')!r}")
        if not re.fullmatch(r"20(19|2[0-5])-\d\d-\d\d", m.get("published", "")):
            bad(f"{name}: published {m.get('published')!r} not in 2019-2025")
        if not re.fullmatch(r"https://\S+", m.get("url", "")):
            bad(f"{name}: url {m.get('url')!r}")
        if not a["paras"] or a["paras"][0] != "# " + m.get("title", ""):
            bad(f"{name}: first line is not '# ' + title")
        if m.get("author"):
            if len(a["paras"]) < 2 or a["paras"][1] not in ("By " + m["author"], "Por " + m["author"]):
                bad(f"{name}: byline does not match author {m['author']!r}")
        words = len(a["text"].split())
        if not 250 <= words <= 700:
            bad(f"{name}: {words} words of body, want 250-700")


# ---------------------------------------------------------------- questions


def stem(w):
    for suf, n in (("ing", 5), ("ed", 4), ("es", 4), ("s", 4)):
        if w.endswith(suf) and len(w) >= n + len(suf) - 1:
            return w[: -len(suf)]
    return w


def content_words(s):
    out = set()
    for w in re.findall(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+", fold(s)):
        if w in STOP or w in NAMES or len(w) < 2:
            continue
        out.add(stem(w))
    return out


def main():
    arts = load_corpus()
    check_corpus(arts)
    lines = open(QUESTIONS, encoding="utf-8").read().splitlines()
    qs, ids = [], {}
    allowed = {"id", "question", "category", "split", "answerable", "facts", "sources",
               "evidence", "follows"}
    for n, line in enumerate(lines, 1):
        try:
            q = json.loads(line)
        except ValueError as e:
            bad(f"line {n}: not JSON: {e}")
            continue
        if not isinstance(q, dict):
            bad(f"line {n}: not an object")
            continue
        extra = set(q) - allowed
        if extra:
            bad(f"line {n}: unknown fields {sorted(extra)}")
        for k, typ in (("id", str), ("question", str), ("category", str), ("split", str),
                       ("answerable", bool), ("facts", list), ("sources", list)):
            if not isinstance(q.get(k), typ):
                bad(f"line {n}: field {k} missing or not {typ.__name__}")
        if any(not isinstance(f, str) or not f.strip() for f in q.get("facts", [])):
            bad(f"line {n}: facts must be non-empty strings")
        qid = q.get("id", "")
        if qid in ids:
            bad(f"{qid}: id used twice (lines {ids[qid]} and {n})")
        ids[qid] = n
        cat = q.get("category")
        if cat not in CATEGORIES:
            bad(f"{qid}: category {cat!r}")
            continue
        if not re.fullmatch(CATEGORIES[cat][0] + r"\d{3}", qid):
            bad(f"{qid}: id should be {CATEGORIES[cat][0]}NNN for {cat}")
        if q.get("split") not in ("dev", "test"):
            bad(f"{qid}: split {q.get('split')!r}")
        qs.append(q)
    byid = {q["id"]: q for q in qs}

    nm = json.load(open(NEAR_MISS, encoding="utf-8")) if os.path.exists(NEAR_MISS) else {}
    alltext = "\n\n".join(a["text"] for a in arts.values())
    alltitles = "\n".join(arts)

    for q in qs:
        qid, cat = q["id"], q["category"]
        facts, sources = q["facts"], q["sources"]
        if not q["answerable"]:
            if cat not in UNANSWERABLE_OK:
                bad(f"{qid}: {cat} question cannot be unanswerable")
            if facts or sources or q.get("evidence"):
                bad(f"{qid}: unanswerable, but has facts, sources or evidence")
            if cat == "near_miss":
                chk = nm.get(qid)
                if not chk:
                    bad(f"{qid}: no entry in near_miss_checks.json")
                else:
                    for pat in chk.get("absent", []):
                        mm = re.search(pat, alltext, re.I)
                        if mm:
                            bad(f"{qid}: absent pattern {pat!r} matches {mm.group(0)!r}")
                    for w in chk.get("looks_like", []):
                        if fold(w) not in fold(alltext) and fold(w) not in fold(alltitles):
                            bad(f"{qid}: looks_like {w!r} occurs in no article")
            continue
        if cat in ("near_miss", "off_topic"):
            bad(f"{qid}: {cat} question must be unanswerable")
        if not facts or not sources:
            bad(f"{qid}: answerable, but facts or sources empty")
        ev = q.get("evidence")
        if not isinstance(ev, str) or not ev.strip():
            bad(f"{qid}: answerable, but no evidence")
            continue
        pieces = [norm_ws(p) for p in ev.split(PIECE_SEP)]
        for t in sources:
            if t not in arts:
                bad(f"{qid}: source {t!r} is no article title")
        srcs = [arts[t] for t in sources if t in arts]

        def holds(a, p):
            if p in norm_ws(a["text"]):
                return True
            return cat == "metadata" and p in a["fm_lines"]

        for p in pieces:
            if not any(holds(a, p) for a in srcs):
                bad(f"{qid}: evidence piece not verbatim in any source: {p[:90]!r}")
        for a in srcs:
            if not any(holds(a, p) for p in pieces):
                bad(f"{qid}: source {a['meta']['title']!r} holds no evidence piece")
        evl = norm_ws(ev).lower()
        for f in facts:
            alts = [x.strip() for x in f.split("|") if x.strip()]
            if not any(x.lower() in evl for x in alts):
                bad(f"{qid}: fact {f!r} not in evidence")
        if cat == "conflict" and (len(facts) < 2 or len(sources) < 2):
            bad(f"{qid}: conflict needs 2+ facts and 2+ sources")
        if cat == "list" and not 2 <= len(facts) <= 4:
            bad(f"{qid}: list needs 2-4 facts")
        if cat == "broad" and len(sources) < 3:
            bad(f"{qid}: broad needs 3+ sources")
        if cat == "metadata":
            vals = [v.lower() for a in srcs for v in a["meta"].values()]
            for f in facts:
                alts = [x.strip().lower() for x in f.split("|")]
                if not any(x in v for x in alts for v in vals):
                    bad(f"{qid}: metadata fact {f!r} is no front matter value")
        if cat == "dated":
            ql = fold(q["question"])
            if not (re.search(r"\b(19|20)\d\d\b", ql) or any(re.search(r"\b" + fold(m) + r"\b", ql) for m in MONTHS)):
                bad(f"{qid}: dated question names no year or month")
        if cat == "reworded":
            common = content_words(q["question"]) & content_words(" ".join(pieces))
            if len(common) > 1:
                bad(f"{qid}: reworded question shares {sorted(common)} with its evidence")

    # follow-up pairs
    firsts = {}
    for q in qs:
        if "follows" in q:
            f = byid.get(q["follows"])
            if f is None:
                bad(f"{q['id']}: follows unknown id {q['follows']!r}")
                continue
            if q["category"] != "followup" or f["category"] != "followup":
                bad(f"{q['id']}: follow-up pairs must both be category followup")
            if f["split"] != q["split"]:
                bad(f"{q['id']}: split {q['split']} but {f['id']} is {f['split']}")
            if "follows" in f:
                bad(f"{q['id']}: follows {f['id']}, which itself follows another")
            if ids[f["id"]] > ids[q["id"]]:
                bad(f"{q['id']}: comes before the question it follows")
            if f["id"] in firsts:
                bad(f"{f['id']}: followed twice")
            firsts[f["id"]] = q["id"]
    for q in qs:
        if q["category"] == "followup" and "follows" not in q and q["id"] not in firsts:
            bad(f"{q['id']}: followup question in no pair")
    for qid in nm:
        if qid not in byid or byid[qid]["category"] != "near_miss":
            bad(f"near_miss_checks.json: {qid} is no near_miss question")

    # counts
    total = {"dev": 0, "test": 0}
    print(f"{'category':<12} {'dev':>4} {'test':>5} {'total':>6}  (min)")
    for cat, (_, mn) in CATEGORIES.items():
        c = {"dev": 0, "test": 0}
        for q in qs:
            if q["category"] == cat:
                c[q["split"]] += 1
        total["dev"] += c["dev"]
        total["test"] += c["test"]
        n = c["dev"] + c["test"]
        print(f"{cat:<12} {c['dev']:>4} {c['test']:>5} {n:>6}  ({mn})")
        if n < mn:
            bad(f"{cat}: {n} questions, want at least {mn}")
        if abs(c["dev"] - c["test"]) > 1:
            bad(f"{cat}: dev {c['dev']} / test {c['test']} is not halved")
    print(f"{'all':<12} {total['dev']:>4} {total['test']:>5} {len(qs):>6}  (260)")
    if len(qs) < 260:
        bad(f"{len(qs)} questions, want at least 260")
    bundled = {t for t, a in arts.items() if a["bundled"]}
    nb = sum(1 for q in qs if set(q["sources"]) & bundled)
    print(f"questions citing the bundled article: {nb}")
    un = sum(1 for q in qs if not q["answerable"])
    print(f"unanswerable: {un}; articles: {sum(1 for a in arts.values() if not a['bundled'])} (+{len(bundled)} bundled)")

    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
