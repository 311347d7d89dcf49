package storetest

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// changes returns the whole change feed of s, read in pages of two so that
// paging is exercised.
func changes(t testing.TB, s storage.Store) []storage.Change {
	t.Helper()
	var out []storage.Change
	after := int64(0)
	for {
		page, err := s.Changes(context.Background(), after, 2)
		if err != nil {
			t.Fatalf("Changes(%d, 2) error: %v", after, err)
		}
		if len(page) > 2 {
			t.Fatalf("Changes(%d, 2) returned %d changes; want at most 2", after, len(page))
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		after = page[len(page)-1].Seq
	}
}

// describe shows changes as "kind id scope" for messages.
func describe(cs []storage.Change) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%d %s %s %q", c.Seq, c.Kind, c.DocID, c.Scope))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func testFeedEmpty(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	if seq, err := s.LastChange(ctx); err != nil || seq != 0 {
		t.Errorf("LastChange() of an empty store = %d, %v; want 0, nil", seq, err)
	}
	if cs, err := s.Changes(ctx, 0, 10); err != nil || len(cs) != 0 {
		t.Errorf("Changes(0, 10) of an empty store = %s, %v; want none", describe(cs), err)
	}
}

// Every Add and Remove appends a change, in order, with increasing numbers;
// the feed pages from any number.
func testFeedRecordsAddAndRemove(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	a, ac, av := NewDocument(1, Article(t).Text)
	b, bc, bv := NewDocument(2, unicodeText)
	before := time.Now()
	add(t, s, a, ac, av)
	add(t, s, b, bc, bv)
	if _, err := s.Remove(ctx, a.ID, "user:7"); err != nil {
		t.Fatalf("Remove(%s) error: %v", a.ID, err)
	}
	add(t, s, a, ac, av) // added again after its removal
	after := time.Now()

	got := changes(t, s)
	want := []struct {
		kind storage.ChangeKind
		doc  corpus.Document
	}{{storage.ChangeAdd, a}, {storage.ChangeAdd, b}, {storage.ChangeRemove, a}, {storage.ChangeAdd, a}}
	if len(got) != len(want) {
		t.Fatalf("change feed = %s; want %d changes (add, add, remove, add)", describe(got), len(want))
	}
	for i, w := range want {
		c := got[i]
		if c.Kind != w.kind || c.DocID != w.doc.ID || c.Scope != w.doc.Scope {
			t.Errorf("change %d = %s; want %s %s %q", i, describe(got[i:i+1]), w.kind, w.doc.ID, w.doc.Scope)
		}
		if i > 0 && c.Seq <= got[i-1].Seq {
			t.Errorf("change %d has Seq %d after %d; want increasing numbers", i, c.Seq, got[i-1].Seq)
		}
		if c.Seq <= 0 {
			t.Errorf("change %d has Seq %d; want a positive number (0 means no change)", i, c.Seq)
		}
		if !inRange(c.At, before, after) {
			t.Errorf("change %d At = %v; want between %v and %v", i, c.At, before, after)
		}
	}
	if last, err := s.LastChange(ctx); err != nil || last != got[len(got)-1].Seq {
		t.Errorf("LastChange() = %d, %v; want %d", last, err, got[len(got)-1].Seq)
	}
	rest, err := s.Changes(ctx, got[1].Seq, 10)
	if err != nil || len(rest) != 2 || rest[0] != got[2] || rest[1] != got[3] {
		t.Errorf("Changes(%d, 10) = %s, %v; want the last two, %s", got[1].Seq, describe(rest), err, describe(got[2:]))
	}
	if none, err := s.Changes(ctx, got[3].Seq, 10); err != nil || len(none) != 0 {
		t.Errorf("Changes(last, 10) = %s, %v; want none", describe(none), err)
	}
}

// An Add or a Remove that fails records no change.
func testFeedFailedWritesRecordNothing(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	last, err := s.LastChange(ctx)
	if err != nil || last == 0 {
		t.Fatalf("LastChange() after an Add = %d, %v; want a change", last, err)
	}
	// The same document again (a duplicate), and one with a chunk that does
	// not match its text.
	if err := s.Add(ctx, doc, chunks, vectors); err == nil {
		t.Errorf("Add() of an existing document = nil; want an error")
	}
	bad, badChunks, badVectors := NewDocument(2, unicodeText)
	badChunks[0].Text = strings.ToUpper(badChunks[0].Text) + "!"
	if err := s.Add(ctx, bad, badChunks, badVectors); err == nil {
		t.Errorf("Add() with a chunk that does not match the text = nil; want an error")
	}
	if _, err := s.Remove(ctx, "dmissing", "user:7"); err == nil {
		t.Errorf("Remove(\"dmissing\") = nil; want an error")
	}
	if got, err := s.LastChange(ctx); err != nil || got != last {
		t.Errorf("LastChange() after failed writes = %d, %v; want %d (unchanged)", got, err, last)
	}
	if cs := changes(t, s); len(cs) != 1 {
		t.Errorf("change feed after failed writes = %s; want only the first add", describe(cs))
	}
}

// A follower that asks, again and again, for the changes after the last one
// it saw, while several writers add and remove, sees every change once.
func testFeedFollowerMissesNothing(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	const writers, each = 4, 6
	var wg sync.WaitGroup
	writeErrs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				n := w*each + i
				doc, chunks, vectors := NewDocument(n, fmt.Sprintf("Writer %d wrote document number %d of the feed test.", w, n))
				if err := s.Add(ctx, doc, chunks, vectors); err != nil {
					writeErrs <- fmt.Errorf("Add(%d): %w", n, err)
					continue
				}
				if i%2 == 1 {
					if _, err := s.Remove(ctx, doc.ID, "user:7"); err != nil {
						writeErrs <- fmt.Errorf("Remove(%d): %w", n, err)
					}
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	var seen []storage.Change
	last := int64(0)
	follow := func() {
		page, err := s.Changes(ctx, last, 3)
		if err != nil {
			t.Fatalf("Changes(%d, 3) while writing error: %v", last, err)
		}
		for _, c := range page {
			if c.Seq <= last {
				t.Fatalf("Changes(%d, 3) returned Seq %d; want only newer changes", last, c.Seq)
			}
			last = c.Seq
		}
		seen = append(seen, page...)
	}
	for following := true; following; {
		select {
		case <-done:
			following = false
		default:
			follow()
		}
	}
	for range 100 { // catch up after the writers
		n := len(seen)
		follow()
		if len(seen) == n {
			break
		}
	}
	close(writeErrs)
	for err := range writeErrs {
		t.Error(err)
	}
	all := changes(t, s)
	if want := writers * (each + each/2); len(all) != want {
		t.Errorf("change feed has %d changes; want %d (every add and remove)", len(all), want)
	}
	if describe(seen) != describe(all) {
		t.Errorf("the follower saw %d changes, the feed holds %d:\nseen %s\nfeed %s", len(seen), len(all), describe(seen), describe(all))
	}
}

// DocumentChunks gives one document's chunks with their vectors, as added.
func testDocumentChunks(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	a, ac, av := NewDocument(1, Article(t).Text)
	b, bc, bv := NewDocument(2, unicodeText)
	bare := textDoc(3, serverA, "A document stored without chunks.")
	add(t, s, a, ac, av)
	add(t, s, b, bc, bv)
	add(t, s, bare, nil, nil)
	got, err := s.DocumentChunks(ctx, a.ID)
	if err != nil {
		t.Fatalf("DocumentChunks(%s) error: %v", a.ID, err)
	}
	if len(got) != len(ac) {
		t.Fatalf("DocumentChunks(%s) = %d chunks; want %d", a.ID, len(got), len(ac))
	}
	for k, c := range got {
		if c.Chunk != ac[k] || c.Vector.Embedder != av[k].Embedder || !SameVector(c.Vector.Values, av[k].Values) {
			t.Errorf("DocumentChunks(%s)[%d] = %+v; want %+v with %v", a.ID, k, c, ac[k], av[k])
		}
	}
	if got, err := s.DocumentChunks(ctx, bare.ID); err != nil || len(got) != 0 {
		t.Errorf("DocumentChunks(%s) of a document without chunks = %d chunks, %v; want none, nil", bare.ID, len(got), err)
	}
	_, err = s.DocumentChunks(ctx, "dmissing")
	wantNotFound(t, `DocumentChunks("dmissing")`, err)
	if _, err := s.Remove(ctx, b.ID, "user:7"); err != nil {
		t.Fatalf("Remove(%s) error: %v", b.ID, err)
	}
	_, err = s.DocumentChunks(ctx, b.ID)
	wantNotFound(t, fmt.Sprintf("DocumentChunks(%s) after its removal", b.ID), err)
}
