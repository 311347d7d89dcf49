package storetest

import (
	"bytes"
	"cabot/corpus/storage"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// vectorsByChunk returns the vector of every chunk of s by chunk ID.
func vectorsByChunk(t *testing.T, s storage.Store) map[string]storage.Vector {
	t.Helper()
	out := map[string]storage.Vector{}
	for _, c := range AllChunks(t, s) {
		out[c.ID] = c.Vector
	}
	return out
}

func testReplaceVectors(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d1, c1, v1 := NewDocument(1, Article(t).Text)
	d2, c2, v2 := NewDocument(2, longText("the new hospital"))
	if len(c1) < 3 {
		t.Fatalf("test document has %d chunks; want at least 3", len(c1))
	}
	add(t, s, d1, c1, v1)
	add(t, s, d2, c2, v2)
	before := vectorsByChunk(t, s)

	// New vectors of another embedder and dimension for two chunks of d1.
	replaced := map[string]storage.Vector{
		c1[0].ID: {Embedder: "new-embedder", Values: []float32{float32(math.NaN()), float32(math.Copysign(0, -1)), float32(math.Inf(-1))}},
		c1[2].ID: {Embedder: "new-embedder", Values: []float32{0.25, -1, float32(math.Inf(1)), math.MaxFloat32, 7}},
	}
	if err := s.ReplaceVectors(ctx, replaced); err != nil {
		t.Fatalf("ReplaceVectors() error: %v", err)
	}
	after := vectorsByChunk(t, s)
	if len(after) != len(before) {
		t.Errorf("Chunks() after ReplaceVectors gave %d chunks; want %d", len(after), len(before))
	}
	for id, old := range before {
		want := old
		if v, ok := replaced[id]; ok {
			want = v
		}
		if got := after[id]; got.Embedder != want.Embedder || !SameVector(got.Values, want.Values) {
			t.Errorf("vector of chunk %s after ReplaceVectors = %v; want %v", id, got, want)
		}
	}
	CheckCounts(t, s, 2, len(c1)+len(c2))
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	want := map[string]int{testEmbedder: len(c1) + len(c2) - 2, "new-embedder": 2}
	if fmt.Sprint(h.Embedders) != fmt.Sprint(want) {
		t.Errorf("Check().Embedders after ReplaceVectors = %v; want %v", h.Embedders, want)
	}
	if h.OK() {
		t.Errorf("Check() with vectors of two embedders = %+v, OK; want not OK", h)
	}

	// Replacing nothing changes nothing.
	if err := s.ReplaceVectors(ctx, nil); err != nil {
		t.Errorf("ReplaceVectors(nil) error: %v", err)
	}
	for id, want := range after {
		if got := vectorsByChunk(t, s)[id]; got.Embedder != want.Embedder || !SameVector(got.Values, want.Values) {
			t.Errorf("vector of chunk %s after ReplaceVectors(nil) = %v; want %v", id, got, want)
		}
	}
}

// ReplaceVectors is one transaction: when it fails on a chunk that does not
// exist, it replaces nothing; when it succeeds, it makes no chunk up.
func testReplaceVectorsUnknownChunk(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	// Several rounds over every chunk, so that a store that is not
	// transactional has replaced some vectors before it meets the unknown
	// chunk, whatever order it takes the map in.
	for round := range 3 {
		newVector := storage.Vector{Embedder: "new-embedder", Values: []float32{float32(round), 2, 3}}
		replace := map[string]storage.Vector{"dmissing:0": newVector}
		for _, c := range chunks {
			replace[c.ID] = newVector
		}
		err := s.ReplaceVectors(ctx, replace)
		got := vectorsByChunk(t, s)
		if _, ok := got["dmissing:0"]; ok || len(got) != len(chunks) {
			t.Fatalf("Chunks() after ReplaceVectors of an unknown chunk gave %d chunks (unknown one there: %v); want the %d added", len(got), ok, len(chunks))
		}
		for k, c := range chunks {
			want := newVector
			if err != nil {
				want = vectors[k]
			}
			if v := got[c.ID]; v.Embedder != want.Embedder || !SameVector(v.Values, want.Values) {
				t.Fatalf("vector of chunk %s after ReplaceVectors with an unknown chunk (error %v) = %v; want %v", c.ID, err, v, want)
			}
		}
		if err == nil {
			vectors = slices.Repeat([]storage.Vector{newVector}, len(chunks))
		}
	}
	if h, err := s.Check(ctx); err != nil || h.ForeignKeyProblems != 0 || h.Chunks != len(chunks) {
		t.Errorf("Check() after ReplaceVectors with an unknown chunk = %+v, %v; want no foreign key problems, %d chunks", h, err, len(chunks))
	}
}

func testCheck(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() of an empty store error: %v", err)
	}
	if !h.OK() || h.Integrity != "ok" || h.Documents != 0 || h.Chunks != 0 || len(h.Embedders) != 0 {
		t.Errorf("Check() of an empty store = %+v; want OK, integrity \"ok\", no documents, chunks or embedders", h)
	}
	d1, c1, v1 := NewDocument(1, Article(t).Text)
	d2, c2, v2 := NewDocument(2, unicodeText)
	add(t, s, d1, c1, v1)
	add(t, s, d2, c2, v2)
	h, err = s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	want := storage.Health{Integrity: "ok", Documents: 2, Chunks: len(c1) + len(c2), Embedders: map[string]int{testEmbedder: len(c1) + len(c2)}}
	if !h.OK() || fmt.Sprintf("%+v", h) != fmt.Sprintf("%+v", want) {
		t.Errorf("Check() = %+v; want OK, %+v", h, want)
	}
}

func testCheckDocumentWithoutChunks(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	d1, c1, v1 := NewDocument(1, unicodeText)
	add(t, s, d1, c1, v1)
	empty := textDoc(2, "", "A document whose chunks were never added.")
	add(t, s, empty, nil, nil)
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	if h.OK() || fmt.Sprint(h.DocumentsWithoutChunks) != fmt.Sprint([]string{empty.ID}) || h.Documents != 2 || h.Chunks != len(c1) {
		t.Errorf("Check() = %+v; want not OK, DocumentsWithoutChunks [%s], 2 documents, %d chunks", h, empty.ID, len(c1))
	}
	if len(h.ChunksWithoutVector) != 0 {
		t.Errorf("Check().ChunksWithoutVector = %v; want none", h.ChunksWithoutVector)
	}
}

func testBackup(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := NewDocument(1, Article(t).Text)
	add(t, s, doc, chunks, vectors)
	dir := t.TempDir()
	path := filepath.Join(dir, "backup")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatalf("Backup(%q) error: %v", path, err)
	}
	first, err := os.ReadFile(path)
	if err != nil || len(first) == 0 {
		t.Fatalf("Backup(%q) wrote %d bytes, %v; want a file", path, len(first), err)
	}
	// The store is unchanged by a backup and goes on working.
	CheckCounts(t, s, 1, len(chunks))
	d2, c2, v2 := NewDocument(2, unicodeText)
	add(t, s, d2, c2, v2)

	if err := s.Backup(ctx, path); err == nil {
		t.Errorf("Backup(%q) over an earlier backup = nil; want an error", path)
	}
	if again, err := os.ReadFile(path); err != nil || !bytes.Equal(again, first) {
		t.Errorf("Backup(%q) over an earlier backup changed it (%d bytes, %v; was %d bytes); want it left as it was", path, len(again), err, len(first))
	}
	for name, content := range map[string]string{"other-file": "keep me\n", "empty-file": ""} {
		other := filepath.Join(dir, name)
		if err := os.WriteFile(other, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := s.Backup(ctx, other); err == nil {
			t.Errorf("Backup(%q) over an existing file = nil; want an error", other)
		}
		if got, err := os.ReadFile(other); err != nil || string(got) != content {
			t.Errorf("Backup(%q) over an existing file left %q, %v; want %q", other, got, err, content)
		}
	}
	second := filepath.Join(dir, "backup-2")
	if err := s.Backup(ctx, second); err != nil {
		t.Errorf("Backup(%q) to a new file error: %v", second, err)
	} else if fi, err := os.Stat(second); err != nil || fi.Size() == 0 {
		t.Errorf("Backup(%q) left %v, %v; want a file", second, fi, err)
	}
}

func testPingWhere(t *testing.T, open opener) {
	s := open(t)
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping() = %v; want nil", err)
	}
	if s.Where() == "" {
		t.Errorf("Where() = \"\"; want the store named")
	}
}
