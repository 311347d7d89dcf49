package storetest

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

const (
	serverA = "guild:A"
	serverB = "guild:B"
	// storyURL is the URL of a story stored in server A.
	storyURL = "https://www.example.org/news/story?id=7&lang=es"
)

// duplicateStore returns a store with a global article, a long text of
// server A, and a short story of server A with a URL.
func duplicateStore(t *testing.T, open opener) (s storage.Store, global, text, story corpus.Document) {
	t.Helper()
	s = open(t)
	global = Article(t)
	global.ID = corpus.ScopedID("", global.Text)
	global.Scope = ""
	global.AddedAt = date(2024, 3, 1)
	text = textDoc(2, serverA, longText("the vaccination campaign"))
	text.Title = "The vaccination campaign"
	story = textDoc(3, serverA, "A short report about story number seven.")
	story.Title = "Story seven"
	story.URL = storyURL
	for _, d := range []corpus.Document{global, text, story} {
		add(t, s, d, nil, nil)
	}
	return s, global, text, story
}

func testFindDuplicate(t *testing.T, open opener) {
	s, global, text, story := duplicateStore(t, open)
	upper := strings.ToUpper(strings.ReplaceAll(global.Text, " ", "  \n\t "))
	words := len(strings.Fields(global.Text))
	nearGlobal := changeWord(global.Text, words/2, "completely")
	nearText := changeWord(text.Text, 50, "seventeen")
	// Similar, but below the threshold: 8 words of 383 changed.
	similar := changeEvery(global.Text, 50, "changed")
	if j := corpus.Jaccard(corpus.Shingles(similar), corpus.Shingles(global.Text)); j < 0.75 || j >= corpus.NearDuplicateThreshold {
		t.Fatalf("Jaccard similarity of the similar text = %v; want in [0.75, %v) for the test", j, corpus.NearDuplicateThreshold)
	}
	const unrelated = "Completely different words about gardening: tomatoes and beans grow well in the spring sun."
	tests := []struct {
		name   string
		url    string
		scope  string
		text   string
		want   *corpus.Document // nil for no duplicate
		reason string
	}{
		{"same URL over http, tracking parameters, trailing slash, fragment", "http://example.org/news/story/?lang=es&utm_source=tw&utm_medium=social&fbclid=abc&id=7#comments",
			serverA, "Another text entirely.", &story, "same URL"},
		{"same URL with upper-case scheme and host, default port", "HTTPS://WWW.EXAMPLE.ORG:443/news/story?id=7&lang=es",
			serverA, "Another text entirely.", &story, "same URL"},
		{"other value of a parameter is another page", "https://www.example.org/news/story?id=8&lang=es",
			serverA, "Another text entirely.", nil, ""},
		{"other path is another page", "https://www.example.org/news/story-2?id=7&lang=es",
			serverA, "Another text entirely.", nil, ""},
		{"other host is another page", "https://example.com/news/story?id=7&lang=es",
			serverA, "Another text entirely.", nil, ""},
		{"global document's URL in a server", global.URL + "?utm_campaign=x",
			"guild:C", "Another text entirely.", &global, "same URL"},
		{"same text, other case and spaces", "", serverB, upper, &global, "same text"},
		{"same text of the global document, globally", "", "", global.Text, &global, "same text"},
		{"same text in the server", "", serverA, text.Text, &text, "same text"},
		{"near-duplicate of the global document", "", serverB, nearGlobal, &global, "near-duplicate"},
		{"near-duplicate in the server", "", serverA, nearText, &text, "near-duplicate"},
		{"similar text below the threshold", "", serverB, similar, nil, ""},
		{"unrelated text", "", serverA, unrelated, nil, ""},
		{"unrelated text with an unrelated URL", "https://example.net/garden", serverA, unrelated, nil, ""},
		// Another server's documents do not count.
		{"URL of another server's document", storyURL, serverB, "Another text entirely.", nil, ""},
		{"text of another server's document", "", serverB, text.Text, nil, ""},
		{"near-duplicate of another server's document", "", serverB, nearText, nil, ""},
		{"a server's URL globally", storyURL, "", "Another text entirely.", nil, ""},
		{"a server's text globally", "", "", text.Text, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := corpus.Document{ID: corpus.ScopedID(tt.scope, tt.text), Title: "New", URL: tt.url, Scope: tt.scope, Text: tt.text}
			call := fmt.Sprintf("FindDuplicate(%s in %q)", tt.name, tt.scope)
			checkDuplicate(t, s, call, doc, tt.want, tt.reason)
		})
	}
}

// A removed document is no duplicate any more.
func testFindDuplicateAfterRemove(t *testing.T, open opener) {
	ctx := context.Background()
	s, global, text, story := duplicateStore(t, open)
	for _, d := range []corpus.Document{text, story} {
		if _, err := s.Remove(ctx, d.ID, "user:7"); err != nil {
			t.Fatalf("Remove(%s) error: %v", d.ID, err)
		}
	}
	checkDuplicate(t, s, "FindDuplicate(the removed text)", corpus.Document{Scope: serverA, Text: text.Text}, nil, "")
	checkDuplicate(t, s, "FindDuplicate(a near-duplicate of the removed text)",
		corpus.Document{Scope: serverA, Text: changeWord(text.Text, 50, "seventeen")}, nil, "")
	checkDuplicate(t, s, "FindDuplicate(the removed URL)", corpus.Document{Scope: serverA, URL: storyURL, Text: "Other."}, nil, "")
	checkDuplicate(t, s, "FindDuplicate(the remaining text)", corpus.Document{Scope: serverA, Text: global.Text}, &global, "same text")
}

// checkDuplicate reports an error unless FindDuplicate(doc) finds want for
// reason (or nothing when want is nil).
func checkDuplicate(t *testing.T, s storage.Store, call string, doc corpus.Document, want *corpus.Document, reason string) {
	t.Helper()
	dup, err := s.FindDuplicate(context.Background(), doc)
	if err != nil {
		t.Fatalf("%s error: %v", call, err)
	}
	if want == nil {
		if dup != nil {
			t.Errorf("%s = %s (%s, %.3f); want nil", call, dup.Of.ID, dup.Reason, dup.Similarity)
		}
		return
	}
	if dup == nil {
		t.Fatalf("%s = nil; want %s (%s)", call, want.ID, reason)
	}
	if dup.Of.ID != want.ID || dup.Reason != reason {
		t.Errorf("%s = %s (%s); want %s (%s)", call, dup.Of.ID, dup.Reason, want.ID, reason)
	}
	if dup.Of.Title != want.Title || dup.Of.Scope != want.Scope {
		t.Errorf("%s.Of = {Title: %q, Scope: %q}; want {Title: %q, Scope: %q}", call, dup.Of.Title, dup.Of.Scope, want.Title, want.Scope)
	}
	if dup.Of.Text != "" {
		t.Errorf("%s.Of.Text = %s; want \"\" (metadata only)", call, abbrev(dup.Of.Text, ""))
	}
	switch reason {
	case "same text":
		if dup.Similarity != 1 {
			t.Errorf("%s.Similarity = %v; want 1", call, dup.Similarity)
		}
	case "near-duplicate":
		if dup.Similarity < corpus.NearDuplicateThreshold || dup.Similarity >= 1 {
			t.Errorf("%s.Similarity = %v; want in [%v, 1)", call, dup.Similarity, corpus.NearDuplicateThreshold)
		}
	}
}

// Add itself refuses a duplicate visible in the document's scope with a
// *corpus.DuplicateError, and stores nothing of it.
func testAddRefusesDuplicates(t *testing.T, open opener) {
	ctx := context.Background()
	s, global, text, story := duplicateStore(t, open)
	docs, chunks, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last, err := s.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nearText := changeWord(text.Text, 50, "seventeen")
	tests := []struct {
		name   string
		doc    corpus.Document
		want   corpus.Document
		reason string
	}{
		{"same URL", corpus.Document{Title: "New", URL: storyURL + "&utm_source=x", Scope: serverA, Text: "Another text entirely."}, story, "same URL"},
		{"same text", corpus.Document{Title: "New", Scope: serverB, Text: strings.ToUpper(global.Text)}, global, "same text"},
		{"near-duplicate", corpus.Document{Title: "New", Scope: serverA, Text: nearText}, text, "near-duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.doc.ID = corpus.ScopedID(tt.doc.Scope, tt.doc.Text)
			err := s.Add(ctx, tt.doc, nil, nil)
			var dup *corpus.DuplicateError
			if !errors.As(err, &dup) {
				t.Fatalf("Add(%s) error = %v; want a *corpus.DuplicateError", tt.name, err)
			}
			if dup.Of.ID != tt.want.ID || dup.Reason != tt.reason {
				t.Errorf("Add(%s) = duplicate of %s (%s); want of %s (%s)", tt.name, dup.Of.ID, dup.Reason, tt.want.ID, tt.reason)
			}
		})
	}
	CheckCounts(t, s, docs, chunks)
	if got, err := s.LastChange(ctx); err != nil || got != last {
		t.Errorf("LastChange() after refused Adds = %d, %v; want %d", got, err, last)
	}
	// Another server's document is no duplicate.
	other := corpus.Document{Title: "Elsewhere", Scope: serverB, Text: nearText}
	other.ID = corpus.ScopedID(other.Scope, other.Text)
	if err := s.Add(ctx, other, nil, nil); err != nil {
		t.Errorf("Add() in server B of a near-duplicate of server A's text error: %v; want it stored", err)
	}
}

// Concurrent Adds of one article and of near-duplicates of it: exactly one
// lands, every other gets a *corpus.DuplicateError.
func testConcurrentDuplicates(t *testing.T, open opener) {
	s := open(t)
	CheckConcurrentDuplicates(t, []storage.Store{s})
}

// CheckConcurrentDuplicates adds, from several goroutines spread over
// stores (handles on one store of record), the same document several
// times and near-duplicates of it, and reports an error unless exactly
// one of them lands and every other Add fails with a *corpus.DuplicateError.
func CheckConcurrentDuplicates(t *testing.T, stores []storage.Store) {
	t.Helper()
	ctx := context.Background()
	base := longText("the sugar harvest")
	var texts []string
	for i := range 4 {
		texts = append(texts, base) // the same article ingested twice at once
		texts = append(texts, changeWord(base, 20+40*i, "seventeen"))
	}
	errs := make([]error, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		wg.Go(func() {
			doc := textDoc(i, serverA, text)
			errs[i] = stores[i%len(stores)].Add(ctx, doc, nil, nil)
		})
	}
	wg.Wait()
	landed := 0
	for i, err := range errs {
		var dup *corpus.DuplicateError
		switch {
		case err == nil:
			landed++
		case !errors.As(err, &dup):
			t.Errorf("concurrent Add(%d) error = %v; want nil or a *corpus.DuplicateError", i, err)
		}
	}
	if landed != 1 {
		t.Errorf("%d of %d concurrent Adds of near-duplicates landed; want exactly 1", landed, len(texts))
	}
	CheckCounts(t, stores[0], 1, 0)
}
