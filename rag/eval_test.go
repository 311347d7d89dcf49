package rag

import (
	"context"
	"testing"
	"time"

	"cabot/corpus"
)

// A metadata question is answered from the document's metadata: its
// retrieval counts when a passage of the expected document comes back, and
// its citation is right when the cited document carries the fact, though
// no quoted text does.
func TestEvaluateMetadataQuestions(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t,
		corpus.Document{Title: "Sumgait plant produces first interferon", Language: "en", Author: "Gunel Abbasova",
			Outlet: "Azeri Daily Herald", Published: time.Date(2024, 9, 12, 0, 0, 0, 0, time.UTC),
			Text: "The biotechnology plant in Sumgait produced its first batch of interferon this week, the plant's director said."},
		corpus.Document{Title: "Mugam fills the Gran Teatro in Havana", Language: "en", Author: "Ana Torres",
			Outlet: "Portal Cultural Habanero", Published: time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC),
			Text: "Azerbaijani mugam singers performed before a full house at the Gran Teatro of Havana on Saturday."},
	)
	rep, err := svc.Evaluate(ctx, []GoldenCase{
		{Question: "Who wrote the story on the Sumgait interferon plant?", Answerable: true,
			Facts: []string{"Gunel Abbasova"}, Sources: []string{"Sumgait plant produces first interferon"}},
		{Question: "When was the mugam story published?", Answerable: true,
			Facts: []string{"2023-05-02 | 2 May 2023"}, Sources: []string{"Mugam fills the Gran Teatro in Havana"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Correct || r.Rank != 1 || !r.CitedRight {
			t.Errorf("%q: correct %v, rank %d, cited right %v; want a correct answer, rank 1, cited right (answer %q)",
				r.Case.Question, r.Correct, r.Rank, r.CitedRight, r.Answer.Text)
		}
	}
}
