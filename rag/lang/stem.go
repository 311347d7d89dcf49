package lang

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// Stem returns the stem of one word in language lang ("en", "es", "pt"):
// lower-cased, stemmed, diacritics taken off, so the stem is the same
// whether or not the writer typed the accents ("cooperación" and
// "cooperacion" give "cooper"). For another lang it returns the word
// folded (Fold) and unstemmed.
//
// English is the snowball (Porter2) stemmer on the folded word, stop
// words left as they are: exactly what the rag index uses, so Stem("en",
// w) can be compared with the index's terms. Spanish is the snowball
// Spanish stemmer. Portuguese, which snowball lacks, is a light RSLP-like
// stemmer of this package (plural, feminine, adverb, diminutive and
// superlative, noun and verb suffixes, final vowel).
func Stem(lang, word string) string {
	word = strings.TrimSpace(word)
	switch lang {
	case "en":
		return english.Stem(Fold(word), false)
	case "es":
		return stemSpanish(word)
	case "pt":
		return stemPortuguese(Fold(word))
	}
	return Fold(word)
}

// stemSpanish runs the snowball stemmer on the word with the accents of
// its most common accented suffixes put back where the writer left them
// out (the stemmer's rules for -ción, -sión and -logía need them), then
// folds the result.
func stemSpanish(word string) string {
	w := strings.ToLower(compose(word))
	if !strings.ContainsFunc(w, func(r rune) bool { return r == 'á' || r == 'é' || r == 'í' || r == 'ó' || r == 'ú' }) {
		w = spanishAccents(w)
	}
	return Fold(spanish.Stem(w, true))
}

// spanishAccents restores the accent of a suffix that always carries one:
// -ción, -sión, -xión, -logía(s). Only for words written with no accent
// at all.
func spanishAccents(w string) string {
	for _, r := range [][2]string{
		{"cion", "ción"}, {"sion", "sión"}, {"xion", "xión"},
		{"logia", "logía"}, {"logias", "logías"},
	} {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+1 {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	return w
}
