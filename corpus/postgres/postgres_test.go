package postgres

import (
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"cabot/corpus/storetest"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// server is the PostgreSQL server the tests use: CABOT_TEST_POSTGRES_URL,
// or a throwaway cluster that TestMain starts from the server binaries
// (initdb, pg_ctl) on a unix socket in a temporary directory.
var server struct {
	url      string // of a database the tests may create databases from
	unusable string // why there is no server, when url is empty
}

func TestMain(m *testing.M) {
	stop := startServer()
	code := m.Run()
	stop()
	os.Exit(code)
}

// serverBinaries returns the directory of the newest PostgreSQL server
// binaries, "" when there are none.
func serverBinaries() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

func versionOf(dir string) int {
	var v int
	fmt.Sscanf(filepath.Base(filepath.Dir(dir)), "%d", &v)
	return v
}

// startServer sets server and returns what stops it.
func startServer() (stop func()) {
	if u := os.Getenv("CABOT_TEST_POSTGRES_URL"); u != "" {
		server.url = u
		return func() {}
	}
	bin := serverBinaries()
	if bin == "" {
		server.unusable = "no PostgreSQL server binaries (initdb) in /usr/lib/postgresql/*/bin or on PATH, and CABOT_TEST_POSTGRES_URL is unset"
		return func() {}
	}
	// Not t.TempDir: its parents are private to root, and initdb refuses
	// to run as root, so the cluster belongs to nobody.
	dir, err := os.MkdirTemp("", "cabot-postgres-")
	if err != nil {
		server.unusable = fmt.Sprintf("make a directory for the cluster: %v", err)
		return func() {}
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		if os.Geteuid() == 0 {
			cmd = exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", filepath.Join(bin, name)}, args...)...)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", name, err, out)
		}
		return nil
	}
	fail := func(err error) func() {
		server.unusable = err.Error()
		os.RemoveAll(dir)
		return func() {}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return fail(err)
	}
	if os.Geteuid() == 0 {
		if err := exec.Command("chown", "nobody:nogroup", dir).Run(); err != nil {
			return fail(fmt.Errorf("chown %s: %w", dir, err))
		}
	}
	if err := run("initdb", "-D", data, "-U", "cabot", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"); err != nil {
		return fail(err)
	}
	// No TCP port: only the socket in dir. fsync off: a throwaway cluster.
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories=%s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", dir)
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fail(fmt.Errorf("%v\n%s", err, log))
	}
	server.url = (&url.URL{Scheme: "postgres", User: url.User("cabot"), Path: "/postgres",
		RawQuery: url.Values{"host": {dir}}.Encode()}).String()
	return func() {
		if err := run("pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		os.RemoveAll(dir)
	}
}

// needServer returns the server's URL, or skips the test (fails it under CI)
// when there is none.
func needServer(t *testing.T) string {
	t.Helper()
	if server.url == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but there is no PostgreSQL server: %s", server.unusable)
		}
		t.Skipf("no PostgreSQL server: %s", server.unusable)
	}
	return server.url
}

var databases atomic.Int64

// newDatabase creates an empty database for one test, dropped at its end,
// and returns its URL.
func newDatabase(t *testing.T) string {
	t.Helper()
	base := needServer(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("cabot_test_%d_%d", os.Getpid(), databases.Add(1))
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE template0`); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("connect to drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

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
	if err := s.pool.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil || v != len(migrations) {
		t.Errorf("schema_version = %d, %v; want %d", v, err, len(migrations))
	}
	if _, err := s.pool.Exec(ctx, `UPDATE schema_version SET version = 99`); err != nil {
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
		if _, err := s.pool.Exec(ctx, stmt); err != nil {
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
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM pg_namespace WHERE nspname = 'cabot_expected_schema'`).Scan(&n); err != nil || n != 0 {
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
		cfg, err := pgx.ParseConfig(tt.url)
		if err != nil {
			t.Fatalf("ParseConfig(%q) error: %v", tt.url, err)
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
