// Package storetest is the conformance test suite of the store contract,
// storage.Store. Every implementation's tests call Run with a function that
// opens a fresh, empty store; Run checks, on a fresh store per subtest, what
// a user of the store would notice of each method's documented behaviour:
// documents, chunks and vectors that come back exactly as they were added,
// additions that are rejected without leaving anything behind, removals with
// their tombstones and audit entries, duplicates found within a scope, the
// audit log, answers and their feedback, document previews, replaced vectors,
// the lexical terms stored with the vectors, health checks,
// backups, concurrent use, and the change feed that other processes follow.
//
// The package also has helpers to build test documents and read a store
// back, for an implementation's own tests.
package storetest

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// opener opens a fresh, empty store for one test.
type opener func(t *testing.T) storage.Store

// Run runs the conformance tests of the store contract as subtests of t,
// each on a store that open returns fresh and empty. open arranges the
// store's cleanup (t.Cleanup); Run does not close it.
func Run(t *testing.T, open func(t *testing.T) storage.Store) {
	checked := func(t *testing.T) storage.Store {
		t.Helper()
		s := open(t)
		if s == nil {
			t.Fatalf("open() = nil; want a store")
		}
		return s
	}
	tests := []struct {
		name string
		test func(*testing.T, opener)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"ChunksOrder", testChunksOrder},
		{"ChunksStopsAtError", testChunksStopsAtError},
		{"AddTimes", testAddTimes},
		{"DocumentsOldestFirst", testDocumentsOldestFirst},
		{"AddDuplicate", testAddDuplicate},
		{"AddRejected", testAddRejected},
		{"AddBatch", testAddBatch},
		{"AddBatchFails", testAddBatchFails},
		{"Remove", testRemove},
		{"RemoveUnknown", testRemoveUnknown},
		{"AddAfterRemove", testAddAfterRemove},
		{"FindDuplicate", testFindDuplicate},
		{"FindDuplicateAfterRemove", testFindDuplicateAfterRemove},
		{"AddRefusesDuplicates", testAddRefusesDuplicates},
		{"ConcurrentDuplicates", testConcurrentDuplicates},
		{"Audit", testAudit},
		{"Answers", testAnswers},
		{"Feedback", testFeedback},
		{"ReplaceVectors", testReplaceVectors},
		{"ReplaceVectorsUnknownChunk", testReplaceVectorsUnknownChunk},
		{"Terms", testTerms},
		{"Check", testCheck},
		{"CheckDocumentWithoutChunks", testCheckDocumentWithoutChunks},
		{"Backup", testBackup},
		{"PingWhere", testPingWhere},
		{"ConcurrentAdd", testConcurrentAdd},
		{"FeedEmpty", testFeedEmpty},
		{"FeedRecordsAddAndRemove", testFeedRecordsAddAndRemove},
		{"FeedFailedWritesRecordNothing", testFeedFailedWritesRecordNothing},
		{"FeedFollowerMissesNothing", testFeedFollowerMissesNothing},
		{"DocumentChunks", testDocumentChunks},
		{"Previews", testPreviews},
		{"PreviewsExpire", testPreviewsExpire},
		{"PreviewConsumedOnce", testPreviewConsumedOnce},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, checked) })
	}
}

// testEmbedder names the embedder of NewDocument's vectors.
const testEmbedder = "test-embedder"

// NewDocument returns document n with every field set (quotes and accents
// in the title and author, the scope "guild:n", AddedAt to the nanosecond),
// its chunks of text, and one vector per chunk whose values include -0,
// ±Inf, NaNs (one with a sign and a payload) and the float32 extremes. The
// document's ID is corpus.DocumentID(text).
func NewDocument(n int, text string) (corpus.Document, []corpus.Chunk, []storage.Vector) {
	doc := corpus.Document{
		ID:        corpus.DocumentID(text),
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
	chunks := corpus.Split(doc.ID, text, corpus.ChunkOptions{MaxSize: 200, Overlap: 60})
	vectors := make([]storage.Vector, len(chunks))
	for i := range chunks {
		vectors[i] = storage.Vector{Embedder: testEmbedder, Values: []float32{
			float32(n), float32(i), 0, float32(math.Copysign(0, -1)), 1.5, -3.25e-7,
			math.MaxFloat32, math.SmallestNonzeroFloat32,
			float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
			math.Float32frombits(0xffc00123), // a negative NaN with a payload
		}}
	}
	return doc, chunks, vectors
}

// Article returns the bundled article: a real text of several chunks.
func Article(t testing.TB) corpus.Document {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatalf("Bundled() error: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("Bundled() returned %d documents; want 1", len(docs))
	}
	return docs[0]
}

// SameVector reports whether a and b hold the same values bit for bit (so
// NaN equals NaN and -0 differs from 0).
func SameVector(a, b []float32) bool {
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

// AllChunks returns every chunk of s, in the order Chunks gives.
func AllChunks(t testing.TB, s storage.Store) []storage.IndexedChunk {
	t.Helper()
	var out []storage.IndexedChunk
	if err := s.Chunks(context.Background(), func(c storage.IndexedChunk) error {
		out = append(out, c)
		return nil
	}); err != nil {
		t.Fatalf("Chunks() error: %v", err)
	}
	return out
}

// CheckCounts reports an error unless s holds docs documents and chunks
// chunks.
func CheckCounts(t testing.TB, s storage.Store, docs, chunks int) {
	t.Helper()
	gotDocs, gotChunks, err := s.Counts(context.Background())
	if err != nil || gotDocs != docs || gotChunks != chunks {
		t.Errorf("Counts() = %d, %d, %v; want %d, %d, nil", gotDocs, gotChunks, err, docs, chunks)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// add adds a document or stops the test.
func add(t testing.TB, s storage.Store, doc corpus.Document, chunks []corpus.Chunk, vectors []storage.Vector) {
	t.Helper()
	if err := s.Add(context.Background(), doc, chunks, vectors); err != nil {
		t.Fatalf("Add(%s) error: %v", doc.ID, err)
	}
}

// textDoc returns a document of scope with text and no chunks, added at
// second n of a fixed minute.
func textDoc(n int, scope, text string) corpus.Document {
	return corpus.Document{ID: corpus.ScopedID(scope, text), Title: fmt.Sprintf("Document %d", n), Text: text,
		Scope: scope, AddedBy: fmt.Sprintf("user:%d", n), AddedAt: time.Date(2024, 3, 1, 10, 20, n, 0, time.UTC)}
}

// checkDocument reports each field of got that differs from want; call
// names the call that returned got.
func checkDocument(t testing.TB, call string, got, want corpus.Document) {
	t.Helper()
	for _, f := range []struct{ name, got, want string }{
		{"ID", got.ID, want.ID}, {"Title", got.Title, want.Title}, {"Author", got.Author, want.Author},
		{"Outlet", got.Outlet, want.Outlet}, {"URL", got.URL, want.URL}, {"Language", got.Language, want.Language},
		{"Scope", got.Scope, want.Scope}, {"Source", got.Source, want.Source}, {"AddedBy", got.AddedBy, want.AddedBy},
	} {
		if f.got != f.want {
			t.Errorf("%s.%s = %q; want %q", call, f.name, f.got, f.want)
		}
	}
	if got.Text != want.Text {
		t.Errorf("%s.Text = %s; want %s", call, abbrev(got.Text, want.Text), abbrev(want.Text, got.Text))
	}
	if !got.Published.Equal(want.Published) || got.PublishedString() != want.PublishedString() {
		t.Errorf("%s.Published = %v (%q); want %v (%q)", call, got.Published, got.PublishedString(), want.Published, want.PublishedString())
	}
	if !got.AddedAt.Equal(want.AddedAt) {
		t.Errorf("%s.AddedAt = %v; want %v", call, got.AddedAt, want.AddedAt)
	}
}

// abbrev shows a long text s by its length and a few bytes around where it
// first differs from other.
func abbrev(s, other string) string {
	if len(s) <= 80 {
		return fmt.Sprintf("%q", s)
	}
	i := 0
	for i < len(s) && i < len(other) && s[i] == other[i] {
		i++
	}
	from := max(i-20, 0)
	return fmt.Sprintf("%d bytes, %q at byte %d", len(s), s[from:min(from+60, len(s))], from)
}

// ids returns the IDs of docs.
func ids(docs []corpus.Document) []string {
	out := make([]string, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// wantNotFound reports an error unless err wraps storage.ErrNotFound.
func wantNotFound(t testing.TB, call string, err error) {
	t.Helper()
	if !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("%s error = %v; want an error wrapping ErrNotFound", call, err)
	}
}

// inRange reports whether at is within [from, to], allowing for a store
// that keeps times to the microsecond only.
func inRange(at, from, to time.Time) bool {
	return !at.Before(from.Truncate(time.Microsecond)) && !at.After(to)
}

// noPanic calls f and turns a panic into an error reported on t (so that a
// store that panics fails one test, not the whole suite).
func noPanic(t testing.TB, call string, f func() error) (err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v; want an error", call, r)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f()
}

// longText returns a text of about 40 distinct sentences about topic, long
// enough that changing one word keeps it a near-duplicate.
func longText(topic string) string {
	var b strings.Builder
	places := []string{"Havana", "Baku", "Santiago", "Camagüey", "Holguín", "Matanzas", "Cienfuegos", "Pinar del Río"}
	for i := range 40 {
		fmt.Fprintf(&b, "Report %d on %s: the team from %s visited clinic %d and met %d doctors. ",
			i, topic, places[i%len(places)], 100+i, 3+i%7)
	}
	return strings.TrimSpace(b.String())
}

// changeEvery returns text with every every-th word replaced by word.
func changeEvery(text string, every int, word string) string {
	words := strings.Fields(text)
	for i := every / 2; i < len(words); i += every {
		words[i] = word
	}
	return strings.Join(words, " ")
}

// changeWord returns text with its n-th word (counting from 0) replaced.
func changeWord(text string, n int, word string) string {
	words := strings.Fields(text)
	words[n] = word
	return strings.Join(words, " ")
}
