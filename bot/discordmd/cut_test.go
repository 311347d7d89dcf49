package discordmd

import (
	"testing"
	"unicode/utf8"
)

func TestCutRunes(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 5, "short"},
		{"longer", 5, "long…"},
		{"ab cd", 4, "ab…"}, // no space before the "…"
		{"éééé😀", 3, "éé…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		got := CutRunes(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("CutRunes(%q, %d) = %q; want %q", tt.s, tt.n, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); tt.n >= 0 && n > tt.n {
			t.Errorf("CutRunes(%q, %d) = %q has %d runes; want at most %d", tt.s, tt.n, got, n, tt.n)
		}
	}
}
