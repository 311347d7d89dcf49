package rag

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
)

// openHandle opens another handle on the store file at path, as another
// process would.
func openHandle(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func openLibrary(t *testing.T, store storage.Store, log *slog.Logger) *Library {
	t.Helper()
	lib, err := Open(context.Background(), store, NewHashEmbedder(), Options{Logger: log})
	if err != nil {
		t.Fatalf("open library: %v", err)
	}
	return lib
}

// grounded asks lib and reports whether the answer is grounded and says want.
func grounded(t *testing.T, lib *Library, q Question, want string) bool {
	t.Helper()
	ans, err := lib.Ask(context.Background(), q, defaultAnswerOptions())
	if err != nil {
		t.Fatalf("Ask(%q) error: %v", q.Text, err)
	}
	return ans.Grounded && strings.Contains(ans.Text, want)
}

// Two libraries over one store file, as "cabot serve" and "cabot ingest" in
// two processes: what one adds or removes, the other answers from (or
// stops answering from) after Sync.
func TestSyncAppliesAnotherLibrarysChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	var writerLog lockedBuffer
	writer := openLibrary(t, openHandle(t, path), slog.New(slog.NewTextHandler(&writerLog, nil)))
	reader := openLibrary(t, openHandle(t, path), nil)
	q := Question{Text: "How many tonnes of sugar did Cuba harvest?"}
	doc := mustParse(t, sugarArticle)

	if err := writer.Add(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if grounded(t, reader, q, "350,000 tonnes") {
		t.Fatal("the reader answers from a document it has not synced; the test cannot tell Sync's effect")
	}
	if err := reader.Sync(ctx); err != nil {
		t.Fatalf("Sync() error: %v", err)
	}
	if !grounded(t, reader, q, "350,000 tonnes") {
		t.Errorf("after Sync, the reader does not answer from the document the writer added")
	}
	docs, chunks := reader.Stats()
	if wantDocs, wantChunks := writer.Stats(); docs != wantDocs || chunks != wantChunks {
		t.Errorf("after Sync, reader.Stats() = %d, %d; want the writer's %d, %d", docs, chunks, wantDocs, wantChunks)
	}

	// The writer's own change is in the feed too: syncing it changes nothing.
	beforeDocs, beforeChunks := writer.Stats()
	if err := writer.Sync(ctx); err != nil {
		t.Fatalf("writer.Sync() error: %v", err)
	}
	if d, c := writer.Stats(); d != beforeDocs || c != beforeChunks {
		t.Errorf("after syncing its own Add, writer.Stats() = %d, %d; want %d, %d", d, c, beforeDocs, beforeChunks)
	}
	if strings.Contains(writerLog.String(), "another process") {
		t.Errorf("the writer took its own Add for another process's:\n%s", writerLog.String())
	}

	if _, err := writer.Remove(ctx, doc.ID, "cli:ann"); err != nil {
		t.Fatal(err)
	}
	if err := reader.Sync(ctx); err != nil {
		t.Fatalf("Sync() after a remove error: %v", err)
	}
	if grounded(t, reader, q, "350,000 tonnes") {
		t.Errorf("after Sync, the reader still answers from the document the writer removed")
	}
	if d, c := reader.Stats(); d != 0 || c != 0 {
		t.Errorf("after Sync of the remove, reader.Stats() = %d, %d; want 0, 0", d, c)
	}
	if err := reader.Sync(ctx); err != nil {
		t.Errorf("a second Sync() error: %v", err)
	}
}

// racingStore adds a document through another handle right after the
// documents are read, as another process may while a library opens.
type racingStore struct {
	storage.Store
	during func()
}

func (s racingStore) DocumentInfos(ctx context.Context) ([]corpus.Document, error) {
	docs, err := s.Store.DocumentInfos(ctx)
	s.during()
	return docs, err
}

// A document added while a library loads is neither missed nor indexed in
// the wrong scope: Sync picks it up, in its own server only.
func TestSyncCatchesWhatIsAddedWhileOpening(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	other := openLibrary(t, openHandle(t, path), nil)
	doc := mustParse(t, sugarArticle)
	doc.Scope = "guild:A"
	store := racingStore{Store: openHandle(t, path), during: func() {
		if err := other.Add(ctx, doc); err != nil {
			t.Errorf("Add while opening: %v", err)
		}
	}}
	lib := openLibrary(t, store, nil)
	q := Question{Text: "How many tonnes of sugar did Cuba harvest?"}
	if grounded(t, lib, q, "350,000 tonnes") {
		t.Errorf("before Sync, a server's document added while opening answers outside its server")
	}
	if err := lib.Sync(ctx); err != nil {
		t.Fatalf("Sync() error: %v", err)
	}
	inA := q
	inA.Scope = "guild:A"
	if !grounded(t, lib, inA, "350,000 tonnes") {
		t.Errorf("after Sync, the document added while opening does not answer in its server")
	}
	if grounded(t, lib, q, "350,000 tonnes") {
		t.Errorf("after Sync, a server's document answers outside its server")
	}
}

// Follow applies changes on its own and stops with its context.
func TestFollowAppliesChangesUntilCancelled(t *testing.T) {
	ctx := context.Background()
	svc, store := newTestService(t)
	writer := openLibrary(t, openHandle(t, store.Where()), nil)
	fctx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { svc.Follow(fctx, 20*time.Millisecond); close(stopped) }()
	defer func() { cancel(); <-stopped }()
	if err := writer.Add(ctx, mustParse(t, sugarArticle)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if d, _ := svc.Stats(); d == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Follow did not index the document another library added within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Follow did not return after its context ended")
	}
}

// blindStore finds no duplicates, as when another process stores one
// between Library.Add's own look-up and its write.
type blindStore struct{ storage.Store }

func (blindStore) FindDuplicate(context.Context, corpus.Document) (*corpus.Duplicate, error) {
	return nil, nil
}

// A duplicate that only the store's transaction catches comes back as a
// *corpus.DuplicateError, and nothing is indexed.
func TestAddReturnsTheStoresDuplicateError(t *testing.T) {
	ctx := context.Background()
	_, store := newTestLibrary(t, mustParse(t, sugarArticle))
	lib := openLibrary(t, blindStore{store}, nil)
	before, chunks := lib.Stats()
	again := mustParse(t, sugarArticle)
	again.Title = "The same article again"
	err := lib.Add(ctx, again)
	var dup *corpus.DuplicateError
	if !errors.As(err, &dup) || dup.Reason != "same URL" {
		t.Fatalf("Add() of a duplicate the look-up missed = %v; want a *corpus.DuplicateError (same URL)", err)
	}
	if d, c := lib.Stats(); d != before || c != chunks {
		t.Errorf("after a refused Add, Stats() = %d, %d; want %d, %d", d, c, before, chunks)
	}
}

// Over a store opened for reading only (a read-only data directory), the
// service opens, without adding the bundled articles it cannot store, and
// answers; adding fails with storage.ErrReadOnly.
func TestServiceOverAReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	_, store := newTestLibrary(t, mustParse(t, sugarArticle))
	path := store.Where()
	store.Close()
	ro, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	svc, err := New(ctx, ro, NewHashEmbedder(), Config{Answer: defaultAnswerOptions(), MaxDocumentBytes: 1 << 20, Seed: bundled(t)})
	if err != nil {
		t.Fatalf("New() over a read-only store lacking the bundled article error: %v", err)
	}
	ans, err := svc.Ask(ctx, Question{Text: "How many tonnes of sugar did Cuba harvest?"}, nil)
	if err != nil || !ans.Grounded || !strings.Contains(ans.Text, "350,000 tonnes") {
		t.Errorf("Ask() over a read-only store = %+v, %v; want the stored fact", ans, err)
	}
	if err := svc.Add(ctx, bundled(t)[0]); !errors.Is(err, storage.ErrReadOnly) {
		t.Errorf("Add() over a read-only store error = %v; want ErrReadOnly", err)
	}
	if err := svc.Sync(ctx); err != nil {
		t.Errorf("Sync() over a read-only store error: %v", err)
	}
}
