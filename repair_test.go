package main

import (
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
