package rag

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
)

func mustParse(t *testing.T, raw string) corpus.Document {
	t.Helper()
	d, err := corpus.ParseArticle(raw)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return d
}

var sugarArticle = `# Sugar harvest
By A. Writer

Cuba's sugar harvest in Camagüey reached 350,000 tonnes in 2023, the ministry said.

Azerbaijani engineers will help repair three sugar mills next year.

https://example.org/sugar
Example News`

func TestAddIsAnswerableAtOnceAndSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "cabot.db")
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := mustParse(t, sugarArticle)
	if err := lib.Add(ctx, doc); err != nil {
		t.Fatal(err)
	}
	q := Question{Text: "How many tonnes of sugar did Cuba harvest?"}
	ans, err := lib.Ask(ctx, q, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Grounded || !strings.Contains(ans.Text, "350,000 tonnes") || ans.Sources[0].Doc.URL != "https://example.org/sugar" {
		t.Fatalf("Ask right after Add = %+v; want a grounded answer with 350,000 tonnes citing example.org", ans)
	}
	if err := lib.Add(ctx, doc); err == nil {
		t.Error("adding the same document twice succeeded; want an error")
	}
	store.Close()

	store2, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store2.Close()
	lib2, err := Open(ctx, store2, NewHashEmbedder(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ans2, err := lib2.Ask(ctx, q, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ans2.Text != ans.Text || ans2.Grounded != ans.Grounded {
		t.Errorf("after reopening, answer = %q; want %q", ans2.Text, ans.Text)
	}
	docs, chunks := lib2.Stats()
	if docs != 1 || chunks == 0 {
		t.Errorf("after reopening, Stats() = %d docs, %d chunks; want 1 doc and its chunks", docs, chunks)
	}
}

type otherEmbedder struct{ *HashEmbedder }

func (otherEmbedder) Name() string { return "other-model" }

func TestOpenRefusesVectorsOfAnotherEmbedder(t *testing.T) {
	ctx := context.Background()
	_, store := newTestLibrary(t, mustParse(t, sugarArticle))
	_, err := Open(ctx, store, otherEmbedder{NewHashEmbedder()}, Options{})
	if !errors.Is(err, ErrEmbedderMismatch) {
		t.Fatalf("Open with another embedder = %v; want ErrEmbedderMismatch", err)
	}
	if !strings.Contains(err.Error(), "builtin-hash") || !strings.Contains(err.Error(), "other-model") {
		t.Errorf("error %q should name both embedders", err)
	}
}

func TestEnsureDocumentsIsIdempotent(t *testing.T) {
	ctx := context.Background()
	lib, store := newTestLibrary(t)
	docs := bundled(t)
	n, err := lib.EnsureDocuments(ctx, docs)
	if err != nil || n != len(docs) {
		t.Fatalf("first EnsureDocuments = %d, %v; want %d, nil", n, err, len(docs))
	}
	d1, c1, _ := store.Counts(ctx)
	n, err = lib.EnsureDocuments(ctx, docs)
	if err != nil || n != 0 {
		t.Fatalf("second EnsureDocuments = %d, %v; want 0, nil", n, err)
	}
	d2, c2, _ := store.Counts(ctx)
	if d1 != d2 || c1 != c2 {
		t.Errorf("second run changed the store: %d/%d documents, %d/%d chunks", d1, d2, c1, c2)
	}
}

func TestAnswerCitesEachDocumentWithItsNumber(t *testing.T) {
	ctx := context.Background()
	mills := "# Engineers in Holguín\n\nAzerbaijani engineers arrived in Holguín to repair sugar mills in 2024.\n"
	lib, _ := newTestLibrary(t, append(bundled(t), mustParse(t, sugarArticle), mustParse(t, mills))...)
	ans, err := lib.Ask(ctx, Question{Text: "Which sugar mills will Azerbaijani engineers repair?"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) != 2 {
		t.Fatalf("sources = %+v; want the two sugar-mill documents", ans.Sources)
	}
	for i, s := range ans.Sources {
		if s.N != i+1 {
			t.Errorf("source %d is numbered %d", i, s.N)
		}
		for _, q := range s.Quotes {
			cited := fmt.Sprintf("%s [%d]", q.Text, s.N)
			if !strings.Contains(ans.Text, cited) {
				t.Errorf("answer %q does not cite %q with [%d]", ans.Text, q.Text, s.N)
			}
		}
	}
}

func TestAskDeclinesAndNamesNearestDocuments(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t, bundled(t)...)
	ans, err := lib.Ask(ctx, Question{Text: "What is the recipe for paella?"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ans.Grounded {
		t.Fatalf("paella question was answered: %q", ans.Text)
	}
	if !strings.Contains(ans.Text, "do not cover") || len(ans.Sources) == 0 ||
		!strings.Contains(ans.Text, ans.Sources[0].Doc.Title) {
		t.Errorf("decline = %q with %d sources; want it to say the documents do not cover it and name the nearest", ans.Text, len(ans.Sources))
	}
	if _, err := lib.Ask(ctx, Question{Text: "   "}, defaultAnswerOptions()); err == nil {
		t.Error("an empty question was accepted")
	}
}

func TestAskOnEmptyLibraryDeclines(t *testing.T) {
	lib, _ := newTestLibrary(t)
	ans, err := lib.Ask(context.Background(), Question{Text: "How many patients?"}, defaultAnswerOptions())
	if err != nil {
		t.Fatalf("Ask on an empty library: %v", err)
	}
	if ans.Grounded || len(ans.Sources) != 0 {
		t.Errorf("Ask on an empty library = %+v; want an ungrounded answer with no sources", ans)
	}
}

func TestFollowUpUsesThePreviousQuestion(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t, bundled(t)...)
	first := "How many patients did the Cuban health workers attend in Azerbaijan?"
	tests := []struct {
		followUp string
		history  []string
		want     string
		grounded bool
	}{
		{"and until when?", []string{first}, "July 2021", true},
		{"and how many?", []string{first}, "77,000", true},
		{"and how many?", nil, "", false},
		// A full question is not merged with the history.
		{"What is the recipe for paella?", []string{first}, "", false},
	}
	for _, tt := range tests {
		ans, err := lib.Ask(ctx, Question{Text: tt.followUp, History: tt.history}, defaultAnswerOptions())
		if err != nil {
			t.Fatal(err)
		}
		if ans.Grounded != tt.grounded || !strings.Contains(ans.Text, tt.want) {
			t.Errorf("Ask(%q, history %q) = %v %q; want grounded %v with %q", tt.followUp, tt.history, ans.Grounded, ans.Text, tt.grounded, tt.want)
		}
	}
}

func TestScopesKeepServersApart(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t, bundled(t)...)
	doc := mustParse(t, sugarArticle)
	doc.ID, doc.Scope = "", "guild-a"
	if err := lib.Add(ctx, doc); err != nil {
		t.Fatal(err)
	}
	q := "How many tonnes of sugar did Cuba harvest?"
	for _, tt := range []struct {
		scope    string
		grounded bool
	}{{"guild-a", true}, {"guild-b", false}, {"", false}} {
		ans, err := lib.Ask(ctx, Question{Text: q, Scope: tt.scope}, defaultAnswerOptions())
		if err != nil {
			t.Fatal(err)
		}
		if ans.Grounded != tt.grounded {
			t.Errorf("Ask in scope %q: grounded %v (%q); want %v", tt.scope, ans.Grounded, ans.Text, tt.grounded)
		}
		for _, s := range ans.Sources {
			if s.Doc.Scope != "" && s.Doc.Scope != tt.scope {
				t.Errorf("Ask in scope %q cites a document of %q", tt.scope, s.Doc.Scope)
			}
		}
	}
	// The bundled article is global: every server sees it.
	ans, _ := lib.Ask(ctx, Question{Text: "How many aid workers were in the second brigade?", Scope: "guild-b"}, defaultAnswerOptions())
	if !ans.Grounded {
		t.Errorf("a server does not see the global article: %q", ans.Text)
	}
	if n := len(lib.Documents("guild-b", false)); n != 1 {
		t.Errorf("guild-b sees %d documents; want 1 (the global one)", n)
	}
	if n := len(lib.Documents("guild-a", false)); n != 2 {
		t.Errorf("guild-a sees %d documents; want 2", n)
	}
	// The same text may be added in another server: it is that server's own.
	doc.ID, doc.Scope = "", "guild-b"
	if err := lib.Add(ctx, doc); err != nil {
		t.Errorf("adding the same text in another server: %v", err)
	}
}

func TestDuplicatesAreRefusedAndNothingIsAdded(t *testing.T) {
	ctx := context.Background()
	lib, store := newTestLibrary(t, bundled(t)...)
	orig := bundled(t)[0]
	tests := []struct {
		name   string
		change func(d *corpus.Document)
		reason string
	}{
		{"same text", func(d *corpus.Document) { d.URL = "" }, "same text"},
		{"same URL with tracking", func(d *corpus.Document) {
			d.URL = strings.Replace(orig.URL, "https://www.", "http://", 1) + "/?utm_source=x#top"
			d.Text = "Completely different text about sugar mills in Holguín and their repair."
		}, "same URL"},
		{"near duplicate", func(d *corpus.Document) {
			d.URL = "https://example.org/republished"
			d.Text = strings.Replace(orig.Text, "multiple medical and nursing procedures", "many medical and nursing procedures", 1)
		}, "near-duplicate"},
	}
	d1, c1, _ := store.Counts(ctx)
	for _, tt := range tests {
		d := orig
		d.ID = ""
		tt.change(&d)
		err := lib.Add(ctx, d)
		var dup *corpus.DuplicateError
		if !errors.As(err, &dup) || dup.Reason != tt.reason || dup.Of.ID != orig.ID {
			t.Errorf("%s: Add = %v; want a %s duplicate of %s", tt.name, err, tt.reason, orig.ID)
		}
	}
	if d2, c2, _ := store.Counts(ctx); d1 != d2 || c1 != c2 {
		t.Errorf("refused duplicates changed the store: %d/%d documents, %d/%d chunks", d1, d2, c1, c2)
	}
	// A different article is not a duplicate.
	p, err := lib.Preview(ctx, mustParse(t, sugarArticle))
	if err != nil || p.Duplicate != nil || p.Chunks == 0 {
		t.Errorf("Preview of a new article = %+v, %v; want chunks and no duplicate", p, err)
	}
}

func TestRemoveMakesADocumentUnanswerableAndStaysRemoved(t *testing.T) {
	ctx := context.Background()
	lib, store := newTestLibrary(t, bundled(t)...)
	id := bundled(t)[0].ID
	if _, err := lib.Remove(ctx, id, "cli:ann"); err != nil {
		t.Fatal(err)
	}
	ans, err := lib.Ask(ctx, Question{Text: "How many aid workers were in the second brigade?"}, defaultAnswerOptions())
	if err != nil || ans.Grounded || len(ans.Sources) != 0 {
		t.Errorf("after removal, answer = %+v, %v; want nothing found", ans, err)
	}
	if n, err := lib.EnsureDocuments(ctx, bundled(t)); err != nil || n != 0 {
		t.Errorf("EnsureDocuments after removal added %d (%v); a removed bundled article must not come back", n, err)
	}
	if _, err := lib.Remove(ctx, id, "cli:ann"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("removing twice = %v; want ErrNotFound", err)
	}
	log, err := store.Audit(ctx, "", true, 10)
	if err != nil || len(log) != 2 || log[0].Action != "remove" || log[0].Actor != "cli:ann" || log[1].Action != "add" {
		t.Errorf("audit log = %+v, %v; want remove by cli:ann after add", log, err)
	}
}

func TestReindexMakesTheStoreUsableWithAnotherEmbedder(t *testing.T) {
	ctx := context.Background()
	_, store := newTestLibrary(t, bundled(t)...)
	other := otherEmbedder{NewHashEmbedder()}
	if _, err := Open(ctx, store, other, Options{}); !errors.Is(err, ErrEmbedderMismatch) || !strings.Contains(err.Error(), "cabot reindex") {
		t.Fatalf("Open with another embedder = %v; want ErrEmbedderMismatch telling to run cabot reindex", err)
	}
	var calls []int
	if err := Reindex(ctx, store, other, 2, func(done, total int) { calls = append(calls, done) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1] == 0 {
		t.Errorf("progress calls = %v; want increasing counts ending at the number of chunks", calls)
	}
	lib, err := Open(ctx, store, other, Options{})
	if err != nil {
		t.Fatalf("Open after reindex: %v", err)
	}
	ans, err := lib.Ask(ctx, Question{Text: "How many aid workers were in the second brigade?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.Contains(ans.Text, "120") {
		t.Errorf("after reindex, answer = %q (%v)", ans.Text, err)
	}
}
