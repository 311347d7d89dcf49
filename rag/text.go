package rag

import (
	"bytes"
	"cabot/rag/lang"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// stopwords are left out of lexical matching: they carry no topic.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be
	because been before being below between both but by can could did do does doing down during each
	few for from further had has have having he her here hers herself him himself his how i if in into
	is it its itself just me more most my myself no nor not now of off on once only or other our ours
	ourselves out over own same she should so some such than that the their theirs them themselves then
	there these they this those through to too under up very was we were what when where which
	while who whom why will with would you your yours yourself yourselves also tell please know s t
	name named called kind kinds type types sort besides happen happened anything something thing things
	el la los las y de del que en con para por un una unos unas al es son se su sus lo como
	o os as do da dos das no na nos nas em um uma umas uns com pelo pela pelos pelas ao aos foi
	qual quais cual cuales fue fueron era eram ser sido esta este estos estas esse essa isso esto
	u r ur ya pls plz behalf`) {
		m[w] = true
	}
	return m
}()

// token is one word of a text: its stem (for matching) and where it is.
type token struct {
	Stem  string
	Lower string // lower-cased, accents removed, before stemming
	Stop  bool
}

// tokenize splits text into words: letters and digits, lower-cased, accents
// removed, stemmed (English). Numbers keep their digits only, so "77,000"
// and "77000" match. Stop words are marked, not dropped.
func tokenize(text string) []token { return tokenizeWith(text, nil) }

// tokenizeWith is tokenize with the stems taken from local, a cache of one
// goroutine's own, which records no words; nil means the shared stems, and
// remembering the word each content stem was first seen with
// (rememberWord).
func tokenizeWith(text string, local *localStems) []token {
	text = foldAccents(text)
	out := make([]token, 0, len(text)/6) // about one word in six bytes
	var b []byte                         // the word being read, lower-cased
	flush := func() {
		if len(b) == 0 {
			return
		}
		w := string(b)
		b = b[:0]
		t := token{Lower: w, Stop: stopwords[w]}
		if isNumber(w) {
			t.Stem = w
		} else if local != nil {
			t.Stem = local.stem(w)
		} else {
			t.Stem = stem(w)
			if !t.Stop {
				rememberWord(t.Stem, w)
			}
		}
		out = append(out, t)
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case (r == ',' || r == '.') && len(b) > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) && isNumber(string(b)):
			// thousands separator or decimal point inside a number: keep going
		case r == '\'' || r == '’':
			// "country's" -> "country": drop the possessive; "they're",
			// "we've", "don't" -> "they", "we", "do": drop the contraction.
			end := i + 1
			for end < len(rs) && unicode.IsLetter(rs[end]) {
				end++
			}
			switch suffix := strings.ToLower(string(rs[i+1 : end])); {
			case suffix == "s" || suffix == "re" || suffix == "ve" || suffix == "ll" || suffix == "d" || suffix == "m":
			case suffix == "t" && bytes.HasSuffix(b, []byte("n")):
				b = b[:len(b)-1]
			default:
				continue // "O'Brien": one word
			}
			flush()
			for k := i + 1; k < end; k++ {
				rs[k] = ' '
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// stems caches english.Stem: the same words recur in every text, and
// stemming is most of the cost of indexing. The cache stops growing at
// maxStems entries (rare words are then stemmed each time).
var stems stringCache

const maxStems = 500_000

func stem(w string) string {
	if st, ok := stems.get(w); ok {
		return st
	}
	st := english.Stem(w, false)
	stems.add(w, st)
	return st
}

// stringCache is a map of strings safe for concurrent use, read far more
// often than written, that stops growing at maxStems entries; the first
// value stored under a key stays. Unlike a sync.Map it boxes nothing, so a
// look-up allocates nothing.
type stringCache struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *stringCache) get(k string) (string, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// add stores v under k, unless k has a value or the cache is full.
func (c *stringCache) add(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok || len(c.m) >= maxStems {
		return
	}
	if c.m == nil {
		c.m = map[string]string{}
	}
	c.m[k] = v
}

// localStems is a stem cache of one goroutine's own, so that texts can be
// tokenised on every core without contending for the shared cache. Unlike
// tokenizing with the shared stems, it records no words: analyse lists
// them with each chunk's terms.
type localStems struct {
	stems map[string]string // word -> stem
}

func newLocalStems() *localStems {
	return &localStems{stems: map[string]string{}}
}

// stem returns the stem of w.
func (l *localStems) stem(w string) string {
	if st, ok := l.stems[w]; ok {
		return st
	}
	st := english.Stem(w, false)
	if len(l.stems) < maxStems {
		l.stems[w] = st
	}
	return st
}

// concepts returns the content words of a text in a language, each as the
// stems that may stand for it: its own, and for Spanish and Portuguese the
// stems of the English words it may mean, so that a question and a
// document in two languages meet.
func concepts(text, language string) [][]string { return conceptsOf(tokenize(text), language) }

// conceptsOf is concepts of a text's tokens.
func conceptsOf(tokens []token, language string) [][]string {
	var out [][]string
	for _, t := range tokens {
		if t.Stop || language != "" && language != "en" && lang.IsStopword(language, t.Lower) {
			continue
		}
		c := []string{t.Stem}
		if (language == "es" || language == "pt") && !isNumber(t.Stem) {
			for _, en := range lang.ToEnglish(language, t.Lower) {
				if en != t.Stem {
					c = append(c, en)
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// termsIn returns every stem of concepts(text, language), in order.
func termsIn(text, language string) []string {
	var out []string
	for _, c := range concepts(text, language) {
		out = append(out, c...)
	}
	return out
}

// terms returns the stems of the content words of text (no stop words).
func terms(text string) []string {
	var out []string
	for _, t := range tokenize(text) {
		if !t.Stop {
			out = append(out, t.Stem)
		}
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

func foldAccents(s string) string {
	if lang.IsASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// words keeps, for each stem, the first word seen with it, so that word
// vectors (which know words, not stems) can compare stems.
var words stringCache

func rememberWord(stem, w string) {
	if _, ok := words.get(stem); !ok {
		words.add(stem, w)
	}
}

// wordOf returns a word whose stem is stem (the stem itself when none was
// seen).
func wordOf(stem string) string {
	if w, ok := words.get(stem); ok {
		return w
	}
	return stem
}
