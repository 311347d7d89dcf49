package rag

import (
	"context"
	"slices"
	"strings"
	"testing"

	"cabot/corpus"
)

// An acronym no document uses is read as the name whose initials it is:
// "NAM" is the Non-Aligned Movement, "UCMH" the Universidad de Ciencias
// Médicas de La Habana (small words left out), "VP" a Vice President.
func TestAcronymInitials(t *testing.T) {
	for _, c := range []struct{ text, acr, want string }{
		{"Cuba backs Azerbaijan's chairmanship of the Non-Aligned Movement, he said.", "NAM", "Non Aligned Movement"},
		{"La rectora de la Universidad de Ciencias Médicas de La Habana (UCMH) los recibió.", "UCMH", "Universidad de Ciencias Médicas de La Habana"},
		{"The delegation was led by Vice President Salvador Valdés Mesa.", "VP", "Vice President"},
		{"The delegation was led by Vice President Salvador Valdés Mesa.", "NAM", ""},
	} {
		var got []string
		for _, run := range capitalRuns(c.text) {
			for _, words := range initialsOf(run, c.acr) {
				got = append(got, strings.Join(words, " "))
			}
		}
		if want := []string{c.want}; c.want == "" && len(got) > 0 || c.want != "" && !slices.Equal(got, want) {
			t.Errorf("%s in %q: %q; want %q", c.acr, c.text, got, c.want)
		}
	}
}

// A question with an acronym the articles never use is answered from the
// sentence that names the thing in full.
func TestAcronymAnswers(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Cuban delegation in Baku", Language: "en",
			Text: "The Cuban delegation to the summit in Baku was led by Vice President Salvador Valdés Mesa, who met President Ilham Aliyev."},
		corpus.Document{Title: "Cuban doctors in Azerbaijan", Language: "en",
			Text: "Cuban doctors worked in hospitals in Baku and Ganja. The Cuban health minister visited them in Baku."},
		corpus.Document{Title: "Trade between Cuba and Azerbaijan", Language: "en",
			Text: "Trade between Cuba and Azerbaijan grew in 2022. The Cuban embassy in Baku promoted rum and cigars."})
	ans, err := lib.Ask(context.Background(), Question{Text: "Who was the Cuban VP at the summit?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.HasPrefix(ans.Text, "Salvador Valdés Mesa") {
		t.Errorf("answered %q (%v); want Salvador Valdés Mesa first", ans.Text, err)
	}
}

// "What does ASIC stand for?" is answered with the name the documents
// write before it in brackets, or whose initials spell it, cited, with the
// span on the name; an acronym no document explains gets the usual answer.
func TestWhatAnAcronymStandsFor(t *testing.T) {
	ctx := context.Background()
	text := "The solar park will be built by Azersolar Investment Company (ASIC), a Baku developer. ASIC will finance 70% of it."
	doc := corpus.Document{Title: "Solar park", Language: "en", Text: text}
	lib, _ := newTestLibrary(t, doc)
	for _, q := range []string{"what does ASIC stand for", "What is ASIC short for?", "¿Qué significa ASIC?"} {
		if got := askedAcronym(q); got != "ASIC" {
			t.Errorf("askedAcronym(%q) = %q; want ASIC", q, got)
		}
		ans, err := lib.Ask(ctx, Question{Text: q}, defaultAnswerOptions())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ans.Text, "Azersolar Investment Company.") || ans.Span == nil || len(ans.Sources) != 1 {
			t.Fatalf("%q: answered %q (span %+v); want Azersolar Investment Company, cited", q, ans.Text, ans.Span)
		}
		stored, _ := lib.Document(ans.Span.DocID)
		d, err := lib.store.Document(ctx, stored.ID)
		if err != nil || d.Text[ans.Span.Start:ans.Span.End] != "Azersolar Investment Company" {
			t.Errorf("%q: span %+v is not the name in the stored text", q, ans.Span)
		}
	}
	if got := askedAcronym("What does the plant produce?"); got != "" {
		t.Errorf("askedAcronym: %q; want none", got)
	}
}
