package dates

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// scanner reads the mentions of one text, token by token. Its methods test
// tokens, read the parts of a date (month, day, year) and add mentions; the
// expressions they make up are read in expressions.go.
type scanner struct {
	text string
	toks []token
	pub  time.Time // publication day at 00:00 UTC; zero when unknown
	out  []Mention
	// floor is the first token not yet taken by an expression: a
	// preposition is looked for from there on.
	floor int
	// lastEnd is the token after the last mention, for "from 2019 to 2021";
	// lastBetween is set when that mention began with "between".
	lastEnd     int
	lastBetween bool
}

// match reads the expression that starts at token i, if any, and returns
// the token after it.
func (s *scanner) match(i int) (int, bool) {
	switch s.toks[i].kind {
	case numToken:
		if next, ok := s.iso(i); ok {
			return next, true
		}
		if next, ok := s.yearRange(i); ok {
			return next, true
		}
		if next, ok := s.dayFirst(i); ok {
			return next, true
		}
		return s.year(i)
	case wordToken:
		if next, ok := s.monthFirst(i); ok {
			return next, true
		}
		return s.relativeWord(i)
	}
	return 0, false
}

// Token tests; all are false out of range.

func (s *scanner) ok(i int) bool { return i >= 0 && i < len(s.toks) }

// adj reports whether token i touches token i-1.
func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i-1].end == s.toks[i].start
}

// near reports whether token i follows token i-1 in the same paragraph.
func (s *scanner) near(i int) bool {
	return i > 0 && i < len(s.toks) && strings.Count(s.text[s.toks[i-1].end:s.toks[i].start], "\n") <= 1
}

func (s *scanner) word(i int, set map[string]bool) bool {
	return s.ok(i) && s.toks[i].kind == wordToken && set[s.toks[i].low]
}

func (s *scanner) is(i int, words ...string) bool {
	if !s.ok(i) || s.toks[i].kind == numToken {
		return false
	}
	for _, w := range words {
		if s.toks[i].low == w || (s.toks[i].kind == punctToken && s.toks[i].raw == w) {
			return true
		}
	}
	return false
}

func (s *scanner) punct(i int, set map[string]bool) bool {
	return s.ok(i) && s.toks[i].kind == punctToken && set[s.toks[i].raw]
}

// yearNum reports whether token i is a plain four-digit number from 1900 to 2099.
func (s *scanner) yearNum(i int) bool {
	if !s.ok(i) {
		return false
	}
	t := s.toks[i]
	return t.kind == numToken && !t.grouped && t.digits == 4 && t.val >= 1900 && t.val <= 2099
}

// leftClear reports whether the number at i is not glued to a word or to
// another number ("A-2020", "555-2020", "#2020", "1.2020").
func (s *scanner) leftClear(i int) bool {
	if !s.adj(i) {
		return true
	}
	p := s.toks[i-1]
	if p.kind != punctToken {
		return false
	}
	if signs[p.raw] {
		return false
	}
	return !(joiners[p.raw] && s.adj(i-1) && s.toks[i-2].kind != punctToken)
}

// rightClear is leftClear for the other side ("1990s", "2020-11", "2020/21",
// "2020%"). Words are allowed when words is set ("2020-11-06T10:00").
func (s *scanner) rightClear(i int, words bool) bool {
	n := i + 1
	if !s.adj(n) {
		return true
	}
	t := s.toks[n]
	switch {
	case t.kind == numToken:
		return false
	case t.kind == wordToken:
		return words
	case signs[t.raw]:
		return false
	}
	return !(joiners[t.raw] && s.adj(n+1) && (s.toks[n+1].kind == numToken || !words && s.toks[n+1].kind == wordToken))
}

// month reads a month name at i, with its abbreviation period.
func (s *scanner) month(i int) (time.Month, int, bool) {
	if !s.ok(i) || s.toks[i].kind != wordToken {
		return 0, 0, false
	}
	info, ok := months[s.toks[i].low]
	if !ok {
		return 0, 0, false
	}
	if info.ambiguous {
		if r, _ := utf8.DecodeRuneInString(s.toks[i].raw); !unicode.IsUpper(r) {
			return 0, 0, false
		}
	}
	next := i + 1
	if info.abbr && s.adj(next) && s.toks[next].raw == "." {
		next++
	}
	return info.m, next, true
}

// day reads a day of the month at i, with its ordinal suffix ("6th", "1º").
func (s *scanner) day(i int) (int, int, bool) {
	if !s.ok(i) {
		return 0, 0, false
	}
	t := s.toks[i]
	if t.kind != numToken || t.grouped || t.digits > 2 || t.val < 1 || t.val > 31 {
		return 0, 0, false
	}
	next := i + 1
	if s.adj(next) {
		n := s.toks[next]
		switch {
		case ordinals[n.low] || ordinals[n.raw]:
			next++
		case n.kind != punctToken:
			return 0, 0, false // "6pm"
		case n.raw == ":" || n.raw == "/" || n.raw == "." || signs[n.raw]:
			if s.adj(next+1) && s.toks[next+1].kind == numToken || signs[n.raw] {
				return 0, 0, false // "10:30", "6/11", "5%"
			}
		}
	}
	return t.val, next, true
}

// secondDay reads "-7" (a range) or "and 7" (a list) at k, after a day d1:
// the second day and the token after it.
func (s *scanner) secondDay(k, d1 int) (d2, next int, list, ok bool) {
	list = s.is(k, "and", "y", "&")
	if !list && !s.punct(k, dashes) || !s.near(k) || !s.near(k+1) {
		return 0, 0, false, false
	}
	d2, next, ok = s.day(k + 1)
	if !ok || d2 <= d1 {
		return 0, 0, false, false
	}
	return d2, next, list, true
}

type yearState int

const (
	noYear yearState = iota
	yearFound
	yearBad // a four-digit number that cannot be the year: skip the date
)

// yearAfter reads the year that ends a date at k: "2021", ", 2021",
// "of 2021", "de 2021", "del 2021".
func (s *scanner) yearAfter(k int) (int, int, yearState) {
	j := k
	if s.near(j) && (s.is(j, ",") || s.is(j, "of", "de", "del")) {
		j++
	}
	if !s.ok(j) || !s.near(j) {
		return 0, 0, noYear
	}
	t := s.toks[j]
	if t.kind != numToken || t.grouped || t.digits != 4 {
		return 0, 0, noYear
	}
	if !s.yearNum(j) || !s.rightClear(j, false) {
		return 0, j + 1, yearBad
	}
	return t.val, j + 1, yearFound
}

// lastBefore reports whether "last" (or Spanish "pasado") comes just before
// token i, not taken by an earlier expression.
func (s *scanner) lastBefore(i int) bool {
	return i-1 >= s.floor && s.near(i) && s.is(i-1, "last", "pasado")
}

// emit adds a mention of tokens [core, end), with the preposition before
// it: the relation it gives, or rel when it gives none.
func (s *scanner) emit(core, end int, date time.Time, prec Precision, relative bool, rel string) {
	start, r := s.preposition(core, s.toks[core].kind == numToken && !s.yearNum(core))
	if r != "" {
		rel = r
	}
	// "March 2020 – July 2021": the dash between two mentions makes a range.
	if start == core && core-1 == s.lastEnd && s.punct(core-1, dashes) && s.near(core-1) && s.near(core) && len(s.out) > 0 {
		if prev := &s.out[len(s.out)-1]; prev.Relation == "" || prev.Relation == "since" {
			prev.Relation, rel = "since", "until"
		}
	}
	s.emitAt(start, end, date, prec, relative, rel)
	s.lastBetween = s.is(start, "between", "entre")
}

// emitAt adds a mention of tokens [start, end) as it is.
func (s *scanner) emitAt(start, end int, date time.Time, prec Precision, relative bool, rel string) {
	a, b := s.toks[start].start, s.toks[end-1].end
	s.out = append(s.out, Mention{
		Date: date, Precision: prec, Start: a, End: b, Text: s.text[a:b],
		Relation: rel, Relative: relative,
	})
	s.floor, s.lastEnd, s.lastBetween = end, end, false
}

// preposition looks for the preposition before token core, over an article
// ("el"; "the" only before a day, as in "on the 6th of November"). It
// returns the first token of the expression and the relation.
func (s *scanner) preposition(core int, the bool) (int, string) {
	if start, rel, ok := s.prepositionAt(core - 1); ok {
		return start, rel
	}
	p := core - 1
	if p >= s.floor && s.near(core) && (s.is(p, "el") || the && s.is(p, "the")) {
		if start, rel, ok := s.prepositionAt(p - 1); ok {
			return start, rel
		}
	}
	return core, ""
}

// prepositionAt reads a preposition ending at token q.
func (s *scanner) prepositionAt(q int) (int, string, bool) {
	if q < s.floor || !s.ok(q) || s.toks[q].kind != wordToken || !s.near(q+1) {
		return 0, "", false
	}
	w := s.toks[q].low
	if rel, ok := relations[w]; ok {
		return q, rel, true
	}
	switch w {
	case "to":
		// "from 2019 to 2021"
		if q == s.lastEnd && len(s.out) > 0 && s.out[len(s.out)-1].Relation == "since" {
			return q, "until", true
		}
	case "and", "y":
		// "between 2018 and 2020"
		if q == s.lastEnd && s.lastBetween {
			return q, "until", true
		}
	case "de", "del":
		if q-1 >= s.floor && s.near(q) {
			switch s.toks[q-1].low {
			case "antes":
				return q - 1, "before", true
			case "despues":
				return q - 1, "after", true
			case "partir":
				if q-2 >= s.floor && s.near(q-1) && s.is(q-2, "a") {
					return q - 2, "since", true
				}
			}
		}
	}
	return 0, "", false
}
