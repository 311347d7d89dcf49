package main

import (
	"strings"
	"testing"
)

func TestStripControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain title — ok\n\tindented", "plain title — ok\n\tindented"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b[1;31;40mbold\x1b[m", "bold"},
		{"a\x1b]0;new window title\x07b", "ab"},
		{"a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1b]0;unterminated\nnext line", "a\nnext line"},
		{"a\x1b(Bb", "ab"},
		{"a\x1bcb", "ab"},
		{"a\rb\x08c\x00d\x7fe", "abcde"},
		{"a\u009b31mb", "ab"},
		{"a\u009d0;t\u009cb", "ab"},
		{"a\u0085b", "ab"},
		{"bad \xff\x9b byte", "bad \ufffd\ufffd byte"},
		{"trailing \x1b", "trailing "},
	}
	for _, tt := range tests {
		if got := stripControls(tt.in); got != tt.want {
			t.Errorf("stripControls(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestTerminalEscapesNotPrinted: a title with escape sequences reaches the
// terminal without them in every text output, and escaped in JSON.
func TestTerminalEscapesNotPrinted(t *testing.T) {
	dir := t.TempDir()
	title := "\x1b[31mCoffee\x1b]0;pwned\x07 \u009b2Jtalks\r"
	body := "# Coffee\n\nCuban coffee growers met Azerbaijani buyers in Santiago de Cuba in May.\n"
	out, errs, code := cabot(t, nil, body, "--data-dir", dir, "ingest", "--title", title, "-")
	if code != 0 {
		t.Fatalf("ingest exited %d: %s %s", code, out, errs)
	}
	list, _, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list")
	if code != 0 || !strings.Contains(list, "Coffee talks") {
		t.Fatalf("docs list exited %d: %q; want the title without its escapes", code, list)
	}
	var id string
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, "Coffee talks") {
			id = strings.Fields(line)[0]
		}
	}
	show, _, _ := cabot(t, nil, "", "--data-dir", dir, "docs", "show", id)
	ask, _, _ := cabot(t, nil, "", "--data-dir", dir, "ask", "Where did Cuban coffee growers meet Azerbaijani buyers?")
	for name, got := range map[string]string{"ingest": out, "docs list": list, "docs show": show, "ask": ask} {
		if strings.ContainsAny(got, "\x1b\x07\r\u009b") {
			t.Errorf("%s printed a control character: %q", name, got)
		}
	}
	if !strings.Contains(show, "Coffee talks") || !strings.Contains(ask, "Coffee talks") {
		t.Errorf("docs show = %q, ask = %q; want both to name the document", show, ask)
	}
	js, _, _ := cabot(t, nil, "", "--data-dir", dir, "docs", "show", "--json", id)
	if strings.ContainsAny(js, "\x1b\x07\r\u009b") || !strings.Contains(js, `\u001b[31mCoffee`) || !strings.Contains(js, `\u009b2J`) {
		t.Errorf("docs show --json = %q; want the title with its controls escaped", js)
	}
}

func TestLongTitles(t *testing.T) {
	dir := t.TempDir()
	body := "Cuban coffee growers met Azerbaijani buyers in Santiago de Cuba in May.\n"
	tests := []struct {
		flag, value string
		code        int
	}{
		{"--title", strings.Repeat("é", 301), 2},
		{"--outlet", strings.Repeat("x", 201), 2},
		{"--title", strings.Repeat("t", 5<<20), 2},
	}
	before := docCount(t, dir)
	for _, tt := range tests {
		_, errs, code := cabot(t, nil, body, "--data-dir", dir, "ingest", tt.flag, tt.value, "-")
		if code != tt.code || !strings.Contains(errs, tt.flag) || !strings.Contains(errs, "limit") {
			t.Errorf("ingest %s (%d characters) exited %d with %q; want %d and the limit", tt.flag, len([]rune(tt.value)), code, errs, tt.code)
		}
	}
	if n := docCount(t, dir); n != before {
		t.Errorf("%d documents after refused ingests; want %d", n, before)
	}

	// A long title already stored (from the document itself) is printed cut.
	long := strings.Repeat("Coffee ", 1000)
	if out, errs, code := cabot(t, nil, "# "+long+"\n\n"+body, "--data-dir", dir, "ingest", "-"); code != 0 {
		t.Fatalf("ingest exited %d: %s %s", code, out, errs)
	}
	list, _, _ := cabot(t, nil, "", "--data-dir", dir, "docs", "list")
	for _, line := range strings.Split(list, "\n") {
		if n := len([]rune(line)); n > maxTitle+100 {
			t.Errorf("docs list printed a line of %d characters: %.80q…", n, line)
		}
	}
	if !strings.Contains(list, "Coffee Coffee") {
		t.Errorf("docs list = %.300q; want the cut title", list)
	}
	if got := shortTitle(long); len([]rune(got)) != maxTitle || !strings.HasSuffix(got, "…") {
		t.Errorf("shortTitle(%d characters) = %d characters %.20q…; want %d ending in …", len(long), len([]rune(got)), got, maxTitle)
	}
}

func TestGuildMustBeAServerID(t *testing.T) {
	dir := t.TempDir()
	body := "Cuban coffee growers met Azerbaijani buyers in Santiago de Cuba in May.\n"
	for _, g := range []string{"x'; --", "123", "123456789012345678901", "12345678901234567a", " 123456789012345678", "１２３４５６７８９０１２３４５６７８"} {
		for _, args := range [][]string{{"ingest", "--guild", g, "-"}, {"docs", "list", "--guild", g}, {"docs", "history", "--guild", g}} {
			_, errs, code := cabot(t, nil, body, append([]string{"--data-dir", dir}, args...)...)
			if code != exitUsage || !strings.Contains(errs, "not a server ID") {
				t.Errorf("cabot %q exited %d with %q; want %d and a usage error", args, code, errs, exitUsage)
			}
		}
	}
	for _, g := range []string{"12345678901234567", "81384788765712384", "12345678901234567890"} {
		if _, errs, code := cabot(t, nil, body, "--data-dir", dir, "ingest", "--guild", g, "-"); code != 0 {
			t.Errorf("ingest --guild %s exited %d with %q; want 0", g, code, errs)
		}
		if out, errs, code := cabot(t, nil, "", "--data-dir", dir, "docs", "list", "--guild", g); code != 0 || !strings.Contains(out, "[server "+g+"]") {
			t.Errorf("docs list --guild %s exited %d with %q %q; want 0 and the server's document", g, code, out, errs)
		}
	}
}
