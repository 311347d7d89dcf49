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

// hasAtMostRunes reports whether s has at most n runes, reading no further.
func hasAtMostRunes(s string, n int) bool {
	for range s {
		if n--; n < 0 {
			return false
		}
	}
	return true
}
