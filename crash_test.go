package main

import (
	"cabot/corpus/sqlite"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeArticles writes n distinct small articles, each with a fact of its
// own ("Project P0042 trained 1042 nurses in Ganja.").
func writeArticles(t *testing.T, dir string, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("health brigade doctors nurses biotechnology vaccines trade sugar tourism education agriculture culture Baku Havana Ganja Santiago ministry cooperation training hospital clinic research universities exchange agreement delegation summit")
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "# Cooperation note %04d\n\n", i)
		fmt.Fprintf(&b, "Project P%04d trained %d nurses in Ganja.", i, 1000+i)
		for p := 0; p < 3; p++ {
			b.WriteString("\n\n")
			for s := 0; s < 3; s++ {
				var ws []string
				for w := 0; w < 12; w++ {
					ws = append(ws, words[r.IntN(len(words))])
				}
				fmt.Fprintf(&b, "Note %d %s %d. ", i, strings.Join(ws, " "), r.IntN(100000))
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("note-%04d.md", i)), []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestIngestSurvivesKills kills "cabot ingest" of 1,000 documents with
// SIGKILL at random moments; after each kill the store opens, holds only
// whole documents (every chunk with its vector), and they are answerable;
// the last run completes the set without duplicating anything.
func TestIngestSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 1,000 documents")
	}
	bin := filepath.Join(t.TempDir(), "cabot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src, data := t.TempDir(), t.TempDir()
	const n = 1000
	writeArticles(t, src, n)
	r := rand.New(rand.NewPCG(7, 7))
	kills := 0
	for round := 0; round < 5; round++ {
		cmd := exec.Command(bin, "--data-dir", data, "ingest", src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+r.IntN(1500)) * time.Millisecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		docs := checkWholeDocuments(t, data)
		t.Logf("after kill %d: %d documents", round+1, docs)
		if docs > 1 {
			checkAnswerable(t, bin, data)
		}
	}
	out, err := exec.Command(bin, "--data-dir", data, "ingest", src).Output()
	if err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	if docs := checkWholeDocuments(t, data); docs != n+1 { // and the bundled article
		t.Fatalf("after the final run, %d documents; want %d", docs, n+1)
	}
	if !strings.Contains(string(out), "0 failed") {
		t.Errorf("final ingest: %s", lastLine(string(out)))
	}
	t.Logf("%d kills; final run: %s", kills, lastLine(string(out)))
	checkAnswerable(t, bin, data)
}

// checkAnswerable asks about the fact of a document that the store holds.
func checkAnswerable(t *testing.T, bin, data string) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(data, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := store.Documents(ctx)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	var title string
	for _, d := range docs {
		if strings.HasPrefix(d.Title, "Cooperation note") {
			title = d.Title
		}
	}
	if title == "" {
		return
	}
	num := strings.TrimPrefix(title, "Cooperation note ")
	out, err := exec.Command(bin, "--data-dir", data, "ask", "How many nurses did Project P"+num+" train in Ganja?").Output()
	if err != nil {
		t.Fatalf("ask: %v", err)
	}
	var k int
	fmt.Sscanf(num, "%d", &k)
	if want := fmt.Sprint(1000 + k); !strings.Contains(string(out), want) {
		t.Errorf("asking about %q answered %q; want %s", title, out, want)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestDoctorRepairsAndBackupCopies(t *testing.T) {
	dir := t.TempDir()
	askJSON(t, dir, "How many aid workers were in the second brigade?")
	// A crash-like state: a chunk lost its vector.
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := store.Check(ctx)
	if !h.OK() {
		t.Fatalf("a fresh store is not healthy: %+v", h)
	}
	store.Close()
	if err := deleteOneVector(filepath.Join(dir, "cabot.db")); err != nil {
		t.Fatal(err)
	}
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "doctor")
	if code != 0 || !strings.Contains(out, "1 chunks without vectors") || !strings.Contains(out, "repaired: 1 chunks") || !strings.HasSuffix(strings.TrimSpace(out), "ok") {
		t.Errorf("doctor exited %d:\n%s%s\nwant the missing vector found and repaired", code, out, errs)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "backup", backup); code != 0 {
		t.Fatalf("backup exited %d: %s", code, errs)
	}
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "backup", backup); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("backup over an existing file exited %d (%s); want a refusal", code, errs)
	}
	// The copy is a working store.
	restored := t.TempDir()
	raw, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(restored, "cabot.db"), raw, 0o600)
	if ans := askJSON(t, restored, "How many aid workers were in the second brigade?"); !ans.Grounded {
		t.Errorf("the restored backup does not answer: %q", ans.Answer)
	}
}

// deleteOneVector removes one vector behind cabot's back, as a crash
// between two writes could.
func deleteOneVector(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`DELETE FROM vectors WHERE chunk_id = (SELECT chunk_id FROM vectors LIMIT 1)`)
	return err
}
