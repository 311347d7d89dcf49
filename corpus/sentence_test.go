package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// sentenceTexts returns the text of each span, checking that every span is
// an exact, trimmed, in-order slice of text.
func sentenceTexts(t *testing.T, text string, spans []Span) []string {
	t.Helper()
	var out []string
	prevEnd := 0
	for k, s := range spans {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("Sentences(%q)[%d] = %v; want a non-empty span after %d within [0,%d]", text, k, s, prevEnd, len(text))
		}
		got := text[s.Start:s.End]
		if trimmed := strings.TrimFunc(got, unicode.IsSpace); got != trimmed {
			t.Errorf("Sentences(%q)[%d] = %q; want it trimmed: %q", text, k, got, trimmed)
		}
		out = append(out, got)
		prevEnd = s.End
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"white space", " \n\n\t ", nil},
		{"one sentence", "Cuba sent doctors.", []string{"Cuba sent doctors."}},
		{"no final period", "Cuba sent doctors", []string{"Cuba sent doctors"}},
		{"two sentences", "Cuba sent doctors. They stayed a year.", []string{"Cuba sent doctors.", "They stayed a year."}},
		{"surrounding white space", "  Cuba sent doctors.   They stayed.  ", []string{"Cuba sent doctors.", "They stayed."}},
		{"abbreviation", "Dr. Smith arrived. He met Mr. Jones.", []string{"Dr. Smith arrived.", "He met Mr. Jones."}},
		{"abbreviation in brackets", "The group (Dr. Smith and others) arrived.", []string{"The group (Dr. Smith and others) arrived."}},
		{"number abbreviation", "Resolution No. 5 passed. It was late.", []string{"Resolution No. 5 passed.", "It was late."}},
		{"dotted abbreviation", "Aid came from the U.S. Army and others.", []string{"Aid came from the U.S. Army and others."}},
		{"initials", "J. K. Rowling wrote. Fans read.", []string{"J. K. Rowling wrote.", "Fans read."}},
		{"thousands separator", "They saw 77,000 patients. Then they left.", []string{"They saw 77,000 patients.", "Then they left."}},
		{"decimal number", "Growth was 3.5 percent. Prices rose.", []string{"Growth was 3.5 percent.", "Prices rose."}},
		{"sentence starting with a digit", "They came in 2020. 120 more came later.", []string{"They came in 2020.", "120 more came later."}},
		{"lower case after a period", "See fig. three for details. Then stop.", []string{"See fig. three for details.", "Then stop."}},
		{"no space after the period", "Visit example.com. Then Baku.Azerbaijan", []string{"Visit example.com.", "Then Baku.Azerbaijan"}},
		{"closing quote", `He said "Stop." Then he left.`, []string{`He said "Stop."`, "Then he left."}},
		{"curly quotes", "He said “Stop.” “Why?” she asked.", []string{"He said “Stop.”", "“Why?” she asked."}},
		{"closing bracket", "(See the annex.) Then go on.", []string{"(See the annex.)", "Then go on."}},
		{"question and exclamation", "Really? Yes! Fine.", []string{"Really?", "Yes!", "Fine."}},
		{"repeated terminators", "What?! Never... It cannot be.", []string{"What?!", "Never...", "It cannot be."}},
		{"ellipsis rune", "Wait… Then go.", []string{"Wait…", "Then go."}},
		{"spanish", "¿Qué pasó? ¡Nadie sabe! Él llegó. Ñandú corrió.", []string{"¿Qué pasó?", "¡Nadie sabe!", "Él llegó.", "Ñandú corrió."}},
		{"paragraph break without period", "A heading\n\nThe body starts here", []string{"A heading", "The body starts here"}},
		{"paragraph break after abbreviation", "He met Dr.\n\nSmith was there.", []string{"He met Dr.", "Smith was there."}},
		{"paragraph break before lower case", "It ended here\n\n \n\nand this is new.", []string{"It ended here", "and this is new."}},
		{"hard-wrapped lines", "First sentence\nstill first. Second\nsentence.", []string{"First sentence\nstill first.", "Second\nsentence."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(t, tt.text, Sentences(tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSentencesBundledArticle(t *testing.T) {
	doc := bundledArticle(t)
	got := sentenceTexts(t, doc.Text, Sentences(doc.Text))
	if len(got) != 12 {
		t.Errorf("Sentences(bundled article) gave %d sentences; want 12:\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, want := range []string{
		"An interest reiterated by the Minister of Health of Azerbaijan.",
		"Teymur Musayev, to his Cuban counterpart, José Ángel Portal Miranda, who was also part of the archipelago's delegation.",
		"Cuba and Azerbaijan maintain friendly ties and close cooperation in international organizations.",
		"In addition, they seek to share experiences, opportunities and resources for the welfare of both peoples.",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("Sentences(bundled article) does not contain %q", want)
		}
	}
	for _, s := range got {
		if strings.Contains(s, "\n") {
			t.Errorf("Sentences(bundled article) has a sentence across paragraphs: %q", s)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"\n \n\t\n", nil},
		{"One.", []string{"One."}},
		{"  One\ntwo.  \n\n\n Three. \n", []string{"One\ntwo.", "Three."}},
		{"A\r\n\r\nB", []string{"A", "B"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Paragraphs(tt.text) {
			got = append(got, tt.text[p.Start:p.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Paragraphs(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

// Regression tests for bugs found while writing these tests.
func TestSentencesRegressions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// "no" is in the abbreviation list (for "No. 5"), so the common
		// word "no" never ends a sentence, in English or in Spanish.
		{"english word no", "The answer was no. The minister left.", []string{"The answer was no.", "The minister left."}},
		{"spanish word no", "Dijo que no. El ministro se fue.", []string{"Dijo que no.", "El ministro se fue."}},
		// "mar" (March) is the Spanish word for sea.
		{"spanish word mar", "Llegaron por mar. El barco era grande.", []string{"Llegaron por mar.", "El barco era grande."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(t, tt.text, Sentences(tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}
