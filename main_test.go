package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
)

const articleURL = "https://www.radiohc.cu/en/especiales/comentarios/315585-interest-in-deepening-cooperation-in-health"

// cabot runs the command in-process with an environment of its own.
func cabot(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	environ := func() []string {
		var kv []string
		for k, v := range env {
			kv = append(kv, k+"="+v)
		}
		return kv
	}
	code = runEnviron(context.Background(), args, strings.NewReader(stdin), &out, &errb, getenv, environ)
	return out.String(), errb.String(), code
}

func askJSON(t *testing.T, dataDir, question string) jsonAnswer {
	t.Helper()
	out, errs, code := cabot(t, nil, "", "--data-dir", dataDir, "ask", "--json", question)
	if code != 0 {
		t.Fatalf("ask exited %d: %s", code, errs)
	}
	var ans jsonAnswer
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ans); err != nil {
		t.Fatalf("ask --json printed %q: %v", out, err)
	}
	if dec.More() {
		t.Fatalf("ask --json printed more than one JSON object: %q", out)
	}
	return ans
}

func articleText(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("corpus", "bundled", "radiohc-315585-interest-in-deepening-cooperation-in-health.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// The acceptance 1-3: a grounded, cited answer on a fresh data
// directory; an honest decline; and no growth on a second run.
func TestAskOnFreshDataDirectory(t *testing.T) {
	dir := t.TempDir()
	ans := askJSON(t, dir, "How many patients did the Cuban health workers attend in Azerbaijan?")
	if !ans.Grounded || !strings.Contains(ans.Answer, "77,000") || ans.Mode != "extractive" {
		t.Fatalf("answer = %+v; want grounded, extractive, with 77,000", ans)
	}
	if len(ans.Sources) == 0 || ans.Sources[0].URL != articleURL || ans.Sources[0].Title != "Interest in deepening cooperation in health" ||
		ans.Sources[0].Outlet != "Radio Habana Cuba" || ans.Sources[0].Published != "" || ans.Sources[0].N != 1 {
		t.Fatalf("first source = %+v; want the bundled article, numbered 1, with no invented date", ans.Sources)
	}
	if !strings.Contains(articleText(t), ans.Sources[0].Quote) || ans.Sources[0].Quote == "" {
		t.Errorf("quote %q is not verbatim in the article", ans.Sources[0].Quote)
	}
	if !strings.Contains(ans.Answer, "[1]") {
		t.Errorf("answer %q has no citation [1]", ans.Answer)
	}

	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs1, chunks1, _ := store.Counts(context.Background())
	store.Close()

	paella := askJSON(t, dir, "What is the recipe for paella?")
	if paella.Grounded || !strings.Contains(paella.Answer, "do not cover") {
		t.Errorf("paella answer = %+v; want grounded false and a plain 'do not cover'", paella)
	}

	store, err = sqlite.Open(context.Background(), filepath.Join(dir, "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	docs2, chunks2, _ := store.Counts(context.Background())
	if docs1 != 1 || docs2 != docs1 || chunks2 != chunks1 {
		t.Errorf("documents/chunks after first run %d/%d, after second %d/%d; want 1 document and no growth", docs1, chunks1, docs2, chunks2)
	}
}

func TestAskTextOutputAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	out, _, code := cabot(t, nil, "", "ask", "--data-dir", dir, "Who", "led", "the", "Cuban", "delegation?")
	if code != 0 || !strings.Contains(out, "Salvador Valdés Mesa") || !strings.Contains(out, "Sources:") || !strings.Contains(out, articleURL) {
		t.Errorf("ask (text) exited %d with %q; want the answer, its sources and the link", code, out)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no question", []string{"--data-dir", dir, "ask"}, 2, "no question"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"ask", "--nope", "x"}, 2, "nope"},
		{"no command", nil, 2, "Usage"},
		{"bad log level", []string{"--data-dir", dir, "--log-level", "loud", "ask", "x"}, 2, "log_level"},
		{"missing config file", []string{"--data-dir", dir, "--config", filepath.Join(dir, "nope.toml"), "ask", "x"}, 2, "nope.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := cabot(t, nil, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Errorf("cabot %q exited %d with stderr %q; want %d mentioning %q", tt.args, code, errs, tt.code, tt.msg)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("failure message is not one line: %q", errs)
			}
		})
	}
}

func TestHelpExplainsEveryFlag(t *testing.T) {
	out, _, code := cabot(t, nil, "", "help")
	for _, want := range []string{"ask", "chat", "config", "--data-dir", "--config", "--log-level"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help (exit %d) does not mention %q:\n%s", code, want, out)
		}
	}
	out, _, code = cabot(t, nil, "", "help", "ask")
	for _, want := range []string{"-json", "-data-dir", "-config", "-log-level"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help ask (exit %d) does not mention %q:\n%s", code, want, out)
		}
	}
}

func TestChatAnswersUntilQuit(t *testing.T) {
	dir := t.TempDir()
	in := "How many aid workers were in the second brigade?\n\n/quit\nWhat is the recipe for paella?\n"
	out, errs, code := cabot(t, nil, in, "--data-dir", dir, "chat")
	if code != 0 {
		t.Fatalf("chat exited %d: %s", code, errs)
	}
	if !strings.Contains(out, "120 aid workers") {
		t.Errorf("chat output %q lacks the answer to the first question", out)
	}
	if strings.Contains(out, "do not cover") {
		t.Errorf("chat answered a question after /quit: %q", out)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cabot.toml")
	if err := os.WriteFile(file, []byte("log_level = \"error\"\n[answer]\npassages = 4\nmax_sentences = 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CABOT_ANSWER_PASSAGES": "5", "CABOT_DATA_DIR": "/from/env"}
	out, errs, code := cabot(t, env, "", "config", "--config", file, "--data-dir", "/from/flag")
	if code != 0 {
		t.Fatalf("config exited %d: %s", code, errs)
	}
	for _, want := range []string{`data_dir = "/from/flag"`, `log_level = "error"`, "passages = 5", "max_sentences = 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	if _, errs, code := cabot(t, map[string]string{"CABOT_ANSWER_PASSAGES": "many"}, "", "config"); code != 2 || !strings.Contains(errs, "CABOT_ANSWER_PASSAGES") {
		t.Errorf("bad env value: exit %d, %q; want 2 naming the variable", code, errs)
	}
}

// TestConfigErrorsExitTwo: an unusable configuration is a usage error
// (exit 2), reported on one line however many problems it has.
func TestConfigErrorsExitTwo(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"duration without unit", map[string]string{"CABOT_LLM_TIMEOUT": "5"}, []string{"llm.timeout: 5 has no unit; write 5s"}},
		{"two unusable settings", map[string]string{"CABOT_ANSWER_PASSAGES": "0", "CABOT_LOG_LEVEL": "loud"}, []string{"answer.passages", "log_level"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := cabot(t, tt.env, "", "--data-dir", dir, "ask", "x")
			if code != exitUsage {
				t.Errorf("ask with %v exited %d; want %d (stderr %q)", tt.env, code, exitUsage, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("ask with %v: stderr %q; want it to mention %q", tt.env, errs, w)
				}
			}
			if strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("ask with %v: configuration error is not one line: %q", tt.env, errs)
			}
		})
	}
}

func TestUnknownVariableWarned(t *testing.T) {
	env := map[string]string{"CABOT_LLM_MODLE": "llama3.1", "CABOT_DATA_DIR": t.TempDir()}
	_, errs, code := cabot(t, env, "", "config")
	want := "warning: CABOT_LLM_MODLE is not a setting (did you mean CABOT_LLM_MODEL?)"
	if code != 0 || !strings.Contains(errs, want) || strings.Contains(errs, "CABOT_DATA_DIR") {
		t.Errorf("config with %v exited %d with stderr %q; want 0 and %q only", env, code, errs, want)
	}
}

// TestKilledWhileSeeding kills the real binary at moments spread over its
// start-up, then checks that the store opens, holds only whole documents,
// and that the next run finishes seeding and answers.
func TestKilledWhileSeeding(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "cabot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	q := "How many patients did the Cuban health workers attend in Azerbaijan?"
	for i := 0; i < 12; i++ {
		dir := t.TempDir()
		cmd := exec.Command(bin, "--data-dir", dir, "ask", q)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i) * 3 * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		checkWholeDocuments(t, dir)
		out, err := exec.Command(bin, "--data-dir", dir, "ask", "--json", q).Output()
		if err != nil {
			t.Fatalf("run after kill %d: %v", i, err)
		}
		if !strings.Contains(string(out), "77,000") {
			t.Fatalf("run after kill %d answered %s", i, out)
		}
		if docs := checkWholeDocuments(t, dir); docs != 1 {
			t.Fatalf("after kill %d and a full run, the store has %d documents; want 1", i, docs)
		}
	}
}

// checkWholeDocuments opens the store (if it exists) and fails if any
// document lacks chunks or any chunk lacks a vector. It returns the number
// of documents.
func checkWholeDocuments(t *testing.T, dir string) int {
	t.Helper()
	path := filepath.Join(dir, "cabot.db")
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("store does not open after a kill: %v", err)
	}
	defer store.Close()
	docs, err := store.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perDoc := map[string]int{}
	err = store.Chunks(ctx, func(c storage.IndexedChunk) error {
		if len(c.Vector.Values) == 0 {
			t.Errorf("chunk %s has no vector", c.ID)
		}
		perDoc[c.DocID]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		want := len(corpus.Split(d.ID, d.Text, corpus.DefaultChunkOptions()))
		if perDoc[d.ID] != want {
			t.Errorf("document %s has %d chunks; want %d", d.ID, perDoc[d.ID], want)
		}
	}
	return len(docs)
}

// syncWriter lets a goroutine write to a strings.Builder that the test reads.
type syncWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestFlagsMayFollowArguments(t *testing.T) {
	var asJSON bool
	var title string
	tests := []struct {
		args []string
		want []string
		json bool
	}{
		{[]string{"list", "--json"}, []string{"list"}, true},
		{[]string{"--json", "a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "--title", "T", "b"}, []string{"a", "b"}, false},
		{[]string{"a", "--", "--json", "-x"}, []string{"a", "--json", "-x"}, false},
		{[]string{"-"}, []string{"-"}, false},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		asJSON, title = false, ""
		fs.BoolVar(&asJSON, "json", false, "")
		fs.StringVar(&title, "title", "", "")
		if err := parseInterspersed(fs, tt.args); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(fs.Args()) != fmt.Sprint(tt.want) || asJSON != tt.json {
			t.Errorf("parseInterspersed(%q) = %q, json %v; want %q, %v", tt.args, fs.Args(), asJSON, tt.want, tt.json)
		}
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
