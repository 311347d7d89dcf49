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
