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
var irregularForms = must(parseIrregular(irregularText))

func parseIrregular(text string) (map[string][]string, error) {
	out := map[string][]string{}
	err := dataLines(text, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 {
			return fmt.Errorf("%q: want a base form and at least one other form", line)
		}
		var stems []string
		for _, w := range f {
			s := Stem("en", w)
			if slices.Contains(stems, s) {
				return fmt.Errorf("%q: %q stems as another of its forms; leave it out", line, w)
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
