package corpus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openStore opens a store in a fresh temporary directory and closes it when
// the test ends.
func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "cabot.db"))
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func pragma[T any](t *testing.T, s *Store, name string) T {
	t.Helper()
	var v T
	if err := s.db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

// testDoc returns a document with every field set, its chunks and one vector
// per chunk.
func testDoc(n int, text string) (Document, []Chunk, []Vector) {
	doc := Document{
		ID:        DocumentID(text),
		Title:     fmt.Sprintf("Title %d: “quotes” & ünïcode", n),
		Author:    "María José Pérez",
		Outlet:    "Radio Habana Cuba",
		URL:       fmt.Sprintf("https://example.org/news/%d?x=1&y=2", n),
		Language:  "es",
		Published: date(2021, 7, 15),
		Text:      text,
		Scope:     fmt.Sprintf("guild:%d", n),
		Source:    "cli",
		AddedBy:   "user:42",
		AddedAt:   time.Date(2024, 3, 1, 10, 20, n, 123456789, time.UTC),
	}
	chunks := Split(doc.ID, text, ChunkOptions{MaxSize: 200, Overlap: 60})
	vectors := make([]Vector, len(chunks))
	for i := range chunks {
		vectors[i] = Vector{Embedder: "test-embedder", Values: []float32{
			float32(n), float32(i), 0, float32(math.Copysign(0, -1)), 1.5, -3.25e-7,
			math.MaxFloat32, math.SmallestNonzeroFloat32,
			float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
		}}
	}
	return doc, chunks, vectors
}

func sameVector(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// allChunks returns every chunk of the store, in the order Chunks gives.
func allChunks(t *testing.T, s *Store) []IndexedChunk {
	t.Helper()
	var out []IndexedChunk
	if err := s.Chunks(context.Background(), func(c IndexedChunk) error {
		out = append(out, c)
		return nil
	}); err != nil {
		t.Fatalf("Chunks() error: %v", err)
	}
	return out
}

func checkCounts(t *testing.T, s *Store, wantDocs, wantChunks int) {
	t.Helper()
	docs, chunks, err := s.Counts(context.Background())
	if err != nil || docs != wantDocs || chunks != wantChunks {
		t.Errorf("Counts() = %d, %d, %v; want %d, %d, nil", docs, chunks, err, wantDocs, wantChunks)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "nested", "cabot.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q) error: %v", path, err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("Open(%q) did not create the file: %v", path, err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q; want %q", s.Path(), path)
	}
	if got := pragma[int](t, s, "user_version"); got != len(migrations) {
		t.Errorf("PRAGMA user_version = %d; want %d", got, len(migrations))
	}
	if got := pragma[string](t, s, "journal_mode"); got != "wal" {
		t.Errorf("PRAGMA journal_mode = %q; want \"wal\"", got)
	}
	if got := pragma[int](t, s, "foreign_keys"); got != 1 {
		t.Errorf("PRAGMA foreign_keys = %d; want 1", got)
	}
	// Foreign keys are enforced: no chunk without its document.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO chunks (id, doc_id, position, start, end, text)
		VALUES ('x:0', 'x', 0, 0, 1, 'a')`); err == nil {
		t.Errorf("inserting a chunk of a missing document succeeded; want a foreign key error")
	}
	checkCounts(t, s, 0, 0)
}

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	bundled := bundledArticle(t)
	d1, c1, v1 := testDoc(1, bundled.Text)
	d2, c2, v2 := testDoc(2, "Una sola frase corta.")
	d2.Published = time.Time{} // unknown date
	for _, a := range []struct {
		doc     Document
		chunks  []Chunk
		vectors []Vector
	}{{d1, c1, v1}, {d2, c2, v2}} {
		if err := s.Add(ctx, a.doc, a.chunks, a.vectors); err != nil {
			t.Fatalf("Add(%s) error: %v", a.doc.ID, err)
		}
	}
	if len(c1) < 2 {
		t.Fatalf("test document has %d chunks; want several", len(c1))
	}

	for _, tt := range []struct {
		id   string
		want bool
	}{{d1.ID, true}, {d2.ID, true}, {"dmissing", false}} {
		if got, err := s.Has(ctx, tt.id); err != nil || got != tt.want {
			t.Errorf("Has(%q) = %v, %v; want %v, nil", tt.id, got, err, tt.want)
		}
	}
	for _, want := range []Document{d1, d2} {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Fatalf("Document(%q) error: %v", want.ID, err)
		}
		if got != want {
			t.Errorf("Document(%q) =\n  %+v\nwant\n  %+v", want.ID, got, want)
		}
	}
	if got, err := s.Document(ctx, "dmissing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(\"dmissing\") = %+v, %v; want ErrNotFound", got, err)
	}

	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatalf("Documents() error: %v", err)
	}
	if len(docs) != 2 || docs[0] != d1 || docs[1] != d2 {
		t.Errorf("Documents() = %+v; want the two documents, oldest first: %+v", docs, []Document{d1, d2})
	}
	checkCounts(t, s, 2, len(c1)+len(c2))

	// Chunks come in document and position order, each with its vector.
	want := map[string][]Chunk{d1.ID: c1, d2.ID: c2}
	wantVec := map[string][]Vector{d1.ID: v1, d2.ID: v2}
	got := allChunks(t, s)
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
		if c.Vector.Embedder != wv.Embedder || !sameVector(c.Vector.Values, wv.Values) {
			t.Errorf("Chunks()[%d].Vector = %v; want %v", k, c.Vector, wv)
		}
	}
	firstDoc := got[0].DocID
	for k, c := range got {
		if k > 0 && c.DocID != got[k-1].DocID && c.DocID == firstDoc {
			t.Errorf("Chunks() interleaves documents: %s again at %d", firstDoc, k)
		}
	}
}

func TestStoreChunksStopsAtError(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	doc, chunks, vectors := testDoc(1, bundledArticle(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	stop := errors.New("stop")
	calls := 0
	err := s.Chunks(ctx, func(IndexedChunk) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Chunks(fn failing) = %v after %d calls; want fn's error after 1 call", err, calls)
	}
}

func TestStoreAddTimes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	tests := []struct {
		name    string
		addedAt time.Time
	}{
		{"utc", time.Date(2024, 3, 1, 10, 20, 30, 1, time.UTC)},
		{"other zone", time.Date(2024, 3, 1, 23, 20, 30, 0, time.FixedZone("UTC-5", -5*3600))},
		{"zero is now", time.Time{}},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, _ := testDoc(k, fmt.Sprintf("Document %d of the times test.", k))
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
				if got.AddedAt.Before(before.Truncate(time.Microsecond)) || got.AddedAt.After(after) {
					t.Errorf("Document().AddedAt = %v; want the time of Add, between %v and %v", got.AddedAt, before, after)
				}
			} else if !got.AddedAt.Equal(tt.addedAt) {
				t.Errorf("Document().AddedAt = %v; want %v", got.AddedAt, tt.addedAt)
			}
			if !got.Published.Equal(doc.Published) || got.PublishedString() != "2021-07-15" {
				t.Errorf("Document().Published = %v; want %v", got.Published, doc.Published)
			}
		})
	}
}

func TestStoreAddDuplicate(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	doc, chunks, vectors := testDoc(1, bundledArticle(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	again := doc
	again.Title = "Another title"
	if err := s.Add(ctx, again, chunks, vectors); err == nil {
		t.Errorf("Add() of an existing ID = nil; want an error")
	}
	checkCounts(t, s, 1, len(chunks))
	if got, err := s.Document(ctx, doc.ID); err != nil || got.Title != doc.Title {
		t.Errorf("Document() after a duplicate Add = {Title: %q}, %v; want the first, {Title: %q}", got.Title, err, doc.Title)
	}
}

// A failed Add leaves nothing of the document behind.
func TestStoreAddRejected(t *testing.T) {
	ctx := context.Background()
	text := bundledArticle(t).Text
	tests := []struct {
		name   string
		change func(*Document, []Chunk, []Vector) ([]Chunk, []Vector)
	}{
		{"chunk text differs from the document", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			c[len(c)-1].Text = strings.ToUpper(c[len(c)-1].Text)
			return c, v
		}},
		{"chunk offsets shifted", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			c[1].Start++
			return c, v
		}},
		{"chunk of another document", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			c[1].DocID = "dother"
			return c, v
		}},
		{"two chunks with one position", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			c[1].Position = 0
			return c, v
		}},
		{"fewer vectors than chunks", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			return c, v[:len(v)-1]
		}},
		{"more vectors than chunks", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			return c, append(v, Vector{Embedder: "x"})
		}},
		{"vectors but no chunks", func(d *Document, c []Chunk, v []Vector) ([]Chunk, []Vector) {
			return nil, v
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			// A document already there stays as it is.
			kept, keptChunks, keptVectors := testDoc(1, "A document that is already in the store.")
			if err := s.Add(ctx, kept, keptChunks, keptVectors); err != nil {
				t.Fatalf("Add(kept) error: %v", err)
			}

			doc, chunks, vectors := testDoc(2, text)
			chunks, vectors = tt.change(&doc, chunks, vectors)
			if err := s.Add(ctx, doc, chunks, vectors); err == nil {
				t.Fatalf("Add(%s) = nil; want an error", tt.name)
			}
			if has, err := s.Has(ctx, doc.ID); err != nil || has {
				t.Errorf("Has(%s) after a failed Add = %v, %v; want false, nil", doc.ID, has, err)
			}
			checkCounts(t, s, 1, len(keptChunks))
			for _, c := range allChunks(t, s) {
				if c.DocID != kept.ID {
					t.Errorf("Chunks() after a failed Add has chunk %s; want only %s's", c.ID, kept.ID)
				}
			}
		})
	}
}

func TestStoreReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	doc, chunks, vectors := testDoc(1, bundledArticle(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close() error: %v", err)
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() of an existing store error: %v", err)
	}
	defer s.Close()
	if got := pragma[int](t, s, "user_version"); got != len(migrations) {
		t.Errorf("PRAGMA user_version after reopening = %d; want %d", got, len(migrations))
	}
	checkCounts(t, s, 1, len(chunks))
	if got, err := s.Document(ctx, doc.ID); err != nil || got != doc {
		t.Errorf("Document() after reopening = %+v, %v; want %+v", got, err, doc)
	}
	got := allChunks(t, s)
	for k, c := range got {
		if c.Chunk != chunks[k] || !sameVector(c.Vector.Values, vectors[k].Values) {
			t.Errorf("Chunks()[%d] after reopening = %+v; want %+v with %v", k, c, chunks[k], vectors[k].Values)
		}
	}
	d2, c2, v2 := testDoc(2, "Another document after reopening.")
	if err := s.Add(ctx, d2, c2, v2); err != nil {
		t.Errorf("Add() after reopening error: %v", err)
	}
	checkCounts(t, s, 2, len(chunks)+len(c2))
}

func TestOpenNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	newer := len(migrations) + 1
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatalf("set user_version: %v", err)
	}
	s.Close()

	s, err = Open(ctx, path)
	if err == nil {
		s.Close()
		t.Fatalf("Open() of a store with schema version %d = nil error; want it refused", newer)
	}
	if !strings.Contains(err.Error(), "upgrad") {
		t.Errorf("Open() of a newer store error = %q; want it to tell to upgrade", err)
	}
}

func TestOpenNotAStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cabot.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%q) of a text file = nil error; want an error", path)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("Open(%q) error = %q; want it to name the file", path, err)
	}
}

func TestStoreConcurrentAdd(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	const n = 20
	errs := make([]error, n)
	nChunks := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			text := strings.Repeat(fmt.Sprintf("Document %d has this sentence. ", i), 12)
			doc, chunks, vectors := testDoc(i, text)
			nChunks[i] = len(chunks)
			errs[i] = s.Add(ctx, doc, chunks, vectors)
		})
	}
	wg.Wait()
	total := 0
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Add(document %d) error: %v", i, err)
		}
		total += nChunks[i]
	}
	checkCounts(t, s, n, total)
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != n {
		t.Errorf("Documents() = %d documents, %v; want %d", len(docs), err, n)
	}
}

// Regression tests for bugs found while writing these tests.
func TestStoreRegressions(t *testing.T) {
	ctx := context.Background()
	t.Run("chunk offsets outside the text panic", func(t *testing.T) {
		s := openStore(t)
		doc := Document{ID: "d1", Text: "Short text."}
		chunks := []Chunk{{ID: "d1:0", DocID: "d1", Start: 0, End: 50, Text: "Short text."}}
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Add(chunk [0,50) of an 11-byte text) panicked: %v; want an error", r)
				}
			}()
			err = s.Add(ctx, doc, chunks, []Vector{{Embedder: "x"}})
		}()
		if err == nil {
			t.Errorf("Add(chunk [0,50) of an 11-byte text) = nil; want an error")
		}
		checkCounts(t, s, 0, 0)
	})
	t.Run("documents oldest first within a second", func(t *testing.T) {
		s := openStore(t)
		base := time.Date(2024, 3, 1, 10, 20, 30, 0, time.UTC)
		times := []time.Time{base, base.Add(100 * time.Millisecond), base.Add(120 * time.Millisecond), base.Add(time.Second)}
		var want []string
		for k, at := range times {
			doc := Document{ID: fmt.Sprintf("d%d", k), Text: fmt.Sprintf("Text %d.", k), AddedAt: at}
			if err := s.Add(ctx, doc, nil, nil); err != nil {
				t.Fatalf("Add() error: %v", err)
			}
			want = append(want, doc.ID)
		}
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatalf("Documents() error: %v", err)
		}
		var got []string
		for _, d := range docs {
			got = append(got, d.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Documents() = %v; want oldest first, %v (added at %v)", got, want, times)
		}
	})
	for _, name := range []string{"data#1", "what?", "100%25"} {
		t.Run("path with "+name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name, "cabot.db")
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("Open(%q) error: %v", path, err)
			}
			defer s.Close()
			if _, err := os.Stat(path); err != nil {
				t.Errorf("Open(%q) did not create the file: %v", path, err)
			}
			if got := pragma[int](t, s, "foreign_keys"); got != 1 {
				t.Errorf("Open(%q): PRAGMA foreign_keys = %d; want 1", path, got)
			}
		})
	}
}
