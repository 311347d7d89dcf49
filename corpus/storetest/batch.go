package storetest

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// AddBatch stores each document as Add would, in order: the new ones are
// stored with their chunks, audit entries and changes; a duplicate of a
// stored document, or of one before it in the same batch, and a document
// whose chunks do not match its text are refused and leave nothing behind.
func testAddBatch(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	first, firstChunks, firstVectors := NewDocument(1, longText("harbour"))
	add(t, s, first, firstChunks, firstVectors)
	before, err := s.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entry := func(n int, text string) storage.NewDocument {
		d, c, v := NewDocument(n, text)
		return storage.NewDocument{Doc: d, Chunks: c, Vectors: v}
	}
	second, third, fourth := entry(2, longText("railway")), entry(3, longText("orchestra")), entry(4, longText("vaccine"))
	storedAgain := entry(5, first.Text) // same text as a stored document...
	storedAgain.Doc.Scope = first.Scope // ...in its scope
	inBatch := entry(6, strings.ToUpper(second.Doc.Text))
	inBatch.Doc.Scope = second.Doc.Scope // same text as the second, in its scope
	mismatched := entry(7, longText("glacier"))
	mismatched.Chunks[0].Text = strings.ToUpper(mismatched.Chunks[0].Text)
	batch := []storage.NewDocument{second, storedAgain, third, inBatch, mismatched, fourth}

	results, err := s.AddBatch(ctx, batch)
	if err != nil {
		t.Fatalf("AddBatch() error: %v", err)
	}
	if len(results) != len(batch) {
		t.Fatalf("AddBatch() returned %d results for %d documents", len(results), len(batch))
	}
	for _, k := range []int{0, 2, 5} {
		if results[k] != nil {
			t.Errorf("AddBatch() result %d (%s) = %v; want it stored", k, batch[k].Doc.ID, results[k])
		}
	}
	for k, of := range map[int]string{1: first.ID, 3: second.Doc.ID} {
		var dup *corpus.DuplicateError
		if !errors.As(results[k], &dup) || dup.Of.ID != of || dup.Reason != "same text" {
			t.Errorf("AddBatch() result %d = %v; want a *corpus.DuplicateError of %s (same text)", k, results[k], of)
		}
	}
	var dup *corpus.DuplicateError
	if results[4] == nil || errors.As(results[4], &dup) {
		t.Errorf("AddBatch() result 4 (chunks that do not match the text) = %v; want it refused", results[4])
	}

	stored := []storage.NewDocument{{Doc: first, Chunks: firstChunks, Vectors: firstVectors}, second, third, fourth}
	chunks := 0
	for _, d := range stored {
		chunks += len(d.Chunks)
		got, err := s.Document(ctx, d.Doc.ID)
		if err != nil {
			t.Fatalf("Document(%s) after AddBatch() error: %v", d.Doc.ID, err)
		}
		checkDocument(t, "Document("+d.Doc.ID+")", got, d.Doc)
		gotChunks, err := s.DocumentChunks(ctx, d.Doc.ID)
		if err != nil || len(gotChunks) != len(d.Chunks) {
			t.Fatalf("DocumentChunks(%s) = %d chunks, %v; want %d", d.Doc.ID, len(gotChunks), err, len(d.Chunks))
		}
		for k, c := range gotChunks {
			if c.Chunk != d.Chunks[k] || !SameVector(c.Vector.Values, d.Vectors[k].Values) {
				t.Errorf("DocumentChunks(%s)[%d] = %+v; want the chunk and vector added", d.Doc.ID, k, c)
			}
		}
	}
	CheckCounts(t, s, len(stored), chunks)
	// (The duplicates have the IDs of the documents they duplicate: the
	// counts and the stored documents' fields show that they were refused.)
	if has, err := s.Has(ctx, mismatched.Doc.ID); err != nil || has {
		t.Errorf("Has(%s) of a refused document = %v, %v; want false", mismatched.Doc.ID, has, err)
	}
	var added []string
	for _, c := range changes(t, s) {
		if c.Seq > before {
			added = append(added, string(c.Kind)+" "+c.DocID)
		}
	}
	if want := []string{"add " + second.Doc.ID, "add " + third.Doc.ID, "add " + fourth.Doc.ID}; !slices.Equal(added, want) {
		t.Errorf("changes after AddBatch() = %v; want %v", added, want)
	}
	entries, err := s.Audit(ctx, "", true, 10)
	if err != nil || len(entries) != len(stored) {
		t.Errorf("Audit(all) after AddBatch() = %d entries, %v; want %d adds", len(entries), err, len(stored))
	}
}

// An AddBatch whose transaction fails (a document with two chunks of one
// ID) stores none of its documents and records no change.
func testAddBatchFails(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d1, c1, v1 := NewDocument(1, longText("harbour"))
	d2, c2, v2 := NewDocument(2, longText("railway"))
	c2[1].ID = c2[0].ID
	results, err := s.AddBatch(ctx, []storage.NewDocument{{Doc: d1, Chunks: c1, Vectors: v1}, {Doc: d2, Chunks: c2, Vectors: v2}})
	if err == nil {
		t.Fatalf("AddBatch() with two chunks of one ID = %v, nil; want an error", results)
	}
	CheckCounts(t, s, 0, 0)
	if last, err := s.LastChange(ctx); err != nil || last != 0 {
		t.Errorf("LastChange() after a failed AddBatch() = %d, %v; want 0", last, err)
	}
	if results, err := s.AddBatch(ctx, nil); err != nil || len(results) != 0 {
		t.Errorf("AddBatch(nil) = %v, %v; want no results and no error", results, err)
	}
}
