package lang

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The tables the package's code reads, kept as data: the bot's sentences
// (phrases.txt), the Portuguese stemmer's rules (pt_stem.txt) and the
// cognate rules (cognates.txt). Each file documents its line format at
// its top. They are parsed once, when the package is initialised; a
// malformed file panics then (the tests parse each one).

//go:embed phrases.txt
var phrasesText string

//go:embed pt_stem.txt
var ptStemText string

//go:embed cognates.txt
var cognatesText string

// dataLines calls f with each line of text that is not blank or a
// comment (a line whose first non-space character is "#"), trimmed; the
// first error f returns stops it, with the line's number added.
func dataLines(text string, f func(line string) error) error {
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("line %d: %w", n+1, err)
		}
	}
	return nil
}

// section reports the name of a "[name]" line.
func section(line string) (string, bool) {
	if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
		return strings.TrimSpace(line[1 : len(line)-1]), true
	}
	return "", false
}

func must[T any](v T, err error) T {
	if err != nil {
		panic("rag/lang: " + err.Error())
	}
	return v
}

// parsePhrases reads phrases.txt.
func parsePhrases(text string) (map[string]Messages, error) {
	out := map[string]Messages{}
	months := map[string]bool{}
	err := dataLines(text, func(line string) error {
		left, value, ok := strings.Cut(line, " = ")
		f := strings.Fields(left)
		if !ok || len(f) < 2 {
			return fmt.Errorf("%q is not \"lang key = text\"", line)
		}
		value = strings.TrimSpace(value)
		m, seen := out[f[0]]
		if !seen {
			m = Messages{Lang: f[0], names: map[string]string{}, areas: map[string]string{}}
		}
		if len(f) == 3 && (f[1] == "name" || f[1] == "area") {
			map[string]map[string]string{"name": m.names, "area": m.areas}[f[1]][f[2]] = value
			out[f[0]] = m
			return nil
		}
		if len(f) != 2 {
			return fmt.Errorf("%q is not \"lang key = text\"", line)
		}
		field := map[string]*string{
			"NotCovered": &m.NotCovered, "SourcesDiffer": &m.SourcesDiffer, "Nearest": &m.Nearest,
			"Sources": &m.Sources, "noMatch": &m.noMatch, "according": &m.according,
			"accordingOne": &m.accordingOne, "accordingDoc": &m.accordingDoc, "date": &m.date,
			"overview": &m.overview, "and": &m.and,
		}
		switch p := field[f[1]]; {
		case p != nil:
			*p = value
		case f[1] == "months":
			names := strings.Fields(value)
			if len(names) != 12 {
				return fmt.Errorf("%s has %d months", f[0], len(names))
			}
			copy(m.months[:], names)
			months[f[0]] = true
		default:
			return fmt.Errorf("unknown key %q", f[1])
		}
		out[f[0]] = m
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("phrases.txt: %w", err)
	}
	for l, m := range out {
		if m.NotCovered == "" || m.SourcesDiffer == "" || m.Nearest == "" || m.Sources == "" ||
			m.noMatch == "" || m.according == "" || m.accordingOne == "" || m.accordingDoc == "" ||
			m.date == "" || !months[l] || len(m.names) == 0 ||
			m.overview == "" || m.and == "" || len(m.areas) != len(out["en"].areas) {
			return nil, fmt.Errorf("phrases.txt: %s lacks a key", l)
		}
	}
	return out, nil
}

// parseSections reads a file of "[section]" lines, each followed by
// lines of space-separated fields that row turns into one entry.
func parseSections[T any](file, text string, row func(f []string) (T, error)) (map[string][]T, error) {
	out := map[string][]T{}
	sec := ""
	err := dataLines(text, func(line string) error {
		if s, ok := section(line); ok {
			sec = s
			return nil
		}
		if sec == "" {
			return fmt.Errorf("%q is not under a [section]", line)
		}
		v, err := row(strings.Fields(line))
		if err != nil {
			return fmt.Errorf("%q: %w", line, err)
		}
		out[sec] = append(out[sec], v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

// parsePTRules reads pt_stem.txt: the rules of each step.
func parsePTRules(text string) (map[string][]ptRule, error) {
	return parseSections("pt_stem.txt", text, func(f []string) (ptRule, error) {
		if len(f) < 3 {
			return ptRule{}, fmt.Errorf("not \"suffix min replacement except…\"")
		}
		min, err := strconv.Atoi(f[1])
		if err != nil {
			return ptRule{}, err
		}
		r := ptRule{suffix: f[0], min: min, repl: f[2]}
		if r.repl == "-" {
			r.repl = ""
		}
		if len(f) > 3 {
			r.except = f[3:]
		}
		return r, nil
	})
}

// parsePairs reads cognates.txt: the pairs of each section.
func parsePairs(text string) (map[string][][2]string, error) {
	return parseSections("cognates.txt", text, func(f []string) ([2]string, error) {
		if len(f) != 2 {
			return [2]string{}, fmt.Errorf("not \"from to\"")
		}
		return [2]string{f[0], f[1]}, nil
	})
}

// TablesDigest is the SHA-256, in hex, of the data that decides which
// English words a Spanish or Portuguese word is read as: the lexicons, the
// cognate rules and the Portuguese stemmer's rules. Whoever stores words
// read through them (the rag index's terms) keeps the digest with them, or
// pins it in a test, so that a change to the tables is noticed.
func TablesDigest() string {
	h := sha256.New()
	for _, t := range []string{esLexiconText, ptLexiconText, cognatesText, ptStemText} {
		fmt.Fprintf(h, "%d\n%s", len(t), t)
	}
	return hex.EncodeToString(h.Sum(nil))
}
