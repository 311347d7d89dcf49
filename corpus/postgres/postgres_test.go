package postgres

import (
	"cabot/corpus"
	"cabot/corpus/postgres/pgtest"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"cabot/corpus/storetest"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

func needServer(t *testing.T) string { return pgtest.Server(t) }

func newDatabase(t *testing.T) string { return pgtest.Database(t) }

// open opens a store on a new database, closed at the end of the test.
func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), newDatabase(t))
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	needServer(t)
	storetest.Run(t, func(t *testing.T) storage.Store { return open(t) })
}

// Two stores on one database (two processes) never both store a duplicate.
func TestConcurrentDuplicatesAcrossStores(t *testing.T) {
	u := newDatabase(t)
	var stores []storage.Store
	for range 3 {
		s, err := Open(context.Background(), u)
		if err != nil {
			t.Fatalf("Open() error: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	storetest.CheckConcurrentDuplicates(t, stores)
}

// Opening again keeps the schema and the documents; opening at once from
// several processes migrates once.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	u := newDatabase(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(ctx, u)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent Open() error: %v", err)
		}
	}
	s, err := Open(ctx, u)
	if err != nil {
		t.Fatalf("Open() error: %v", err)
	}
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add() error: %v", err)
	}
	s.Close()
	s, err = Open(ctx, u)
	if err != nil {
		t.Fatalf("Open() again error: %v", err)
	}
	defer s.Close()
	storetest.CheckCounts(t, s, 1, len(chunks))
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil || v != len(migrations) {
		t.Errorf("schema_version = %d, %v; want %d", v, err, len(migrations))
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, u); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open() of a newer schema error = %v; want one saying it is newer", err)
	}
}

// Check names what is missing from the schema.
func TestCheckSchema(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	for _, stmt := range []string{`DROP INDEX documents_scope`, `ALTER TABLE audit DROP COLUMN detail`, `DROP TABLE removed`,
		`ALTER TABLE answers ALTER COLUMN scope DROP NOT NULL`} {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	h, err := s.Check(ctx)
	if err != nil {
		t.Fatalf("Check() error: %v", err)
	}
	want := []string{
		"column answers.scope is text DEFAULT ''::text; want text NOT NULL DEFAULT ''::text",
		"column audit.detail is missing",
		"index documents_scope is missing",
		"table removed is missing",
	}
	if strings.Join(h.SchemaProblems, "\n") != strings.Join(want, "\n") || h.OK() {
		t.Errorf("Check().SchemaProblems = %q; want %q", h.SchemaProblems, want)
	}
	// Nothing of the comparison is left behind.
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pg_namespace WHERE nspname = 'cabot_expected_schema'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("schemas left by Check: %d, %v; want 0", n, err)
	}
}

// A backup is an SQLite store with everything in it.
func TestBackupLoadsIntoSQLite(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	doc, chunks, vectors := storetest.NewDocument(1, storetest.Article(t).Text)
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatal(err)
	}
	other, c2, v2 := storetest.NewDocument(2, "A second, short document.")
	if err := s.Add(ctx, other, c2, v2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove(ctx, other.ID, "user:9"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, storage.AnswerRecord{ID: "a1", Question: "q", Answer: "a", Grounded: true, Mode: "extractive", Sources: "[]",
		CreatedAt: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeedback(ctx, "a1", "alice", true); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cabot.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatalf("Backup() error: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*")); len(left) != 1 {
		t.Errorf("Backup() left %q; want only the backup", left)
	}
	b, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("sqlite.Open(backup) error: %v", err)
	}
	defer b.Close()
	storetest.CheckCounts(t, b, 1, len(chunks))
	got := storetest.AllChunks(t, b)
	for i, c := range got {
		if c.Text != chunks[i].Text || c.Vector.Embedder != vectors[i].Embedder || !storetest.SameVector(c.Vector.Values, vectors[i].Values) {
			t.Errorf("backup chunk %d = %+v; want %+v with %v", i, c, chunks[i], vectors[i])
		}
	}
	if d, err := b.Document(ctx, doc.ID); err != nil || d.Text != doc.Text || !d.AddedAt.Equal(doc.AddedAt) {
		t.Errorf("backup Document() = %+v, %v; want the document added", d, err)
	}
	if removed, err := b.WasRemoved(ctx, other.ID); err != nil || !removed {
		t.Errorf("backup WasRemoved(removed document) = %v, %v; want true", removed, err)
	}
	wantAudit, _ := s.Audit(ctx, "", true, 10)
	if gotAudit, err := b.Audit(ctx, "", true, 10); err != nil || fmt.Sprint(gotAudit) != fmt.Sprint(wantAudit) {
		t.Errorf("backup Audit() = %v, %v; want %v", gotAudit, err, wantAudit)
	}
	wantFeed, _ := s.Changes(ctx, 0, 10)
	if gotFeed, err := b.Changes(ctx, 0, 10); err != nil || fmt.Sprint(gotFeed) != fmt.Sprint(wantFeed) {
		t.Errorf("backup Changes() = %v, %v; want %v", gotFeed, err, wantFeed)
	}
	if a, err := b.Answer(ctx, "a1"); err != nil || !a.Grounded || !a.CreatedAt.Equal(time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)) {
		t.Errorf("backup Answer() = %+v, %v; want the answer saved", a, err)
	}
	// The same key: alice's second vote replaces her first.
	if err := b.SaveFeedback(ctx, "a1", "alice", false); err != nil {
		t.Fatal(err)
	}
	if h, u, err := b.FeedbackCounts(ctx, "a1"); err != nil || h != 0 || u != 1 {
		t.Errorf("backup FeedbackCounts() after alice's second vote = %d, %d, %v; want 0, 1", h, u, err)
	}
	if h, err := b.Check(ctx); err != nil || !h.OK() {
		t.Errorf("backup Check() = %+v, %v; want OK", h, err)
	}
}

func TestWhereHidesPassword(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"postgres://cabot:s3cret@db.example:5433/news", "postgres://cabot@db.example:5433/news"},
		{"host=db.example user=cabot password=s3cret dbname=news", "postgres://cabot@db.example:5432/news"},
		{"postgres://cabot:s3cret@/news?host=/run/postgresql", "postgres://cabot@/run/postgresql/news"},
	} {
		cfg, err := pq.NewConfig(tt.url)
		if err != nil {
			t.Fatalf("NewConfig(%q) error: %v", tt.url, err)
		}
		if got := describe(cfg); got != tt.want {
			t.Errorf("describe(%q) = %q; want %q", tt.url, got, tt.want)
		}
	}
	_, err := Open(context.Background(), "postgres://cabot:s3cret@[bad")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Open(bad URL) error = %v; want an error without the password", err)
	}
}

// A document with more chunks than one statement has parameters for is
// written in several statements, and so are its vectors replaced.
func TestAddAndReplaceBeyondOneStatement(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	const n = maxParameters/4 + 100 // beyond one statement of vectors (4 columns), and of chunks (6)
	doc, _, _ := storetest.NewDocument(1, strings.Repeat("abcdefghij ", n/10+1))
	chunks := make([]corpus.Chunk, n)
	vectors := make([]storage.Vector, n)
	replaced := make(map[string]storage.Vector, n)
	for i := range chunks {
		chunks[i] = corpus.Chunk{ID: fmt.Sprintf("%s-%d", doc.ID, i), DocID: doc.ID, Position: i, Start: i, End: i + 1, Text: doc.Text[i : i+1]}
		vectors[i] = storage.Vector{Embedder: "first", Values: []float32{float32(i)}}
		replaced[chunks[i].ID] = storage.Vector{Embedder: "second", Values: []float32{float32(-i)}}
	}
	if err := s.Add(ctx, doc, chunks, vectors); err != nil {
		t.Fatalf("Add(%d chunks) error: %v", n, err)
	}
	got, err := s.DocumentChunks(ctx, doc.ID)
	if err != nil || len(got) != n || got[n-1].Text != chunks[n-1].Text || got[n-1].Vector.Values[0] != float32(n-1) {
		t.Fatalf("DocumentChunks() = %d chunks, %v; want %d, the last with its vector", len(got), err, n)
	}
	if err := s.ReplaceVectors(ctx, replaced); err != nil {
		t.Fatalf("ReplaceVectors(%d vectors) error: %v", n, err)
	}
	h, err := s.Check(ctx)
	if err != nil || len(h.Embedders) != 1 || h.Embedders["second"] != n {
		t.Errorf("Check().Embedders after ReplaceVectors = %v, %v; want second: %d", h.Embedders, err, n)
	}
}

// Without an sslmode, Open tries TLS and, when the server has none, plain
// TCP (as libpq and pgx do), rather than fail as lib/pq's default would.
func TestOpenFallsBackFromTLS(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// The server refuses TLS ('N') and records the first message of every
	// connection: 80877103 asks for TLS, 196608 (protocol 3.0) starts a
	// session in plain TCP.
	codes := make(chan uint32, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				for {
					var head [8]byte
					if _, err := io.ReadFull(c, head[:]); err != nil {
						return
					}
					code := binary.BigEndian.Uint32(head[4:])
					codes <- code
					if code != 80877103 {
						return // no session: Open fails, after trying
					}
					if _, err := c.Write([]byte{'N'}); err != nil {
						return
					}
				}
			}()
		}
	}()
	s, err := Open(context.Background(), "postgres://cabot:s3cret@"+ln.Addr().String()+"/cabot?connect_timeout=5")
	if err == nil {
		s.Close()
		t.Fatal("Open() against a server that starts no session succeeded")
	}
	if strings.Contains(err.Error(), "SSL is not enabled") {
		t.Errorf("Open() error = %v; want it to go on without TLS", err)
	}
	for {
		select {
		case code := <-codes:
			if code == 196608 {
				return
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no session started in plain TCP after the server refused TLS (Open() error: %v)", err)
		}
	}
}
