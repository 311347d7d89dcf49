// Package dates finds the dates a text mentions, in English and Spanish:
// full dates, months and years, ranges and lists, and expressions relative
// to the publication date ("last February 11", "yesterday"), each with its
// byte offsets, precision and the relation its preposition gives ("until
// July 2021"). It is a self-contained scanner over words, numbers and
// punctuation: numbers that are quantities or identifiers ("2000 doctors",
// "page 2020") are not taken for years, and nothing is guessed.
package dates

import (
	"strconv"
	"time"
)

// Precision says how much of a date the text gives.
type Precision int

// The precisions, from the least precise.
const (
	PrecisionYear Precision = iota + 1
	PrecisionMonth
	PrecisionDay
)

// String returns "year", "month" or "day".
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// Mention is a date the text gives, at byte offsets [Start, End) of the
// text passed in.
type Mention struct {
	// Date is in UTC; the first day of the month or year when the text gives
	// less than a day.
	Date      time.Time
	Precision Precision
	// Start and End delimit the expression's bytes, with the preposition that
	// introduces it: "until July 2021", "in 2020", "on November 6th, 2020",
	// "desde el 6 de noviembre de 2020".
	Start, End int
	Text       string // text[Start:End]
	// Relation is "", "until", "since", "before", "after" or "by", from the
	// preposition before the date, so that "until July 2021" can be shown as
	// the end of a period. The two ends of a range ("2020-2021", "March 2-3,
	// 2021", "from 2019 to 2021") are "since" and "until".
	Relation string
	// Relative is true when the date was worked out from the publication
	// date ("last February 11", "yesterday", "this year").
	Relative bool
}

// String formats the date at its precision: "2020", "July 2021",
// "6 November 2020".
func (m Mention) String() string {
	switch m.Precision {
	case PrecisionYear:
		return m.Date.Format("2006")
	case PrecisionMonth:
		return m.Date.Format("January 2006")
	case PrecisionDay:
		return m.Date.Format("2 January 2006")
	}
	return m.Date.Format(time.DateOnly)
}

// Extract returns the date mentions of text in order, without overlaps.
// published is the publication date, used to resolve relative expressions;
// when it is zero, relative expressions are skipped (never guessed). Its
// calendar day is taken in its own location.
//
// It reads, in English and Spanish, case-insensitively:
//   - full dates: "November 6, 2020", "Nov. 6, 2020", "6th November 2020",
//     "the 6th of November, 2020", "6 de noviembre de 2020", "2020-11-06";
//   - months: "July 2021", "July of 2021", "julio de 2021";
//   - years 1900–2099: "in 2020", "(2019)", "the 2020 brigade", "mid-2020";
//     not quantities: "2,000", "2000 doctors", "2000 Cuban doctors", "more
//     than 2000", "page 2020", "+53 7 204 2020", "1990s";
//   - relative to published: "last February 11" (the latest such day before
//     publication), "February 11" and "11 de febrero" (the latest such day on
//     or before it), "last July", "yesterday", "today", "tomorrow", "last/this/
//     next year" and "last/this/next month", "ayer", "hoy", "el año pasado",
//     "este año", "el mes pasado";
//   - ranges, as two mentions "since" and "until": "2020-2021", "from 2019 to
//     2021", "between 2018 and 2020", "December 2019 – January 2020",
//     "March 2-3, 2021"; and lists of days: "November 6 and 7, 2020".
//
// Slash and dotted dates ("06/11/2020", "6.11.2020") are skipped: the order of
// day and month is unknown. Invalid dates ("February 30, 2021") are skipped
// whole. "May", "Mar" and "March" count as months only when capitalised.
func Extract(text string, published time.Time) []Mention {
	s := &scanner{text: text, toks: tokenize(text), lastEnd: -1}
	if !published.IsZero() {
		y, m, d := published.Date()
		s.pub = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	for i := 0; i < len(s.toks); {
		next, ok := s.match(i)
		if !ok {
			i++
			continue
		}
		i = next
		s.floor = max(s.floor, next)
	}
	return s.out
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func valid(y int, m time.Month, d int) bool {
	return m >= time.January && m <= time.December && d >= 1 && date(y, m, d).Day() == d
}

// latest returns the latest valid day m/d on or before pub (strictly
// before when strict), looking back over enough years for February 29.
func latest(pub time.Time, m time.Month, d int, strict bool) (time.Time, bool) {
	for y := pub.Year(); y > pub.Year()-9; y-- {
		if !valid(y, m, d) {
			continue
		}
		t := date(y, m, d)
		if t.Before(pub) || !strict && t.Equal(pub) {
			return t, true
		}
	}
	return time.Time{}, false
}
