// Package pgtest gives tests a PostgreSQL server: CABOT_TEST_POSTGRES_URL,
// or a throwaway cluster it starts from Debian's server binaries on a unix
// socket in a temporary directory, and an empty database per test. Without
// a server a test is skipped, saying so, unless CI is set (then it fails).
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/lib/pq"
)

// server is the PostgreSQL server the tests use: CABOT_TEST_POSTGRES_URL,
// or a throwaway cluster started, on first use, from the server binaries
// (initdb, pg_ctl) on a unix socket in a temporary directory.
var server struct {
	once     sync.Once
	url      string // of a database the tests may create databases from
	unusable string // why there is no server, when url is empty
	stop     func()
}

// Stop stops the throwaway cluster, if one was started; call it from
// TestMain after m.Run.
func Stop() {
	server.once.Do(func() { server.stop = func() {} }) // none from now on
	server.stop()
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

// Server returns the URL of the test server's postgres database, starting
// the server on first use, or skips the test (fails it under CI) when
// there is none.
func Server(t testing.TB) string {
	t.Helper()
	server.once.Do(func() { server.stop = startServer() })
	if server.url == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but there is no PostgreSQL server: %s", server.unusable)
		}
		t.Skipf("no PostgreSQL server: %s", server.unusable)
	}
	return server.url
}

var databases atomic.Int64

// Database creates an empty database for one test, dropped at its end,
// and returns its URL.
func Database(t testing.TB) string {
	t.Helper()
	base := Server(t)
	ctx := context.Background()
	name := fmt.Sprintf("cabot_test_%d_%d", os.Getpid(), databases.Add(1))
	if err := admin(ctx, base, `CREATE DATABASE `+name+` TEMPLATE template0`); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if err := admin(ctx, base, `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
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

// admin runs statement, outside a transaction, on connections of its own
// to the database at url.
func admin(ctx context.Context, url, statement string) error {
	connector, err := pq.NewConnector(url)
	if err != nil {
		return fmt.Errorf("connect to the test server: %w", err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	if _, err := db.ExecContext(ctx, statement); err != nil {
		return err
	}
	return db.Close()
}
