package bot

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

var updateRenderGolden = flag.Bool("update-render", false, "rewrite the golden files in testdata/render")

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

func TestNeutralize(t *testing.T) {
	const z = "\u200b"
	tests := []struct {
		name, in, want string
	}{
		{"plain text unchanged", "Cuba and Azerbaijan signed 3 agreements.", "Cuba and Azerbaijan signed 3 agreements."},
		{"email unchanged", "write to press@example.com", "write to press@example.com"},
		{"everyone", "hi @everyone!", "hi @" + z + "everyone!"},
		{"here", "@here now", "@" + z + "here now"},
		{"any case", "@EveryOne @HERE", "@" + z + "EveryOne @" + z + "HERE"},
		{"user mention", "ask <@123456>", "ask <" + z + "@123456>"},
		{"nickname mention", "<@!123>", "<" + z + "@!123>"},
		{"role mention", "<@&42>", "<" + z + "@&42>"},
		{"channel mention", "<#99>", "<" + z + "#99>"},
		{"not a mention", "a <@b> c <#x>", "a <@b> c <#x>"},
		{"zero-width inside everyone removed first", "@\u200ceveryone", "@" + z + "everyone"},
		{"our own zero-width space kept once", "@" + z + "everyone", "@" + z + "everyone"},
		{"zero-width and BOM removed", "a\u200bb\u2060c\ufeffd", "abcd"},
		{"RTL override and isolates removed", "file\u202Egpj.exe \u2066x\u2069", "filegpj.exe x"},
		{"marks removed", "a\u200eb\u200fc\u061cd", "abcd"},
		{"joiner in an emoji kept", "👩\u200d💻 coder", "👩\u200d💻 coder"},
		{"non-joiner in Persian kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"joiner in ASCII removed", "ev\u200deryone @\u200deveryone", "everyone @" + z + "everyone"},
		{"deceptive URL link", "[https://good.example](https://evil.example)", "https://good.example (<https://evil.example>)"},
		{"deceptive domain link", "see [good.example](https://evil.example/x).", "see good.example (<https://evil.example/x>)."},
		{"angle-bracket target", "[a.example](<https://b.example/a b>)", "a.example (<https://b.example/a b>)"},
		{"plain link kept", "see [the report](https://example.com/r)", "see [the report](https://example.com/r)"},
		{"empty link text shows the target", "[](https://hidden.example)", "<https://hidden.example>"},
		{"javascript link loses its target", "[click me](javascript:alert(1))", "click me"},
		{"javascript link in any case, with angle brackets", "[x.y](<JavaScript:alert(1)>)", "x.y"},
		{"javascript hidden by a tab", "[x](<java\tscript:alert(1)>)", "x"},
		{"data link", "[pic](data:text/html;base64,PHNjcmlwdD4=)", "pic"},
		{"vbscript link", "[a](vbscript:msgbox)", "a"},
		{"nested deceptive links", "[[a.example](https://c.example)](https://d.example)",
			"a.example (<https://c.example>) (<https://d.example>)"},
		{"link to a mention", "[x.y](<@123>)", "x.y (<" + z + "@123>)"},
		{"invalid UTF-8 replaced", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Neutralize(tt.in)
			if got != tt.want {
				t.Errorf("Neutralize(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if again := Neutralize(got); again != got {
				t.Errorf("Neutralize(Neutralize(%q)) = %q; want %q", tt.in, again, got)
			}
		})
	}
}

// mentionRe finds what Discord would read as a ping or a mention.
var mentionRe = regexp.MustCompile(`@everyone|@here|<@[0-9!&]|<#[0-9]`)

func FuzzNeutralize(f *testing.F) {
	for _, s := range []string{
		"@everyone", "@here", "<@123>", "<@!1>", "<@&2>", "<#3>",
		"@\u200ceveryone", "<\u200d@1>", "\u202e@here",
		"[https://good.example](https://evil.example)",
		"[[a.b](c)](d)", "[a](javascript:x)", "[](x)", "[x.y](<@1>)",
		"👩\u200d💻", "a\u200d\u200db", "é\u200d\u200bé", "\xff@\xfeeveryone",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Neutralize(s)
		if again := Neutralize(out); again != out {
			t.Fatalf("Neutralize(Neutralize(%q)) = %q; want %q", s, again, out)
		}
		if m := mentionRe.FindString(out); m != "" {
			t.Fatalf("Neutralize(%q) = %q; contains %q", s, out, m)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Neutralize(%q) = %q; not valid UTF-8", s, out)
		}
	})
}

func TestRenderNoMentionsSerialisesAsEmptyParse(t *testing.T) {
	content := "hi @everyone"
	for _, v := range []any{
		discordgo.WebhookEdit{Content: &content, AllowedMentions: NoMentions()},
		discordgo.MessageSend{Content: content, AllowedMentions: NoMentions()},
		discordgo.WebhookParams{Content: content, AllowedMentions: NoMentions()},
		discordgo.InteractionResponseData{Content: content, AllowedMentions: NoMentions()},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		if !strings.Contains(string(b), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("json.Marshal(%T with NoMentions()) = %s; want \"allowed_mentions\":{\"parse\":[]", v, b)
		}
	}
}

func TestRenderTruncateText(t *testing.T) {
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
		got := truncateText(tt.text, tt.budget)
		if got != tt.want {
			t.Errorf("truncateText(%q, %d) = %q; want %q", tt.text, tt.budget, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.budget {
			t.Errorf("truncateText(%q, %d) = %q has %d runes; want at most %d", tt.text, tt.budget, got, n, tt.budget)
		}
	}
}

func TestEmbedLength(t *testing.T) {
	e := &discordgo.MessageEmbed{
		Title:       "é",                                                                                     // 1 rune, 2 bytes
		Description: "😀😀",                                                                                    // 2
		URL:         "https://not.counted.example",                                                           // 0
		Fields:      []*discordgo.MessageEmbedField{{Name: "ab", Value: "cde"}, nil, {Name: "f", Value: ""}}, // 6
		Footer:      &discordgo.MessageEmbedFooter{Text: "gh"},                                               // 2
		Author:      &discordgo.MessageEmbedAuthor{Name: "ijk"},                                              // 3
	}
	if got, want := EmbedLength(e), 14; got != want {
		t.Errorf("EmbedLength(%+v) = %d; want %d", e, got, want)
	}
	if got := EmbedLength(nil); got != 0 {
		t.Errorf("EmbedLength(nil) = %d; want 0", got)
	}
}

// embedsLimitErrors lists every Discord limit the embeds of one message break.
func embedsLimitErrors(embeds []*discordgo.MessageEmbed) []string {
	var errs []string
	check := func(what string, n, max int) {
		if n > max {
			errs = append(errs, fmt.Sprintf("%s is %d, over %d", what, n, max))
		}
	}
	rc := utf8.RuneCountInString
	check("number of embeds", len(embeds), MaxEmbeds)
	total := 0
	for i, e := range embeds {
		total += EmbedLength(e)
		check(fmt.Sprintf("embed %d title", i), rc(e.Title), MaxEmbedTitle)
		check(fmt.Sprintf("embed %d description", i), rc(e.Description), MaxEmbedDescription)
		check(fmt.Sprintf("embed %d fields", i), len(e.Fields), MaxEmbedFields)
		for j, f := range e.Fields {
			check(fmt.Sprintf("embed %d field %d name", i, j), rc(f.Name), MaxEmbedFieldName)
			check(fmt.Sprintf("embed %d field %d value", i, j), rc(f.Value), MaxEmbedFieldValue)
			if strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Value) == "" {
				errs = append(errs, fmt.Sprintf("embed %d field %d is blank", i, j))
			}
		}
		if e.Footer != nil {
			check(fmt.Sprintf("embed %d footer", i), rc(e.Footer.Text), MaxEmbedFooter)
		}
		if EmbedLength(e) == 0 {
			errs = append(errs, fmt.Sprintf("embed %d is empty", i))
		}
	}
	check("total length", total, MaxEmbedTotal)
	return errs
}

func embedsText(embeds []*discordgo.MessageEmbed) (desc, fields string) {
	var d, f strings.Builder
	for _, e := range embeds {
		d.WriteString(e.Description)
		for _, fl := range e.Fields {
			f.WriteString(fl.Name + "\n" + fl.Value + "\n")
		}
	}
	return d.String(), f.String()
}

func longAnswerView(sentences, citations int) AnswerView {
	var b strings.Builder
	for i := range sentences {
		fmt.Fprintf(&b, "Sentence %d describes the Cuban medical brigade's work in Baku in some detail [%d]. ", i, i%citations+1)
		if i%5 == 4 {
			b.WriteString("\n\n")
		}
	}
	v := AnswerView{Text: b.String(), Grounded: true, Footer: "extractive · 3 ms"}
	for n := 1; n <= citations; n++ {
		v.Citations = append(v.Citations, Citation{
			N:         n,
			Title:     fmt.Sprintf("Cuban doctors and Azerbaijani hospitals, report number %d", n),
			Outlet:    "Radio Habana Cuba",
			URL:       fmt.Sprintf("https://www.radiohc.cu/en/especiales/comentarios/%d-interest-in-cooperation", 315000+n),
			Published: "2021-07-15",
		})
	}
	return v
}

func TestAnswerEmbedsLongAnswer(t *testing.T) {
	v := longAnswerView(120, 30)
	if n := utf8.RuneCountInString(v.Text); n < 10000 {
		t.Fatalf("test answer has %d runes; want at least 10000", n)
	}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(10k-rune answer, 30 citations) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	if embeds[0].Title != TitleGrounded {
		t.Errorf("AnswerEmbeds(…)[0].Title = %q; want %q", embeds[0].Title, TitleGrounded)
	}
	for i, e := range embeds {
		if e.Color != ColorGrounded {
			t.Errorf("AnswerEmbeds(…)[%d].Color = %#x; want %#x", i, e.Color, ColorGrounded)
		}
	}
	desc, fields := embedsText(embeds)
	if !strings.HasSuffix(desc, "…") {
		t.Errorf("AnswerEmbeds(…) description ends with %q; want it truncated with \"…\"", desc[max(len(desc)-40, 0):])
	}
	if !strings.HasPrefix(desc, "Sentence 0 describes") || utf8.RuneCountInString(desc) < 400 {
		t.Errorf("AnswerEmbeds(…) description = %q; want the start of the answer, at least 400 runes", desc)
	}
	// The text fills the room the citations leave, but for less than a sentence.
	total := 0
	for _, e := range embeds {
		total += EmbedLength(e)
	}
	if total < MaxEmbedTotal-100 {
		t.Errorf("AnswerEmbeds(…) uses %d of %d runes; want the description to fill the room left", total, MaxEmbedTotal)
	}
	// The cut falls at the end of a sentence or a word.
	if cut := strings.TrimSuffix(desc, "…"); !strings.HasSuffix(cut, ".") && !strings.HasSuffix(cut, "]") {
		t.Errorf("AnswerEmbeds(…) description ends with %q; want a sentence end before \"…\"", desc[max(len(desc)-40, 0):])
	}
	for _, c := range v.Citations {
		want := fmt.Sprintf("`[%d]` [%s](%s) — Radio Habana Cuba, 2021-07-15", c.N, c.Title, c.URL)
		if n := strings.Count(fields, want+"\n"); n != 1 {
			t.Errorf("AnswerEmbeds(…) fields hold %d copies of %q; want 1\nfields:\n%s", n, want, fields)
		}
	}
	if embeds[len(embeds)-1].Footer == nil || embeds[len(embeds)-1].Footer.Text != v.Footer {
		t.Errorf("AnswerEmbeds(…) last footer = %+v; want %q", embeds[len(embeds)-1].Footer, v.Footer)
	}
	if !strings.Contains(fields, "Sources\n") || !strings.Contains(fields, "Sources (cont.)\n") {
		t.Errorf("AnswerEmbeds(…) field names: want \"Sources\" then \"Sources (cont.)\"; fields:\n%s", fields)
	}
}

func TestAnswerEmbedsShortAnswerUntouched(t *testing.T) {
	v := AnswerView{
		Text:      "More than 77,000 patients were attended [1].",
		Grounded:  true,
		Citations: []Citation{{N: 1, Title: "Interest in deepening cooperation in health", Outlet: "Radio Habana Cuba", URL: "https://www.radiohc.cu/x"}},
	}
	embeds := AnswerEmbeds(v)
	if len(embeds) != 1 || embeds[0].Description != v.Text {
		t.Fatalf("AnswerEmbeds(%+v) = %d embeds, description %q; want 1 with %q", v, len(embeds), embeds[0].Description, v.Text)
	}
	if embeds[0].Footer != nil {
		t.Errorf("AnswerEmbeds(no footer).Footer = %+v; want nil", embeds[0].Footer)
	}
}

func TestAnswerEmbedsLongerThanOneDescription(t *testing.T) {
	// 5,000 runes of text and no citations: two description embeds, no cut.
	v := AnswerView{Text: strings.TrimSpace(strings.Repeat("Cooperation grew steadily in that year. ", 125)), Grounded: true}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(5k runes) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	if len(embeds) != 2 || embeds[1].Title != "" {
		t.Fatalf("AnswerEmbeds(5k runes) = %d embeds (second title %q); want 2, the second untitled", len(embeds), embeds[len(embeds)-1].Title)
	}
	desc, _ := embedsText(embeds)
	if strings.Contains(desc, "…") || strings.ReplaceAll(desc, " ", "") != strings.ReplaceAll(v.Text, " ", "") {
		t.Errorf("AnswerEmbeds(5k runes) descriptions = %q; want all of the text", desc)
	}
}

func TestAnswerEmbedsCitationSafety(t *testing.T) {
	const z = "\u200b"
	v := AnswerView{
		Text:     "Answer @everyone [1][2][3].",
		Grounded: true,
		Citations: []Citation{
			{N: 1, Title: "Budget ] cut [ @everyone `x\\", Outlet: "<@123> News\nDaily", URL: "https://news.example/a(b)"},
			{N: 2, Title: "Log in at bank.example", URL: "https://evil.example/"},
			{N: 3, Title: "No link here", Outlet: "Outlet", URL: "javascript:alert(1)"},
			{N: 4, URL: "https://www.bbc.co.uk/news/1"},
			{N: 5},
		},
	}
	embeds := AnswerEmbeds(v)
	desc, fields := embedsText(embeds)
	if m := mentionRe.FindString(desc + fields); m != "" {
		t.Errorf("AnswerEmbeds(…) shows %q; want every mention defanged\n%s\n%s", m, desc, fields)
	}
	for _, want := range []string{
		"`[1]` [Budget ) cut ( @" + z + "everyone 'x＼](https://news.example/a%28b%29) — <" + z + "@123> News Daily\n",
		"`[2]` Log in at bank.example (<https://evil.example/>)\n",
		"`[3]` No link here — Outlet\n",
		"`[4]` [www.bbc.co.uk](https://www.bbc.co.uk/news/1)\n",
		"`[5]` Untitled\n",
	} {
		if !strings.Contains(fields, want) {
			t.Errorf("AnswerEmbeds(…) fields lack %q; fields:\n%s", want, fields)
		}
	}
	// The first citation is exactly one link, to its URL.
	line := strings.SplitN(fields, "\n", 3)[1]
	links := mdLinkRe.FindAllStringSubmatch(line, -1)
	if len(links) != 1 || links[0][2] != "https://news.example/a%28b%29" {
		t.Errorf("links in %q = %q; want one, to https://news.example/a%%28b%%29", line, links)
	}
}

func TestAnswerEmbedsNotGrounded(t *testing.T) {
	v := AnswerView{Text: "The nearest documents discuss trade.", Note: "The documents do not cover this.", Footer: "extractive · 2 ms"}
	embeds := AnswerEmbeds(v)
	if len(embeds) != 1 {
		t.Fatalf("AnswerEmbeds(%+v) = %d embeds; want 1", v, len(embeds))
	}
	e := embeds[0]
	if e.Title != TitleNotGrounded || e.Color != ColorNotGrounded {
		t.Errorf("AnswerEmbeds(not grounded) title, colour = %q, %#x; want %q, %#x", e.Title, e.Color, TitleNotGrounded, ColorNotGrounded)
	}
	if len(e.Fields) != 1 || e.Fields[0].Name != "Note" || e.Fields[0].Value != v.Note {
		t.Errorf("AnswerEmbeds(not grounded).Fields = %+v; want one Note field %q", e.Fields, v.Note)
	}
}

func TestAnswerEmbedsTooManyCitations(t *testing.T) {
	v := longAnswerView(40, 200)
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(200 citations) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	desc, fields := embedsText(embeds)
	if n := utf8.RuneCountInString(desc); n < 400 {
		t.Errorf("AnswerEmbeds(200 citations) description has %d runes; want room kept for the answer", n)
	}
	if !strings.Contains(fields, "`[1]` [") || !regexp.MustCompile("…and [0-9]+ more").MatchString(fields) {
		t.Errorf("AnswerEmbeds(200 citations) fields = %s; want the first citations and \"…and N more\"", fields)
	}
}

func TestAnswerEmbedsLongTitlesShortened(t *testing.T) {
	v := longAnswerView(40, 30)
	for i := range v.Citations {
		v.Citations[i].Title = fmt.Sprintf("Title %d ", i+1) + strings.Repeat("very long words ", 12)
	}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(30 long titles) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	_, fields := embedsText(embeds)
	for _, c := range v.Citations {
		if want := fmt.Sprintf("`[%d]` [Title %d very long", c.N, c.N); !strings.Contains(fields, want) {
			t.Errorf("AnswerEmbeds(30 long titles) fields lack %q; fields:\n%s", want, fields)
		}
	}
	if !strings.Contains(fields, "…](") || strings.Contains(fields, "more") {
		t.Errorf("AnswerEmbeds(30 long titles) fields = %s; want every citation, with shortened titles", fields)
	}
}

func TestRenderEmbedsSpillFields(t *testing.T) {
	fields := make([]*discordgo.MessageEmbedField, 30)
	for i := range fields {
		fields[i] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
	}
	embeds := assembleEmbeds("T", 1, []string{"d"}, fields, "f")
	if len(embeds) != 2 || len(embeds[0].Fields) != MaxEmbedFields || len(embeds[1].Fields) != 5 || embeds[1].Footer == nil {
		t.Errorf("assembleEmbeds(30 fields) = %d embeds; want 2, with 25 and 5 fields and the footer last", len(embeds))
	}
}

func TestAnswerEmbedsLimitsHold(t *testing.T) {
	huge := strings.Repeat("x", 5000)
	views := map[string]AnswerView{
		"huge footer, note and titles": {
			Text: strings.Repeat("word ", 3000), Grounded: true, Note: huge, Footer: huge,
			Citations: []Citation{{N: 1, Title: huge, Outlet: huge, URL: "https://e.example/" + huge, Published: huge}},
		},
		"code block cut": {Text: "```go\n" + strings.Repeat("fmt.Println(\"hello\")\n", 400) + "```", Grounded: true},
		"one long word":  {Text: strings.Repeat("é", 9000)},
		"empty":          {},
	}
	for name, v := range views {
		embeds := AnswerEmbeds(v)
		if errs := embedsLimitErrors(embeds); len(errs) > 0 {
			t.Errorf("AnswerEmbeds(%s) breaks Discord's limits: %s", name, strings.Join(errs, "; "))
		}
	}
	// A cut code block is closed before the "…".
	desc, _ := embedsText(AnswerEmbeds(views["code block cut"]))
	if !strings.HasSuffix(desc, "\n```\n…") || strings.Count(desc, "```")%2 != 0 {
		t.Errorf("AnswerEmbeds(code block cut) description ends %q; want the block closed, then \"…\"", desc[max(len(desc)-40, 0):])
	}
}

func TestAnswerEmbedsGolden(t *testing.T) {
	v := AnswerView{
		Text:     "Until July 2021, the Cuban doctors attended to more than 77,000 patients [1]. They also trained local staff [2].\n\nSee [the ministry's page](https://health.example/az) and [www.health.gov.az](https://elsewhere.example).",
		Grounded: true,
		Citations: []Citation{
			{N: 1, Title: "Interest in deepening cooperation in health", Outlet: "Radio Habana Cuba", URL: "https://www.radiohc.cu/en/especiales/comentarios/315585-interest-in-deepening-cooperation-in-health", Published: "2021-07-15"},
			{N: 2, Title: "Brigade [Henry Reeve] returns", Outlet: "Prensa Latina"},
		},
		Footer: "extractive · 3 ms",
	}
	got, err := json.MarshalIndent(AnswerEmbeds(v), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "render", "answer.golden")
	if *updateRenderGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestAnswerEmbedsGolden -update-render to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("AnswerEmbeds(golden view) =\n%s\nwant (%s)\n%s", got, path, want)
	}
}
