package main

import (
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"path/filepath"
	"strings"
	"testing"
)

func TestFeedbackListsAnswersFoundNotHelpful(t *testing.T) {
	dir := t.TempDir()
	if out, _, code := cabot(t, nil, "", "--data-dir", dir, "feedback"); code != 0 || !strings.Contains(out, "No answer has been marked not helpful.") {
		t.Fatalf("feedback on a fresh data directory = %q, exit %d; want it to say there is none", out, code)
	}
	ctx := t.Context()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	const guild = "300000000000000001"
	sources := `[{"n":1,"title":"Cuban brigade ends its mission in Baku","outlet":"Trend","url":"https://example.org/brigade","quotes":["The brigade treated 77,000 patients."]}]`
	for _, a := range []storage.AnswerRecord{
		{ID: "a-good", Question: "How many patients?", Answer: "77,000 patients.", Grounded: true, Mode: "extractive", Sources: sources, Scope: guild},
		{ID: "a-bad", Question: "When did the second brigade arrive?", Answer: "77,000 patients.", Grounded: true, Mode: "extractive", Sources: sources, Scope: guild},
		{ID: "a-dm", Question: "Who is the ambassador now?", Answer: "That is not in the documents.", Mode: "extractive", Sources: "[]"},
	} {
		if err := store.SaveAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	vote := func(id, user string, helpful bool, reason string) {
		t.Helper()
		if err := store.SaveFeedback(ctx, id, user, helpful); err != nil {
			t.Fatal(err)
		}
		if reason != "" {
			if err := store.SaveFeedbackReason(ctx, id, user, reason); err != nil {
				t.Fatal(err)
			}
		}
	}
	vote("a-good", "u1", true, "")
	vote("a-bad", "u1", false, storage.ReasonDidNotAnswer)
	vote("a-bad", "u2", false, "")
	vote("a-bad", "u3", true, "")
	vote("a-dm", "u2", false, storage.ReasonNotInSources)
	store.Close()

	out, _, code := cabot(t, nil, "", "--data-dir", dir, "feedback")
	if code != 0 {
		t.Fatalf("feedback exit %d, output %q", code, out)
	}
	for _, want := range []string{
		"question: When did the second brigade arrive?", "2 not helpful, 1 helpful", "why:      did not answer ×1, no reason given ×1",
		"[1] Cuban brigade ends its mission in Baku — Trend, https://example.org/brigade",
		"question: Who is the ambassador now?", "why:      not in the sources ×1", "sources:  none", "2 answers",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("feedback output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "How many patients?") {
		t.Errorf("feedback lists an answer with only helpful votes:\n%s", out)
	}
	if first, second := strings.Index(out, "Who is the ambassador"), strings.Index(out, "second brigade"); first > second {
		t.Errorf("feedback lists the older vote first:\n%s", out)
	}

	// --json, and --guild keeps to one server's answers.
	out, _, code = cabot(t, nil, "", "--data-dir", dir, "feedback", "--json", "--guild", guild)
	var list []jsonUnhelpful
	if err := jsonUnmarshal(out, &list); code != 0 || err != nil {
		t.Fatalf("feedback --json: exit %d, %v: %q", code, err, out)
	}
	if len(list) != 1 || list[0].AnswerID != "a-bad" || list[0].Unhelpful != 2 || list[0].Reasons[storage.ReasonDidNotAnswer] != 1 ||
		len(list[0].Sources) != 1 || list[0].Sources[0].URL != "https://example.org/brigade" || list[0].LastVote == "" {
		t.Errorf("feedback --json --guild = %+v; want the one answer of that server with its votes, reason and source", list)
	}
	if _, errOut, code := cabot(t, nil, "", "--data-dir", dir, "feedback", "--limit", "0"); code != 2 || !strings.Contains(errOut, "--limit") {
		t.Errorf("feedback --limit 0: exit %d, %q; want a usage error naming --limit", code, errOut)
	}
}
