package rag

import (
	"context"
	"path/filepath"
	"testing"

	"cabot/config"
	"cabot/corpus"
	"cabot/corpus/sqlite"
)

// newTestLibrary opens a library over a fresh store in a temporary directory,
// holding docs.
func newTestLibrary(t testing.TB, docs ...corpus.Document) (*Library, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cabot.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	lib, err := Open(ctx, store, NewHashEmbedder(), Options{})
	if err != nil {
		t.Fatalf("open library: %v", err)
	}
	for _, d := range docs {
		if err := lib.Add(ctx, d); err != nil {
			t.Fatalf("add %s: %v", d.Title, err)
		}
	}
	return lib, store
}

func bundled(t testing.TB) []corpus.Document {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatalf("bundled: %v", err)
	}
	return docs
}

// defaultAnswerOptions are the answer settings of the default configuration.
func defaultAnswerOptions() AnswerOptions {
	a := config.Default().Answer
	return AnswerOptions{MinRelevance: a.MinRelevance, MaxSentences: a.MaxSentences, Passages: a.Passages}
}

// newTestService opens a service with the default settings over a fresh
// store holding the seed documents.
func newTestService(t testing.TB, seed ...corpus.Document) (*Service, *sqlite.Store) {
	t.Helper()
	return newTestServiceWith(t, defaultAnswerOptions(), seed...)
}

// newTestServiceWith is newTestService with other answer options.
func newTestServiceWith(t testing.TB, opt AnswerOptions, seed ...corpus.Document) (*Service, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cabot.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	svc, err := New(ctx, store, NewHashEmbedder(), Config{Answer: opt, MaxDocumentBytes: config.Default().Documents.MaxBytes, Seed: seed})
	if err != nil {
		t.Fatalf("open service: %v", err)
	}
	return svc, store
}

// stemSet returns the stems of a text in a language (with the English ones
// its words may mean), as a set: the answerer reads them as distinctStems.
func stemSet(text, language string) map[string]bool {
	m := map[string]bool{}
	for _, t := range distinctStems(text, language) {
		m[t] = true
	}
	return m
}
