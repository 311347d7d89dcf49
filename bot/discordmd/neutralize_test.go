package discordmd

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

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
