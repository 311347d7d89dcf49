package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// abbreviations that end with a period but rarely end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true,
	"jr": true, "st": true, "gen": true, "col": true, "lt": true, "gov": true,
	"sen": true, "rep": true, "pres": true, "vs": true, "etc": true, "inc": true,
	"ltd": true, "co": true, "corp": true, "vol": true,
	"fig": true, "approx": true, "dept": true, "est": true, "jan": true,
	"feb": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "e.g": true,
	"i.e": true, "u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true,
	"sra": true, "sres": true, "dra": true, "lic": true, "ing": true,
}

// Paragraphs returns the spans of the paragraphs of text: runs of non-blank
// lines, trimmed of surrounding white space.
func Paragraphs(text string) []Span {
	var out []Span
	start := -1
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		blank := strings.TrimSpace(text[lineStart:lineEnd]) == ""
		if blank && start >= 0 {
			out = append(out, trimSpan(text, Span{start, lineStart}))
			start = -1
		} else if !blank && start < 0 {
			start = lineStart
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	if start >= 0 {
		out = append(out, trimSpan(text, Span{start, len(text)}))
	}
	return out
}

// Sentences returns the spans of the sentences of text, in order. A paragraph
// break always ends a sentence; otherwise a sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets) followed by white space and a capital
// letter, digit or opening quote, unless the word before the period is a
// known abbreviation or an initial.
func Sentences(text string) []Span {
	var out []Span
	for _, p := range Paragraphs(text) {
		out = append(out, sentencesIn(text, p)...)
	}
	return out
}

func sentencesIn(text string, p Span) []Span {
	var out []Span
	start := p.Start
	i := p.Start
	for i < p.End {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		end := i + size
		// Take repeated terminators and closing quotes or brackets.
		for end < p.End {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if strings.ContainsRune(".!?…\"'”’)]»", r2) {
				end += s2
				continue
			}
			break
		}
		if end >= p.End {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(next) {
			i = end
			continue
		}
		j := end
		for j < p.End {
			r3, s3 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsSpace(r3) {
				break
			}
			j += s3
		}
		if j >= p.End {
			break
		}
		first, _ := utf8.DecodeRuneInString(text[j:])
		startsSentence := unicode.IsUpper(first) || unicode.IsDigit(first) ||
			strings.ContainsRune("\"'“‘(«¿¡", first)
		if !startsSentence || (r == '.' && isAbbreviation(text[start:i])) ||
			(r == '.' && unicode.IsDigit(first) && isNumberSign(text[start:i])) {
			i = end
			continue
		}
		out = append(out, trimSpan(text, Span{start, end}))
		start = j
		i = j
	}
	if s := trimSpan(text, Span{start, p.End}); s.End > s.Start {
		out = append(out, s)
	}
	return out
}

// isAbbreviation reports whether the text before a period ends with a known
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	k := strings.LastIndexFunc(before, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“'
	})
	word := before[k+1:]
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}

// isNumberSign reports whether the text before a period ends with "No" or
// "Nos" (as in "No. 5"), which is an abbreviation only before a number.
func isNumberSign(before string) bool {
	k := strings.LastIndexFunc(before, unicode.IsSpace)
	w := strings.ToLower(before[k+1:])
	return w == "no" || w == "nos" || w == "nº"
}

func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, size := utf8.DecodeRuneInString(text[s.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += size
	}
	for s.End > s.Start {
		r, size := utf8.DecodeLastRuneInString(text[:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= size
	}
	return s
}
