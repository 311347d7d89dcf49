package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

const sugarMarkdown = `---
outlet: Example News
published: 2024-03-05
---
# Azerbaijani engineers to repair Cuban sugar mills

By Ana Pérez

Azerbaijani engineers will repair three sugar mills in Holguín next year, the Cuban sugar group Azcuba said.

The work is part of an agreement signed in Baku.

https://example.org/news/sugar-mills
`

// The acceptance 1: ingest a Markdown file, ask about its fact, ingest
// it again (a duplicate), and list both documents.
func TestIngestAskAndList(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "sugar.md")
	if err := os.WriteFile(file, []byte(sugarMarkdown), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "ingest", file)
	if code != 0 || !strings.Contains(out, "1 added, 0 duplicates, 0 failed") {
		t.Fatalf("ingest exited %d: %s %s", code, out, errs)
	}
	ans := askJSON(t, dir, "How many sugar mills will Azerbaijani engineers repair?")
	if !ans.Grounded || !strings.Contains(ans.Answer, "three sugar mills") || len(ans.Sources) == 0 ||
		ans.Sources[0].Title != "Azerbaijani engineers to repair Cuban sugar mills" || ans.Sources[0].URL != "https://example.org/news/sugar-mills" ||
		ans.Sources[0].Published != "2024-03-05" || ans.Sources[0].Outlet != "Example News" {
		t.Errorf("answer = %+v; want the fact cited from the ingested file with its metadata", ans)
	}
	out, _, code = cabot(t, nil, "", "--data-dir", dir, "ingest", file)
	if code != 0 || !strings.Contains(out, "duplicate") || !strings.Contains(out, "0 added, 1 duplicates, 0 failed") {
		t.Errorf("second ingest exited %d: %s; want a duplicate and nothing added", code, out)
	}
	out, _, code = cabot(t, nil, "", "--data-dir", dir, "docs", "list", "--json")
	var docs []jsonDoc
	if err := json.Unmarshal([]byte(out), &docs); err != nil || code != 0 {
		t.Fatalf("docs list --json exited %d: %v\n%s", code, err, out)
	}
	if len(docs) != 2 {
		t.Fatalf("docs list shows %d documents; want 2: %s", len(docs), out)
	}
	titles := docs[0].Title + "|" + docs[1].Title
	if !strings.Contains(titles, "Interest in deepening cooperation in health") || !strings.Contains(titles, "Azerbaijani engineers to repair Cuban sugar mills") {
		t.Errorf("docs list titles %q", titles)
	}
	for _, d := range docs {
		if d.ID == "" || d.AddedAt == "" || d.Source == "" {
			t.Errorf("document without metadata: %+v", d)
		}
	}
	// Remove it, then it is gone from answers and the history shows both.
	var id string
	for _, d := range docs {
		if strings.Contains(d.Title, "sugar") {
			id = d.ID
		}
	}
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "remove", id); code != 0 {
		t.Fatalf("docs remove exited %d: %s", code, errs)
	}
	if ans := askJSON(t, dir, "How many sugar mills will Azerbaijani engineers repair?"); ans.Grounded {
		t.Errorf("a removed document still answers: %q", ans.Answer)
	}
	out, _, _ = cabot(t, nil, "", "--data-dir", dir, "docs", "history")
	if !strings.Contains(out, "remove") || !strings.Contains(out, "add") || !strings.Contains(out, "cli:") {
		t.Errorf("docs history %q; want the add and the remove with who did them", out)
	}
}

func TestIngestFolderAndFailures(t *testing.T) {
	dir := t.TempDir()
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "a.md"), []byte("# Rum exports\n\nCuba exported rum to Azerbaijan for the first time in 2022, the ministry said.\n"), 0o600)
	os.MkdirAll(filepath.Join(src, "sub"), 0o700)
	os.WriteFile(filepath.Join(src, "sub", "b.txt"), []byte("Tobacco talks\n\nCuban and Azerbaijani officials discussed tobacco trade in Havana during a week of meetings.\n"), 0o600)
	os.WriteFile(filepath.Join(src, "image.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
	os.WriteFile(filepath.Join(src, ".hidden.md"), []byte("# Hidden\n\nThis must not be read.\n"), 0o600)
	out, _, code := cabot(t, nil, "", "--data-dir", dir, "ingest", src)
	if code != 1 || !strings.Contains(out, "2 added, 0 duplicates, 1 failed") || !strings.Contains(out, "image.png") {
		t.Errorf("ingest of a folder exited %d:\n%s\nwant 2 added and the image failed with its reason", code, out)
	}
	if strings.Contains(out, "hidden") {
		t.Errorf("a hidden file was read: %s", out)
	}
	// Standard input.
	out, _, code = cabot(t, nil, "# Coffee\n\nCuban coffee growers met Azerbaijani buyers in Santiago de Cuba in May.\n", "--data-dir", dir, "ingest", "-")
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Errorf("ingest - exited %d: %s", code, out)
	}
}

// A folder of more inputs than one transaction holds, read on every core:
// one line per input, in the inputs' order, each saying what became of it
// (a duplicate of an earlier file in the same run among them), and the
// store holds exactly the documents reported added.
func TestIngestManyInOrder(t *testing.T) {
	dir, src := t.TempDir(), t.TempDir()
	writeArticles(t, src, 150)
	copyOf, err := os.ReadFile(filepath.Join(src, "note-0003.md"))
	if err != nil {
		t.Fatal(err)
	}
	extra := map[string]string{ // file -> the start of its line
		filepath.Join(src, "note-0003x.md"): "duplicate: ",
		filepath.Join(src, "note-0070.png"): "failed: ",
	}
	os.WriteFile(filepath.Join(src, "note-0003x.md"), copyOf, 0o600)
	os.WriteFile(filepath.Join(src, "note-0070.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "ingest", src)
	if code != 1 || !strings.Contains(out, "150 added, 1 duplicates, 1 failed") {
		t.Fatalf("ingest exited %d: %s\n%s", code, lastLine(out), errs)
	}
	files, err := filesIn(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files)+1 {
		t.Fatalf("ingest printed %d lines for %d files; want one each and the summary", len(lines), len(files))
	}
	for k, f := range files {
		want := "added: "
		if w, ok := extra[f]; ok {
			want = w
		}
		if !strings.HasPrefix(lines[k], want+f+": ") {
			t.Errorf("line %d = %q; want %q for %s", k, lines[k], want+"…", f)
		}
	}
	if docs := checkWholeDocuments(t, dir); docs != 151 { // and the bundled article
		t.Errorf("the store holds %d documents; want the 150 added and the bundled one", docs)
	}
}

// The acceptance 2 (command-line part): a loopback URL is refused and
// nothing is fetched from it.
func TestIngestRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte("# Secret\n\nInternal text that must never be fetched.\n"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	for _, u := range []string{srv.URL + "/doc.md", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x", "ftp://example.org/a.txt"} {
		out, _, code := cabot(t, nil, "", "--data-dir", dir, "ingest", u)
		if code != 1 || !strings.Contains(out, "failed") || !strings.Contains(out, "refused") {
			t.Errorf("ingest %s exited %d: %s; want it refused with the reason", u, code, out)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests; want none", n)
	}
}

func TestReindexCommand(t *testing.T) {
	dir := t.TempDir()
	askJSON(t, dir, "How many aid workers were in the second brigade?") // seeds the store
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "reindex")
	if code != 0 || !strings.Contains(out, "reindexed 4 chunks with builtin-hash-v1-512") {
		t.Fatalf("reindex exited %d: %s %s", code, out, errs)
	}
	if ans := askJSON(t, dir, "How many aid workers were in the second brigade?"); !ans.Grounded || !strings.Contains(ans.Answer, "120") {
		t.Errorf("after reindex, answer %q", ans.Answer)
	}
}

// The acceptance 1 and 2 for summaries: the source article's
// summary and timeline on a fresh data directory.
func TestSummaryAndTimelineCommands(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list", "--json")
	var docs []jsonDoc
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 1 {
		t.Fatalf("docs list: %d %s %s", code, out, errs)
	}
	out, errs, code = cabot(t, nil, "", "--data-dir", dir, "summary", "--json", "--doc", docs[0].ID)
	var s struct {
		Summary string `json:"summary"`
		Points  []struct {
			Quote string `json:"quote"`
		} `json:"points"`
		Sources []struct {
			URL string `json:"url"`
		} `json:"sources"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil {
		t.Fatalf("summary exited %d: %s %s", code, out, errs)
	}
	article := articleText(t)
	quoted := 0
	for _, p := range s.Points {
		if !strings.Contains(article, p.Quote) {
			t.Errorf("summary sentence %q is not verbatim from the article", p.Quote)
		}
		quoted += len([]rune(p.Quote))
	}
	if body := len([]rune(article)); float64(quoted) > 0.4*float64(body) {
		t.Errorf("summary quotes %d characters; the article has %d (limit 40%%)", quoted, body)
	}
	for _, fact := range []string{"2020", "77,000 patients", "pharmaceuticals and biotechnology"} {
		if !strings.Contains(s.Summary, fact) {
			t.Errorf("summary lacks %q: %s", fact, s.Summary)
		}
	}
	out, errs, code = cabot(t, nil, "", "--data-dir", dir, "timeline", "--json")
	var tl struct {
		Events []struct {
			Date  string `json:"date"`
			When  string `json:"when"`
			N     int    `json:"n"`
			Quote string `json:"quote"`
		} `json:"events"`
		Sources []struct {
			URL string `json:"url"`
		} `json:"sources"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &tl) != nil {
		t.Fatalf("timeline exited %d: %s %s", code, out, errs)
	}
	if len(tl.Events) != 2 || tl.Events[0].Date != "2020" || tl.Events[1].Date != "2021-07" || tl.Events[0].N != 1 ||
		!strings.Contains(tl.Events[1].When, "July 2021") || len(tl.Sources) != 1 || tl.Sources[0].URL != articleURL {
		t.Errorf("timeline = %s; want 2020 then July 2021, cited [1] to the article", out)
	}
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "summary"); code != 2 {
		t.Errorf("summary without a choice exited %d (%s); want 2", code, errs)
	}
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "ask", "--since", "2024-13-01", "x"); code != 2 || !strings.Contains(errs, "--since") {
		t.Errorf("ask with a bad --since exited %d (%s); want 2 naming the flag", code, errs)
	}
}

// cabot eval on the bundled article's set prints its metrics as JSON and
// exits 1 below a minimum.
func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join("rag", "golden", "source-article.jsonl")
	out, errs, code := cabot(t, nil, "", "--data-dir", dir, "eval", "--json", "--set", set)
	var rep struct {
		Questions       int     `json:"questions"`
		RecallAt1       float64 `json:"recall_at_1"`
		MRR             float64 `json:"mrr"`
		Accuracy        float64 `json:"answer_accuracy"`
		RefusalAccuracy float64 `json:"refusal_accuracy"`
		Results         []struct {
			Question string `json:"question"`
		} `json:"results"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("eval --json exited %d: %s %s", code, out, errs)
	}
	if rep.Questions < 35 || len(rep.Results) != rep.Questions || rep.Accuracy < 0.9 || rep.RefusalAccuracy < 0.9 || rep.MRR < 0.8 {
		t.Errorf("eval report = %+v", rep)
	}
	if _, errs, code := cabot(t, nil, "", "--data-dir", dir, "eval", "--set", set, "--min-accuracy", "1.01"); code != 1 || !strings.Contains(errs, "answer accuracy") {
		t.Errorf("eval --min-accuracy 1.01 exited %d (%s); want 1 naming the metric", code, errs)
	}
}
