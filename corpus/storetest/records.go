package storetest

import (
	"bytes"
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// auditLine is what a user reads of an audit entry, without its time.
type auditLine struct{ Action, DocID, Title, Scope, Actor string }

func (l auditLine) String() string {
	return fmt.Sprintf("%s %s %q in %q by %s", l.Action, l.DocID, l.Title, l.Scope, l.Actor)
}

func addLine(d corpus.Document) auditLine {
	return auditLine{"add", d.ID, d.Title, d.Scope, d.AddedBy}
}

func testAudit(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	a1 := textDoc(1, serverA, "First document of server A.")
	b1 := textDoc(2, serverB, "First document of server B.")
	g1 := textDoc(3, "", "A global document.")
	a2 := textDoc(4, serverA, "Second document of server A.")
	start := time.Now()
	for _, d := range []corpus.Document{a1, b1, g1, a2} {
		add(t, s, d, nil, nil)
	}
	if _, err := s.Remove(ctx, a1.ID, "user:9"); err != nil {
		t.Fatalf("Remove(%s) error: %v", a1.ID, err)
	}
	end := time.Now()
	removeA1 := auditLine{"remove", a1.ID, a1.Title, a1.Scope, "user:9"}
	everything := []auditLine{removeA1, addLine(a2), addLine(g1), addLine(b1), addLine(a1)}

	tests := []struct {
		scope string
		all   bool
		limit int
		want  []auditLine
	}{
		{serverA, false, 50, []auditLine{removeA1, addLine(a2), addLine(a1)}},
		{serverB, false, 50, []auditLine{addLine(b1)}},
		{"", false, 50, []auditLine{addLine(g1)}},
		{"guild:none", false, 50, nil},
		{serverB, true, 50, everything},
		{"", true, 50, everything},
		{"", true, 2, everything[:2]},
		{serverA, false, 1, []auditLine{removeA1}},
		{serverA, false, 2, []auditLine{removeA1, addLine(a2)}},
	}
	for _, tt := range tests {
		call := fmt.Sprintf("Audit(%q, all %v, limit %d)", tt.scope, tt.all, tt.limit)
		entries, err := s.Audit(ctx, tt.scope, tt.all, tt.limit)
		if err != nil {
			t.Errorf("%s error: %v", call, err)
			continue
		}
		var got []auditLine
		for k, e := range entries {
			got = append(got, auditLine{e.Action, e.DocID, e.Title, e.Scope, e.Actor})
			if !inRange(e.At, start, end) {
				t.Errorf("%s[%d].At = %v; want the time of the action, between %v and %v", call, k, e.At, start, end)
			}
			if k > 0 && e.At.After(entries[k-1].At) {
				t.Errorf("%s[%d].At = %v after %v; want newest first", call, k, e.At, entries[k-1].At)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v; want %v", call, got, tt.want)
		}
	}
}

func testAnswers(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	full := storage.AnswerRecord{
		ID:        "a1",
		Question:  "¿Qué dijo el ministro sobre la cooperación? 🤔",
		Answer:    "Dijo que «la cooperación» continúa [1].\nSegunda línea.",
		Grounded:  true,
		Mode:      "extractive",
		Sources:   `[{"n":1,"title":"Título “uno”","quotes":["una cita"]}]`,
		Scope:     serverA,
		CreatedAt: time.Date(2024, 3, 1, 10, 20, 30, 123456789, time.FixedZone("UTC+2", 2*3600)),
	}
	// What a DM or the CLI saves: no scope, not grounded, no time set.
	bare := storage.AnswerRecord{ID: "a2", Question: "Hola", Answer: "No lo sé.", Mode: "none", Sources: "[]"}
	if err := s.SaveAnswer(ctx, full); err != nil {
		t.Fatalf("SaveAnswer(%s) error: %v", full.ID, err)
	}
	before := time.Now()
	if err := s.SaveAnswer(ctx, bare); err != nil {
		t.Fatalf("SaveAnswer(%s) error: %v", bare.ID, err)
	}
	after := time.Now()

	for _, want := range []storage.AnswerRecord{full, bare} {
		got, err := s.Answer(ctx, want.ID)
		if err != nil {
			t.Errorf("Answer(%q) error: %v", want.ID, err)
			continue
		}
		gotAt, wantAt := got.CreatedAt, want.CreatedAt
		got.CreatedAt, want.CreatedAt = time.Time{}, time.Time{}
		if got != want {
			t.Errorf("Answer(%q) = %+v; want %+v", want.ID, got, want)
		}
		if wantAt.IsZero() {
			if !inRange(gotAt, before, after) {
				t.Errorf("Answer(%q).CreatedAt = %v; want the time of SaveAnswer, between %v and %v", want.ID, gotAt, before, after)
			}
		} else if !gotAt.Equal(wantAt) {
			t.Errorf("Answer(%q).CreatedAt = %v; want %v (to the nanosecond)", want.ID, gotAt, wantAt)
		}
	}
	_, err := s.Answer(ctx, "amissing")
	wantNotFound(t, `Answer("amissing")`, err)
}

func testFeedback(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	for _, id := range []string{"a1", "a2"} {
		if err := s.SaveAnswer(ctx, storage.AnswerRecord{ID: id, Question: "q", Answer: "a", Mode: "extractive", Sources: "[]"}); err != nil {
			t.Fatalf("SaveAnswer(%s) error: %v", id, err)
		}
	}
	const alice, bob = "user-id-alice-725308491", "user-id-bob-186402957"
	counts := func(step, id string, wantHelpful, wantUnhelpful int) {
		t.Helper()
		h, u, err := s.FeedbackCounts(ctx, id)
		if err != nil || h != wantHelpful || u != wantUnhelpful {
			t.Errorf("after %s: FeedbackCounts(%q) = %d, %d, %v; want %d, %d, nil", step, id, h, u, err, wantHelpful, wantUnhelpful)
		}
	}
	vote := func(id, user string, helpful bool) {
		t.Helper()
		if err := s.SaveFeedback(ctx, id, user, helpful); err != nil {
			t.Fatalf("SaveFeedback(%q, %q, %v) error: %v", id, user, helpful, err)
		}
	}
	counts("no vote", "a1", 0, 0)
	vote("a1", alice, true)
	counts("alice's helpful vote", "a1", 1, 0)
	vote("a1", alice, true)
	counts("alice's same vote again", "a1", 1, 0)
	vote("a1", alice, false)
	counts("alice changing her vote", "a1", 0, 1)
	vote("a1", bob, true)
	counts("bob's helpful vote", "a1", 1, 1)
	vote("a1", alice, true)
	counts("alice changing her vote back", "a1", 2, 0)
	// Votes count per answer: the other answer has none, then its own.
	counts("votes on another answer", "a2", 0, 0)
	vote("a2", alice, false)
	counts("alice's vote on a2", "a2", 0, 1)
	counts("alice's vote on a2", "a1", 2, 0)

	// A reason goes with a "not helpful" vote only, and a new vote clears it.
	wantNotFound(t, "SaveFeedbackReason on a helpful vote", s.SaveFeedbackReason(ctx, "a1", alice, storage.ReasonWrong))
	wantNotFound(t, "SaveFeedbackReason without a vote", s.SaveFeedbackReason(ctx, "a2", bob, storage.ReasonWrong))
	if err := s.SaveFeedbackReason(ctx, "a2", alice, "because"); err == nil {
		t.Errorf("SaveFeedbackReason with an unknown reason = nil; want an error")
	}
	reason := func(id, user, r string) {
		t.Helper()
		if err := s.SaveFeedbackReason(ctx, id, user, r); err != nil {
			t.Fatalf("SaveFeedbackReason(%q, %q, %q) error: %v", id, user, r, err)
		}
	}
	reason("a2", alice, storage.ReasonWrong)
	reason("a2", alice, storage.ReasonOutdated) // replaces the first
	vote("a2", bob, false)
	reason("a2", bob, storage.ReasonOutdated)
	if err := s.SaveAnswer(ctx, storage.AnswerRecord{ID: "a3", Question: "q3", Answer: "a", Mode: "extractive", Sources: "[]", Scope: "guild-9"}); err != nil {
		t.Fatalf("SaveAnswer(a3) error: %v", err)
	}
	time.Sleep(2 * time.Millisecond) // the newest vote is listed first
	vote("a3", bob, false)
	reason("a3", bob, storage.ReasonNotInSources)
	all, err := s.Unhelpful(ctx, "", true, 0)
	if err != nil {
		t.Fatalf("Unhelpful(all) error: %v", err)
	}
	var got []string
	for _, u := range all {
		got = append(got, fmt.Sprintf("%s %d/%d %v", u.ID, u.Helpful, u.Unhelpful, u.Reasons))
	}
	want := []string{"a3 0/1 map[not_in_sources:1]", "a2 0/2 map[outdated:2]"}
	if !slices.Equal(got, want) {
		t.Errorf("Unhelpful(all) = %q; want %q (a1 has only helpful votes)", got, want)
	}
	if len(all) > 0 && (all[0].Question != "q3" || all[0].Scope != "guild-9" || all[0].LastVote.IsZero()) {
		t.Errorf("Unhelpful(all)[0] = %+v; want a3's question, scope and the vote's time", all[0])
	}
	if scoped, err := s.Unhelpful(ctx, "guild-9", false, 0); err != nil || len(scoped) != 1 || scoped[0].ID != "a3" {
		t.Errorf("Unhelpful(guild-9) = %+v, %v; want only a3", scoped, err)
	}
	vote("a2", alice, false) // voting again clears her reason
	if again, err := s.Unhelpful(ctx, "", true, 0); err != nil || len(again) != 2 || again[0].ID != "a2" || again[0].Reasons[storage.ReasonOutdated] != 1 {
		t.Errorf("Unhelpful(all) after alice's new vote = %+v, %v; want a2 first with one reason left", again, err)
	}

	// The user IDs are not kept as they are: not even a backup has them.
	path := filepath.Join(t.TempDir(), "feedback-backup")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatalf("Backup() error: %v", err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the backup: %v", err)
	}
	for _, user := range []string{alice, bob} {
		if bytes.Contains(raw, []byte(user)) {
			t.Errorf("the backup after SaveFeedback(%q) holds the user ID; want only a keyed hash of it", user)
		}
	}
}
