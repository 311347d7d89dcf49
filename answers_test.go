package main

import (
	"strings"
	"testing"

	"cabot/corpus/sqlite"
)

// On a fresh data directory (the bundled article only): the answer comes
// first with its span in the stored text, a broad question gets a cited
// overview, a question about something the article lacks is declined, and
// a Spanish question is answered from the English article.
func TestAnswersOnAFreshDataDirectory(t *testing.T) {
	dir := t.TempDir()
	ans := askJSON(t, dir, "Who was Teymur Musayev's Cuban counterpart?")
	if !ans.Grounded || !strings.HasPrefix(ans.Answer, "José Ángel Portal Miranda") || ans.AnswerSpan == nil ||
		ans.AnswerSpan.Text != "José Ángel Portal Miranda" {
		t.Fatalf("counterpart: %+v; want José Ángel Portal Miranda first, with its span", ans)
	}
	// The source broke this sentence in two: "... the Minister of Health
	// of Azerbaijan. Teymur Musayev, to his Cuban counterpart, ...".
	for q, want := range map[string]string{
		"Who is the Azerbaijani Minister of Health?":                       "Teymur Musayev.",
		"Who is the Cuban counterpart of the Azerbaijani health minister?": "José Ángel Portal Miranda.",
	} {
		if got := askJSON(t, dir, q); !got.Grounded || !strings.HasPrefix(got.Answer, want) {
			t.Errorf("%s: %q; want it to begin %q", q, got.Answer, want)
		}
	}
	store, err := sqlite.Open(t.Context(), dir+"/cabot.db")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := store.Document(t.Context(), ans.AnswerSpan.DocID)
	store.Close()
	if err != nil || doc.Text[ans.AnswerSpan.Start:ans.AnswerSpan.End] != ans.AnswerSpan.Text {
		t.Errorf("answer_span %+v does not point into the stored text (%v)", ans.AnswerSpan, err)
	}

	overview := askJSON(t, dir, "What do Cuba and Azerbaijan cooperate on?")
	if !overview.Grounded || len(overview.Sources) == 0 || !strings.Contains(overview.Answer, "[1]") || !strings.Contains(strings.ToLower(overview.Answer), "health") {
		t.Errorf("broad question: %+v; want a cited overview", overview)
	}

	// Asked in Spanish, the overview is headed in Spanish.
	if es := askJSON(t, dir, "¿En qué cooperan Cuba y Azerbaiyán?"); !es.Grounded || !strings.HasPrefix(es.Answer, "Los documentos tratan de la cooperación en salud") ||
		!strings.Contains(es.Answer, "[1]") {
		t.Errorf("broad question in Spanish: %q; want a cited overview headed in Spanish", es.Answer)
	}

	if baku := askJSON(t, dir, "How many people live in Baku?"); baku.Grounded {
		t.Errorf("population of Baku answered: %q; want a decline", baku.Answer)
	}

	es := askJSON(t, dir, "¿Cuántos pacientes atendieron los médicos cubanos en Azerbaiyán?")
	if !es.Grounded || !strings.Contains(es.Answer, "77,000") || len(es.Sources) == 0 || !strings.Contains(es.Answer, "[1]") {
		t.Errorf("Spanish question: %+v; want 77,000 with the citation", es)
	}
}
