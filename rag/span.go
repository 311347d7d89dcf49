package rag

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Span is the answer itself (a name, a number with its unit, a date), at
// byte offsets [Start, End) of a document's stored text.
type Span struct {
	Text       string
	DocID      string
	Start, End int
}

// ageRe finds a person's age as the news gives it: "Mammadli, 24,", "a
// 58-year-old", "aged 41", "41 years old", "de 18 años", "com 30 anos".
var ageRe = regexp.MustCompile(`\p{Lu}\pL+, (\d{1,3}),|\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b|\b(\d{1,3}) years old\b|\bde (\d{1,3}) años\b|\bcom (\d{1,3}) anos\b`)

// figurePattern finds a figure: a number with its currency, per cent and
// scale words ("USD 28.4 million"), or a number word. The longer scale
// words come first: "mil" would stop "44,7 milhões" at "44,7 mil".
const figurePattern = `(?i)(?:(?:USD|US\$|\$|€|EUR|AZN|₼)\s?)?\b\d[\d,.]*(?:\s\d{3})*(?:\s?(?:%|percent|per cent|por ciento|por cento))?(?:\s(?:millones|milhões|millón|milhão|million|billion|thousand|mil)(?:\s(?:de\s)?(?:dólares|dollars|pesos))?)?|\b(?i:a hundred|hundreds|dozens|` + countWords + `)\b(?:\s(?:millones|milhões|million|thousand|mil))?`

var (
	// figureScan finds what figurePattern does.
	figureScan = newScanner(figurePattern, "a hundred|hundreds|dozens|"+countWords, true, "usd", "us$", "$", "€", "eur", "azn", "₼")
	// unitTailRe is the two words after a figure that may be its unit.
	unitTailRe = regexp.MustCompile(`(?i)^(?:\s(?:[a-záéíóúñç-]+)){0,2}`)
	scaleRe    = regexp.MustCompile(`(?i)\b(?:million|billion|thousand|mil|millones|milhões|millón|milhão|tonnes|tons|toneladas|percent|per cent|por ciento|por cento)\b|%`)
	// clockRe finds a time of day: "8 p.m.", "20:30", "9.30am", "noon",
	// "a las 21 horas", "às 20h".
	clockRe    = regexp.MustCompile(`(?i)\b\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|h\b|horas\b|hrs\b)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight|o'clock|mediodía|medianoche|meio-dia|meia-noite)\b`)
	moneyRe    = regexp.MustCompile(`(?i)\b(?:USD|EUR|AZN|CUP|dollars?|dólares|pesos|euros?|manats?)\b|\$|€|₼`)
	dateSpanRe = regexp.MustCompile(`(?i)\b(?:(?:on\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s)?(?:\d{1,2}\s(?:de\s)?(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)(?:,?\s(?:de\s)?(?:19|20)\d\d)?|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s\d{1,2}(?:,\s(?:19|20)\d\d)?|(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)(?:\s(?:of\s|de\s)?(?:19|20)\d\d)|(?:19|20)\d\d)\b`)
)

// datelineRe finds a news report's dateline: "BAKU, October 26 (CNA) —",
// "La Habana, 28 may (RHC) —". Its date is the report's, not an answer.
var datelineRe = regexp.MustCompile(`^\s*\pL[\pL .'-]{1,30}, [\pL\d .]{3,20}\([\pL\d .&-]{2,30}\)\s*[—–-]`)

// datelineEnd returns where a sentence's dateline ends, 0 when it has none.
func datelineEnd(s string) int {
	if m := datelineRe.FindStringIndex(s); m != nil {
		return m[1]
	}
	return 0
}

// spanOf finds the answer in a candidate sentence: for a number, date or
// name question, the expression of that kind the question does not already
// hold, nearest to the question's words. It returns nil when the question
// asks for nothing in particular or the sentence holds no such expression.
func spanOf(in intent, c *candidate, qt queryTerms) *Span {
	s := c.quote.Text
	var found [][]int
	switch in.kind {
	case numberAnswer:
		for _, m := range numberSpans(s, qt.stems) {
			if in.unit != durationUnit && !durationWords[in.unit] && durationBefore(s[m[0]:]) {
				continue // "a two-year contract", "during two years" tell how long, not how big or how many
			}
			if len(in.years) == 0 || !otherYear(s, m, in.years) {
				found = append(found, toUnit(s, trimUnit(s, m), c.doc.Language, in))
			}
		}
	case ageAnswer:
		for _, m := range ageRe.FindAllStringSubmatchIndex(s, -1) {
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					found = append(found, []int{m[g], m[g+1]}) // the age itself
				}
			}
		}
	case timeAnswer:
		found = clockRe.FindAllStringIndex(s, -1)
	case dateAnswer:
		for _, m := range dateSpans(s, qt) {
			if !in.day || !isYearOnly(s[m[0]:m[1]]) {
				found = append(found, m) // "what date": not a year alone
			}
		}
		if len(found) == 0 && in.day {
			found = weekdaySpans(s, qt) // "what day did they sign?": "on Thursday"
		}
	case nameAnswer, placeAnswer, thingAnswer:
		names := newNames(s, c.doc.Language, qt.stems)
		if in.kind == thingAnswer {
			names = slices.DeleteFunc(names, isPlaceName) // "which firm": not "Azerbaijão"
		}
		if in.kind == nameAnswer {
			names = personNames(s, c.doc.Language, qt.stems)
			if asksOffice(qt) {
				names = officeHolders(s, c.doc.Language, qt, names)
			} else if in.role {
				names = slices.DeleteFunc(names, func(n string) bool { return heldOffice(s, c.doc.Language, n) })
			}
		}
		for _, n := range names {
			if i := strings.Index(s, n); i >= 0 {
				end := i + len(n)
				if in.kind != nameAnswer {
					end = runEnd(s, end) // "Republican Clinical Hospital" for "which hospital", whose word the question has
				}
				found = append(found, []int{i, end})
			}
		}
	default:
		return nil
	}
	if len(found) == 0 {
		return nil
	}
	best := found[0]
	if len(found) > 1 {
		// The expression nearest to the question's words wins; a number
		// whose unit the question names ("how many patients": "77,000
		// patients") and a name of several words come first.
		anchors := anchorsOf(s, qt)
		bestD := 1 << 40
		for _, m := range found {
			d := distance(m, anchors)
			if in.kind == numberAnswer && !in.value && unitAsked(s[m[0]:m[1]], qt) { // a worth is a sum, whatever else is named
				d -= 1000
			}
			if in.unit != "" && countsUnit(s[m[0]:m[1]], c.doc.Language, in.units()) {
				d -= 2000
			}
			if (in.value || in.amount) && moneyRe.MatchString(s[m[0]:m[1]]) || in.amount && scaleRe.MatchString(s[m[0]:m[1]]) {
				// "what was trade worth": USD 28.4 million, not 0.1
				// percent; "how much trade": five million dollars, not
				// the two countries.
				d -= 1000
			}
			if in.kind == nameAnswer && len(strings.Fields(s[m[0]:m[1]])) >= 2 {
				d -= 500
			}
			if in.kind == placeAnswer && located(s[:m[0]]) {
				d -= 1000 // "in the Sumgait Chemical Industrial Park", not "CubAz Biotech"
			}
			if d < bestD {
				best, bestD = m, d
			}
		}
	}
	text := strings.TrimSpace(s[best[0]:best[1]])
	start := c.quote.Start + best[0] + strings.Index(s[best[0]:best[1]], text)
	return &Span{Text: text, DocID: c.doc.ID, Start: start, End: start + len(text)}
}

// runEnd returns where the run of capitalised words that goes on at end
// of s ends: after the last capitalised word that follows, with the words
// that join names between them, not past a comma or a full stop.
func runEnd(s string, end int) int {
	if end > 0 && strings.ContainsRune(",.;:)", rune(s[end-1])) {
		return end
	}
	out, at := end, end
	for _, w := range strings.Fields(s[end:]) {
		at = end + strings.Index(s[end:], w) + len(w)
		end = at
		word := strings.TrimRight(w, ",.;:)")
		if !startsUpper(word) {
			if nameJoiners[word] {
				continue
			}
			break
		}
		out = at - (len(w) - len(word))
		if len(word) < len(w) {
			break
		}
	}
	return out
}

// dateSpans returns the offsets of the dates of a sentence that may answer
// a date question: not its dateline's, not one the question gives.
func dateSpans(s string, qt queryTerms) [][]int {
	var out [][]int
	from := datelineEnd(s)
	for _, m := range dateSpanRe.FindAllStringIndex(s, -1) {
		if m[0] >= from && !allInQuestion(s[m[0]:m[1]], qt) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		// A month alone, after a word that makes it a time ("in August",
		// "en agosto"), when the sentence gives no fuller date.
		for _, m := range monthOnlyRe.FindAllStringSubmatchIndex(s, -1) {
			if m[2] >= from && !allInQuestion(s[m[2]:m[3]], qt) {
				out = append(out, []int{m[2], m[3]})
			}
		}
	}
	return out
}

// weekdaySpans returns the offsets of the weekdays a sentence names as the
// day something happened ("on Thursday", "el jueves", "nesta
// quinta-feira"), as news reports date the events of their week.
func weekdaySpans(s string, qt queryTerms) [][]int {
	var out [][]int
	from := datelineEnd(s)
	for _, m := range weekdayRe.FindAllStringSubmatchIndex(s, -1) {
		if m[2] >= from && !allInQuestion(s[m[2]:m[3]], qt) {
			out = append(out, []int{m[2], m[3]})
		}
	}
	return out
}

// weekdayRe finds a weekday after a word that makes it a day of the week
// the report tells of.
var weekdayRe = regexp.MustCompile(`(?i)\b(?:on|last|this|el|este|pasado|na|no|nesta|neste|nesse|nessa)\s+((?:` + weekdayNames + `))\b`)

// weekdayNames are the weekdays' names in the three languages, as a
// regular expression's alternatives.
const weekdayNames = weekdays + `|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|` +
	`segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira`

// weekdays maps each weekday's name, lower-cased, to its day.
var weekdayOf = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d, names := range [][]string{
		{"sunday", "domingo"}, {"monday", "lunes", "segunda-feira"}, {"tuesday", "martes", "terça-feira", "terca-feira"},
		{"wednesday", "miércoles", "miercoles", "quarta-feira"}, {"thursday", "jueves", "quinta-feira"},
		{"friday", "viernes", "sexta-feira"}, {"saturday", "sábado", "sabado"},
	} {
		for _, n := range names {
			m[n] = time.Weekday(d)
		}
	}
	return m
}()

// weekdayDate returns the date a weekday named in a report published on
// pub stands for: that day of the week on or before pub.
func weekdayDate(name string, pub time.Time) (time.Time, bool) {
	d, ok := weekdayOf[strings.ToLower(name)]
	if !ok || pub.IsZero() {
		return time.Time{}, false
	}
	back := (int(pub.Weekday()) - int(d) + 7) % 7
	return pub.AddDate(0, 0, -back), true
}

// monthNames are the months' names in the three languages, as a regular
// expression's alternatives.
const monthNames = `january|february|march|april|may|june|july|august|september|october|november|december|` +
	`enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|` +
	`janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro`

// monthOnlyRe finds a month named alone after a word of time.
var monthOnlyRe = regexp.MustCompile(`(?i)\b(?:in|by|since|until|from|early|late|mid|en|desde|hasta|em|até|ate|no|a partir de)\s+((?:` + monthNames + `))\b`)

// numberSpans returns the offsets of the figures of a sentence that may
// answer a number question: not a year alone, not the day of a date, not
// part of a name (COVID-19), not a figure the question already gives.
func numberSpans(s string, qstems map[string]bool) [][]int {
	var out [][]int
	dateline := datelineEnd(s)
	for _, m := range figureSpans(s) {
		if m[0] < dateline || monthAfter.MatchString(s[m[0]:]) {
			continue // a date's day: "La Habana, 28 may (RHC) —", "el 25 de mayo"
		}
		if m[0] > 0 && (s[m[0]-1] == '-' || unicode.IsLetter(rune(s[m[0]-1]))) {
			continue // COVID-19, Soberana-02
		}
		if afterMonth(s[:m[0]]) {
			continue // the day of a date: "May 20"
		}
		if afterName(s[:m[0]]) && !scaleRe.MatchString(s[m[0]:m[1]]) && !openingWord(s[:m[0]]) {
			continue // part of a name: "COVID 19", "Soberana 02"; not "no Azerbaijão 420 mil garrafas"
		}
		if ordinalAfter(s[m[0]:]) {
			continue // a rank, not a count: "Cuba ranked 71st"
		}
		if isYearOnly(strings.Fields(s[m[0]:m[1]])[0]) && afterTimeWord(s[:m[0]]) {
			continue // "desde 2021 leva oftalmologistas": a year, not 2021 of them
		}
		if !inQuestion(s[m[0]:m[1]], qstems) && !yearFigure(s[m[0]:m[1]]) {
			out = append(out, m)
		}
	}
	return out
}

// openingWord reports whether text is the sentence's first word alone, not
// in capitals: a verb or a noun that opens it ("Participaron 22 profesores"),
// not a name the figure belongs to ("COVID 19").
func openingWord(text string) bool {
	f := strings.Fields(text)
	return len(f) == 1 && strings.ToUpper(f[0]) != f[0]
}

// durationBefore reports whether the figure that starts s is followed, or
// joined by a hyphen, by a unit of time ("two years", "two-year",
// "10-day"): how long something lasts.
func durationBefore(s string) bool {
	i := strings.IndexAny(s, " -")
	if i < 0 {
		return false
	}
	rest := s[i+1:]
	j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if j < 0 {
		j = len(rest)
	}
	return durationWords[stem(strings.ToLower(rest[:j]))]
}

// heldOffice reports whether a name is given in a sentence just after an
// office ("la embajadora de Cuba en Azerbaiyán, Odalys Mirabal Quintana"):
// the holder of that office, not whoever a role question asks for.
func heldOffice(sentence, language, name string) bool {
	i := strings.Index(sentence, name)
	if i < 0 {
		return false
	}
	words := strings.Fields(sentence[:i])
	for k := len(words) - 1; k >= 0 && k >= len(words)-holderGap; k-- {
		w := strings.Trim(strings.ToLower(words[k]), ",;:()\"")
		for _, st := range termsIn(w, language) {
			if offices[st] {
				return true
			}
		}
		if strings.ContainsAny(words[k], ".;") {
			break
		}
	}
	return false
}

// toUnit widens a figure's span to the word after it, within three words
// and no mark or function word between, that is the unit a "how many"
// question counts: "eight round-trip charter flights", not "eight
// round-trip charter".
func toUnit(s string, m []int, language string, in intent) []int {
	if in.unit == percentUnit {
		if p := percentRe.FindStringIndex(s[m[0]:]); p != nil && p[0] == 0 {
			return []int{m[0], max(m[1], m[0]+p[1])} // "ocho por ciento"
		}
		return m
	}
	if in.unit == "" || in.unit == durationUnit {
		return m
	}
	units := in.units().units
	holds := func(w string) bool {
		return slices.ContainsFunc(termsIn(w, language), func(t string) bool { return slices.Contains(units, t) })
	}
	if holds(strings.ToLower(s[m[0]:m[1]])) {
		return m
	}
	end := m[1]
	for n := 0; n < 3 && end < len(s) && s[end] == ' '; n++ {
		word := wordAfter(s, end)
		w := strings.ToLower(word)
		if w == "" || functionWord(w) {
			break
		}
		end += 1 + len(word)
		if holds(w) {
			return []int{m[0], end}
		}
		if end < len(s) && s[end] != ' ' {
			break
		}
	}
	return m
}

// ordinalAfter reports whether the figure that starts s is an ordinal
// written in digits: "71st", "3rd", "2nd", "18th".
func ordinalAfter(s string) bool {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if i <= 0 {
		return false
	}
	rest := strings.ToLower(s[i:])
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if r, ok := strings.CutPrefix(rest, suf); ok && (r == "" || !unicode.IsLetter(rune(r[0]))) {
			return true
		}
	}
	return false
}

// timeWords put a year after them: "since 2021", "desde 2021", "em 2024".
var timeWords = map[string]bool{"in": true, "since": true, "from": true, "until": true, "by": true, "before": true, "after": true,
	"during": true, "desde": true, "hasta": true, "en": true, "em": true, "até": true, "ate": true, "durante": true, "antes": true, "después": true, "depois": true}

// afterTimeWord reports whether text ends with a word that puts a year
// after it.
func afterTimeWord(text string) bool {
	f := strings.Fields(text[max(0, len(text)-12):])
	return len(f) > 0 && timeWords[strings.ToLower(f[len(f)-1])]
}

// figureSpans returns the offsets of each figure of s with up to two words
// after it, which may be its unit ("120 aid workers"); those words stop
// before the next figure ("two reached USD 28.4 million": "two reached").
func figureSpans(s string) [][]int {
	figs := figureScan.findAll(s)
	for i, m := range figs {
		next := len(s)
		if i+1 < len(figs) {
			next = figs[i+1][0]
		}
		m[1] += len(unitTailRe.FindString(s[m[1]:next]))
	}
	return figs
}

// otherYear reports whether the figure at m of text is given for a year,
// within the six words after it, that is none of years ("USD 31 million in
// 2022", "44,7 milhões de dólares em 2024").
func otherYear(text string, m []int, years []int) bool {
	f := strings.Fields(text[m[0]:])
	for i := 1; i+1 < len(f) && i <= 6; i++ {
		switch strings.ToLower(f[i]) {
		case "in", "en", "em", "for", "during", "durante":
		default:
			continue
		}
		y := strings.TrimRight(f[i+1], ",.;:)")
		if !isYearOnly(y) {
			return false
		}
		n, _ := strconv.Atoi(y)
		return !slices.Contains(years, n)
	}
	return false
}

// spanCounts reports whether a figure counts the unit a question asks for:
// its own words or the three after it in the sentence name that unit.
func spanCounts(sp *Span, c *candidate, u counted) bool {
	at := sp.Start - c.quote.Start
	if at < 0 || at > len(c.quote.Text) {
		return false
	}
	return countsAt(c.quote.Text, at, len(strings.Fields(sp.Text)), c.doc.Language, u)
}

// countsAt reports whether the figure of n words at offset at of a text
// counts a unit: its own words or the three after it name that unit.
func countsAt(text string, at, n int, language string, u counted) bool {
	words := strings.Fields(text[at:])
	words = words[:min(len(words), n+3)]
	return countsUnit(strings.Join(words, " "), language, u)
}

// figureCounts reports whether one of a sentence's figures (as
// numberSpans gives them: not a year, the day of a date, part of a name or
// the question's own figure) counts the unit the question asks for: "in
// 2020 of Cuban health professionals" counts no professionals.
func figureCounts(text string, figures [][]int, language string, u counted) bool {
	for _, m := range figures {
		if countsAt(text, m[0], len(strings.Fields(text[m[0]:m[1]])), language, u) {
			return true
		}
	}
	return false
}

// hasMoney reports whether one of a sentence's figures (numberSpans) is a
// sum of money.
func hasMoney(text string, figures [][]int) bool {
	for _, m := range figures {
		if moneyRe.MatchString(text[m[0]:m[1]]) {
			return true
		}
	}
	return false
}

// trimUnit keeps a number's unit words but not the words of the sentence
// that follow them ("120 aid workers traveled" -> "120 aid workers"),
// stopping at a function word or a word in -ed. A people's name before the
// unit is kept and does not count as one of its words ("840 Azerbaijani
// nurses and doctors" -> "840 Azerbaijani nurses").
func trimUnit(s string, m []int) []int {
	end, pos := m[0], m[0]
	words := strings.Fields(s[m[0]:m[1]])
	if len(words) >= 2 && demonym(words[1]) {
		if w := strings.Fields(s[m[1]:]); len(w) > 0 {
			words = append(words, w[0])
		}
	}
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",.;:()"))
		currency := lw == "de" && i+1 < len(words) && moneyRe.MatchString(words[i+1]) // "milhões de dólares"
		function := functionWord(lw)                                                  // "60 mil toneladas foram"
		people := i == 1 && demonym(w) && len(words) > 2 && !startsUpper(words[2])
		if i > 0 && !currency && !people && (function || strings.HasSuffix(lw, "ed") || lw == "a" || lw == "to" || startsUpper(w) && !unitWord(lw)) {
			break
		}
		if i == 1 && demonym(w) && !people {
			break
		}
		j := strings.Index(s[pos:], w)
		pos += j + len(w)
		end = pos
		if strings.ContainsAny(w[len(w)-1:], ",.;:") {
			break
		}
	}
	for end > m[0] && strings.ContainsRune(",.;: ", rune(s[end-1])) {
		end--
	}
	return []int{m[0], end}
}

// monthAfter finds a day before its month: "28 may", "25 de mayo", "14 de
// outubro", "5 September".
var monthAfter = regexp.MustCompile(`(?i)^\d{1,2}\s(?:de\s)?(?:` + monthNames + `|setiembre|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b`)

var monthBefore = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s$`)

// afterMonth reports whether text ends with a month's name: the number
// that follows is a day. The match is at most 11 bytes long: the pattern
// reads only the end of the text, with a few bytes before the match for
// its word boundary (matching all of a long sentence is quadratic over its
// figures).
func afterMonth(text string) bool { return monthBefore.MatchString(text[max(0, len(text)-20):]) }

// afterName reports whether text ends with a capitalised word that is not
// a function word, directly before the figure that follows: the figure is
// part of a name ("COVID 19", "Soberana 02"). The word is the text's last
// run of letters before one space, from its first capital at a word
// boundary (as `\b(\p{Lu}\pL+) $` reads it, without matching the whole text).
func afterName(text string) bool {
	t, ok := strings.CutSuffix(text, " ")
	if !ok {
		return false
	}
	start := len(t)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= size
	}
	prev := rune(-1) // none: the text's start is a word boundary
	if start > 0 {
		prev, _ = utf8.DecodeLastRuneInString(t[:start])
	}
	for i, r := range t[start:] {
		at := start + i
		if unicode.IsUpper(r) && at+utf8.RuneLen(r) < len(t) && asciiWord(prev) != asciiWord(r) {
			return !stopwords[strings.ToLower(t[at:])]
		}
		prev = r
	}
	return false
}

// asciiWord reports whether r is a word character as regexp's \b sees it.
func asciiWord(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// unitAsked reports whether a number's unit words are words of the
// question.
func unitAsked(t string, qt queryTerms) bool {
	for i, tk := range tokenize(t) {
		if i > 0 && !tk.Stop && !isNumber(tk.Stem) && match(tk.Stem, qt.stems) > 0 {
			return true
		}
	}
	return false
}

// demonym reports whether a capitalised word names a people as an
// adjective does in English: "Cuban", "Azerbaijani", "Azeri", "Brazilian",
// "Chinese", "Turkish".
func demonym(w string) bool {
	w = strings.Trim(w, ",.;:()")
	if !startsUpper(w) || utf8.RuneCountInString(w) < 4 || strings.ToUpper(w) == w {
		return false
	}
	if peoples[strings.ToLower(foldAccents(w))] {
		return true
	}
	for _, end := range []string{"an", "ani", "eri", "ese", "ish"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// peoples are the names of the two peoples as adjectives, lower-cased
// without accents, in the three languages ("colaboradores cubanos" count
// collaborators).
var peoples = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`cuban cubans cubano cubanos cubana cubanas azerbaijani azerbaijanis azeri azeris
		azerbaiyano azerbaiyanos azerbaiyana azerbaiyanas azerbaijano azerbaijanos azerbaijana azerbaijanas`) {
		m[w] = true
	}
	return m
}()

// unitWord reports whether a capitalised word may still be a number's unit.
func unitWord(w string) bool {
	switch w {
	case "usd", "eur", "million", "billion", "mil", "millones":
		return true
	}
	return false
}

// yearFigure reports whether a figure and the words after it are a year
// ("2020", "2020, the", "2020 of Cuban"): a year alone, or followed by a
// function word or a capitalised word, not by a unit ("2020 doctors").
func yearFigure(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 || !isYearOnly(f[0]) {
		return false
	}
	if len(f) == 1 || strings.ContainsAny(f[0][len(f[0])-1:], ",.;:") {
		return true
	}
	next := strings.ToLower(strings.Trim(f[1], ",.;:()"))
	return stopwords[next] || startsUpper(f[1])
}

func isYearOnly(t string) bool {
	f := strings.Fields(t)
	return len(f) == 1 && yearRe.MatchString(f[0]) && len(strings.Trim(f[0], ",.")) == 4
}

// inQuestion reports whether the expression's first content word (a
// number, a name) is one the question already says.
func inQuestion(t string, qstems map[string]bool) bool {
	for _, tk := range tokenize(t) {
		if !tk.Stop {
			return qstems[tk.Stem]
		}
	}
	return false
}

func allInQuestion(t string, qt queryTerms) bool {
	for _, tk := range tokenize(t) {
		if !tk.Stop && !qt.stems[tk.Stem] {
			return false
		}
	}
	return true
}

// anchorsOf returns the byte offsets [start, end) in s of the words the
// question has.
func anchorsOf(s string, qt queryTerms) [][]int {
	var out [][]int
	for _, loc := range wordRe.FindAllStringIndex(s, -1) {
		for _, tk := range tokenize(s[loc[0]:loc[1]]) {
			if !tk.Stop && match(tk.Stem, qt.stems) > 0 {
				out = append(out, loc)
			}
		}
	}
	return out
}

var wordRe = regexp.MustCompile(`[\pL\pN]+`)

// distance is the gap in bytes between a span and the nearest anchor.
func distance(m []int, anchors [][]int) int {
	best := 1 << 30
	for _, a := range anchors {
		d := 0
		switch {
		case a[0] >= m[1]:
			d = a[0] - m[1]
		case a[1] <= m[0]:
			d = m[0] - a[1]
		}
		best = min(best, d)
	}
	return best
}

// sameValue reports whether two spans give the same figure or name:
// equal digits, or equal words once case and accents are set aside.
func sameValue(a, b string) bool {
	da, db := digits(a), digits(b)
	if da != "" || db != "" {
		return da == db
	}
	return fold(a) == fold(b)
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
