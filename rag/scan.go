package rag

import (
	"regexp"
	"strings"
)

// scanner finds the matches of a pattern whose every match starts at a
// word it knows, at a digit that starts a word, or at a sign: it tries the
// pattern, anchored, only at those places, and finds the matches that
// regexp's FindAllStringIndex finds (FuzzScanner holds it to that) at a
// fraction of the cost, since Go's regexp cannot skip ahead through a
// case-folded alternation of many words.
//
// Every alternative of the pattern must begin with \b before a word (the
// words given) or a digit (digits), or with one of the signs given.
// Go's \b is ASCII's: a match at a word starts at an ASCII letter, digit or
// underscore that no other one precedes.
type scanner struct {
	anchored *regexp.Regexp
	firsts   map[[2]byte]bool // the first two bytes, lower-cased, of the words
	digits   bool             // a match may start at a digit that starts a word
	signs    []string         // lower-case prefixes a match may start with anywhere
}

// newScanner returns the scanner of a pattern: words are its alternatives'
// first words, separated by "|" as in the pattern; signs are the other
// starts, in lower case ("$", "usd").
func newScanner(pattern, words string, digits bool, signs ...string) *scanner {
	sc := &scanner{anchored: regexp.MustCompile(`^(?:` + pattern + `)`), firsts: map[[2]byte]bool{}, digits: digits, signs: signs}
	for _, w := range strings.Split(words, "|") {
		w = strings.ToLower(w)
		var k [2]byte
		copy(k[:], w)
		sc.firsts[k] = true
	}
	return sc
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// may reports whether a match may start at s[i].
func (sc *scanner) may(s string, i int) bool {
	b := s[i]
	for _, sign := range sc.signs {
		if len(s)-i >= len(sign) && (b == sign[0] || lowerByte(b) == sign[0]) && (len(sign) < 2 || s[i+1] >= 0x80 || lowerByte(s[i+1]) == sign[1]) {
			return true // a byte of a folded letter (ſ for s) lets the pattern decide
		}
	}
	if !isWordByte(b) || i > 0 && isWordByte(s[i-1]) {
		return false
	}
	if '0' <= b && b <= '9' {
		return sc.digits
	}
	if i+1 == len(s) {
		return sc.firsts[[2]byte{lowerByte(b)}]
	}
	// The second letter may be one that folds from outside ASCII (ſ, K):
	// the pattern decides.
	return s[i+1] >= 0x80 || sc.firsts[[2]byte{lowerByte(b), lowerByte(s[i+1])}]
}

// findAll returns the offsets of the matches in s, as
// regexp.FindAllStringIndex(s, -1) does.
func (sc *scanner) findAll(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		if !sc.may(s, i) {
			continue
		}
		if m := sc.anchored.FindStringIndex(s[i:]); m != nil && m[1] > 0 {
			out = append(out, []int{i, i + m[1]})
			i += m[1] - 1
		}
	}
	return out
}

// findAllString returns the matches in s, as regexp.FindAllString(s, -1)
// does.
func (sc *scanner) findAllString(s string) []string {
	var out []string
	for _, m := range sc.findAll(s) {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

// matchString reports whether s holds a match.
func (sc *scanner) matchString(s string) bool {
	for i := 0; i < len(s); i++ {
		if sc.may(s, i) && sc.anchored.MatchString(s[i:]) {
			return true
		}
	}
	return false
}
