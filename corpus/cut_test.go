package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutWords(t *testing.T) {
	long := "The Cuban medical brigade arrived in Baku in 2020 and stayed until July 2021 to help with COVID-19"
	tests := []struct {
		s         string
		n, minCut int
		want      string
	}{
		{"short enough", 20, 5, "short enough"},
		{long, 40, 20, "The Cuban medical brigade arrived in…"},
		{long, 90, 40, "The Cuban medical brigade arrived in Baku in 2020 and stayed until July 2021 to help with…"},
		// The last space comes too early: cut inside the word.
		{"Hi " + strings.Repeat("x", 30), 20, 10, "Hi " + strings.Repeat("x", 17) + "…"},
		// minCut is a byte offset: the space is at byte 12, after six runes.
		{"éééééé xxxxxxxxxxxxxxx", 12, 11, "éééééé…"},
		{"éééééé xxxxxxxxxxxxxxx", 12, 12, "éééééé xxxxx…"},
	}
	for _, tt := range tests {
		got := CutWords(tt.s, tt.n, tt.minCut)
		if got != tt.want {
			t.Errorf("CutWords(%q, %d, %d) = %q; want %q", tt.s, tt.n, tt.minCut, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.n+1 {
			t.Errorf("CutWords(%q, %d, %d) = %q has %d runes; want at most %d", tt.s, tt.n, tt.minCut, got, n, tt.n+1)
		}
	}
}
