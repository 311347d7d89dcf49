package sqlite

import (
	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/corpus/storetest"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConformance runs the store contract's conformance tests on SQLite.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storage.Store { return openStore(t) })
}

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
	if s.Where() != path {
		t.Errorf("Path() = %q; want %q", s.Where(), path)
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
	storetest.CheckCounts(t, s, 0, 0)
}

func TestStoreReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
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
	storetest.CheckCounts(t, s, 1, len(chunks))
	if got, err := s.Document(ctx, doc.ID); err != nil || got != doc {
		t.Errorf("Document() after reopening = %+v, %v; want %+v", got, err, doc)
	}
	got := storetest.AllChunks(t, s)
	for k, c := range got {
		if c.Chunk != chunks[k] || !storetest.SameVector(c.Vector.Values, vectors[k].Values) {
			t.Errorf("Chunks()[%d] after reopening = %+v; want %+v with %v", k, c, chunks[k], vectors[k].Values)
		}
	}
	d2, c2, v2 := storetest.NewDocument(2, "Another document after reopening.")
	if err := s.Add(ctx, d2, c2, v2); err != nil {
		t.Errorf("Add() after reopening error: %v", err)
	}
	storetest.CheckCounts(t, s, 2, len(chunks)+len(c2))
}

// A store written before signatures' bands were kept gets them when Open
// migrates it: its documents' near-duplicates are found.
func TestMigrationBackfillsBands(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	// Back to the version before the bands: without their table, nor the
	// tables of the migrations after it (which Open makes again).
	for _, q := range []string{`DROP TABLE document_bands`, `DROP TABLE previews`, `ALTER TABLE vectors DROP COLUMN terms`,
		fmt.Sprintf(`PRAGMA user_version = %d`, bandsVersion-1)} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close() error: %v", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("Open() of a store without bands error: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM document_bands WHERE doc_id = ?`, doc.ID).Scan(&n); err != nil || n != corpus.Bands {
		t.Fatalf("bands of the stored document after migrating = %d, %v; want %d", n, err, corpus.Bands)
	}
	words := strings.Fields(doc.Text)
	words[len(words)/2] = "completely"
	near := corpus.Document{Title: "Near", Text: strings.Join(words, " "), Scope: doc.Scope}
	near.ID = corpus.ScopedID(near.Scope, near.Text)
	dup, err := s.FindDuplicate(ctx, near)
	if err != nil || dup == nil || dup.Of.ID != doc.ID || dup.Reason != "near-duplicate" {
		t.Errorf("FindDuplicate(a near-duplicate) after migrating = %+v, %v; want a near-duplicate of %s", dup, err, doc.ID)
	}
}

// A backup is a store that Open reads: restoring it gives the documents
// back.
func TestBackupOpens(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatalf("Backup(%q) error: %v", path, err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q) of a backup error: %v", path, err)
	}
	defer b.Close()
	if got := pragma[int](t, b, "user_version"); got != len(migrations) {
		t.Errorf("PRAGMA user_version of a backup = %d; want %d", got, len(migrations))
	}
	storetest.CheckCounts(t, b, 1, len(chunks))
	if got, err := b.Document(ctx, doc.ID); err != nil || got != doc {
		t.Errorf("Document() of a backup = %+v, %v; want %+v", got, err, doc)
	}
	for k, c := range storetest.AllChunks(t, b) {
		if k >= len(chunks) || c.Chunk != chunks[k] || !storetest.SameVector(c.Vector.Values, vectors[k].Values) {
			t.Errorf("Chunks()[%d] of a backup = %+v; want the chunks added", k, c)
		}
	}
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

// Regression tests for bugs found while writing these tests (the generic
// ones are in storetest: AddRejected "chunk ends past the text" and
// DocumentsOldestFirst).
func TestStoreRegressions(t *testing.T) {
	ctx := context.Background()
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

// Two processes ingesting the same folder at once: concurrent Adds through
// two handles on one file of the same article and of near-duplicates of it
// leave exactly one, and the others get a *corpus.DuplicateError (not
// "UNIQUE constraint failed").
func TestConcurrentDuplicatesFromTwoHandles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cabot.db")
	var stores []storage.Store
	for range 2 {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("Open() error: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	storetest.CheckConcurrentDuplicates(t, stores)
}

// The duplicate look-ups by canonical URL, by content hash and by signature
// band use their own indexes, not the one on scope.
func TestDuplicateLookupsUseTheirIndexes(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	for n := range 20 { // a few rows, so that the plan is not a guess on nothing
		d := corpus.Document{Title: "T", Text: fmt.Sprintf("Document number %d of the plan test.", n), Scope: fmt.Sprintf("guild:%d", n%3),
			URL: fmt.Sprintf("https://example.org/%d", n)}
		d.ID = corpus.ScopedID(d.Scope, d.Text)
		if err := s.Add(ctx, d, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// A global document is looked up in one scope, a server's in two.
	for _, tt := range []struct {
		query, index string
		args         []any
	}{
		{duplicateByURL + "(?) LIMIT 1", "documents_canonical_url", []any{"x", ""}},
		{duplicateByURL + "(?, ?) LIMIT 1", "documents_canonical_url", []any{"x", "", "guild:1"}},
		{duplicateByHash + "(?) LIMIT 1", "documents_content_hash", []any{"x", ""}},
		{duplicateByHash + "(?, ?) LIMIT 1", "documents_content_hash", []any{"x", "", "guild:1"}},
		{storage.DuplicateByBands + scopeInList + "(?, ?)) ORDER BY id", "document_bands_key", bandArgs("", "guild:1")},
	} {
		rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+tt.query, tt.args...)
		if err != nil {
			t.Fatalf("EXPLAIN QUERY PLAN %s: %v", tt.query, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, "USING INDEX "+tt.index+" ") || strings.Contains(got, "documents_scope") {
			t.Errorf("query plan of %q = %q; want it to use index %s, not documents_scope", tt.query, got, tt.index)
		}
	}
}

// bandArgs returns the arguments of storage.DuplicateByBands for a
// signature's band keys, followed by scopes.
func bandArgs(scopes ...string) []any {
	var args []any
	for _, k := range corpus.BandKeys(corpus.MinHash(corpus.Shingles("Document number 3 of the plan test."))) {
		args = append(args, k)
	}
	for _, sc := range scopes {
		args = append(args, sc)
	}
	return args
}

// addOne adds a small document to the store at path and closes it.
func addOne(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
	if err := s.Add(context.Background(), doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// The point 19: a store that held documents and is found emptied
// to 0 bytes, or deleted, is refused with what to do, every time, rather
// than recreated empty.
func TestOpenRefusesAStoreThatLostItsDocuments(t *testing.T) {
	ctx := context.Background()
	for _, how := range []string{"emptied to 0 bytes", "deleted"} {
		t.Run(how, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cabot.db")
			addOne(t, path)
			// Others who may read the store may read the marker (a
			// read-only open by another user checks it).
			if info, err := os.Stat(path + ".meta"); err != nil || info.Mode().Perm()&0o044 != 0o044 {
				t.Errorf("marker file after the first Add: %v, %v; want it there, readable by group and others", info, err)
			}
			if how == "deleted" {
				os.Remove(path)
			} else if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
			for attempt := 1; attempt <= 2; attempt++ {
				s, err := Open(ctx, path)
				if err == nil {
					s.Close()
					t.Fatalf("Open() #%d of a store %s = nil error; want it refused", attempt, how)
				}
				if !errors.Is(err, ErrStoreLost) || !strings.Contains(err.Error(), "backup") || !strings.Contains(err.Error(), path) {
					t.Errorf("Open() #%d error = %q; want ErrStoreLost naming %s and a backup", attempt, err, path)
				}
			}
			// Deleting the marker is how to start over on purpose.
			if err := os.Remove(path + ".meta"); err != nil {
				t.Fatal(err)
			}
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("Open() after deleting the marker error: %v", err)
			}
			s.Close()
		})
	}
}

// What must keep opening: a store that never held documents, one whose
// documents were all removed, and a restored backup.
func TestOpenAcceptsStoresThatDidNotLoseAnything(t *testing.T) {
	ctx := context.Background()
	t.Run("never held documents", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cabot.db")
		s := openAt(t, path)
		s.Close()
		if _, err := os.Stat(path + ".meta"); err == nil {
			t.Errorf("a store that never held documents has a marker file")
		}
		os.Truncate(path, 0)
		openAt(t, path).Close()
	})
	t.Run("documents removed", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cabot.db")
		addOne(t, path)
		s := openAt(t, path)
		docs, _ := s.Documents(ctx)
		for _, d := range docs {
			if _, err := s.Remove(ctx, d.ID, "user:7"); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		openAt(t, path).Close()
	})
	t.Run("backup restored", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "cabot.db")
		addOne(t, path)
		s := openAt(t, path)
		backup := filepath.Join(t.TempDir(), "backup.db")
		if err := s.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		s.Close()
		os.Truncate(path, 0)
		raw, err := os.ReadFile(backup)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		s = openAt(t, path)
		storetest.CheckCounts(t, s, 1, len(storetest.AllChunks(t, s)))
		s.Close()
	})
}

func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s) error: %v", path, err)
	}
	return s
}

// The point 20: Check compares the whole schema with what the
// migrations create, and says what is missing.
func TestCheckFindsWhatTheSchemaLacks(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if h, err := s.Check(ctx); err != nil || len(h.SchemaProblems) != 0 || !h.OK() {
		t.Fatalf("Check() of a fresh store = %+v, %v; want no schema problems", h, err)
	}
	for _, stmt := range []string{`DROP TABLE audit`, `DROP INDEX documents_scope`, `ALTER TABLE documents DROP COLUMN signature`,
		`DROP INDEX documents_content_hash`, `CREATE INDEX documents_content_hash ON documents(content_hash)`} {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	want := []string{
		"column documents.signature is missing",
		"index documents_content_hash is ON documents(content_hash); want ON documents(content_hash, scope)",
		"index documents_scope is missing",
		"table audit is missing",
	}
	if strings.Join(h.SchemaProblems, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check().SchemaProblems = %q; want %q", h.SchemaProblems, want)
	}
	if h.OK() {
		t.Errorf("Check().OK() = true with schema problems; want false")
	}
}

// The point 21: a store opened for reading only answers every read,
// also a backup, and refuses every write with the reason, changing nothing.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	addOne(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly() error: %v", err)
	}
	defer s.Close()
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Documents() of a read-only store = %d, %v; want 1", len(docs), err)
	}
	if chunks := storetest.AllChunks(t, s); len(chunks) == 0 {
		t.Errorf("Chunks() of a read-only store gave none")
	}
	if _, err := s.DocumentChunks(ctx, docs[0].ID); err != nil {
		t.Errorf("DocumentChunks() of a read-only store error: %v", err)
	}
	if _, err := s.FindDuplicate(ctx, docs[0]); err != nil {
		t.Errorf("FindDuplicate() of a read-only store error: %v", err)
	}
	if last, err := s.LastChange(ctx); err != nil || last == 0 {
		t.Errorf("LastChange() of a read-only store = %d, %v; want the add", last, err)
	}
	if h, err := s.Check(ctx); err != nil || !h.OK() {
		t.Errorf("Check() of a read-only store = %+v, %v; want ok", h, err)
	}
	if _, err := s.Audit(ctx, "", true, 10); err != nil {
		t.Errorf("Audit() of a read-only store error: %v", err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Errorf("Backup() of a read-only store error: %v", err)
	}
	doc, chunks, vectors := storetest.NewDocument(2, "Another document, refused.")
	writes := map[string]error{
		"Add":            s.Add(ctx, doc, chunks, vectors),
		"ReplaceVectors": s.ReplaceVectors(ctx, map[string]storage.Vector{chunks[0].ID: vectors[0]}),
		"SaveAnswer":     s.SaveAnswer(ctx, storage.AnswerRecord{ID: "a1", Question: "q", Answer: "a", Mode: "extractive", Sources: "[]"}),
		"SaveFeedback":   s.SaveFeedback(ctx, "a1", "user:1", true),
	}
	_, writes["Remove"] = s.Remove(ctx, docs[0].ID, "user:7")
	for name, err := range writes {
		if !errors.Is(err, storage.ErrReadOnly) || !strings.Contains(err.Error(), "read") {
			t.Errorf("%s() on a read-only store error = %v; want one wrapping ErrReadOnly", name, err)
		}
	}
	s.Close()
	after, err := os.ReadFile(path)
	if err != nil || string(after) != string(before) {
		t.Errorf("the store file changed while open for reading only")
	}
	for _, name := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(name); err == nil {
			t.Errorf("opening for reading only left %s", name)
		}
	}
}

// A read-only handle sees what a writer commits while both are open (the
// -wal file exists: the store is not read as immutable then).
func TestOpenReadOnlyBesideAWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cabot.db")
	addOne(t, path)
	w := openAt(t, path)
	defer w.Close()
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly() beside a writer error: %v", err)
	}
	defer r.Close()
	doc, chunks, vectors := storetest.NewDocument(2, "A document the writer adds while the reader is open.")
	if err := w.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatal(err)
	}
	wantLast, _ := w.LastChange(ctx)
	if got, err := r.LastChange(ctx); err != nil || got != wantLast {
		t.Errorf("reader's LastChange() = %d, %v; want the writer's %d", got, err, wantLast)
	}
	if has, err := r.Has(ctx, doc.ID); err != nil || !has {
		t.Errorf("reader's Has(new document) = %v, %v; want true", has, err)
	}
}

func TestOpenReadOnlyRefusesWhatItCannotRead(t *testing.T) {
	ctx := context.Background()
	if s, err := OpenReadOnly(ctx, filepath.Join(t.TempDir(), "cabot.db")); err == nil {
		s.Close()
		t.Errorf("OpenReadOnly() of a missing store = nil error; want an error")
	}
	// An older schema needs write access to be upgraded.
	path := filepath.Join(t.TempDir(), "cabot.db")
	s := openAt(t, path)
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)-1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r, err := OpenReadOnly(ctx, path)
	if err == nil {
		r.Close()
		t.Fatalf("OpenReadOnly() of an older schema = nil error; want it refused")
	}
	if !strings.Contains(err.Error(), "write access") {
		t.Errorf("OpenReadOnly() of an older schema error = %q; want it to say it needs write access", err)
	}
}

func TestWritable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cabot.db")
	if err := Writable(path); err != nil {
		t.Errorf("Writable(%s) in a fresh directory = %v; want nil", path, err)
	}
	if err := Writable(filepath.Join(dir, "not", "yet", "cabot.db")); err != nil {
		t.Errorf("Writable() in a directory still to make = %v; want nil", err)
	}
	openAt(t, path).Close()
	if err := Writable(path); err != nil {
		t.Errorf("Writable(%s) of a store = %v; want nil", path, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Writable left files behind: %v", entries)
	}
	// A directory nobody can write to, root included (sysfs).
	if info, err := os.Stat("/sys"); err == nil && info.IsDir() {
		if err := Writable("/sys/cabot.db"); err == nil || err.Error() != "the data directory /sys is read-only" {
			t.Errorf("Writable(/sys/cabot.db) = %v; want the data directory /sys is read-only", err)
		}
	}
	// The store file (or its -wal) read-only in a writable directory, as a
	// probe that refuses them shows (chmod does not stop root).
	for _, name := range []string{path, path + "-wal"} {
		if err := os.WriteFile(path+"-wal", nil, 0o600); err != nil {
			t.Fatal(err)
		}
		refuse := func(n string, isDir bool) error {
			if n == name {
				return fs.ErrPermission
			}
			return nil
		}
		if err := writable(path, refuse); err == nil || err.Error() != "the store file "+name+" is read-only" {
			t.Errorf("writable() with %s read-only = %v; want the store file %s is read-only", name, err, name)
		}
	}
	if os.Geteuid() != 0 { // as root, chmod stops nothing
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if err := Writable(filepath.Join(ro, "cabot.db")); err == nil {
			t.Errorf("Writable() in a directory of mode 0555 = nil; want it read-only")
		}
	}
}
