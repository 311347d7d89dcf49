package discordmd

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// splitContractError returns why parts are not a valid Split(text, limit)
// result, or "". It checks the contract documented on Split without
// knowing where the code blocks are.
func splitContractError(text string, limit int, parts []string) string {
	if text == "" {
		if len(parts) != 0 {
			return "empty text gave parts"
		}
		return ""
	}
	if utf8.RuneCountInString(text) <= limit {
		if len(parts) != 1 || parts[0] != text {
			return "text within the limit is not returned as the only part"
		}
		return ""
	}
	for i, p := range parts {
		if p == "" {
			return fmt.Sprintf("part %d is empty", i)
		}
		if n := utf8.RuneCountInString(p); n > limit {
			return fmt.Sprintf("part %d has %d runes, over the limit", i, n)
		}
	}
	if !splitExplains(text, parts) {
		return "the parts are not the text's pieces, in order, with only whitespace between them and fence lines added"
	}
	return ""
}

// splitExplains reports whether each part is open + core + close, where the
// cores are pieces of text in order with only whitespace before, between
// and after them, close is "" or "\n```" (never on the last part), and open
// is a reopening line "```lang\n" exactly when the previous part has a close.
func splitExplains(text string, parts []string) bool {
	type state struct {
		i, cur int
		open   bool
	}
	failed := map[state]bool{}
	var walk func(st state) bool
	walk = func(st state) bool {
		if st.i == len(parts) {
			return !st.open && strings.TrimSpace(text[st.cur:]) == ""
		}
		if failed[st] {
			return false
		}
		p := parts[st.i]
		if st.open {
			nl := strings.IndexByte(p, '\n')
			if !strings.HasPrefix(p, "```") || nl < 0 ||
				strings.ContainsFunc(p[3:nl], func(r rune) bool { return r == '`' || unicode.IsSpace(r) }) {
				failed[st] = true
				return false
			}
			p = p[nl+1:]
		}
		for _, closed := range []bool{false, true} {
			core := p
			if closed {
				if st.i == len(parts)-1 || !strings.HasSuffix(p, "\n```") {
					continue
				}
				core = strings.TrimSuffix(p, "\n```")
			}
			if strings.TrimSpace(core) == "" {
				continue
			}
			for s := st.cur; ; { // the core may start anywhere in the whitespace at cur
				if strings.HasPrefix(text[s:], core) && walk(state{st.i + 1, s + len(core), closed}) {
					return true
				}
				r, w := utf8.DecodeRuneInString(text[s:])
				if s >= len(text) || !unicode.IsSpace(r) {
					break
				}
				s += w
			}
		}
		failed[st] = true
		return false
	}
	return walk(state{})
}

func TestSplit(t *testing.T) {
	link := "[annual report 2024](https://example.com/r)"
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"empty", "", 10, nil},
		{"short", "hello world", 20, []string{"hello world"}},
		{"exact limit", "abcde", 5, []string{"abcde"}},
		{"within limit kept verbatim", "  two\n\nparas  ", 20, []string{"  two\n\nparas  "}},
		{"one over the limit", "abcdef", 5, []string{"abcde", "f"}},
		{"paragraph before a later sentence and space",
			"aaaa bbbb cccc.\n\ndddd. eeee ffff gggg", 25,
			[]string{"aaaa bbbb cccc.", "dddd. eeee ffff gggg"}},
		{"line before a later sentence",
			"aaaa bbbb cccc\ndddd. eeee ffff gggg", 25,
			[]string{"aaaa bbbb cccc", "dddd. eeee ffff gggg"}},
		{"sentence before a later space",
			"aaaa bbbb. cccc dddd eeee", 20,
			[]string{"aaaa bbbb.", "cccc dddd eeee"}},
		{"question and exclamation end sentences",
			"aaaa bbbb? cccc dddd! eeee ffff", 20,
			[]string{"aaaa bbbb?", "cccc dddd! eeee ffff"}},
		{"sentence break too early to fill half the part",
			"Hi. aaaa bbbb cccc dddd eeee", 20,
			[]string{"Hi. aaaa bbbb cccc", "dddd eeee"}},
		{"no whitespace: ASCII", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"no whitespace: two-byte runes", "ééééé", 2, []string{"éé", "éé", "é"}},
		{"no whitespace: emoji", "😀😀😀", 2, []string{"😀😀", "😀"}},
		{"no whitespace: mixed widths", "aé😀bç", 2, []string{"aé", "😀b", "ç"}},
		{"link across the natural split point stays whole",
			"See the report " + link + " for details", 50,
			[]string{"See the report", link + " for", "details"}},
		{"bare URL stays whole",
			"Read more at https://example.com/path/x now please", 30,
			[]string{"Read more at", "https://example.com/path/x now", "please"}},
		{"URL longer than the limit is cut",
			"https://example.com/abcdefghij", 12,
			[]string{"https://exam", "ple.com/abcd", "efghij"}},
		{"indentation of a continued line kept",
			"aaaa\n    bbbb cccc", 10,
			[]string{"aaaa", "    bbbb", "cccc"}},
		{"whitespace around long text dropped",
			"\n\n  aaaa bbbb  \n\n", 6,
			[]string{"  aaaa", "bbbb"}},
		{"long whitespace only", strings.Repeat(" \n", 10), 5, nil},
		{"code block closed and reopened with its language",
			"Intro text here.\n\n```go\nfmt.Println(1)\nfmt.Println(2)\nfmt.Println(3)\n```\nDone.", 64,
			[]string{
				"Intro text here.\n\n```go\nfmt.Println(1)\nfmt.Println(2)\n```",
				"```go\nfmt.Println(3)\n```\nDone.",
			}},
		{"code block cut at a line, not a space",
			"```\nfirst line of code\nsecond line of code and more words here\n```\nafter", 64,
			[]string{"```\nfirst line of code\n```", "```\nsecond line of code and more words here\n```\nafter"}},
		{"no empty code block when only blank lines are left before the fence",
			"```\nfirst line of code\nsecond line of code" + strings.Repeat("\n", 30) + "```\nafter", 64,
			[]string{"```\nfirst line of code\n```", "```\nsecond line of code" + strings.Repeat("\n", 30) + "```\nafter"}},
		{"not in the opening line of a code block",
			strings.Repeat("word ", 9) + "word\n```go\n" + strings.Repeat("x := 1\n", 12) + "```", 64,
			[]string{
				strings.Repeat("word ", 9) + "word",
				"```go\n" + strings.Repeat("x := 1\n", 7) + "```",
				"```go\n" + strings.Repeat("x := 1\n", 5) + "```",
			}},
		{"fence never cut",
			"ab```cd", 3,
			[]string{"ab", "```", "cd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.text, tt.limit)
			if !equalStrings(got, tt.want) {
				t.Errorf("Split(%q, %d) = %q; want %q", tt.text, tt.limit, got, tt.want)
			}
			if msg := splitContractError(tt.text, tt.limit, got); msg != "" {
				t.Errorf("Split(%q, %d) = %q: %s", tt.text, tt.limit, got, msg)
			}
		})
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSplitContractChecker makes sure the checker used above and in
// FuzzSplit rejects lost text, reordering and made-up fences.
func TestSplitContractChecker(t *testing.T) {
	text := "aaaa bbbb cccc dddd"
	tests := []struct {
		parts []string
		ok    bool
	}{
		{[]string{"aaaa bbbb", "cccc dddd"}, true},
		{[]string{"aaaa", "bbbb cccc", "dddd"}, true},
		{[]string{"aaaa bbbb", "dddd"}, false},               // lost a word
		{[]string{"cccc dddd", "aaaa bbbb"}, false},          // reordered
		{[]string{"aaaa bbbb\n```", "```\ncccc dddd"}, true}, // fence lines are allowed
		{[]string{"aaaa bbbb\n```", "cccc dddd"}, false},     // closed, not reopened
		{[]string{"aaaa bbbb", "cccc dddd\n```"}, false},     // closed at the end
		{[]string{"aaaa bbb", "b cccc dddd"}, true},          // cut inside a word is allowed
		{[]string{"aaaa bbb", "bbb cccc dddd"}, false},       // but nothing added
		{[]string{"aaaa bbbb cccc dddd"}, false},             // over the limit
		{[]string{"aaaa bbbb", "", "cccc dddd"}, false},      // an empty part
	}
	for _, tt := range tests {
		if got := splitContractError(text, 15, tt.parts) == ""; got != tt.ok {
			t.Errorf("splitContractError(%q, 15, %q) accepts = %v; want %v", text, tt.parts, got, tt.ok)
		}
	}
}

func TestSplitLongCodeBlock(t *testing.T) {
	var b strings.Builder
	b.WriteString("Here is the script:\n\n```python\n")
	for i := range 40 {
		fmt.Fprintf(&b, "    print(%d)  # line %d\n", i, i)
	}
	b.WriteString("```\nThat is all.")
	text := b.String()
	const limit = 200
	parts := Split(text, limit)
	if len(parts) < 3 {
		t.Fatalf("Split(%q, %d) = %q; want at least 3 parts", text, limit, parts)
	}
	if msg := splitContractError(text, limit, parts); msg != "" {
		t.Fatalf("Split(%q, %d) = %q: %s", text, limit, parts, msg)
	}
	for i, p := range parts {
		if n := strings.Count(p, "```"); n%2 != 0 {
			t.Errorf("Split(…)[%d] = %q has %d fences; want an even number", i, p, n)
		}
		if i > 0 && !strings.HasPrefix(p, "```python\n    print(") {
			t.Errorf("Split(…)[%d] = %q; want it to reopen the block with \"```python\\n\" and keep the indentation", i, p)
		}
		if i < len(parts)-1 && !strings.HasSuffix(p, "\n```") {
			t.Errorf("Split(…)[%d] = %q; want it to end with a closing fence", i, p)
		}
	}
	if last := parts[len(parts)-1]; !strings.HasSuffix(last, "```\nThat is all.") {
		t.Errorf("Split(…) last part = %q; want the text after the block", last)
	}
}

// TestSplitRandomTexts checks the contract on texts made of the things
// Split must not break, which random fuzzing seldom builds.
func TestSplitRandomTexts(t *testing.T) {
	pieces := []string{
		"word", "é", "😀", "👩\u200d💻", " ", "  ", "\n", "\n\n", ". ", "? ", "!\n", "\t",
		"```", "```go\n", "```python\n", "```\n", "\n```\n", "    indented",
		"[a link](https://example.com/x)", "[two words](<https://e.example/a b>)",
		"https://example.com/a/b?c=d", "(https://w.example/Go_(lang))",
		strings.Repeat("long", 20),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(120) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		limit := 1 + r.IntN(200)
		parts := Split(text, limit)
		if msg := splitContractError(text, limit, parts); msg != "" {
			t.Fatalf("Split(%q, %d) = %q: %s", text, limit, parts, msg)
		}
		if limit < minRepairLimit || utf8.RuneCountInString(text) <= limit {
			continue
		}
		for i, p := range parts {
			want := 0
			if i == len(parts)-1 {
				want = strings.Count(text, "```") % 2
			}
			if n := strings.Count(p, "```"); n%2 != want {
				t.Fatalf("Split(%q, %d)[%d] = %q has %d fences; want an even number (unless the text's last block is unclosed)", text, limit, i, p, n)
			}
		}
	}
}

func TestSplitPanicsOnBadLimit(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("Split(%q, 0) did not panic", "abc")
		}
	}()
	Split("abc", 0)
}

func FuzzSplit(f *testing.F) {
	seeds := []struct {
		text  string
		limit int
	}{
		{"hello world", 5},
		{"aaaa bbbb cccc.\n\ndddd. eeee ffff gggg", 25},
		{"See the report [annual report 2024](https://example.com/r) for details", 20},
		{"Read https://example.com/path/x now", 10},
		{"Intro.\n\n```go\nfmt.Println(1)\nfmt.Println(2)\nfmt.Println(3)\n```\nDone.", 64},
		{"```\n" + strings.Repeat("x = 1\n", 30) + "```\n```js\n" + strings.Repeat("y();\n", 30) + "```", 70},
		{"```go\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n```", 64},
		{"unclosed ```sh\necho " + strings.Repeat("a ", 50), 64},
		{"éé😀 \u00a0\u2028 ```x```````", 3},
		{"\xff\xfe invalid \xc3 utf8 " + strings.Repeat("\xe2\x82", 20), 7},
		{strings.Repeat("    indented line\n", 20), 64},
	}
	for _, s := range seeds {
		f.Add(s.text, s.limit)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = 1 + int(uint(limit)%300)
		parts := Split(text, limit)
		if msg := splitContractError(text, limit, parts); msg != "" {
			t.Fatalf("Split(%q, %d) = %q: %s", text, limit, parts, msg)
		}
		if limit < minRepairLimit || utf8.RuneCountInString(text) <= limit {
			return
		}
		for i, p := range parts {
			want := 0
			if i == len(parts)-1 {
				want = strings.Count(text, "```") % 2
			}
			if n := strings.Count(p, "```"); n%2 != want {
				t.Fatalf("Split(%q, %d)[%d] = %q has %d fences; want an even number (unless the text's last block is unclosed)", text, limit, i, p, n)
			}
		}
	})
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		text   string
		budget int
		want   string
	}{
		{"Short enough.", 13, "Short enough."},
		{"One sentence here. Then a list item without a stop\nand more words after it", 60,
			"One sentence here. Then a list item without a stop…"},
		{"One sentence here. Then words words words words words words", 40, "One sentence here. Then words words…"},
		{"One sentence here. Then words words words words words words", 30, "One sentence here.…"},
		{"See [a long link text](https://example.com/x) now", 30, "See…"},
		{"```\ncode line 1\ncode line 2\ncode line 3\ncode line 4\ncode line 5\ncode line 6\n```", 70,
			"```\ncode line 1\ncode line 2\ncode line 3\ncode line 4\ncode line 5\n```\n…"},
		{"abc", 2, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		got := Truncate(tt.text, tt.budget)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q; want %q", tt.text, tt.budget, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.budget {
			t.Errorf("Truncate(%q, %d) = %q has %d runes; want at most %d", tt.text, tt.budget, got, n, tt.budget)
		}
	}
}
