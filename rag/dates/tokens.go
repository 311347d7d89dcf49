package dates

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind says whether a token is a word, a number or punctuation.
type tokenKind uint8

const (
	wordToken tokenKind = iota + 1
	numToken
	punctToken
)

// token is a word, a number or one other non-space character of the text.
type token struct {
	kind       tokenKind
	start, end int
	raw        string
	low        string // words: lower case without accents
	digits     int    // numbers: how many digits when ungrouped
	val        int    // numbers: the value when ungrouped and at most 4 digits, else -1
	grouped    bool   // numbers with separators ("2,000", "1.5"): quantities
}

var accents = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u")

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// tokenize splits text into words, numbers and other characters, skipping
// spaces.
func tokenize(text string) []token {
	var toks []token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r < utf8.RuneSelf && isDigit(byte(r)):
			j := i
			for j < len(text) && isDigit(text[j]) {
				j++
			}
			t := token{kind: numToken, start: i, digits: j - i, val: -1}
			for j+1 < len(text) && (text[j] == ',' || text[j] == '.') && isDigit(text[j+1]) {
				t.grouped = true
				j++
				for j < len(text) && isDigit(text[j]) {
					j++
				}
			}
			t.end, t.raw = j, text[i:j]
			if !t.grouped && t.digits <= 4 {
				t.val, _ = strconv.Atoi(t.raw)
			}
			toks = append(toks, t)
			i = j
		case isLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isLetter(r2) {
					break
				}
				j += s2
			}
			raw := text[i:j]
			toks = append(toks, token{kind: wordToken, start: i, end: j, raw: raw, low: accents.Replace(strings.ToLower(raw)), val: -1})
			i = j
		case unicode.IsSpace(r):
			i += size
		default:
			toks = append(toks, token{kind: punctToken, start: i, end: i + size, raw: text[i : i+size], val: -1})
			i += size
		}
	}
	return toks
}
