package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/bot/discordtest"
)

const nickelArticle = `# Cuban nickel for Baku

Cuba shipped 12,500 tonnes of nickel to Azerbaijan in March 2024, the trade ministry said.

The shipment left the port of Moa and is the first of its kind between the two countries.

https://example.org/news/nickel-for-baku
Example News`

// The point 6: a running "cabot serve" answers from a document that
// "cabot ingest" adds in another process within 2 seconds, and stops
// answering from it within 2 seconds of "cabot docs remove".
func TestServeFollowsIngestAndRemove(t *testing.T) {
	srv := discordtest.New(t, discordtest.Options{})
	dataDir := t.TempDir()
	env := map[string]string{
		"CABOT_DATA_DIR":             dataDir,
		"CABOT_DISCORD_TOKEN":        "token",
		"CABOT_DISCORD_API_BASE_URL": srv.APIBase(),
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), &out, &syncWriter{b: &errs, mu: &mu}, func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		})
	}()
	defer func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d; want 0 (stderr: %s)", code, errs.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	if _, err := srv.WaitRequest(wctx, discordtest.Route("PUT", "/api/v9/applications/{}/commands")); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	asked := 0
	// ask sends /ask from a new server and user each time (both have rate
	// limits; the article is global) and returns the bot's answer.
	ask := func() string {
		t.Helper()
		asked++
		i, err := srv.SendInteraction(srv.InGuild(discordtest.SlashCommand("ask",
			discordtest.StringOption("question", "How many tonnes of nickel did Cuba ship to Azerbaijan?")),
			fmt.Sprintf("2000000000000%05d", asked), "300000000000000001", fmt.Sprintf("4000000000000%05d", asked), 0))
		if err != nil {
			t.Fatal(err)
		}
		actx, acancel := context.WithTimeout(wctx, 5*time.Second)
		defer acancel()
		edit, err := srv.WaitRequest(actx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
		if err != nil {
			t.Fatal(err)
		}
		return string(edit.Body)
	}
	// within asks until answered(answer) holds, for at most limit, and
	// returns how long it took.
	within := func(limit time.Duration, answered func(string) bool) (time.Duration, bool) {
		t.Helper()
		start := time.Now()
		for {
			if answered(ask()) {
				return time.Since(start), true
			}
			if time.Since(start) > limit {
				return time.Since(start), false
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	hasFact := func(answer string) bool { return strings.Contains(answer, "12,500") }
	if a := ask(); hasFact(a) {
		t.Fatalf("the bot answers from the article before it is ingested: %s", a)
	}

	file := filepath.Join(t.TempDir(), "nickel.md")
	if err := os.WriteFile(file, []byte(nickelArticle), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := cabot(t, nil, "", "--data-dir", dataDir, "ingest", file)
	if code != 0 || !strings.Contains(stdout, "1 added") {
		t.Fatalf("ingest while serving exited %d: %s %s", code, stdout, stderr)
	}
	m := regexp.MustCompile(`\((\S+)\)\n`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("ingest printed no document ID: %s", stdout)
	}
	took, ok := within(2*time.Second, hasFact)
	if !ok {
		t.Fatalf("the bot did not answer from the ingested article within 2 s (%v)", took)
	}
	t.Logf("answerable %v after cabot ingest returned", took.Round(time.Millisecond))

	if stdout, stderr, code := cabot(t, nil, "", "--data-dir", dataDir, "docs", "remove", m[1]); code != 0 {
		t.Fatalf("docs remove while serving exited %d: %s %s", code, stdout, stderr)
	}
	took, ok = within(2*time.Second, func(a string) bool { return !hasFact(a) })
	if !ok {
		t.Fatalf("the bot still answers from the removed article 2 s after cabot docs remove (%v)", took)
	}
	t.Logf("unanswerable %v after cabot docs remove returned", took.Round(time.Millisecond))
}

// "cabot chat" follows the store too: a question asked after another
// process ingested an article is answered from it.
func TestChatFollowsIngest(t *testing.T) {
	dataDir := t.TempDir()
	in, questions := io.Pipe()
	var answers strings.Builder
	w := &syncWriter{b: &answers, mu: &mu}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"--data-dir", dataDir, "chat"}, in, w, io.Discard, func(string) (string, bool) { return "", false })
	}()
	// answered waits until chat has printed n answers (each lists its
	// sources or the nearest documents) and returns all it printed.
	answered := func(n int) string {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			mu.Lock()
			text := answers.String()
			mu.Unlock()
			if strings.Count(text, "\nSources:\n")+strings.Count(text, "\nNearest documents:\n") >= n {
				time.Sleep(100 * time.Millisecond) // the rest of its lines
				mu.Lock()
				defer mu.Unlock()
				return answers.String()
			}
		}
		t.Fatalf("chat printed fewer than %d answers", n)
		return ""
	}
	const q = "How many tonnes of nickel did Cuba ship to Azerbaijan?\n"
	fmt.Fprint(questions, q)
	if a := answered(1); strings.Contains(a, "12,500") {
		t.Fatalf("chat answers from the article before it is ingested: %s", a)
	}
	file := filepath.Join(t.TempDir(), "nickel.md")
	if err := os.WriteFile(file, []byte(nickelArticle), 0o600); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code := cabot(t, nil, "", "--data-dir", dataDir, "ingest", file); code != 0 {
		t.Fatalf("ingest while chatting exited %d: %s %s", code, stdout, stderr)
	}
	time.Sleep(2 * time.Second) // a second to notice, one to spare
	fmt.Fprint(questions, q)
	if a := answered(2); !strings.Contains(a, "12,500") {
		t.Errorf("2 s after cabot ingest, chat answers without the ingested article's fact:\n%s", a)
	}
	questions.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("chat exited %d at end of input; want 0", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("chat did not stop at end of input")
	}
}

// The point 7: two "cabot ingest" of one folder at once report
// duplicates, not "UNIQUE constraint failed", and store each article once.
func TestConcurrentIngestReportsDuplicates(t *testing.T) {
	dataDir, src := t.TempDir(), t.TempDir()
	const n = 6
	for i := range n {
		text := fmt.Sprintf("# Trade note %d\n\nCuban and Azerbaijani officials signed trade note number %d in Havana, covering %d tonnes of goods.\n", i, i, 100*(i+1))
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("note-%d.md", i)), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Both open the store first, so that neither adds the bundled article
	// while the other ingests (that is what makes them run at once).
	if _, errs, code := cabot(t, nil, "", "--data-dir", dataDir, "docs", "list"); code != 0 {
		t.Fatalf("docs list exited %d: %s", code, errs)
	}
	outs := make([]string, 2)
	var wg sync.WaitGroup
	for k := range outs {
		wg.Go(func() { outs[k], _, _ = cabot(t, nil, "", "--data-dir", dataDir, "ingest", src) })
	}
	wg.Wait()
	added := 0
	for _, out := range outs {
		if strings.Contains(out, "UNIQUE") || strings.Contains(out, "failed:") {
			t.Errorf("concurrent ingest printed failures:\n%s", out)
		}
		var a, d, f int
		if _, err := fmt.Sscanf(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:], "%d added, %d duplicates, %d failed", &a, &d, &f); err != nil {
			t.Fatalf("no summary line in:\n%s", out)
		}
		if a+d != n || f != 0 {
			t.Errorf("summary %d added, %d duplicates, %d failed; want %d added or duplicates, 0 failed", a, d, f, n)
		}
		added += a
	}
	if added != n {
		t.Errorf("the two ingests added %d documents together; want %d (each once):\n%s\n%s", added, n, outs[0], outs[1])
	}
}
