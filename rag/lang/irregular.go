package lang

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed en_irregular.txt
var irregularText string

// irregularForms maps the English stem of each form of an irregular verb
// or noun ("fought", "fight"; "women") to the stems of its other forms.
var irregularForms = must(parseGroups(irregularText))

// parseGroups reads lines of English words that stand for each other (the
// forms of a verb, words of one meaning) into a map from each word's stem
// to the stems of the others of its lines. A line needs two words of
// different stems at least; a word that stems as another of its line is an
// error, to keep the files free of forms that add nothing.
func parseGroups(text string) (map[string][]string, error) {
	out := map[string][]string{}
	err := dataLines(text, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 {
			return fmt.Errorf("%q: want at least two words", line)
		}
		var stems []string
		for _, w := range f {
			s := Stem("en", w)
			if slices.Contains(stems, s) {
				return fmt.Errorf("%q: %q stems as another word of the line; leave it out", line, w)
			}
			stems = append(stems, s)
		}
		for _, s := range stems {
			for _, o := range stems {
				if o != s && !slices.Contains(out[s], o) {
					out[s] = append(out[s], o)
				}
			}
		}
		return nil
	})
	return out, err
}

// IrregularForms returns the English stems of the other forms of the
// irregular verb or noun one of whose forms has stem s ("laid": "lay";
// "fight": "fought"; "woman": "women"), nil when s is none.
func IrregularForms(s string) []string { return irregularForms[s] }
