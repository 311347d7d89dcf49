package lang

import "testing"

func TestIsStopword(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		want       bool
	}{
		{"en", "the", true}, {"en", "who", true}, {"en", "The", true}, {"en", "vaccine", false},
		{"es", "de", true}, {"es", "la", true}, {"es", "cuántos", true}, {"es", "cuantos", true},
		{"es", "él", true}, {"es", "estado", false}, {"es", "estados", false}, {"es", "médicos", false},
		{"es", "firmó", false}, {"es", "Háblame", true},
		{"pt", "do", true}, {"pt", "da", true}, {"pt", "não", true}, {"pt", "nao", true},
		{"pt", "quantos", true}, {"pt", "é", true}, {"pt", "vacina", false}, {"pt", "assinou", false},
		{"pt", "estado", false},
		// As English "after", "before", "during": no word to match.
		{"es", "después", true}, {"es", "antes", true}, {"pt", "depois", true}, {"pt", "durante", true},
		{"fr", "le", false}, {"", "the", false},
	} {
		if got := IsStopword(c.lang, c.word); got != c.want {
			t.Errorf("IsStopword(%q, %q) = %v; want %v", c.lang, c.word, got, c.want)
		}
	}
}
