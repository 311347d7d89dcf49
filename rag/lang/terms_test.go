package lang

import (
	"slices"
	"testing"
)

func TestEnglishTerms(t *testing.T) {
	for _, c := range []struct {
		lang, text     string
		want           []string // must all be among the terms
		known, content int
	}{
		{"es", "¿Quién firmó el acuerdo de salud entre Cuba y Azerbaiyán?",
			[]string{"sign", "agreement", "health", "cuba", "azerbaijan"}, 5, 5},
		{"pt", "Quantos médicos cubanos chegaram a Baku em 2020?",
			[]string{"doctor", "cuban", "arriv", "baku", "2020"}, 4, 5},
		{"es", "¿Cuándo visitó Aliyev La Habana?",
			[]string{"visit", "aliyev", "havana"}, 2, 3},
		{"pt", "A SOCAR assinou algo com Cuba?",
			[]string{"socar", "sign", "cuba"}, 3, 3},
		{"en", "Who signed the agreement?", []string{"sign", "agreement"}, 2, 2},
		{"es", "", nil, 0, 0},
	} {
		terms, known, content := EnglishTerms(c.lang, c.text)
		for _, w := range c.want {
			if !slices.Contains(terms, w) {
				t.Errorf("EnglishTerms(%q, %q) = %q; want it to hold %q", c.lang, c.text, terms, w)
			}
		}
		if known != c.known || content != c.content {
			t.Errorf("EnglishTerms(%q, %q): %d of %d words known; want %d of %d", c.lang, c.text, known, content, c.known, c.content)
		}
		seen := map[string]bool{}
		for _, w := range terms {
			if seen[w] {
				t.Errorf("EnglishTerms(%q, %q) = %q: %q twice", c.lang, c.text, terms, w)
			}
			seen[w] = true
		}
	}
}
