package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The point 19: a store emptied to 0 bytes is not recreated empty;
// doctor (like every command) says what happened and exits 1.
func TestDoctorRefusesAnEmptiedStore(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list"); code != 0 {
		t.Fatalf("docs list exited %d: %s", code, errs)
	}
	if err := os.Truncate(filepath.Join(dir, "cabot.db"), 0); err != nil {
		t.Fatal(err)
	}
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "doctor")
	if code != 1 || !strings.Contains(errs, "backup") || strings.Contains(out, "ok") {
		t.Errorf("doctor on an emptied store exited %d with %q, %q; want 1 and to restore from a backup", code, out, errs)
	}
	t.Logf("doctor: %s", errs)
	if out, _, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list"); code != 1 || strings.Contains(out, "documents") {
		t.Errorf("docs list on an emptied store exited %d with %q; want 1", code, out)
	}
}

// The point 20: after a table is dropped, doctor names it and exits
// 1 (it said ok, and ingest then failed with "no such table").
func TestDoctorFindsAMissingTable(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list"); code != 0 {
		t.Fatalf("docs list exited %d: %s", code, errs)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP TABLE audit`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "doctor")
	if code != 1 || !strings.Contains(out, "table audit is missing") || strings.HasSuffix(strings.TrimSpace(out), "ok") {
		t.Errorf("doctor after DROP TABLE audit exited %d:\n%s%s\nwant 1 and the missing table named", code, out, errs)
	}
}

// The point 21: in a read-only data directory, the commands that
// read work and those that write say why they cannot. (As root, chmod stops
// nothing: the sqlite package's tests cover the read-only path directly.)
func TestReadOnlyDataDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to a directory of mode 0555")
	}
	dir := t.TempDir()
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list"); code != 0 {
		t.Fatalf("docs list exited %d: %s", code, errs)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	for _, args := range [][]string{{"ask", "How many patients did the Cuban health workers attend in Azerbaijan?"},
		{"docs", "list"}, {"backup", filepath.Join(t.TempDir(), "backup.db")}, {"doctor"}} {
		if out, errs, code := cabot(t, nil, "", append([]string{"--data-dir", dir}, args...)...); code != 0 {
			t.Errorf("%v in a read-only data directory exited %d: %s%s", args, code, out, errs)
		}
	}
	out, errs, code := cabot(t, nil, "# Note\n\nA note that cannot be stored anywhere.\n", "--data-dir", dir, "ingest", "-")
	if code != 1 || !strings.Contains(out+errs, "the data directory "+dir+" is read-only") {
		t.Errorf("ingest in a read-only data directory exited %d: %s%s; want 1 and the reason", code, out, errs)
	}
}
