package discordmd

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ellipsis ends a text that was cut.
const ellipsis = "…"

// CutRunes returns s if it has at most n runes, else its first runes
// followed by "…", n runes in all, without whitespace before the "…". An n
// below 1 gives "".
func CutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return strings.TrimRightFunc(s[:i], unicode.IsSpace) + ellipsis
}

// CutWords returns s if it has at most n runes, else its first n runes cut
// back to the last space among them, followed by "…". When that space comes
// no later than byte minCut, so that too little would be left, the n runes
// are kept whole, cut inside a word. The result has at most n+1 runes.
func CutWords(s string, n, minCut int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := string([]rune(s)[:n])
	if k := strings.LastIndexByte(r, ' '); k > minCut {
		return r[:k] + ellipsis
	}
	return r + ellipsis
}

// hasAtMostRunes reports whether s has at most n runes, reading no further.
func hasAtMostRunes(s string, n int) bool {
	for range s {
		if n--; n < 0 {
			return false
		}
	}
	return true
}
