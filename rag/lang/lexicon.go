package lang

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// The bilingual lexicons, Spanish→English and Portuguese→English, written
// by hand for the news this bot reads. A line is
//
//	headword, headword… = english words…
//
// the headwords being words of the language that mean the same (variants,
// inflections that stem apart, synonyms), the right side English words as
// a news article would write them. "#" starts a comment. On loading, each
// headword is keyed by its stem (Stem), by the stem of its unaccented form
// and by the stems of its plural, so inflections and missing accents find
// it; each English word is stored as its English stem (Stem("en", w)), the
// form the rag index holds.
//
//go:embed es_en.txt
var esLexiconText string

//go:embed pt_en.txt
var ptLexiconText string

type lexicon struct {
	headwords int
	stems     map[string][]string // the language's stem → English stems
	english   map[string]bool     // the English stems on the right side
	surface   map[string]bool     // the headwords and their plurals, folded
	enSurface map[string]bool     // the English words and their plurals, folded
}

var (
	lexOnce sync.Once
	lexES   *lexicon
	lexPT   *lexicon
	lexErr  error
)

func lexicons() (es, pt *lexicon) {
	lexOnce.Do(func() {
		var err1, err2 error
		lexES, err1 = parseLexicon("es", esLexiconText)
		lexPT, err2 = parseLexicon("pt", ptLexiconText)
		if err1 != nil {
			lexErr = err1
		} else {
			lexErr = err2
		}
	})
	return lexES, lexPT
}

func lexiconFor(lang string) *lexicon {
	es, pt := lexicons()
	switch lang {
	case "es":
		return es
	case "pt":
		return pt
	}
	return nil
}

// parseLexicon reads a lexicon text. A malformed line is skipped and
// reported in the error (the tests require none); the rest still loads.
func parseLexicon(lang, text string) (*lexicon, error) {
	lx := &lexicon{stems: map[string][]string{}, english: map[string]bool{},
		surface: map[string]bool{}, enSurface: map[string]bool{}}
	seen := map[string]bool{}
	var bad []string
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		left, right, ok := strings.Cut(line, "=")
		var heads, eng []string
		for _, h := range strings.Split(left, ",") {
			if h = strings.TrimSpace(h); h != "" {
				heads = append(heads, h)
			}
		}
		for _, e := range strings.FieldsFunc(right, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
			eng = append(eng, Stem("en", e))
			lx.english[Stem("en", e)] = true
			lx.enSurface[Fold(e)] = true
			lx.enSurface[Fold(e)+"s"] = true
		}
		if !ok || len(heads) == 0 || len(eng) == 0 {
			bad = append(bad, fmt.Sprintf("line %d: %q", n+1, line))
			continue
		}
		for _, h := range heads {
			if strings.ContainsAny(h, " \t-") {
				// Text is split into words at spaces and hyphens: such a
				// headword would never be looked up.
				bad = append(bad, fmt.Sprintf("line %d: headword %q is not one word", n+1, h))
				continue
			}
			if !seen[h] {
				seen[h] = true
				lx.headwords++
			}
			lx.surface[Fold(h)] = true
			lx.surface[Fold(plural(lang, h))] = true
			for _, form := range []string{h, plural(lang, h)} {
				for _, k := range []string{Stem(lang, form), Stem(lang, Fold(form))} {
					lx.stems[k] = appendNew(lx.stems[k], eng...)
				}
			}
		}
	}
	if len(bad) > 0 {
		return lx, fmt.Errorf("%s lexicon: %d bad lines: %s", lang, len(bad), strings.Join(bad, "; "))
	}
	return lx, nil
}

// plural is the regular plural of a Spanish or Portuguese noun or
// adjective, good enough to key the lexicon by (a verb gets a harmless
// extra form).
func plural(lang, w string) string {
	f := Fold(w)
	if f == "" || strings.HasSuffix(f, "s") || strings.HasSuffix(f, "x") {
		return w
	}
	last := f[len(f)-1]
	switch lang {
	case "pt":
		switch {
		case strings.HasSuffix(f, "ao"):
			return f[:len(f)-2] + "oes"
		case last == 'm':
			return f[:len(f)-1] + "ns"
		case strings.HasSuffix(f, "al"), strings.HasSuffix(f, "ol"), strings.HasSuffix(f, "ul"):
			return f[:len(f)-1] + "is"
		case strings.HasSuffix(f, "el"):
			return f[:len(f)-2] + "eis"
		case last == 'r' || last == 'z':
			return f + "es"
		}
	case "es":
		switch {
		case last == 'z':
			return f[:len(f)-1] + "ces"
		case strings.ContainsRune("aeiou", rune(last)):
		default:
			return f + "es"
		}
	}
	return f + "s"
}

func appendNew(list []string, add ...string) []string {
next:
	for _, a := range add {
		for _, x := range list {
			if x == a {
				continue next
			}
		}
		list = append(list, a)
	}
	return list
}

// ToEnglish returns the English stems (as Stem("en", …) gives them, the
// terms of the rag index) that a word of lang may mean: from the lexicon
// when it has the word (any inflection, with or without accents), else
// from cognate rules ("cooperación" → "cooperation", "vacinação" →
// "vaccination", "epidemiológico" → "epidemiologic"), else nil. For "en"
// it returns the word's own stem. Pass the word as written, not a stem.
//
// Names, acronyms and numbers are not in the lexicon and are the same in
// every language: match them as they are (Stem("en", word)) too.
func ToEnglish(lang, word string) []string {
	if lang == "en" {
		if s := Stem("en", word); s != "" {
			return []string{s}
		}
		return nil
	}
	if v := lookup(lang, word); v != nil {
		return append([]string(nil), v...)
	}
	return cognates(lang, word)
}

// Known reports whether the lexicon of lang has word (any inflection).
func Known(lang, word string) bool {
	return lookup(lang, word) != nil
}

func lookup(lang, word string) []string {
	lx := lexiconFor(lang)
	if lx == nil || strings.TrimSpace(word) == "" {
		return nil
	}
	if v, ok := lx.stems[Stem(lang, word)]; ok {
		return v
	}
	if lang == "es" {
		// Typed without its accent, a word may stem apart from the accented
		// one ("atendio", "atendió"): try it with the accent put back where
		// Spanish most often writes one.
		for _, w := range spanishAccented(Fold(word)) {
			if v, ok := lx.stems[Stem(lang, w)]; ok {
				return v
			}
		}
	}
	return nil
}

// spanishAccented returns the word with an accent on the last syllable's
// vowel, for the endings where Spanish writes one (-ió, -ó, -á, -í, -án,
// -ón, -ía, -ías, -ían, -és).
func spanishAccented(w string) []string {
	var out []string
	for _, r := range [][2]string{
		{"io", "ió"}, {"o", "ó"}, {"a", "á"}, {"e", "é"}, {"i", "í"}, {"an", "án"}, {"on", "ón"},
		{"en", "én"}, {"in", "ín"}, {"ia", "ía"}, {"ias", "ías"}, {"ian", "ían"}, {"es", "és"},
		{"as", "ás"}, {"ais", "áis"}, {"eis", "éis"},
	} {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			out = append(out, w[:len(w)-len(r[0])]+r[1])
		}
	}
	return out
}

// cognateRules turn the suffix of a folded Spanish or Portuguese word into
// its English counterpart; cognateMorphemes turn a Greek spelling (tecno →
// techno, farma → pharma). Both are read from cognates.txt.
var (
	cognatePairs     = must(parsePairs(cognatesText))
	cognateRules     = map[string][][2]string{"es": cognatePairs["es"], "pt": cognatePairs["pt"]}
	cognateMorphemes = cognatePairs["morphemes"]
)

// cognates guesses the English word for a Spanish or Portuguese word of six
// letters or more from its suffix, and returns its English stems; nil when
// no rule fits.
func cognates(lang, word string) []string {
	rules := cognateRules[lang]
	w := Fold(strings.TrimSpace(word))
	if len(w) < 6 || !isLetters(w) {
		return nil
	}
	for _, r := range rules {
		if !strings.HasSuffix(w, r[0]) || len(w)-len(r[0]) < 3 {
			continue
		}
		g := w[:len(w)-len(r[0])] + r[1]
		out := []string{Stem("en", g)}
		for _, m := range cognateMorphemes {
			g = strings.Replace(g, m[0], m[1], 1)
		}
		return appendNew(out, Stem("en", g))
	}
	return nil
}
