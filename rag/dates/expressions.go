package dates

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// iso reads "2020-11-06".
func (s *scanner) iso(i int) (int, bool) {
	two := func(j int) bool {
		return s.ok(j) && s.adj(j) && s.toks[j].kind == numToken && !s.toks[j].grouped && s.toks[j].digits == 2
	}
	dash := func(j int) bool { return s.adj(j) && s.toks[j].raw == "-" }
	if !s.yearNum(i) || !dash(i+1) || !two(i+2) || !dash(i+3) || !two(i+4) {
		return 0, false
	}
	if !s.leftClear(i) || !s.rightClear(i+4, true) {
		return 0, false
	}
	y, m, d := s.toks[i].val, s.toks[i+2].val, s.toks[i+4].val
	if m >= 1 && m <= 12 && valid(y, time.Month(m), d) {
		s.emit(i, i+5, date(y, time.Month(m), d), PrecisionDay, false, "")
	}
	return i + 5, true
}

// yearRange reads "2020-2021" as two years, "since" and "until".
func (s *scanner) yearRange(i int) (int, bool) {
	j := i + 2
	if !s.yearNum(i) || !s.punct(i+1, dashes) || !s.near(i+1) || !s.yearNum(j) || !s.near(j) {
		return 0, false
	}
	if s.toks[j].val <= s.toks[i].val || !s.leftClear(i) || !s.rightClear(j, false) || s.labelBefore(i) {
		return 0, false
	}
	s.emit(i, i+1, date(s.toks[i].val, 1, 1), PrecisionYear, false, "since")
	s.emitAt(j, j+1, date(s.toks[j].val, 1, 1), PrecisionYear, false, "until")
	return j + 1, true
}

// year reads a year on its own: "2020", "(2019)", "mid-2020".
func (s *scanner) year(i int) (int, bool) {
	if !s.yearNum(i) {
		return 0, false
	}
	core := i
	if s.adj(i) && s.is(i-1, "-") && s.adj(i-1) && i-2 >= s.floor && s.is(i-2, "mid", "early", "late") {
		core = i - 2
	} else if !s.leftClear(i) {
		return 0, false
	}
	if !s.rightClear(i, false) || s.labelBefore(core) || s.quantityBefore(core) {
		return 0, false
	}
	// Groups of digits: "+53 7 204 2020", "2020 1234".
	if p := core - 1; s.ok(p) && s.toks[p].kind == numToken && !s.yearNum(p) && s.near(core) {
		return 0, false
	}
	if n := i + 1; s.ok(n) && s.toks[n].kind == numToken && !s.toks[n].grouped && s.toks[n].digits >= 4 && !s.yearNum(n) && s.near(n) {
		return 0, false
	}
	if !s.word(core-1, yearContext) && s.quantityAfter(i+1) {
		return 0, false
	}
	s.emit(core, i+1, date(s.toks[i].val, 1, 1), PrecisionYear, false, "")
	return i + 1, true
}

// labelBefore reports a label that makes the number at i an identifier:
// "page 2020", "No. 2020".
func (s *scanner) labelBefore(i int) bool {
	p := i - 1
	if s.is(p, ".") && s.adj(p) {
		return s.word(p-1, dotLabels)
	}
	return s.near(i) && s.word(p, labels)
}

// quantityBefore reports words that make the number at i a quantity: "more
// than 2000", "más de 2000"; not "no later than 2025".
func (s *scanner) quantityBefore(i int) bool {
	if !s.near(i) {
		return false
	}
	if s.word(i-1, quantityWords) {
		return true
	}
	if s.is(i-1, "than") && s.near(i-1) && s.is(i-2, "more", "less", "fewer") {
		return true
	}
	return s.is(i-1, "de") && s.near(i-1) && s.is(i-2, "mas", "menos", "cerca")
}

// quantityAfter reports a plural noun at k that makes the number before it a
// quantity: "2000 doctors", "2000 people", "2000 Cuban doctors".
func (s *scanner) quantityAfter(k int) bool {
	if s.pluralNoun(k) {
		return true
	}
	if !s.ok(k) || s.toks[k].kind != wordToken || !s.near(k) || !s.pluralNoun(k+1) {
		return false
	}
	// An adjective of nationality or of the kind of worker between them.
	w, raw := s.toks[k].low, s.toks[k].raw
	if quantityAdjectives[w] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(raw)
	for _, suffix := range []string{"an", "ese", "ani", "ish", "ean", "ino", "ina", "anos", "anas", "inos", "inas"} {
		if unicode.IsUpper(r) && strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// pluralNoun reports a plural noun at k, not one that a year commonly
// qualifies ("elections").
func (s *scanner) pluralNoun(k int) bool {
	if !s.ok(k) || s.toks[k].kind != wordToken || !s.near(k) {
		return false
	}
	w := s.toks[k].low
	if countNouns[w] {
		return true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "s") || yearNouns[w] || sVerbs[w] {
		return false
	}
	// "crisis", "census", "congress" are singular.
	return !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// monthFirst reads dates that start with the month: "November 6, 2020",
// "July 2021", "julio de 2021", "last February 11", "February 11-12".
func (s *scanner) monthFirst(i int) (int, bool) {
	mon, j, ok := s.month(i)
	if !ok {
		return 0, false
	}
	if d1, k, ok := s.day(j); ok && s.near(j) {
		d2, end := 0, k
		dd, next, list, ok := s.secondDay(k, d1)
		if ok {
			d2, end = dd, next
		}
		y, next, st := s.yearAfter(end)
		switch {
		case st == yearBad:
			return next, true
		case st == yearFound:
			s.days(i, k, k+1, next, mon, d1, d2, y, false, list)
			return next, true
		case d2 != 0 || !s.quantityAfter(k):
			core := i
			last := s.lastBefore(i)
			if last {
				core = i - 1
			}
			s.days(core, k, k+1, end, mon, d1, d2, 0, last, list)
			return end, true
		}
		// "October 12 doctors": not a day.
	}
	y, next, st := s.yearAfter(j)
	switch st {
	case yearBad:
		return next, true
	case yearFound:
		s.emit(i, next, date(y, mon, 1), PrecisionMonth, false, "")
		return next, true
	}
	if !s.lastBefore(i) {
		return 0, false
	}
	if !s.pub.IsZero() {
		y := s.pub.Year()
		if mon >= s.pub.Month() {
			y--
		}
		s.emit(i-1, j, date(y, mon, 1), PrecisionMonth, true, "")
	}
	return j, true
}

// dayFirst reads dates that start with the day: "6 November 2020", "6th of
// November, 2020", "6 de noviembre de 2020", "el pasado 11 de febrero".
func (s *scanner) dayFirst(i int) (int, bool) {
	if !s.leftClear(i) {
		return 0, false
	}
	d1, k, ok := s.day(i)
	if !ok {
		return 0, false
	}
	d2, second, m := 0, 0, k
	dd, next, list, ok := s.secondDay(k, d1)
	if ok {
		d2, second, m = dd, k+1, next
	}
	if s.near(m) && s.is(m, "of", "de") {
		m++
	}
	if !s.near(m) {
		return 0, false
	}
	mon, j, ok := s.month(m)
	if !ok {
		return 0, false
	}
	y, next, st := s.yearAfter(j)
	switch st {
	case yearBad:
		return next, true
	case yearFound:
		s.days(i, k, second, next, mon, d1, d2, y, false, list)
		return next, true
	}
	core := i
	last := s.lastBefore(i)
	if last {
		core = i - 1
	}
	s.days(core, k, second, j, mon, d1, d2, 0, last, list)
	return j, true
}

// days emits a day, or when d2 is set two days, tokens [core, firstEnd) and
// [second, end): the ends of a range, or of a list ("6 and 7 November"). With
// no year, the days are resolved against the publication date: the latest
// such day before it when last is set, else the latest on or before it.
func (s *scanner) days(core, firstEnd, second, end int, mon time.Month, d1, d2, year int, last, list bool) {
	relative := year == 0
	if relative {
		if s.pub.IsZero() {
			return
		}
		t, ok := latest(s.pub, mon, d1, last)
		if !ok {
			return
		}
		year = t.Year()
	}
	if !valid(year, mon, d1) || d2 != 0 && !valid(year, mon, d2) {
		return
	}
	if d2 == 0 {
		s.emit(core, end, date(year, mon, d1), PrecisionDay, relative, "")
		return
	}
	if list {
		s.emit(core, firstEnd, date(year, mon, d1), PrecisionDay, relative, "")
		s.emitAt(second, end, date(year, mon, d2), PrecisionDay, relative, "")
		return
	}
	s.emit(core, firstEnd, date(year, mon, d1), PrecisionDay, relative, "since")
	s.emitAt(second, end, date(year, mon, d2), PrecisionDay, relative, "until")
}

// relativeWord reads "yesterday", "last year", "el mes pasado" and the like.
func (s *scanner) relativeWord(i int) (int, bool) {
	var (
		prec  Precision
		delta int
		end   = i + 1
	)
	unit := func(j int, words ...string) bool {
		if !s.near(j) || !s.is(j, words...) {
			return false
		}
		prec = PrecisionYear
		if s.toks[j].low == "month" || s.toks[j].low == "mes" {
			prec = PrecisionMonth
		}
		return true
	}
	switch w := s.toks[i].low; w {
	case "yesterday", "ayer":
		prec, delta = PrecisionDay, -1
	case "today", "hoy":
		prec = PrecisionDay
	case "tomorrow":
		prec, delta = PrecisionDay, 1
	case "last", "this", "next":
		// "the last year" and "the past month" are spans, not dates.
		if w == "last" && s.is(i-1, "the") || !unit(i+1, "year", "month") {
			return 0, false
		}
		delta = map[string]int{"last": -1, "this": 0, "next": 1}[w]
		end = i + 2
	case "pasado", "este", "proximo":
		if !unit(i+1, "año", "mes") {
			return 0, false
		}
		delta = map[string]int{"pasado": -1, "este": 0, "proximo": 1}[w]
		end = i + 2
	case "año", "mes":
		if !s.near(i+1) || !s.is(i+1, "pasado", "proximo") {
			return 0, false
		}
		prec = PrecisionYear
		if w == "mes" {
			prec = PrecisionMonth
		}
		delta = map[string]int{"pasado": -1, "proximo": 1}[s.toks[i+1].low]
		end = i + 2
	default:
		return 0, false
	}
	if s.pub.IsZero() {
		return end, true
	}
	var t time.Time
	switch prec {
	case PrecisionDay:
		t = s.pub.AddDate(0, 0, delta)
	case PrecisionMonth:
		t = date(s.pub.Year(), s.pub.Month(), 1).AddDate(0, delta, 0)
	default:
		t = date(s.pub.Year()+delta, 1, 1)
	}
	s.emit(i, end, t, prec, true, "")
	return end, true
}
