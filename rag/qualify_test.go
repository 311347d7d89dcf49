package rag

import "testing"

func TestMisqualified(t *testing.T) {
	l, _ := newTestLibrary(t)
	for _, c := range []struct {
		question, sentence string
		want               bool
	}{
		// Another country's office.
		{"What's the name of Azerbaijan's foreign minister?", "Cuban Foreign Minister Bruno Rodríguez arrived on Monday.", true},
		{"Who was Cuba's ambassador to Azerbaijan in 2024?", "Azerbaijan's ambassador to Cuba, Kamran Safarli, attended.", true},
		{"Who was Cuba's ambassador to Azerbaijan in 2024?", "The ambassador of Azerbaijan attended.", true},
		// The same country, or none named: no clash.
		{"What's the name of Azerbaijan's foreign minister?", "Azerbaijani Foreign Minister Jeyhun Bayramov received him.", false},
		{"Who was Cuba's ambassador to Azerbaijan in 2024?", "The ambassador, Julio Benítez, spoke at the opening.", false},
		// One of several mentions fits: no clash.
		{"Who was Cuba's ambassador to Azerbaijan in 2024?", "Azerbaijan's ambassador to Cuba met Cuba's ambassador to Azerbaijan.", false},
		// A deputy is not the office asked for, unless the question asks for the deputy.
		{"Who is the president of BioCubaFarma?", "BioCubaFarma vice president Eduardo Martínez laid the stone.", true},
		{"Who is the vice president of BioCubaFarma?", "BioCubaFarma vice president Eduardo Martínez laid the stone.", false},
		{"Who is Azerbaijan's foreign minister?", "He met Azerbaijan's Deputy Foreign Minister Ramin Sadigov.", true},
		// A name after a deputy's title is not the title.
		{"who received ramin sadigov at biocubafarma", "Deputy Minister Ramin Sadigov was received by the president.", false},
	} {
		if got := misqualified(c.sentence, l.queryTerms(c.question)); got != c.want {
			t.Errorf("misqualified(%q) for %q = %v; want %v", c.sentence, c.question, got, c.want)
		}
	}
}
