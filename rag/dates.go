package rag

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// DateMention is a date the text gives, at byte offsets [Start, End) of the
// text passed in.
type DateMention struct {
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
func (m DateMention) String() string {
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

// ExtractDates returns the date mentions of text in order, without overlaps.
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
func ExtractDates(text string, published time.Time) []DateMention {
	s := &dtScanner{text: text, toks: dtTokenize(text), lastEnd: -1}
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

type dtKind uint8

const (
	dtWord dtKind = iota + 1
	dtNum
	dtPunct
)

// dtToken is a word, a number or one other non-space character of the text.
type dtToken struct {
	kind       dtKind
	start, end int
	raw        string
	low        string // words: lower case without accents
	digits     int    // numbers: how many digits when ungrouped
	val        int    // numbers: the value when ungrouped and at most 4 digits, else -1
	grouped    bool   // numbers with separators ("2,000", "1.5"): quantities
}

var dtAccents = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u")

func dtIsDigit(b byte) bool { return b >= '0' && b <= '9' }

func dtIsLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

func dtTokenize(text string) []dtToken {
	var toks []dtToken
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r < utf8.RuneSelf && dtIsDigit(byte(r)):
			j := i
			for j < len(text) && dtIsDigit(text[j]) {
				j++
			}
			t := dtToken{kind: dtNum, start: i, digits: j - i, val: -1}
			for j+1 < len(text) && (text[j] == ',' || text[j] == '.') && dtIsDigit(text[j+1]) {
				t.grouped = true
				j++
				for j < len(text) && dtIsDigit(text[j]) {
					j++
				}
			}
			t.end, t.raw = j, text[i:j]
			if !t.grouped && t.digits <= 4 {
				t.val, _ = strconv.Atoi(t.raw)
			}
			toks = append(toks, t)
			i = j
		case dtIsLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !dtIsLetter(r2) {
					break
				}
				j += s2
			}
			raw := text[i:j]
			toks = append(toks, dtToken{kind: dtWord, start: i, end: j, raw: raw, low: dtAccents.Replace(strings.ToLower(raw)), val: -1})
			i = j
		case unicode.IsSpace(r):
			i += size
		default:
			toks = append(toks, dtToken{kind: dtPunct, start: i, end: i + size, raw: text[i : i+size], val: -1})
			i += size
		}
	}
	return toks
}

type dtMonth struct {
	m    time.Month
	abbr bool // may take a period: "Nov."
	// ambiguous names are also common words ("may", "march", "mar" is Spanish
	// for sea): they count only when capitalised.
	ambiguous bool
}

// dtMonths holds English and Spanish month names and abbreviations. The
// Spanish abbreviations "ago" and "set" are left out: they are English words.
var dtMonths = func() map[string]dtMonth {
	months := map[string]dtMonth{}
	for i, names := range [12]struct{ full, abbr string }{
		{"january enero", "jan ene"},
		{"february febrero", "feb"},
		{"march marzo", "mar"},
		{"april abril", "apr abr"},
		{"may mayo", ""},
		{"june junio", "jun"},
		{"july julio", "jul"},
		{"august agosto", "aug"},
		{"september septiembre setiembre", "sep sept"},
		{"october octubre", "oct"},
		{"november noviembre", "nov"},
		{"december diciembre", "dec dic"},
	} {
		for _, n := range strings.Fields(names.full) {
			months[n] = dtMonth{m: time.Month(i + 1)}
		}
		for _, n := range strings.Fields(names.abbr) {
			months[n] = dtMonth{m: time.Month(i + 1), abbr: true}
		}
	}
	for _, n := range []string{"may", "march", "mar"} {
		info := months[n]
		info.ambiguous = true
		months[n] = info
	}
	return months
}()

func dtSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	// dtRelations maps a preposition to the relation it gives the date after it.
	dtRelations = map[string]string{
		"until": "until", "till": "until", "through": "until", "thru": "until", "hasta": "until",
		"since": "since", "from": "since", "desde": "since",
		"before": "before", "after": "after", "by": "by",
		"between": "since", "entre": "since",
		// Kept in the expression for readability, with no relation.
		"in": "", "on": "", "during": "", "en": "", "durante": "",
	}
	// dtYearContext words before a number make it a year even when a
	// plural noun follows ("in 2000 doctors went").
	dtYearContext = dtSet("in", "since", "until", "till", "through", "by", "from", "during",
		"before", "after", "en", "desde", "hasta", "durante", "year", "año", "el")
	// dtLabels before a number make it a number, not a year ("page 2020").
	dtLabels = dtSet("page", "pages", "number", "num", "nr", "tel", "phone", "telephone", "fax",
		"ext", "room", "flight", "volume", "chapter", "section", "article", "decree", "law",
		"resolution", "item", "code", "case", "ref", "id", "pagina", "pag", "numero", "articulo",
		"decreto", "ley", "resolucion", "codigo", "expediente", "km", "route", "ruta", "street",
		"calle", "suite", "apartment", "apt", "box", "model", "version", "issue", "telefono")
	// dtDotLabels are the labels abbreviated with a period ("No. 2020").
	dtDotLabels = dtSet("no", "n", "p", "pp", "art", "vol", "num", "pag", "tel", "ext")
	// dtQuantityBefore words before a number make it a quantity.
	dtQuantityBefore = dtSet("approximately", "nearly", "almost", "roughly", "unos", "unas",
		"aproximadamente", "casi")
	// dtCountNouns after a number make it a quantity though they do not end in s.
	dtCountNouns = dtSet("people", "children", "men", "women", "staff", "personnel", "gente",
		"million", "millions", "thousand", "billion", "hundred", "mil", "millon", "millones",
		"km", "kg", "mg", "mw", "kw", "usd", "eur", "cup", "cuc")
	// dtQuantityAdjectives between a number and a plural noun keep it a
	// quantity ("2000 health workers").
	dtQuantityAdjectives = dtSet("aid", "health", "medical", "young", "new", "other", "foreign",
		"international", "more", "additional", "cuban", "extra")
	// dtYearNouns are plural nouns that a year commonly qualifies ("the 2020
	// elections"): after a number they do not make it a quantity.
	dtYearNouns = dtSet("elections", "olympics", "games", "celebrations", "festivities",
		"holidays", "protests", "talks", "negotiations", "figures", "results", "statistics",
		"accounts", "accords", "floods", "hurricanes", "rains", "harvests", "carnivals",
		"championships", "awards", "budgets", "sanctions", "measures", "census", "elecciones",
		"fiestas", "olimpiadas", "juegos", "carnavales", "sanciones", "medidas", "cifras")
	// dtSVerbs end in s but are verbs: "2020 marks the anniversary".
	dtSVerbs = dtSet("marks", "sees", "brings", "remains", "means", "represents", "begins",
		"ends", "continues", "becomes", "comes", "goes", "shows", "promises", "looks", "proves",
		"was", "has", "does", "saw")
	dtDashes  = dtSet("-", "–", "—", "‑")
	dtJoiners = dtSet("-", "–", "—", "‑", "/", ".", ":", ",", "_", "\\")
	dtSigns   = dtSet("#", "$", "€", "£", "+", "№", "%", "¥")
	dtOrdinal = dtSet("st", "nd", "rd", "th", "º", "ª", "°")
)

type dtScanner struct {
	text string
	toks []dtToken
	pub  time.Time // publication day at 00:00 UTC; zero when unknown
	out  []DateMention
	// floor is the first token not yet taken by an expression: a
	// preposition is looked for from there on.
	floor int
	// lastEnd is the token after the last mention, for "from 2019 to 2021";
	// lastBetween is set when that mention began with "between".
	lastEnd     int
	lastBetween bool
}

func (s *dtScanner) match(i int) (int, bool) {
	switch s.toks[i].kind {
	case dtNum:
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
	case dtWord:
		if next, ok := s.monthFirst(i); ok {
			return next, true
		}
		return s.relativeWord(i)
	}
	return 0, false
}

// Token tests; all are false out of range.

func (s *dtScanner) ok(i int) bool { return i >= 0 && i < len(s.toks) }

// adj reports whether token i touches token i-1.
func (s *dtScanner) adj(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i-1].end == s.toks[i].start
}

// near reports whether token i follows token i-1 in the same paragraph.
func (s *dtScanner) near(i int) bool {
	return i > 0 && i < len(s.toks) && strings.Count(s.text[s.toks[i-1].end:s.toks[i].start], "\n") <= 1
}

func (s *dtScanner) word(i int, set map[string]bool) bool {
	return s.ok(i) && s.toks[i].kind == dtWord && set[s.toks[i].low]
}

func (s *dtScanner) is(i int, words ...string) bool {
	if !s.ok(i) || s.toks[i].kind == dtNum {
		return false
	}
	for _, w := range words {
		if s.toks[i].low == w || (s.toks[i].kind == dtPunct && s.toks[i].raw == w) {
			return true
		}
	}
	return false
}

func (s *dtScanner) punct(i int, set map[string]bool) bool {
	return s.ok(i) && s.toks[i].kind == dtPunct && set[s.toks[i].raw]
}

// yearNum reports whether token i is a plain four-digit number from 1900 to 2099.
func (s *dtScanner) yearNum(i int) bool {
	if !s.ok(i) {
		return false
	}
	t := s.toks[i]
	return t.kind == dtNum && !t.grouped && t.digits == 4 && t.val >= 1900 && t.val <= 2099
}

// leftClear reports whether the number at i is not glued to a word or to
// another number ("A-2020", "555-2020", "#2020", "1.2020").
func (s *dtScanner) leftClear(i int) bool {
	if !s.adj(i) {
		return true
	}
	p := s.toks[i-1]
	if p.kind != dtPunct {
		return false
	}
	if dtSigns[p.raw] {
		return false
	}
	return !(dtJoiners[p.raw] && s.adj(i-1) && s.toks[i-2].kind != dtPunct)
}

// rightClear is leftClear for the other side ("1990s", "2020-11", "2020/21",
// "2020%"). Words are allowed when words is set ("2020-11-06T10:00").
func (s *dtScanner) rightClear(i int, words bool) bool {
	n := i + 1
	if !s.adj(n) {
		return true
	}
	t := s.toks[n]
	switch {
	case t.kind == dtNum:
		return false
	case t.kind == dtWord:
		return words
	case dtSigns[t.raw]:
		return false
	}
	return !(dtJoiners[t.raw] && s.adj(n+1) && (s.toks[n+1].kind == dtNum || !words && s.toks[n+1].kind == dtWord))
}

// month reads a month name at i, with its abbreviation period.
func (s *dtScanner) month(i int) (time.Month, int, bool) {
	if !s.ok(i) || s.toks[i].kind != dtWord {
		return 0, 0, false
	}
	info, ok := dtMonths[s.toks[i].low]
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
func (s *dtScanner) day(i int) (int, int, bool) {
	if !s.ok(i) {
		return 0, 0, false
	}
	t := s.toks[i]
	if t.kind != dtNum || t.grouped || t.digits > 2 || t.val < 1 || t.val > 31 {
		return 0, 0, false
	}
	next := i + 1
	if s.adj(next) {
		n := s.toks[next]
		switch {
		case dtOrdinal[n.low] || dtOrdinal[n.raw]:
			next++
		case n.kind != dtPunct:
			return 0, 0, false // "6pm"
		case n.raw == ":" || n.raw == "/" || n.raw == "." || dtSigns[n.raw]:
			if s.adj(next+1) && s.toks[next+1].kind == dtNum || dtSigns[n.raw] {
				return 0, 0, false // "10:30", "6/11", "5%"
			}
		}
	}
	return t.val, next, true
}

// secondDay reads "-7" (a range) or "and 7" (a list) at k, after a day d1:
// the second day and the token after it.
func (s *dtScanner) secondDay(k, d1 int) (d2, next int, list, ok bool) {
	list = s.is(k, "and", "y", "&")
	if !list && !s.punct(k, dtDashes) || !s.near(k) || !s.near(k+1) {
		return 0, 0, false, false
	}
	d2, next, ok = s.day(k + 1)
	if !ok || d2 <= d1 {
		return 0, 0, false, false
	}
	return d2, next, list, true
}

type dtYear int

const (
	dtNoYear dtYear = iota
	dtYearFound
	dtYearBad // a four-digit number that cannot be the year: skip the date
)

// yearAfter reads the year that ends a date at k: "2021", ", 2021",
// "of 2021", "de 2021", "del 2021".
func (s *dtScanner) yearAfter(k int) (int, int, dtYear) {
	j := k
	if s.near(j) && (s.is(j, ",") || s.is(j, "of", "de", "del")) {
		j++
	}
	if !s.ok(j) || !s.near(j) {
		return 0, 0, dtNoYear
	}
	t := s.toks[j]
	if t.kind != dtNum || t.grouped || t.digits != 4 {
		return 0, 0, dtNoYear
	}
	if !s.yearNum(j) || !s.rightClear(j, false) {
		return 0, j + 1, dtYearBad
	}
	return t.val, j + 1, dtYearFound
}

// lastBefore reports whether "last" (or Spanish "pasado") comes just before
// token i, not taken by an earlier expression.
func (s *dtScanner) lastBefore(i int) bool {
	return i-1 >= s.floor && s.near(i) && s.is(i-1, "last", "pasado")
}

// iso reads "2020-11-06".
func (s *dtScanner) iso(i int) (int, bool) {
	two := func(j int) bool {
		return s.ok(j) && s.adj(j) && s.toks[j].kind == dtNum && !s.toks[j].grouped && s.toks[j].digits == 2
	}
	dash := func(j int) bool { return s.adj(j) && s.toks[j].raw == "-" }
	if !s.yearNum(i) || !dash(i+1) || !two(i+2) || !dash(i+3) || !two(i+4) {
		return 0, false
	}
	if !s.leftClear(i) || !s.rightClear(i+4, true) {
		return 0, false
	}
	y, m, d := s.toks[i].val, s.toks[i+2].val, s.toks[i+4].val
	if m >= 1 && m <= 12 && dtValid(y, time.Month(m), d) {
		s.emit(i, i+5, dtDate(y, time.Month(m), d), PrecisionDay, false, "")
	}
	return i + 5, true
}

// yearRange reads "2020-2021" as two years, "since" and "until".
func (s *dtScanner) yearRange(i int) (int, bool) {
	j := i + 2
	if !s.yearNum(i) || !s.punct(i+1, dtDashes) || !s.near(i+1) || !s.yearNum(j) || !s.near(j) {
		return 0, false
	}
	if s.toks[j].val <= s.toks[i].val || !s.leftClear(i) || !s.rightClear(j, false) || s.labelBefore(i) {
		return 0, false
	}
	s.emit(i, i+1, dtDate(s.toks[i].val, 1, 1), PrecisionYear, false, "since")
	s.emitAt(j, j+1, dtDate(s.toks[j].val, 1, 1), PrecisionYear, false, "until")
	return j + 1, true
}

// year reads a year on its own: "2020", "(2019)", "mid-2020".
func (s *dtScanner) year(i int) (int, bool) {
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
	if p := core - 1; s.ok(p) && s.toks[p].kind == dtNum && !s.yearNum(p) && s.near(core) {
		return 0, false
	}
	if n := i + 1; s.ok(n) && s.toks[n].kind == dtNum && !s.toks[n].grouped && s.toks[n].digits >= 4 && !s.yearNum(n) && s.near(n) {
		return 0, false
	}
	if !s.word(core-1, dtYearContext) && s.quantityAfter(i+1) {
		return 0, false
	}
	s.emit(core, i+1, dtDate(s.toks[i].val, 1, 1), PrecisionYear, false, "")
	return i + 1, true
}

// labelBefore reports a label that makes the number at i an identifier:
// "page 2020", "No. 2020".
func (s *dtScanner) labelBefore(i int) bool {
	p := i - 1
	if s.is(p, ".") && s.adj(p) {
		return s.word(p-1, dtDotLabels)
	}
	return s.near(i) && s.word(p, dtLabels)
}

// quantityBefore reports words that make the number at i a quantity: "more
// than 2000", "más de 2000"; not "no later than 2025".
func (s *dtScanner) quantityBefore(i int) bool {
	if !s.near(i) {
		return false
	}
	if s.word(i-1, dtQuantityBefore) {
		return true
	}
	if s.is(i-1, "than") && s.near(i-1) && s.is(i-2, "more", "less", "fewer") {
		return true
	}
	return s.is(i-1, "de") && s.near(i-1) && s.is(i-2, "mas", "menos", "cerca")
}

// quantityAfter reports a plural noun at k that makes the number before it a
// quantity: "2000 doctors", "2000 people", "2000 Cuban doctors".
func (s *dtScanner) quantityAfter(k int) bool {
	if s.pluralNoun(k) {
		return true
	}
	if !s.ok(k) || s.toks[k].kind != dtWord || !s.near(k) || !s.pluralNoun(k+1) {
		return false
	}
	// An adjective of nationality or of the kind of worker between them.
	w, raw := s.toks[k].low, s.toks[k].raw
	if dtQuantityAdjectives[w] {
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
func (s *dtScanner) pluralNoun(k int) bool {
	if !s.ok(k) || s.toks[k].kind != dtWord || !s.near(k) {
		return false
	}
	w := s.toks[k].low
	if dtCountNouns[w] {
		return true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "s") || dtYearNouns[w] || dtSVerbs[w] {
		return false
	}
	// "crisis", "census", "congress" are singular.
	return !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// monthFirst reads dates that start with the month: "November 6, 2020",
// "July 2021", "julio de 2021", "last February 11", "February 11-12".
func (s *dtScanner) monthFirst(i int) (int, bool) {
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
		case st == dtYearBad:
			return next, true
		case st == dtYearFound:
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
	case dtYearBad:
		return next, true
	case dtYearFound:
		s.emit(i, next, dtDate(y, mon, 1), PrecisionMonth, false, "")
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
		s.emit(i-1, j, dtDate(y, mon, 1), PrecisionMonth, true, "")
	}
	return j, true
}

// dayFirst reads dates that start with the day: "6 November 2020", "6th of
// November, 2020", "6 de noviembre de 2020", "el pasado 11 de febrero".
func (s *dtScanner) dayFirst(i int) (int, bool) {
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
	case dtYearBad:
		return next, true
	case dtYearFound:
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
func (s *dtScanner) days(core, firstEnd, second, end int, mon time.Month, d1, d2, year int, last, list bool) {
	relative := year == 0
	if relative {
		if s.pub.IsZero() {
			return
		}
		t, ok := dtLatest(s.pub, mon, d1, last)
		if !ok {
			return
		}
		year = t.Year()
	}
	if !dtValid(year, mon, d1) || d2 != 0 && !dtValid(year, mon, d2) {
		return
	}
	if d2 == 0 {
		s.emit(core, end, dtDate(year, mon, d1), PrecisionDay, relative, "")
		return
	}
	if list {
		s.emit(core, firstEnd, dtDate(year, mon, d1), PrecisionDay, relative, "")
		s.emitAt(second, end, dtDate(year, mon, d2), PrecisionDay, relative, "")
		return
	}
	s.emit(core, firstEnd, dtDate(year, mon, d1), PrecisionDay, relative, "since")
	s.emitAt(second, end, dtDate(year, mon, d2), PrecisionDay, relative, "until")
}

// relativeWord reads "yesterday", "last year", "el mes pasado" and the like.
func (s *dtScanner) relativeWord(i int) (int, bool) {
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
		t = dtDate(s.pub.Year(), s.pub.Month(), 1).AddDate(0, delta, 0)
	default:
		t = dtDate(s.pub.Year()+delta, 1, 1)
	}
	s.emit(i, end, t, prec, true, "")
	return end, true
}

// emit adds a mention of tokens [core, end), with the preposition before
// it: the relation it gives, or rel when it gives none.
func (s *dtScanner) emit(core, end int, date time.Time, prec Precision, relative bool, rel string) {
	start, r := s.preposition(core, s.toks[core].kind == dtNum && !s.yearNum(core))
	if r != "" {
		rel = r
	}
	// "March 2020 – July 2021": the dash between two mentions makes a range.
	if start == core && core-1 == s.lastEnd && s.punct(core-1, dtDashes) && s.near(core-1) && s.near(core) && len(s.out) > 0 {
		if prev := &s.out[len(s.out)-1]; prev.Relation == "" || prev.Relation == "since" {
			prev.Relation, rel = "since", "until"
		}
	}
	s.emitAt(start, end, date, prec, relative, rel)
	s.lastBetween = s.is(start, "between", "entre")
}

// emitAt adds a mention of tokens [start, end) as it is.
func (s *dtScanner) emitAt(start, end int, date time.Time, prec Precision, relative bool, rel string) {
	a, b := s.toks[start].start, s.toks[end-1].end
	s.out = append(s.out, DateMention{
		Date: date, Precision: prec, Start: a, End: b, Text: s.text[a:b],
		Relation: rel, Relative: relative,
	})
	s.floor, s.lastEnd, s.lastBetween = end, end, false
}

// preposition looks for the preposition before token core, over an article
// ("el"; "the" only before a day, as in "on the 6th of November"). It
// returns the first token of the expression and the relation.
func (s *dtScanner) preposition(core int, the bool) (int, string) {
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
func (s *dtScanner) prepositionAt(q int) (int, string, bool) {
	if q < s.floor || !s.ok(q) || s.toks[q].kind != dtWord || !s.near(q+1) {
		return 0, "", false
	}
	w := s.toks[q].low
	if rel, ok := dtRelations[w]; ok {
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

func dtDate(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func dtValid(y int, m time.Month, d int) bool {
	return m >= time.January && m <= time.December && d >= 1 && dtDate(y, m, d).Day() == d
}

// dtLatest returns the latest valid day m/d on or before pub (strictly
// before when strict), looking back over enough years for February 29.
func dtLatest(pub time.Time, m time.Month, d int, strict bool) (time.Time, bool) {
	for y := pub.Year(); y > pub.Year()-9; y-- {
		if !dtValid(y, m, d) {
			continue
		}
		t := dtDate(y, m, d)
		if t.Before(pub) || !strict && t.Equal(pub) {
			return t, true
		}
	}
	return time.Time{}, false
}
