package storetest

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// unicodeText is a short text beyond ASCII: accents, combining marks, CJK,
// right-to-left script and characters outside the Basic Multilingual Plane.
const unicodeText = "Una sola frase corta: año, café, e\u0301, 漢字, עברית, 🎉 y 𝄞."

func testEmpty(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	CheckCounts(t, s, 0, 0)
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 0 {
		t.Errorf("Documents() of an empty store = %v, %v; want none, nil", ids(docs), err)
	}
	if docs, err := s.DocumentInfos(ctx); err != nil || len(docs) != 0 {
		t.Errorf("DocumentInfos() of an empty store = %v, %v; want none, nil", ids(docs), err)
	}
	if got := AllChunks(t, s); len(got) != 0 {
		t.Errorf("Chunks() of an empty store gave %d chunks; want none", len(got))
	}
	if has, err := s.Has(ctx, "dmissing"); err != nil || has {
		t.Errorf("Has(\"dmissing\") = %v, %v; want false, nil", has, err)
	}
	if removed, err := s.WasRemoved(ctx, "dmissing"); err != nil || removed {
		t.Errorf("WasRemoved(\"dmissing\") = %v, %v; want false, nil", removed, err)
	}
	if entries, err := s.Audit(ctx, "", true, 10); err != nil || len(entries) != 0 {
		t.Errorf("Audit(all) of an empty store = %v, %v; want none, nil", entries, err)
	}
	doc := Article(t)
	if dup, err := s.FindDuplicate(ctx, doc); err != nil || dup != nil {
		t.Errorf("FindDuplicate() in an empty store = %+v, %v; want nil, nil", dup, err)
	}
}

func testRoundTrip(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d1, c1, v1 := NewDocument(1, Article(t).Text)
	d2, c2, v2 := NewDocument(2, unicodeText)
	d2.Published = time.Time{} // unknown date
	d2.Scope = ""              // global
	d2.Title = "Ünïcödé ✓ 漢字 🎉"
	// A document with only the fields a store needs, and no chunks.
	d3 := corpus.Document{ID: "dminimal", Text: "Minimal.", AddedAt: time.Date(2024, 3, 1, 10, 20, 3, 999999999, time.UTC)}
	if len(c1) < 2 {
		t.Fatalf("test document has %d chunks; want several", len(c1))
	}
	add(t, s, d1, c1, v1)
	add(t, s, d2, c2, v2)
	add(t, s, d3, nil, nil)

	for _, tt := range []struct {
		id   string
		want bool
	}{{d1.ID, true}, {d2.ID, true}, {d3.ID, true}, {"dmissing", false}} {
		if got, err := s.Has(ctx, tt.id); err != nil || got != tt.want {
			t.Errorf("Has(%q) = %v, %v; want %v, nil", tt.id, got, err, tt.want)
		}
	}
	for _, want := range []corpus.Document{d1, d2, d3} {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Fatalf("Document(%q) error: %v", want.ID, err)
		}
		checkDocument(t, fmt.Sprintf("Document(%q)", want.ID), got, want)
	}
	_, err := s.Document(ctx, "dmissing")
	wantNotFound(t, `Document("dmissing")`, err)

	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatalf("Documents() error: %v", err)
	}
	if want := ids([]corpus.Document{d1, d2, d3}); !slices.Equal(ids(docs), want) {
		t.Fatalf("Documents() = %v; want the three documents, oldest first: %v", ids(docs), want)
	}
	for k, want := range []corpus.Document{d1, d2, d3} {
		checkDocument(t, fmt.Sprintf("Documents()[%d]", k), docs[k], want)
	}
	infos, err := s.DocumentInfos(ctx)
	if err != nil {
		t.Fatalf("DocumentInfos() error: %v", err)
	}
	if !slices.Equal(ids(infos), ids(docs)) {
		t.Fatalf("DocumentInfos() = %v; want the documents in Documents' order: %v", ids(infos), ids(docs))
	}
	for k, want := range []corpus.Document{d1, d2, d3} {
		want.Text = ""
		checkDocument(t, fmt.Sprintf("DocumentInfos()[%d]", k), infos[k], want)
	}
	CheckCounts(t, s, 3, len(c1)+len(c2))

	// Chunks come in document and position order, each with its vector.
	want := map[string][]corpus.Chunk{d1.ID: c1, d2.ID: c2}
	wantVec := map[string][]storage.Vector{d1.ID: v1, d2.ID: v2}
	got := AllChunks(t, s)
	if len(got) != len(c1)+len(c2) {
		t.Fatalf("Chunks() gave %d chunks; want %d", len(got), len(c1)+len(c2))
	}
	for k, c := range got {
		if k > 0 && c.DocID == got[k-1].DocID && c.Position != got[k-1].Position+1 {
			t.Errorf("Chunks()[%d] = position %d after position %d; want position order", k, c.Position, got[k-1].Position)
		}
		if c.Position < 0 || c.Position >= len(want[c.DocID]) {
			t.Fatalf("Chunks()[%d] = %+v; want a chunk of %s or %s", k, c.Chunk, d1.ID, d2.ID)
		}
		if w := want[c.DocID][c.Position]; c.Chunk != w {
			t.Errorf("Chunks()[%d] = %+v; want %+v", k, c.Chunk, w)
		}
		wv := wantVec[c.DocID][c.Position]
		if c.Vector.Embedder != wv.Embedder || !SameVector(c.Vector.Values, wv.Values) {
			t.Errorf("Chunks()[%d].Vector = %v; want %v", k, c.Vector, wv)
		}
	}
	checkNotInterleaved(t, got)
}

// checkNotInterleaved reports an error if the chunks of one document do not
// come one after the other.
func checkNotInterleaved(t *testing.T, got []storage.IndexedChunk) {
	t.Helper()
	seen := map[string]bool{}
	for k, c := range got {
		if k > 0 && c.DocID != got[k-1].DocID && seen[c.DocID] {
			t.Errorf("Chunks() interleaves documents: %s again at %d", c.DocID, k)
		}
		seen[c.DocID] = true
	}
}

// Chunks gives positions in order even when Add got them in another order.
func testChunksOrder(t *testing.T, open opener) {
	s := open(t)
	article := Article(t).Text
	d1, c1, v1 := NewDocument(1, article)
	d2, c2, v2 := NewDocument(2, strings.ReplaceAll(article, "Cuba", "Cuban Republic"))
	d3, c3, v3 := NewDocument(3, longText("vaccines"))
	// Vectors told apart by position: the first value is the position.
	for _, v := range [][]storage.Vector{v1, v2, v3} {
		for i := range v {
			v[i].Values = []float32{float32(i), float32(len(v))}
		}
	}
	// d2's chunks are handed over last first, d3's shuffled.
	r2, rv2 := slices.Clone(c2), slices.Clone(v2)
	slices.Reverse(r2)
	slices.Reverse(rv2)
	if len(c3) < 3 {
		t.Fatalf("test document has %d chunks; want at least 3", len(c3))
	}
	s3, sv3 := slices.Clone(c3), slices.Clone(v3)
	s3[0], s3[2], sv3[0], sv3[2] = s3[2], s3[0], sv3[2], sv3[0]
	add(t, s, d2, r2, rv2)
	add(t, s, d1, c1, v1)
	add(t, s, d3, s3, sv3)

	got := AllChunks(t, s)
	if len(got) != len(c1)+len(c2)+len(c3) {
		t.Fatalf("Chunks() gave %d chunks; want %d", len(got), len(c1)+len(c2)+len(c3))
	}
	want := map[string][]corpus.Chunk{d1.ID: c1, d2.ID: c2, d3.ID: c3}
	wantVec := map[string][]storage.Vector{d1.ID: v1, d2.ID: v2, d3.ID: v3}
	next := map[string]int{}
	for k, c := range got {
		if c.Position != next[c.DocID] {
			t.Errorf("Chunks()[%d] = position %d of %s; want position %d (position order)", k, c.Position, c.DocID, next[c.DocID])
		}
		next[c.DocID] = c.Position + 1
		if c.Position < 0 || c.Position >= len(want[c.DocID]) {
			t.Fatalf("Chunks()[%d] = %+v; want a chunk of the added documents", k, c.Chunk)
		}
		if w := want[c.DocID][c.Position]; c.Chunk != w {
			t.Errorf("Chunks()[%d] = %+v; want %+v", k, c.Chunk, w)
		}
		if wv := wantVec[c.DocID][c.Position]; !SameVector(c.Vector.Values, wv.Values) {
			t.Errorf("Chunks()[%d].Vector.Values = %v; want %v (the vector added with that chunk)", k, c.Vector.Values, wv.Values)
		}
	}
	checkNotInterleaved(t, got)
}

func testChunksStopsAtError(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	if len(chunks) < 4 {
		t.Fatalf("test document has %d chunks; want at least 4", len(chunks))
	}
	stop := errors.New("stop")
	calls := 0
	err := s.Chunks(ctx, func(storage.IndexedChunk) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Chunks(fn failing) = %v after %d calls; want fn's error after 1 call", err, calls)
	}
	calls = 0
	err = s.Chunks(ctx, func(storage.IndexedChunk) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("Chunks(fn failing at the third chunk) = %v after %d calls; want fn's error after 3 calls", err, calls)
	}
	calls = 0
	err = s.EncodedChunks(ctx, func(storage.IndexedChunk, []byte) error {
		if calls++; calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("EncodedChunks(fn failing at the second chunk) = %v after %d calls; want fn's error after 2 calls", err, calls)
	}
	// The store is still usable after an interrupted Chunks.
	d2, c2, v2 := NewDocument(2, "Another document, after Chunks stopped.")
	if err := s.Add(ctx, d2, c2, v2); err != nil {
		t.Errorf("Add() after an interrupted Chunks error: %v", err)
	}
	CheckCounts(t, s, 2, len(chunks)+len(c2))
}

func testAddTimes(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	tests := []struct {
		name    string
		addedAt time.Time
	}{
		{"utc", time.Date(2024, 3, 1, 10, 20, 30, 1, time.UTC)},
		{"other zone", time.Date(2024, 3, 1, 23, 20, 30, 0, time.FixedZone("UTC-5", -5*3600))},
		{"nanoseconds", time.Date(2024, 3, 1, 10, 20, 30, 987654321, time.FixedZone("UTC+5:30", 5*3600+1800))},
		{"zero is now", time.Time{}},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, _ := NewDocument(k, fmt.Sprintf("Document %d of the times test.", k))
			doc.AddedAt = tt.addedAt
			before := time.Now()
			if err := s.Add(ctx, doc, nil, nil); err != nil {
				t.Fatalf("Add() error: %v", err)
			}
			after := time.Now()
			got, err := s.Document(ctx, doc.ID)
			if err != nil {
				t.Fatalf("Document() error: %v", err)
			}
			if tt.addedAt.IsZero() {
				if !inRange(got.AddedAt, before, after) {
					t.Errorf("Document().AddedAt = %v; want the time of Add, between %v and %v", got.AddedAt, before, after)
				}
			} else if !got.AddedAt.Equal(tt.addedAt) {
				t.Errorf("Document().AddedAt = %v; want %v (to the nanosecond)", got.AddedAt, tt.addedAt)
			}
			// The bot shows AddedAt labelled as UTC.
			if got.AddedAt.Location() != time.UTC {
				t.Errorf("Document().AddedAt = %v in %v; want it in UTC", got.AddedAt, got.AddedAt.Location())
			}
			if !got.Published.Equal(doc.Published) || got.PublishedString() != "2021-07-15" {
				t.Errorf("Document().Published = %v; want %v", got.Published, doc.Published)
			}
		})
	}
}

// Documents are oldest first by AddedAt, to the sub-second, whatever order
// and time zone they were added in.
func testDocumentsOldestFirst(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	base := time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC)
	// In the order of AddedAt; added in another order below.
	times := []time.Time{
		base,
		// 10:20:30.05 UTC, written 05:20 in its zone.
		time.Date(2024, 3, 1, 5, 20, 30, 50_000_000, time.FixedZone("UTC-5", -5*3600)),
		base.Add(100 * time.Millisecond),
		base.Add(120 * time.Millisecond),
		base.Add(120*time.Millisecond + time.Microsecond),
		base.Add(time.Second),
	}
	var want []string
	for k := range times {
		want = append(want, fmt.Sprintf("d%d", k))
	}
	for _, k := range []int{5, 3, 0, 4, 1, 2} {
		doc := corpus.Document{ID: fmt.Sprintf("d%d", k), Text: fmt.Sprintf("Text %d.", k), AddedAt: times[k]}
		add(t, s, doc, nil, nil)
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatalf("Documents() error: %v", err)
	}
	if got := ids(docs); !slices.Equal(got, want) {
		t.Errorf("Documents() = %v; want oldest first, %v (added at %v)", got, want, times)
	}
}

func testAddDuplicate(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	again := doc
	again.Title = "Another title"
	if err := s.Add(ctx, again, chunks, vectors); err == nil {
		t.Errorf("Add() of an existing ID = nil; want an error")
	}
	// The same ID with another text and its own chunks.
	other := doc
	other.Text = "Another text under the same ID."
	otherChunks := corpus.Split(other.ID, other.Text, corpus.ChunkOptions{MaxSize: 200, Overlap: 60})
	otherVectors := make([]storage.Vector, len(otherChunks))
	for i := range otherVectors {
		otherVectors[i] = storage.Vector{Embedder: testEmbedder, Values: []float32{9}}
	}
	if err := s.Add(ctx, other, otherChunks, otherVectors); err == nil {
		t.Errorf("Add() of an existing ID with another text = nil; want an error")
	}

	CheckCounts(t, s, 1, len(chunks))
	got, err := s.Document(ctx, doc.ID)
	if err != nil || got.Title != doc.Title || got.Text != doc.Text {
		t.Errorf("Document() after a duplicate Add = {Title: %q, %d bytes of text}, %v; want the first, {Title: %q, %d bytes}",
			got.Title, len(got.Text), err, doc.Title, len(doc.Text))
	}
	for k, c := range AllChunks(t, s) {
		if k >= len(chunks) || c.Chunk != chunks[k] || !SameVector(c.Vector.Values, vectors[k].Values) {
			t.Errorf("Chunks()[%d] after a duplicate Add = %+v; want the first document's chunks", k, c)
		}
	}
	entries, err := s.Audit(ctx, "", true, 10)
	if err != nil || len(entries) != 1 {
		t.Errorf("Audit(all) after a duplicate Add = %v, %v; want only the first add", entries, err)
	}
}

// A rejected Add leaves nothing of the document behind.
func testAddRejected(t *testing.T, open opener) {
	ctx := context.Background()
	text := Article(t).Text
	type change func(*corpus.Document, []corpus.Chunk, []storage.Vector) ([]corpus.Chunk, []storage.Vector)
	tests := []struct {
		name   string
		change change
	}{
		{"chunk text differs from the document", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[len(c)-1].Text = strings.ToUpper(c[len(c)-1].Text)
			return c, v
		}},
		{"chunk offsets shifted", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[1].Start++
			return c, v
		}},
		{"chunk ends past the text", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[len(c)-1].End = len(d.Text) + 50
			return c, v
		}},
		{"chunk ends before it starts", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[1].End = c[1].Start - 1
			return c, v
		}},
		{"chunk starts before the text", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[0].Start = -1
			return c, v
		}},
		{"chunk of another document", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[1].DocID = "dother"
			return c, v
		}},
		{"two chunks with one position", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[1].Position = 0
			return c, v
		}},
		{"two chunks with one ID", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			c[1].ID = c[0].ID
			return c, v
		}},
		{"fewer vectors than chunks", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			return c, v[:len(v)-1]
		}},
		{"more vectors than chunks", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			return c, append(v, storage.Vector{Embedder: "x"})
		}},
		{"vectors but no chunks", func(d *corpus.Document, c []corpus.Chunk, v []storage.Vector) ([]corpus.Chunk, []storage.Vector) {
			return nil, v
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			// A document already there stays as it is.
			kept, keptChunks, keptVectors := NewDocument(1, "A document that is already in the store.")
			add(t, s, kept, keptChunks, keptVectors)
			// The rejected document was added and removed before: its
			// tombstone stays.
			doc, chunks, vectors := NewDocument(2, text)
			add(t, s, doc, chunks, vectors)
			if _, err := s.Remove(ctx, doc.ID, "user:7"); err != nil {
				t.Fatalf("Remove(%s) error: %v", doc.ID, err)
			}

			chunks, vectors = tt.change(&doc, chunks, vectors)
			call := fmt.Sprintf("Add(%s)", tt.name)
			if err := noPanic(t, call, func() error { return s.Add(ctx, doc, chunks, vectors) }); err == nil {
				t.Fatalf("%s = nil; want an error", call)
			}
			if has, err := s.Has(ctx, doc.ID); err != nil || has {
				t.Errorf("Has(%s) after a rejected Add = %v, %v; want false, nil", doc.ID, has, err)
			}
			_, err := s.Document(ctx, doc.ID)
			wantNotFound(t, fmt.Sprintf("Document(%s) after a rejected Add", doc.ID), err)
			if removed, err := s.WasRemoved(ctx, doc.ID); err != nil || !removed {
				t.Errorf("WasRemoved(%s) after a rejected Add = %v, %v; want true, nil (the tombstone kept)", doc.ID, removed, err)
			}
			CheckCounts(t, s, 1, len(keptChunks))
			if docs, err := s.Documents(ctx); err != nil || !slices.Equal(ids(docs), []string{kept.ID}) {
				t.Errorf("Documents() after a rejected Add = %v, %v; want [%s]", ids(docs), err, kept.ID)
			}
			for _, c := range AllChunks(t, s) {
				if c.DocID != kept.ID {
					t.Errorf("Chunks() after a rejected Add has chunk %s; want only %s's", c.ID, kept.ID)
				}
			}
			if entries, err := s.Audit(ctx, "", true, 10); err != nil || len(entries) != 3 {
				t.Errorf("Audit(all) after a rejected Add = %v, %v; want the 3 entries before it (add, add, remove)", entries, err)
			}
			h, err := s.Check(ctx)
			if err != nil {
				t.Fatalf("Check() error: %v", err)
			}
			if want := map[string]int{testEmbedder: len(keptVectors)}; !h.OK() || fmt.Sprint(h.Embedders) != fmt.Sprint(want) {
				t.Errorf("Check() after a rejected Add = %+v; want OK with Embedders %v", h, want)
			}
		})
	}
}

func testRemove(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d1, c1, v1 := NewDocument(1, Article(t).Text)
	d2, c2, v2 := NewDocument(2, unicodeText)
	add(t, s, d1, c1, v1)
	add(t, s, d2, c2, v2)

	before := time.Now()
	got, err := s.Remove(ctx, d1.ID, "user:7")
	after := time.Now()
	if err != nil {
		t.Fatalf("Remove(%s) error: %v", d1.ID, err)
	}
	want := d1
	want.Text = ""
	checkDocument(t, fmt.Sprintf("Remove(%s)", d1.ID), got, want)

	if has, err := s.Has(ctx, d1.ID); err != nil || has {
		t.Errorf("Has(%s) after Remove = %v, %v; want false, nil", d1.ID, has, err)
	}
	_, err = s.Document(ctx, d1.ID)
	wantNotFound(t, fmt.Sprintf("Document(%s) after Remove", d1.ID), err)
	if docs, err := s.Documents(ctx); err != nil || !slices.Equal(ids(docs), []string{d2.ID}) {
		t.Errorf("Documents() after Remove = %v, %v; want [%s]", ids(docs), err, d2.ID)
	}
	CheckCounts(t, s, 1, len(c2))
	for _, c := range AllChunks(t, s) {
		if c.DocID != d2.ID {
			t.Errorf("Chunks() after Remove(%s) has chunk %s; want only %s's", d1.ID, c.ID, d2.ID)
		}
	}
	// The removed chunks' vectors are gone too.
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	if want := map[string]int{testEmbedder: len(v2)}; !h.OK() || fmt.Sprint(h.Embedders) != fmt.Sprint(want) || h.Chunks != len(c2) {
		t.Errorf("Check() after Remove = %+v; want OK with %d chunks and Embedders %v", h, len(c2), want)
	}

	for _, tt := range []struct {
		id   string
		want bool
	}{{d1.ID, true}, {d2.ID, false}, {"dmissing", false}} {
		if got, err := s.WasRemoved(ctx, tt.id); err != nil || got != tt.want {
			t.Errorf("WasRemoved(%q) = %v, %v; want %v, nil", tt.id, got, err, tt.want)
		}
	}

	entries, err := s.Audit(ctx, d1.Scope, false, 10)
	if err != nil {
		t.Fatalf("Audit(%q) error: %v", d1.Scope, err)
	}
	if len(entries) != 2 {
		t.Fatalf("Audit(%q) = %v; want the remove and the add", d1.Scope, entries)
	}
	e := entries[0]
	if e.Action != "remove" || e.DocID != d1.ID || e.Title != d1.Title || e.Scope != d1.Scope || e.Actor != "user:7" {
		t.Errorf("Audit(%q)[0] = %+v; want remove of %s (%q) in %s by user:7", d1.Scope, e, d1.ID, d1.Title, d1.Scope)
	}
	if !inRange(e.At, before, after) {
		t.Errorf("Audit(%q)[0].At = %v; want the time of Remove, between %v and %v", d1.Scope, e.At, before, after)
	}
}

func testRemoveUnknown(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, unicodeText)
	add(t, s, doc, chunks, vectors)
	_, err := s.Remove(ctx, "dmissing", "user:7")
	wantNotFound(t, `Remove("dmissing")`, err)
	if removed, err := s.WasRemoved(ctx, "dmissing"); err != nil || removed {
		t.Errorf("WasRemoved(\"dmissing\") after a failed Remove = %v, %v; want false, nil", removed, err)
	}
	if _, err := s.Remove(ctx, doc.ID, "user:7"); err != nil {
		t.Fatalf("Remove(%s) error: %v", doc.ID, err)
	}
	_, err = s.Remove(ctx, doc.ID, "user:8")
	wantNotFound(t, fmt.Sprintf("Remove(%s) a second time", doc.ID), err)
	entries, err := s.Audit(ctx, "", true, 10)
	if err != nil || len(entries) != 2 {
		t.Errorf("Audit(all) = %v, %v; want only the add and the one remove that succeeded", entries, err)
	}
	CheckCounts(t, s, 0, 0)
}

func testAddAfterRemove(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	if _, err := s.Remove(ctx, doc.ID, "user:7"); err != nil {
		t.Fatalf("Remove(%s) error: %v", doc.ID, err)
	}
	add(t, s, doc, chunks, vectors)
	if removed, err := s.WasRemoved(ctx, doc.ID); err != nil || removed {
		t.Errorf("WasRemoved(%s) after adding it again = %v, %v; want false, nil", doc.ID, removed, err)
	}
	if has, err := s.Has(ctx, doc.ID); err != nil || !has {
		t.Errorf("Has(%s) after adding it again = %v, %v; want true, nil", doc.ID, has, err)
	}
	got, err := s.Document(ctx, doc.ID)
	if err != nil {
		t.Fatalf("Document(%s) error: %v", doc.ID, err)
	}
	checkDocument(t, fmt.Sprintf("Document(%s) after adding it again", doc.ID), got, doc)
	CheckCounts(t, s, 1, len(chunks))
	for k, c := range AllChunks(t, s) {
		if k >= len(chunks) || c.Chunk != chunks[k] || !SameVector(c.Vector.Values, vectors[k].Values) {
			t.Errorf("Chunks()[%d] after adding again = %+v; want %+v", k, c, chunks[min(k, len(chunks)-1)])
		}
	}
	entries, err := s.Audit(ctx, doc.Scope, false, 10)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if want := []string{"add", "remove", "add"}; err != nil || !slices.Equal(actions, want) {
		t.Errorf("Audit(%q) actions = %v, %v; want %v", doc.Scope, actions, err, want)
	}
}

// Adds of distinct documents from several goroutines all land, while others
// read and back up the store.
func testConcurrentAdd(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	const n = 16
	errs := make([]error, n)
	docs := make([]corpus.Document, n)
	nChunks := make([]int, n)
	var writers, readers sync.WaitGroup
	done := make(chan struct{})
	var readErr, backupErr error
	readers.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := s.Documents(ctx); err != nil {
				readErr = fmt.Errorf("Documents(): %w", err)
				return
			}
			if err := s.Chunks(ctx, func(storage.IndexedChunk) error { return nil }); err != nil {
				readErr = fmt.Errorf("Chunks(): %w", err)
				return
			}
			if _, err := s.FindDuplicate(ctx, corpus.Document{Text: "Document 3 has this sentence.", Scope: "guild:3"}); err != nil {
				readErr = fmt.Errorf("FindDuplicate(): %w", err)
				return
			}
		}
	})
	readers.Go(func() {
		backupErr = s.Backup(ctx, filepath.Join(t.TempDir(), "concurrent-backup"))
	})
	for i := range n {
		writers.Go(func() {
			text := strings.Repeat(fmt.Sprintf("Document %d has this sentence. ", i), 12)
			doc, chunks, vectors := NewDocument(i, text)
			docs[i], nChunks[i] = doc, len(chunks)
			errs[i] = s.Add(ctx, doc, chunks, vectors)
		})
	}
	writers.Wait()
	close(done)
	readers.Wait()
	if readErr != nil {
		t.Errorf("reading during concurrent Adds: %v", readErr)
	}
	if backupErr != nil {
		t.Errorf("Backup() during concurrent Adds error: %v", backupErr)
	}
	total := 0
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Add(document %d) error: %v", i, err)
		}
		total += nChunks[i]
	}
	CheckCounts(t, s, n, total)
	got, err := s.Documents(ctx)
	if err != nil || len(got) != n {
		t.Errorf("Documents() = %d documents, %v; want %d", len(got), err, n)
	}
	for _, doc := range docs {
		got, err := s.Document(ctx, doc.ID)
		if err != nil {
			t.Errorf("Document(%s) after concurrent Adds error: %v", doc.ID, err)
			continue
		}
		checkDocument(t, fmt.Sprintf("Document(%s)", doc.ID), got, doc)
	}
	if got := len(AllChunks(t, s)); got != total {
		t.Errorf("Chunks() after concurrent Adds gave %d chunks; want %d", got, total)
	}
}
