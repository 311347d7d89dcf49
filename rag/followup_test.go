package rag

import (
	"context"
	"strings"
	"testing"
	"time"

	"cabot/corpus"
)

// News name a person in full once and by the surname after: a question
// with the full name is answered from a sentence with the surname alone,
// and a follow-up's "he" stands for the person the question before was
// answered with.
func TestSurnamesAndPronouns(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t, corpus.Document{
		Title: "Azerbaijan's Mammadli wins Capablanca Memorial in Havana", Language: "en", Outlet: "CNA",
		Published: time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC),
		Text: "HAVANA, May 20 (CNA) — Azerbaijani grandmaster Tarlan Mammadli won the elite group of the Capablanca Memorial chess tournament in Havana on Sunday.\n\n" +
			"Mammadli, 24, finished the six-player double round robin with 6.5 points from 10 games.\n\n" +
			"The tournament has been held in Cuba since 1962.",
	})
	opt := defaultAnswerOptions()
	for _, q := range []Question{
		{Text: "How old is Tarlan Mammadli?"},
		{Text: "how old is he", History: []string{"Who won the Capablanca Memorial in 2024?"}},
	} {
		ans, err := lib.Ask(ctx, q, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Grounded || ans.Span == nil || ans.Span.Text != "24" || !strings.HasPrefix(ans.Text, "24.") {
			t.Errorf("%q (after %q): %q; want 24 first", q.Text, q.History, ans.Text)
		}
	}
}
