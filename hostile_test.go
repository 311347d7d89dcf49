package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cabot/corpus"
	"cabot/corpus/postgres/pgtest"
)

// TestMain lets this test binary serve as the extraction child of the
// commands that the tests run in process.
func TestMain(m *testing.M) {
	corpus.RunChildIfRequested()
	code := m.Run()
	pgtest.Stop()
	os.Exit(code)
}

// xrefPrevLoopPDF is xref_prev_loop.pdf of issue 12: a one-page PDF whose
// trailer's /Prev is the offset of its own cross-reference table, which
// the PDF library follows forever.
func xrefPrevLoopPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"", // the content stream
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	text := "BT /F1 12 Tf 72 720 Td (Cuba and Azerbaijan signed a health cooperation agreement in Baku.) Tj ET"
	objs[3] = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref, xref)
	return b.Bytes()
}

func writeLoopPDF(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "xref_prev_loop.pdf")
	if err := os.WriteFile(path, xrefPrevLoopPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// docCount lists the documents of a data directory.
func docCount(t *testing.T, dir string) int {
	t.Helper()
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list", "--json")
	var docs []jsonDoc
	if err := json.Unmarshal([]byte(out), &docs); err != nil || code != 0 {
		t.Fatalf("docs list --json exited %d: %v\n%s%s", code, err, out, errs)
	}
	return len(docs)
}

// Issue 12, in process: the ingest of a PDF that hangs the library fails at
// the configured deadline, with the reason, and stores nothing.
func TestIngestHostilePDFInProcess(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CABOT_DOCUMENTS_EXTRACT_TIMEOUT": "1s"}
	start := time.Now()
	out, errs, code := cabot(t, env, "", "--data-dir", dir, "ingest", writeLoopPDF(t))
	took := time.Since(start)
	if code != 1 || !strings.Contains(out, "could not be read within 1s") || !strings.Contains(out, "0 added, 0 duplicates, 1 failed") {
		t.Errorf("ingest xref_prev_loop.pdf exited %d:\n%s%s\nwant 1 and the deadline's reason", code, out, errs)
	}
	if took > 6*time.Second { // the deadline, and opening the store
		t.Errorf("ingest xref_prev_loop.pdf took %v; want about 1 s", took)
	}
	if n := docCount(t, dir); n != 1 {
		t.Errorf("after the failed ingest, docs list shows %d documents; want the bundled one only", n)
	}
}

// Issue 12, through the built binary: the ingest of a PDF that hangs the
// library exits 1 at the deadline with a one-line reason and stores
// nothing; SIGTERM during it ends the process, and its reading child,
// within 2 s.
func TestIngestHostilePDFBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "cabot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	pdf := writeLoopPDF(t)
	dir := t.TempDir()

	const deadline = 2 * time.Second
	cmd := exec.Command(bin, "--data-dir", dir, "ingest", pdf)
	cmd.Env = append(os.Environ(), "CABOT_DOCUMENTS_EXTRACT_TIMEOUT="+deadline.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("cabot ingest xref_prev_loop.pdf: %v; want exit status 1\n%s%s", err, stdout.String(), stderr.String())
	}
	if took > deadline+2*time.Second {
		t.Errorf("cabot ingest xref_prev_loop.pdf took %v; want at most the deadline (%v) and 2 s", took, deadline)
	}
	var failed []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(l, "failed: ") {
			failed = append(failed, l)
		}
	}
	if len(failed) != 1 || !strings.Contains(failed[0], "xref_prev_loop.pdf") || !strings.Contains(failed[0], "could not be read within 2s") {
		t.Errorf("cabot ingest printed %q; want one failed line with the file and the deadline", stdout.String())
	}
	if n := docCount(t, dir); n != 1 {
		t.Errorf("after the failed ingest, docs list shows %d documents; want 1", n)
	}

	// SIGTERM in the middle of the reading.
	cmd = exec.Command(bin, "--data-dir", dir, "ingest", pdf)
	cmd.Env = append(os.Environ(), "CABOT_DOCUMENTS_EXTRACT_TIMEOUT=1m")
	stdout.Reset()
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForChild(t, bin, 10*time.Second)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	start = time.Now()
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("cabot ingest ended %v after SIGTERM; want at most 2 s", took)
		}
		if err == nil {
			t.Errorf("cabot ingest after SIGTERM exited 0; want a failure\n%s", stdout.String())
		}
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("cabot ingest still runs 5 s after SIGTERM")
	}
	time.Sleep(200 * time.Millisecond)
	if pids := children(bin); len(pids) > 0 {
		t.Errorf("reading processes %v still run after cabot ended", pids)
	}
	if n := docCount(t, dir); n != 1 {
		t.Errorf("after the interrupted ingest, docs list shows %d documents; want 1", n)
	}
}

// children returns the processes that run bin as an extraction child.
func children(bin string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		args := strings.Split(string(cmdline), "\x00")
		if len(args) >= 2 && args[0] == bin && args[1] == "-cabot-extract-child" {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// waitForChild waits until bin has started an extraction child.
func waitForChild(t *testing.T, bin string, limit time.Duration) {
	t.Helper()
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		time.Sleep(2 * time.Second) // no /proc: give it time
		return
	}
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if len(children(bin)) > 0 {
			return
		}
	}
	t.Fatalf("no extraction child of %s within %v", bin, limit)
}
