package rag

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cabot/rag/lang"
	"cabot/rag/wordvec"
)

// candidate is one sentence of a retrieved passage with its relevance.
type candidate struct {
	doc   DocInfo
	quote Quote
	score float64
	prev  *candidate // the sentence before, in the same paragraph
	next  *candidate // the sentence after, in the same paragraph
	typed bool       // it has what the question asks for (a number, a date, a name)
	// valued: it has a value of the kind asked for (a figure, a date, a
	// name), counting the unit asked for or not.
	valued bool
	focus  bool // it (with its neighbours) holds the question's focus
	// halved: the answer is in the other half of the sentence, which the
	// source broke off after it.
	halved bool
	// spare: it is of a passage the search found beyond those read, and
	// may only offer another source's value for the same question.
	spare bool
}

// nameOfRe finds a question that asks for a name by the word.
var nameOfRe = regexp.MustCompile(`(?i)\b(?:the names? of|what(?:'s|’s| is| was) (?:his|her|their|its) name|el nombre del?|los nombres del?|o nome d[oae]s?|os nomes d[oae]s?|c[oó]mo se llama|como se chama|qual (?:é )?o nome)\b`)

// whenWordRe finds the noun of a question that asks for a date by it.
var whenWordRe = regexp.MustCompile(`(?i)\b(?:what|which|on what|in what|in which|qu[eé]|en qu[eé]|qual|em que|que)\s+(date|dates|day|year|month|fecha|d[ií]a|a[nñ]o|mes|data|ano|m[eê]s)\b`)

// whereIsRe finds the verb of a Spanish or Portuguese "where is" question.
var whereIsRe = regexp.MustCompile(`(?i)\b(?:d[oó]nde|onde)\s+(?:se\s+)?(queda|quedan|quedaba|fica|ficam|ficava|encuentra|encuentran|encontra|encontram|localiza|localizan|situa|sitúa)\b`)

// besidesRe finds what a question sets aside: "besides X", "other than X".
var besidesRe = regexp.MustCompile(`(?i)\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+([^,;?.]+)`)

var (
	numberRe = regexp.MustCompile(`\d|\b(?i:hundred|thousand|million|billion|dozen|mil|millones|milhões|` + countWords + `)s?\b`)
	// dateScan finds a year, a month's or a weekday's name, or a word of
	// time (datePattern).
	dateScan = newScanner(datePattern, monthNames+"|"+weekdays+"|times of|since|until|ago", true)
)

// datePattern finds a year, a month's or a weekday's name, or a word of
// time.
const datePattern = `\b(1[89]\d\d|20\d\d)\b|\b(?i:` + monthNames + `|` + weekdays + `)\b|\b(?i:times of|since|until|ago)\b`

// weekdays are the English weekdays' names, as a regular expression's
// alternatives (weekdayNames adds the Spanish and Portuguese ones).
const weekdays = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`

// hasType reports whether a sentence holds the kind of answer asked for,
// one the question does not already give: a figure other than the
// question's own ("How much will the 60 specialists be paid?" is not
// answered by "60 specialists"), a date or word of time other than the
// question's year; for names and places, a capitalised word, not at the
// start, that the question lacks.
func hasType(t answerType, sentence, language string, qstems map[string]bool) bool {
	switch t {
	case numberAnswer:
		return len(numberSpans(sentence, qstems)) > 0
	case ageAnswer:
		return ageRe.MatchString(sentence)
	case timeAnswer:
		return clockRe.MatchString(sentence)
	case dateAnswer:
		for _, m := range dateScan.findAllString(sentence[datelineEnd(sentence):]) {
			if !inQuestion(m, qstems) {
				return true // a date, or a word of time, the question lacks
			}
		}
		return false
	case nameAnswer:
		return len(personNames(sentence, language, qstems)) > 0
	case placeAnswer, thingAnswer:
		return len(newNames(sentence, language, qstems)) > 0
	}
	return true
}

// personNames returns the names of a sentence that may answer a who
// question: newNames less the places, a name right after "in", "at" or
// their Spanish and Portuguese forms ("held in La Habana" names no one),
// and less the names of bodies ("Azerbaijan Medical University" is no one).
func personNames(sentence, language string, qstems map[string]bool) []string {
	dateline := datelineEnd(sentence)
	return slices.DeleteFunc(newNames(sentence, language, qstems), func(n string) bool {
		i := strings.Index(sentence, n)
		if i < 0 {
			return false
		}
		if i < dateline {
			return true // "BAKÚ, 3 mar (AAN) —" is where the report was filed
		}
		// The whole run of capitalised words the name stands in, the
		// question's own words included ("the Azerbaijan Chess Federation").
		if slices.ContainsFunc(capitalisedRun(sentence, i, i+len(n)), func(w string) bool { return bodyWords[strings.ToLower(w)] }) {
			return true
		}
		if isPlaceName(n) {
			return true // "La Habana", "Bakú": a city is no one
		}
		if quoted(sentence, i) {
			return true // the gala "Noche cubana": a title is no one
		}
		if w, ok := wordvec.Find(strings.ToLower(n)); ok && w.Rank() < commonWordRank {
			return true // "(Foreign) Investment": a common word alone is no one's name
		}
		if (language == "es" || language == "pt") && !strings.Contains(n, " ") && len(lang.ToEnglish(language, strings.ToLower(n))) > 0 {
			return true // "la carrera de Medicina": a word of the lexicon alone is no one's name
		}
		if !strings.Contains(n, " ") && strings.ToUpper(n) == n {
			return true // "(ABP)", "COTA": an acronym is a body's
		}
		return located(sentence[:i]) || placeOf(sentence[:i])
	})
}

// capitalisedRun returns the words of the sentence from i to j widened to
// the capitalised words (and the lower-case words that join names) on
// either side.
func capitalisedRun(sentence string, i, j int) []string {
	before, after := strings.Fields(sentence[:i]), strings.Fields(sentence[j:])
	word := func(w string) string { return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) }
	run := strings.Fields(sentence[i:j])
	for k := len(before) - 1; k >= 0; k-- {
		w := word(before[k])
		if w == "" || strings.ContainsAny(before[k][len(before[k])-1:], ",.;:)") || !startsUpper(w) && !nameJoiners[w] {
			break
		}
		run = append([]string{w}, run...)
	}
	for _, f := range after {
		w := word(f)
		if w == "" || !startsUpper(w) && !nameJoiners[w] {
			break
		}
		run = append(run, w)
		if strings.ContainsAny(f[len(f)-1:], ",.;:)") {
			break
		}
	}
	return run
}

// bodyWords are the words, in the three languages, that make a name run
// the name of an institution, a company or a place rather than a person.
var bodyWords = wordSet(`university universities hospital clinic ministry institute center centre park company
	agency committee council movement museum theatre theater school college embassy bank contingent brigade
	association union organization organisation foundation academy plant group federation corporation airport
	port republic republican national international state news office cathedral church stadium palace
	universidad universidade ministerio ministério instituto centro parque empresa agencia agência comité comitê
	consejo conselho movimiento movimento museo museu teatro clínica escuela escola colegio embajada embaixada
	banco contingente brigada asociación associação unión união organización organização fundación fundação
	academia grupo federación federação república nacional internacional estado palacio palácio
	pharma biotech labs laboratories laboratory laboratorio laboratorios laboratório holding corp inc ltd llc
	session meeting summit forum conference congress festival tournament championship memorial fair exhibition
	sesión reunión cumbre foro conferencia congreso torneo campeonato feria exposición sessão reunião cúpula
	first second third fourth fifth primera primer primeira tercera terceira
	delegation delegación delegacion delegação delegacao station estación estacion estação estacao
	cooperative cooperativa provincial municipal government gobierno governo`)

// locatives are the words that put a place after them.
var locatives = map[string]bool{"in": true, "at": true, "near": true, "en": true, "em": true, "no": true, "na": true,
	"nos": true, "nas": true}

// located reports whether the text before a name ends with a locative,
// with an article or not ("en La Habana", "in the Caspian port of Baku" is
// not: the name does not follow the words).
func located(before string) bool {
	f := strings.Fields(before)
	if n := len(f); n > 1 && articles[strings.ToLower(f[n-1])] {
		f = f[:n-1]
	}
	return len(f) > 0 && locatives[strings.ToLower(f[len(f)-1])]
}

// placeOf reports whether the text before a name ends with a kind of place
// and "of": "el municipio de Yara", "the town of Majagua" name no one.
func placeOf(before string) bool {
	f := strings.Fields(before)
	n := len(f)
	return n > 1 && ofWords[strings.ToLower(f[n-1])] && placeKinds[strings.ToLower(foldAccents(f[n-2]))]
}

// placeKinds are the nouns, lower-cased without accents, that name a kind of
// place before its name and "of" ("the province of", "el municipio de").
var placeKinds = wordSet(`city town village province region district municipality port island capital
	ciudad pueblo provincia distrito municipio puerto isla cidade vila regiao porto ilha`)

// placeNames are the words of the names of the two countries, their main
// cities and regions, lower-cased without accents, with the articles that
// go with them: a name made of them only is a place.
var placeNames = wordSet(`cuba azerbaijan azerbaiyan azerbaijao la el habana havana baku ganja ganya gence sumgait sumqayit
	lankaran lenkoran shaki sheki guba quba nakhchivan najichevan mingachevir shamakhi gabala qabala
	santiago de matanzas cienfuegos camaguey holguin pinar del rio villa clara santa sancti spiritus
	artemisa mayabeque granma guantanamo tunas ciego avila isla juventud varadero caucasus caribe caribbean`)

// quoted reports whether offset i of a sentence is inside quotation marks
// (a title: "Noche cubana", “Clear Horizon”), not a quoted speech's start.
func quoted(sentence string, i int) bool {
	before := sentence[:i]
	if strings.Count(before, "“") > strings.Count(before, "”") || strings.Count(before, "«") > strings.Count(before, "»") {
		return true
	}
	if strings.Count(before, `"`)%2 == 0 {
		return false
	}
	// An open straight quote: a title when it closes within a few words.
	end := strings.IndexByte(sentence[i:], '"')
	return end >= 0 && len(strings.Fields(sentence[i:i+end])) <= 4
}

// isPlaceName reports whether a name is made of placeNames' words only.
func isPlaceName(name string) bool {
	return !slices.ContainsFunc(strings.Fields(name), func(w string) bool { return !placeNames[strings.ToLower(foldAccents(w))] })
}

var articles = map[string]bool{"the": true, "la": true, "el": true, "los": true, "las": true, "a": true, "o": true, "os": true, "as": true}

// qualifiers make another office of the one they precede.
var qualifiers = map[string]bool{"vice": true, "deputy": true, "former": true, "acting": true, "assistant": true, "ex": true}

// qualifierStems are the stems of the qualifiers, as a question's stems
// hold them ("deputi").
var qualifierStems = englishStems(`vice deputy former acting assistant ex`)

// asksQualified reports whether the first office a question names has a
// qualifier within the two words before it: "who was the deputy
// agriculture minister" asks for the deputy; "which minister met the
// deputy foreign minister" does not.
func asksQualified(qt queryTerms) bool {
	if len(qt.keys) == 0 { // terms without their order: any qualifier
		for s := range qt.stems {
			if qualifierStems[s] {
				return true
			}
		}
	}
	for i, k := range qt.keys {
		if !offices[k] {
			continue
		}
		return slices.ContainsFunc(qt.keys[max(0, i-2):i], func(s string) bool { return qualifierStems[s] })
	}
	return false
}

// offices are the stems of the offices a who-question may ask about, in
// English (Spanish and Portuguese words are read by their English stems).
var offices = map[string]bool{"minist": true, "presid": true, "ambassador": true, "director": true, "rector": true,
	"chairman": true, "secretari": true, "governor": true, "mayor": true}

// holdsOffice reports whether a sentence names, without a qualifier the
// question lacks, an office the question asks about ("Who is the president
// of X?" is not answered by "X vice president Osmany Labrada", nor by a
// sentence naming no president); true when the question names no office.
func holdsOffice(sentence, language string, qt queryTerms) bool {
	if !asksOffice(qt) {
		return true
	}
	if asksQualified(qt) {
		return true // the question asks for the deputy
	}
	asked := qt.country    // "Cuba" of "Who is the president of Cuba?"
	var portfolio []string // "foreign" of "Who is the foreign minister?"
	for s := range qt.stems {
		if portfolios[s] {
			portfolio = append(portfolio, s)
		}
	}
	toks := tokenize(sentence)
	lower := lowerOf(toks)
	for i, t := range toks {
		if !namesOffice(t.Lower, language, qt) || strings.HasPrefix(t.Lower, "vice") || strings.HasPrefix(t.Lower, "sub") {
			continue // "viceministro", "vicepresidente", "subdirector"
		}
		if len(portfolio) > 0 && !holdsPortfolio(toks[max(0, i-portfolioGap):min(len(toks), i+portfolioGap+1)], language, portfolio) {
			continue // "the Minister of Health" does not answer "Who is the foreign minister?"
		}
		if asked != "" {
			if near := countriesNear(lower, i, countryGap); len(near) > 0 && !slices.Contains(near, asked) {
				continue // "el presidente de Azerbaiyán" does not answer "Who is the president of Cuba?"
			}
		}
		// The office may be of several words ("Deputy Foreign Minister"):
		// a qualifier stands before the first.
		j := i - 1
		for j >= 0 && (officeWords[toks[j].Lower] || qt.stems[toks[j].Stem]) && !qualifiers[toks[j].Lower] {
			j--
		}
		if j < 0 || !qualifiers[toks[j].Lower] && !strings.HasPrefix(toks[j].Lower, "vice") {
			return true
		}
	}
	return false
}

// officeHolders keeps of a sentence's names those that may hold the office
// a who-question asks about: within holderGap words of a word naming it
// ("Azerbaijan's ambassador to Cuba, Kamran Safarli"; not "Mammadli" at
// the other end of the sentence). A sentence that names no such office
// (the office is in the half the source broke off) keeps every name.
func officeHolders(sentence, language string, qt queryTerms, names []string) []string {
	var at []int // word numbers of the office's words
	words := wordRe.FindAllStringIndex(sentence, -1)
	lower := make([]string, len(words))
	for n, w := range words {
		lower[n] = foldAccents(strings.ToLower(sentence[w[0]:w[1]]))
	}
	asked := qt.country
	var named []int    // the offices said to be of the country asked about
	elsewhere := false // an office of another body than the one asked about
	for n, w := range words {
		if !namesOffice(sentence[w[0]:w[1]], language, qt) {
			continue
		}
		if len(qt.officeOf) > 0 && ofOther(sentence, words, lower, n, qt.officeOf) {
			elsewhere = true
			continue // "diretor-geral da Khazar Pharma" is not the director general of BioExport Caribe
		}
		if asked != "" {
			if near := countriesNear(lower, n, countryGap); len(near) > 0 {
				if !slices.Contains(near, asked) {
					continue // another country's minister, in a sentence that names both
				}
				named = append(named, n)
			}
		}
		at = append(at, n)
	}
	if len(named) > 0 {
		at = named // "Minister of Health Teymur Musayev and Cuba's Minister of Public Health, José Ángel Portal Miranda"
	}
	if asked != "" {
		// A name just after another country's word is that country's
		// ("Teymur Musayev, to his Cuban counterpart, José Ángel Portal
		// Miranda" for Azerbaijan's minister), unless the country is where
		// the office is held ("The Ambassador of Cuba to Azerbaijan, Héctor
		// Luis Ferrán Coto").
		names = slices.DeleteFunc(slices.Clone(names), func(name string) bool {
			i := strings.Index(sentence, name)
			first := slices.IndexFunc(words, func(w []int) bool { return w[0] >= i })
			for k := first - 1; i >= 0 && first >= 0 && k >= 0 && k >= first-3; k-- {
				if c := countryWords[lower[k]]; c != "" {
					return c != asked && (k == 0 || !hostWords[lower[k-1]])
				}
			}
			return false
		})
	}
	if len(at) == 0 {
		if elsewhere {
			return nil
		}
		return names
	}
	return slices.DeleteFunc(slices.Clone(names), func(name string) bool {
		i := strings.Index(sentence, name)
		if i < 0 {
			return false
		}
		first := slices.IndexFunc(words, func(w []int) bool { return w[0] >= i })
		last := slices.IndexFunc(words, func(w []int) bool { return w[1] >= i+len(name) })
		linked := func(from, to int) bool { // the words between an office and a name
			// The body the office is of does not part it from its holder:
			// "the Minister of Foreign Trade and Foreign Investment, Ramiro
			// Ochoa Valdivia".
			of := 0 // from is the word after the office
			if from < to && ofWords[lower[from]] {
				for k := from + 1; k < to; k++ {
					w := sentence[words[k][0]:words[k][1]]
					if !startsUpper(w) && !nameJoiners[w] && !joiners[strings.ToLower(w)] {
						break
					}
					of = k - from + 1
					if strings.ContainsAny(sentence[words[k][1]:min(len(sentence), words[k][1]+1)], ",;") {
						break
					}
				}
			}
			if to-from-of > holderGap {
				return false
			}
			run := 0 // capitalised words in a row, not across a comma
			for k := from; k < to; k++ {
				w := sentence[words[k][0]:words[k][1]]
				inName := k > from && k+1 < to && startsUpper(sentence[words[k-1][0]:words[k-1][1]]) &&
					startsUpper(sentence[words[k+1][0]:words[k+1][1]]) && !strings.ContainsAny(sentence[words[k-1][1]:words[k][0]], ",;")
				if joiners[strings.ToLower(w)] && !inName {
					return false // "Marlene Oquendo Ruiz, y por el embajador": another person's office
				}
				if k > 0 && strings.ContainsAny(sentence[words[k-1][1]:words[k][0]], ",;") {
					run = 0
				}
				if !startsUpper(w) {
					run = 0
					continue
				}
				if run++; run == 2 && k >= from+of && (k < 2 || !ofWords[strings.ToLower(sentence[words[k-2][0]:words[k-2][1]])]) {
					// Another full name stands between ("ambassador to
					// Cuba, Kamran Safarli, handed Mammadli"); not a name
					// of the office's own ("rector of Azerbaijan Medical
					// University").
					return false
				}
			}
			return true
		}
		// A name right after an office of its own is that office's holder
		// ("El vicepresidente cubano Salvador Valdés Mesa fue recibido por
		// el presidente"): not the asked office's, whatever follows.
		for k := first - 1; k >= 0 && k >= first-3; k-- {
			w := strings.ToLower(sentence[words[k][0]:words[k][1]])
			if slices.Contains(at, k) {
				break
			}
			if qualifiers[w] || strings.HasPrefix(w, "vice") || officeWord(w, language) {
				return true
			}
		}
		for _, n := range at {
			if n < first && linked(n+1, first) || n > last && linked(last+1, n) {
				return false
			}
		}
		return true
	})
}

// hostWords put an office in the country that follows: "ambassador to
// Azerbaijan", "embajador en Azerbaiyán", "embaixador no Azerbaijão".
var hostWords = map[string]bool{"to": true, "in": true, "en": true, "em": true, "no": true, "na": true, "ante": true, "junto": true}

// ofOther reports whether the office at word n of a sentence is of a body
// whose name (the capitalised words after "of", "de", "da" …) holds none
// of the stems of the one asked about.
func ofOther(sentence string, words [][]int, lower []string, n int, asked []string) bool {
	j := afterGeneral(lower, n)
	if j+1 >= len(words) || !ofWords[lower[j]] {
		return false
	}
	var name []string
	for _, w := range words[j+1:] {
		word := sentence[w[0]:w[1]]
		if !startsUpper(word) {
			break
		}
		name = append(name, word)
	}
	if len(name) == 0 {
		return false
	}
	for _, t := range tokenize(strings.Join(name, " ")) {
		if slices.Contains(asked, t.Stem) {
			return false
		}
	}
	return true
}

// afterGeneral returns the index of the word after the office at word n,
// past "general" ("director general of", "diretor-geral da").
func afterGeneral(lower []string, n int) int {
	j := n + 1
	for j < len(lower) && (lower[j] == "general" || lower[j] == "geral") {
		j++
	}
	return j
}

// officeWord reports whether a lower-case word of a language names one of
// the offices.
func officeWord(lower, language string) bool {
	return slices.ContainsFunc(termsIn(lower, language), func(s string) bool { return offices[s] })
}

// ofWords join an office to what it is of.
var ofWords = map[string]bool{"of": true, "to": true, "for": true, "de": true, "del": true, "da": true, "do": true, "para": true}

// joiners are the words that join two people, each with an office of their
// own.
var joiners = map[string]bool{"and": true, "with": true, "or": true, "y": true, "e": true, "con": true, "com": true, "o": true}

// portfolios are the English stems of the fields an office may be of
// ("foreign minister", "Minister of Health"), and portfolioGap how many
// words from the office the sentence must name the question's.
var portfolios = englishStems(`general foreign health economy economic trade commerce education culture finance science
	agriculture energy defence defense interior justice transport tourism industry labour labor sport sports
	communications`)

const portfolioGap = 4

// countryWords are the two countries' names and demonyms in the three
// languages, folded, by the country they name.
var countryWords = map[string]string{}

func init() {
	for country, words := range map[string]string{
		"cuba":       "cuba cuban cubans cubano cubana cubanos cubanas",
		"azerbaijan": "azerbaijan azerbaijani azerbaijanis azeri azerbaiyan azerbaiyano azerbaiyana azerbaiyanos azerbaijao azerbaijano azerbaijana",
	} {
		for _, w := range strings.Fields(words) {
			countryWords[w] = country
		}
	}
}

// countryGap is how many words from an office may name its country.
const countryGap = 3

// countriesNear returns the countries that the words within gap of word i
// (lower case, no accents) name as the office's own: not a country
// after "to", "in", "en", "em" ("Cuba's ambassador to Azerbaijan", "la
// embajadora de Cuba en Azerbaiyán": Cuba's).
func countriesNear(lower []string, i, gap int) []string {
	var out []string
	for k := max(0, i-gap); k < min(len(lower), i+gap+1); k++ {
		c := countryWords[lower[k]]
		if c == "" || k > 0 && postedWords[lower[k-1]] || slices.Contains(out, c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// postedWords put the country where an office is held after them.
var postedWords = wordSet(`to in en em no na a`)

// lowerOf returns the tokens' lower-case words.
func lowerOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Lower
	}
	return out
}

// officeOf returns the stems of the words after a question's office and
// "of" ("Who is the director general of BioExport Caribe?": bioexport,
// carib), up to a function word; none when they name a country ("the
// president of Cuba") or a field ("minister of health").
func officeOf(question string) []string {
	toks := tokenize(question)
	language := lang.Detect(question)
	lower := lowerOf(toks)
	for i, t := range toks {
		if !officeWord(t.Lower, language) {
			continue
		}
		j := afterGeneral(lower, i)
		if j+1 >= len(toks) || !ofWords[lower[j]] {
			return nil
		}
		var out []string
		for _, u := range toks[j+1:] {
			if u.Stop || countryWords[u.Lower] != "" || portfolios[u.Stem] {
				break
			}
			out = append(out, u.Stem)
		}
		return out
	}
	return nil
}

// officeCountry returns the one country a question that asks about an
// office names ("the president of Cuba", "Azerbaijan's foreign minister"),
// "" for none or both.
func officeCountry(question string) string {
	toks := tokenize(question)
	language := lang.Detect(question)
	if !slices.ContainsFunc(toks, func(t token) bool { return officeWord(t.Lower, language) }) {
		return ""
	}
	// A question is short: a country anywhere in it is the office's ("el
	// ministro de Salud Pública de Cuba").
	lower := lowerOf(toks)
	if cs := countriesNear(lower, 0, len(lower)); len(cs) == 1 {
		return cs[0]
	}
	return ""
}

// holdsPortfolio reports whether tokens name one of the fields.
func holdsPortfolio(toks []token, language string, fields []string) bool {
	for _, t := range toks {
		for _, st := range termsIn(t.Lower, language) {
			if slices.Contains(fields, st) {
				return true
			}
		}
	}
	return false
}

// namesOffice reports whether a word names an office the question asks
// about: a noun, not the verb that shares its stem ("que Bakú presidió",
// "presided over": no president).
func namesOffice(word, language string, qt queryTerms) bool {
	w := strings.ToLower(word)
	if strings.HasPrefix(w, "presid") && !strings.HasPrefix(w, "president") {
		return false
	}
	if (strings.HasPrefix(w, "vice") || strings.HasPrefix(w, "sub")) && !qt.stems["vice"] && !qt.stems["deputi"] {
		return false // "vicepresidente", "subdirector": another office, unless the question asks for it
	}
	stems := termsIn(word, language)
	if (language == "es" || language == "pt") && lang.Known(language, word) {
		stems = lang.ToEnglish(language, w) // by what it means: Spanish "mayor" is "larger", no mayor; "director" is a director
	}
	for _, st := range stems {
		if offices[st] && qt.stems[st] {
			return true
		}
	}
	return false
}

// holderGap is how many words may stand between an office and its holder's
// name ("the rector of Azerbaijan Medical University, Professor Zaur
// Hajiyev").
const holderGap = 6

// asksOffice reports whether a who-question asks about an office.
func asksOffice(qt queryTerms) bool {
	for s := range qt.stems {
		if offices[s] {
			return true
		}
	}
	return false
}

// countsUnit reports whether a sentence has a number followed, within three
// words, by the unit a question counts or a word of the same meaning.
func countsUnit(text, language string, u counted) bool {
	if slices.Contains(u.units, percentUnit) {
		return percentRe.MatchString(text)
	}
	toks := tokenize(text)
	for _, unit := range u.units {
		if countsOne(toks, language, unit, u.people) {
			return true
		}
	}
	return false
}

// percentRe finds a figure in percent.
var percentRe = regexp.MustCompile(`(?i)(?:\d(?:[\d.,]*\d)?|\b(?:` + countWords + `))\s?(?:%|percent\b|per cent\b|pct\b|por ?ciento\b|por ?cento\b)`)

// countsOne is countsUnit for one unit, on the text's tokens: a figure of
// another people than the one asked for counts nothing ("eight Cuban boxers"
// for how many Azerbaijani boxers).
func countsOne(toks []token, language, unit, people string) bool {
	other := func(j int) bool {
		n := nationOf(toks[j].Lower)
		return people != "" && n != "" && n != people
	}
figures:
	for i, t := range toks {
		if !isNumber(t.Stem) && !numberWords[t.Lower] {
			continue
		}
		first := true // the first word after the figure
		reach := 4
		if i+1 < len(toks) && toks[i+1].Lower == "of" {
			reach = 6 // "nine of Azerbaijan's best young boxers"
		}
		for j := i + 1; j < len(toks) && j <= i+reach; j++ {
			if other(j) {
				continue figures
			}
			for _, st := range termsIn(toks[j].Lower, language) {
				// Two nouns for people of different kinds are two units,
				// however close their vectors ("patients", "doctors").
				kinds := personWords[st] && personWords[unit]
				if unit == durationUnit {
					if durationWords[st] && first {
						return true // "for four months", "a three-week camp"
					}
					continue
				}
				if st == unit || softMatch(st, unit) || !kinds && wordvec.Similarity(wordOf(st), wordOf(unit)) >= unitSimilar ||
					first && crowdWords[toks[j].Lower] && personWords[unit] ||
					(unit == "peopl" || unit == "person") && attendWords[st] { // "how many people visited": 3,200 visitors
					if j+1 < len(toks) && other(j+1) {
						continue figures // "117 colaboradores cubanos"
					}
					return true // "26 members of the brigades" counts medics
				}
			}
			first = first && toks[j].Stop
		}
	}
	return false
}

// employs reports whether a sentence's stems tell of employing people
// ("will employ", "hired", "jobs"), so that a figure of people counts jobs.
func employs(stems []string) bool {
	return slices.ContainsFunc(stems, func(s string) bool { return employWords[s] })
}

var employWords = englishStems(`employ employs employed employment hire hired hiring job jobs`)

// populationWords are the English stems of the words that tell how many
// people live in a place (Spanish and Portuguese ones are read by their
// English stems).
var populationWords = englishStems(`population inhabitants inhabitant residents live lives lived populated census`)

// durationUnit is the unit of a "how long" question: any of durationWords
// (English stems; Spanish and Portuguese words are read by their English
// ones).
const durationUnit = "(duration)"

var durationWords = englishStems(`second minute hour day week fortnight month year decade night`)

// personWords are the English stems of nouns for people a "how many"
// question may count, and crowdWords the nouns, in the three languages, that
// count people of any kind ("members", "people", "staff", "integrantes"),
// as they are written (lower case, no accents): a figure of the second counts
// the first ("26 members of the brigades" counts medics). Not the other way
// round: "21,300 patients" does not count the people of a brigade.
var personWords, crowdWords = englishStems(`doctor physician surgeon medic nurse specialist worker professional
	technician student player lecturer professor teacher expert volunteer member person people personnel staff patient
	woman women man men child children resident citizen azerbaijani cuban employee engineer scientist researcher
	official diplomat delegate athlete artist musician singer dancer graduate trainee ` + attendList),
	wordSet(`members member people persons personnel staff collaborators individuals inhabitants residents miembros
	integrantes colaboradores personas efectivos habitantes membros pessoas moradores`)

// attendWords are the English stems of nouns for people who come to
// something: a figure of them counts people ("3,200 visitors" for how many
// people visited), as one of workers does not (a population is no crew).
var attendWords = englishStems(attendList)

const attendList = `visitor tourist passenger spectator participant attendee guest`

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func englishStems(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[lang.Stem("en", w)] = true
	}
	return m
}

// countWords are the number words of the three languages, as a regular
// expression's alternatives (lower case; not "once", an English word too,
// nor "un", "uno", "um", which are also articles).
const countWords = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|` +
	`sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|` +
	`dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|trece|catorce|quince|veinte|treinta|cuarenta|` +
	`cincuenta|sesenta|setenta|ochenta|noventa|cien|` +
	`dois|duas|três|quatro|sete|oito|nove|dez|onze|doze|treze|quinze|vinte|trinta|quarenta|cinquenta|` +
	`sessenta|oitenta`

// numberWords are countWords and the scale words, as a set.
var numberWords = func() map[string]bool {
	m := map[string]bool{"hundred": true, "thousand": true, "million": true, "dozen": true, "mil": true}
	for _, w := range strings.Split(countWords, "|") {
		m[w] = true
	}
	return m
}()

// newNames returns the runs of capitalised words of a sentence in a
// language that the question does not name, in that language or by the
// English the word means ("Azerbaiyán" for "Azerbaijan"); the first word of
// the sentence counts only when another capitalised word follows it.
func newNames(sentence, language string, qstems map[string]bool) []string {
	var out []string
	words := strings.Fields(sentence)
	var run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
			run = nil
		}
	}
	// asked: the run so far is part of a name the question gives ("José
	// Ángel Portal Miranda" for "Who met Portal Miranda?"): none of it is a
	// new name.
	asked := false
	for i, w := range words {
		clean := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(clean)
		if clean == "" || !unicode.IsUpper(r) {
			if len(run) > 0 && nameJoiners[clean] {
				run = append(run, clean)
				continue
			}
			if asked && nameJoiners[clean] {
				continue // "Memorandum of Understanding": the question's name goes on
			}
			flush()
			asked = false
			continue
		}
		tks := tokenize(clean)
		fresh := len(tks) > 0 && !tks[0].Stop && !qstems[tks[0].Stem] && !prefixMatch(tks[0].Stem, qstems) &&
			!calendarWords[strings.ToLower(clean)] // "September" names no one
		if fresh && language != "" && language != "en" {
			fresh = !slices.ContainsFunc(termsIn(clean, language), func(t string) bool { return qstems[t] })
		}
		lower := strings.ToLower(clean)
		if !fresh && len(tks) > 0 && !tks[0].Stop && !officeWords[lower] && !bodyWords[lower] && !calendarWords[lower] {
			run, asked = nil, true // a word of the question's own name: the run is that name
		} else if !fresh || (i == 0 && (len(words) < 2 || !startsUpper(words[1]))) {
			flush()
			asked = false
			continue
		}
		if !asked {
			run = append(run, clean)
		}
		if strings.ContainsAny(w[len(w)-1:], ",.;:)") {
			flush()
			asked = false
		}
	}
	flush()
	var names []string
	for _, n := range out {
		// "Minister of Economy Nurlan Seyidli": the office is not the name.
		f := strings.Fields(n)
		for len(f) > 0 && (officeWords[strings.ToLower(f[0])] || nameJoiners[f[0]]) {
			f = f[1:]
		}
		for len(f) > 0 && nameJoiners[f[len(f)-1]] {
			f = f[:len(f)-1]
		}
		if len(f) > 0 {
			names = append(names, strings.Join(f, " "))
		}
	}
	return names
}

// nameJoiners are the lower-case words that may stand inside a name
// ("University of Medical Sciences of Havana", "José Ángel Portal de la
// Miranda"), though not at its ends.
var nameJoiners = wordSet(`of de del da do dos`)

// calendarWords are the months and weekdays, capitalised in English
// without being names.
var calendarWords = wordSet(`january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday`)

// officeWords are capitalised words that open a name run without being a
// name: offices, ministries, titles and the two countries' demonyms.
var officeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`minister ministers deputy vice president vice-president ambassador director
		rector vice-rector chairman head secretary general dr professor prof economy health foreign affairs trade
		public education culture finance cuban azerbaijani cuban's azerbaijan's ministro ministra viceministro
		viceministra presidente embajador embajadora embaixador diretor doctor doctora salud saúde saude pública publica
		relaciones relações relacoes exteriores economía economia comercio comércio educación educacion educação educacao
		cultura ministerio ministério
		agriculture communications tourism transport digital development energy industry construction emergency
		emergencies situations justice interior defence defense labour labor science sciences technology technologies
		sport sports youth environment ecology natural resources information informatics
		agricultura comunicaciones comunicações comunicacoes turismo transporte transportes energía energia industria
		indústria construcción construccion construção construcao justicia justiça defensa defesa ciencia ciencias
		ciência tecnología tecnologia deportes desportos esportes juventud juventude`) {
		m[w] = true
	}
	return m
}()

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func prefixMatch(stem string, set map[string]bool) bool {
	for s := range set {
		if softMatch(stem, s) {
			return true
		}
	}
	return false
}

// softMatch reports whether two different stems are one word's forms, as
// "cuba" and "cuban" or "aliye" and "aliyev": one is a prefix of the other,
// at least 4 letters long, differing by at most 2 letters, or by a suffix
// that makes a noun of the same word ("chair", "chairmanship").
func softMatch(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 4 || !strings.HasPrefix(b, a) {
		return false
	}
	return len(b)-len(a) <= 2 || len(a) >= 5 && nounSuffixes[b[len(a):]]
}

// nounSuffixes make a noun of a word the stemmer leaves apart.
var nounSuffixes = map[string]bool{"ship": true, "manship": true, "hood": true, "dom": true}

// queryTerms are the content words of a question with their weights: the
// inverse document frequency over the whole library (a word no document
// has weighs most, which is what makes off-topic questions score low).
// A word of a Spanish or Portuguese question stands with the English words
// it may mean; an English word the library lacks that is one typo from a
// word it has is read as that word.
type queryTerms struct {
	// officeOf are the stems of the body a question's office is of ("the
	// director general of BioExport Caribe": bioexport, carib), none for
	// a country or when it names none.
	officeOf []string
	// country is the one country the question names beside an office it
	// asks about (officeCountry), "" for none.
	country string
	weight  map[string]float64  // by concept: its first stem
	keys    []string            // the concepts in the question's order
	alts    map[string][]string // every stem of a concept
	total   float64
	focus   []string // the rarest concepts: an answer must hold them
	// head is the noun a "which …" or "what …" question asks for ("which
	// cotton varieties did …": varieti), "" for none: the answer is one of
	// those, so it weighs as much as the rarest word.
	head   string
	stems  map[string]bool // every stem of the question
	absent map[string]bool // concepts no document has
	// typos maps a mistyped stem of the question to the stem the library
	// has that it was meant to be ("genrat": generat).
	typos map[string]string
	// names are the runs of concepts (by index in keys) that make up a
	// person's or a place's name in the question ("Tarlan Mammadli"): a
	// sentence that gives the last of them gives the name (news name a
	// person in full once, then by the surname).
	names [][]int
	// byStem keeps, for each stem a sentence of the question's passages
	// has, how well it holds each concept (by the concept's index in keys).
	byStem map[string][]float64
	// vecs holds each concept's stems' word vectors, as alts.
	vecs map[string][]wordVec
	// holders are, for each name the question asks about (by key), the
	// documents that have it: a sentence of another document is not
	// about it, whatever its other words ("the students at ASOIU" are not
	// those of a report that never names ASOIU).
	holders map[string]map[string]bool
}

// wordVec is a stem's word in the word-vector table, ok when it has one.
type wordVec struct {
	w  wordvec.Word
	ok bool
}

func wordVecOf(stem string) wordVec {
	w, ok := wordvec.Find(wordOf(stem))
	return wordVec{w, ok}
}

func (l *Library) queryTerms(question string) queryTerms {
	question = mendAsking(question) // "wat date": what date
	language := lang.Detect(question)
	oneWord := map[string]string{} // "set" (up): establish; (in) "charge": head
	if language == "en" {
		for _, m := range phrasalRe.FindAllString(question, -1) {
			for _, w := range strings.Fields(strings.ToLower(m)) {
				if one, ok := phrasal[w]; ok {
					oneWord[stem(w)] = stem(one)
					break
				}
			}
		}
	}
	excluded := map[string]bool{}
	// The words a pattern's group finds are not words to match: "Besides
	// health, ..." asks about something other than health; "What date…?",
	// "In which year…?" ask for a date; "¿Dónde queda…?", "Onde fica…?" ask
	// where something is ("fica" would find "the brigade's stay").
	for _, re := range []*regexp.Regexp{besidesRe, whenWordRe, whereIsRe} {
		for _, m := range re.FindAllStringSubmatch(question, -1) {
			for _, t := range terms(m[1]) {
				excluded[t] = true
			}
		}
	}
	// "…, list the revenue sources" asks for a list: "list" is not a word
	// to match.
	if listCommandRe.MatchString(question) {
		excluded["list"] = true
	}
	// "How old is she?" asks for an age: "old" is not a word to match.
	if ageQ.MatchString(question) {
		excluded["old"], excluded["age"], excluded["edad"], excluded["idad"] = true, true, true, true
	}
	// "What was trade worth?" asks for a figure: "worth" is not a word to
	// match.
	if valueQ.MatchString(question) {
		excluded["worth"], excluded["cost"], excluded["valu"] = true, true, true
	}
	// "What is the name of…?", "¿Cómo se llama…?" ask for a name: "name" is
	// no word to match.
	if nameOfRe.MatchString(question) {
		excluded["name"], excluded["nome"], excluded["nombr"], excluded["llama"], excluded["chama"] = true, true, true, true, true
	}
	q := queryTerms{country: officeCountry(question), officeOf: officeOf(question), weight: map[string]float64{}, alts: map[string][]string{}, stems: map[string]bool{}, absent: map[string]bool{},
		byStem: map[string][]float64{}, vecs: map[string][]wordVec{}}
	var keys []string
	tokens := tokenize(question)
	asked := make(map[string]string, len(tokens)) // stem -> the question's word
	for _, t := range tokens {
		asked[t.Stem] = t.Lower
	}
	for _, c := range conceptsOf(tokens, language) {
		if questionWords[c[0]] || affixes[c[0]] {
			continue // before any typo repair: "much" is no "mucho"
		}
		if language != "es" && language != "pt" && !l.lexical.known(c[0]) {
			if askingTypo(asked[c[0]]) || stopTypo(asked[c[0]]) {
				continue // "wich", "hwo", "teh": a question word or a stop word mistyped, not a word to match ("wish")
			}
			if !offices[c[0]] { // "mayor" is no typo of "major"
				if stems, typo := l.lexical.unknownWord(asked[c[0]], c[0]); typo {
					if q.typos == nil {
						q.typos = map[string]string{}
					}
					q.typos[c[0]] = stems[0]
					c = stems // "frist" is "first"
				} else {
					c = append(c, stems...) // "lay" stands beside "laid"
				}
			}
		}
		if w, ok := oneWord[c[0]]; ok {
			c = append(c, w) // "set up" stands beside "established"
		}
		key := c[0]
		if _, dup := q.alts[key]; dup || slices.ContainsFunc(c, func(t string) bool { return excluded[t] }) || questionWords[key] || isYear(key) {
			continue
		}
		q.alts[key] = c
		keys = append(keys, key)
		for _, t := range c {
			q.stems[t] = true
		}
	}
	q.keys = keys
	q.names = nameRuns(question, keys)
	if language == "en" {
		q.head = askedNoun(question)
	}
	q.weigh(l.lexical)
	q.holders = map[string]map[string]bool{}
	named := properStems(question)
	for _, k := range q.focus {
		// A rare word of the question that English rarely uses is most
		// likely a name, written in lower case ("lankaran").
		word, written := asked[k] // not a typo's repair
		if w, ok := wordvec.Find(word); written && language == "en" && (!ok || w.Rank() >= rareWordRank) {
			named[k] = true
		}
	}
	for k := range named {
		if _, ok := q.alts[k]; ok && !q.absent[k] && q.weight[k] >= nameShare*q.total {
			q.holders[k] = l.lexical.docsWith(q.alts[k])
		}
	}
	return q
}

// askedNounRe is "which" or "what" and the two words after it.
var askedNounRe = regexp.MustCompile(`(?i)\b(?:which|what)\s+([\pL-]+)(?:\s+([\pL-]+))?(?:\s+([\pL'-]+))?`)

// auxiliaries are the verbs that end the noun a "which" question asks for
// ("which varieties did …").
var auxiliaries = map[string]bool{"did": true, "do": true, "does": true, "is": true, "are": true, "was": true, "were": true,
	"will": true, "would": true, "has": true, "have": true, "had": true, "can": true, "could": true, "should": true}

// notAsked are nouns after "which" or "what" that tell the kind of answer,
// not a word the answer's sentence has ("what year", "what kind of").
var notAsked = map[string]bool{"year": true, "years": true, "date": true, "dates": true, "day": true, "days": true, "time": true,
	"kind": true, "kinds": true, "type": true, "types": true, "sort": true, "sorts": true, "percentage": true, "percent": true,
	"share": true, "proportion": true, "number": true, "amount": true, "else": true, "other": true, "exactly": true}

// askedNoun returns the stem of the noun an English "which …" or "what …"
// question asks for, the word before its verb ("which cotton varieties did
// Azerbaijan send": varieti), "" when no auxiliary verb marks it, when it
// is a name, or when it tells only the kind of answer ("what year").
func askedNoun(question string) string {
	m := askedNounRe.FindStringSubmatch(question)
	if m == nil {
		return ""
	}
	w := [3]string{strings.ToLower(m[1]), strings.ToLower(m[2]), strings.ToLower(m[3])}
	var head string
	switch {
	case auxiliaries[w[0]]:
		return ""
	case auxiliaries[w[1]]:
		head = m[1] // "which varieties did"
	case auxiliaries[w[2]]:
		head = m[2] // "which cotton varieties did"
	}
	if head == "" || startsUpper(head) || strings.Contains(head, "'") || notAsked[strings.ToLower(head)] {
		return ""
	}
	for _, t := range tokenize(head) {
		if !t.Stop {
			return t.Stem
		}
	}
	return ""
}

// properStems returns the stems of the capitalised words of a question,
// other than its first word and offices: the names it asks about.
func properStems(question string) map[string]bool {
	out := map[string]bool{}
	for i, w := range strings.Fields(question) {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
		if i == 0 || !startsUpper(word) || officeWords[strings.ToLower(word)] {
			continue
		}
		for _, t := range tokenize(word) {
			if !t.Stop {
				out[t.Stem] = true
			}
		}
	}
	return out
}

// weigh works out each concept's weight from its stems (the weight of its
// most common known stem), the total, the concepts no document has, and the
// focus.
func (q *queryTerms) weigh(lex *bm25) {
	var all []string
	for _, k := range q.keys {
		all = append(all, q.alts[k]...)
	}
	w, top := lex.weights(all)
	best := 0.0
	q.total, q.focus = 0, nil
	for _, k := range q.keys {
		cw := top
		for _, t := range q.alts[k] {
			if w[t] < cw {
				cw = w[t]
			}
		}
		q.weight[k] = cw
		q.total += cw
		best = max(best, cw)
		// A word no document has is not absent when a word of the same
		// meaning is there ("instructor": "teacher").
		q.absent[k] = cw >= top && !slices.ContainsFunc(q.alts[k], func(t string) bool {
			return slices.ContainsFunc(lang.Synonyms(t), lex.known)
		})
	}
	if _, ok := q.weight[q.head]; ok && !q.absent[q.head] && q.weight[q.head] < best {
		q.total += best - q.weight[q.head]
		q.weight[q.head] = best
	}
	for _, k := range q.keys {
		// Names, numbers and rare words are what the question is about;
		// a word every other chunk has is not.
		if q.weight[k] >= 0.8*best && q.weight[k] >= 0.45*top {
			q.focus = append(q.focus, k)
		}
	}
}

// without returns the question's terms less the concepts any of whose
// stems is in drop ("wrote", "article" in "who wrote the article on …").
func (q queryTerms) without(drop map[string]bool) queryTerms {
	out := q
	out.keys, out.total, out.focus = nil, 0, nil
	out.byStem = map[string][]float64{} // by index in keys, which change
	out.holders = map[string]map[string]bool{}
	for _, k := range q.keys {
		if slices.ContainsFunc(q.alts[k], func(t string) bool { return drop[t] }) {
			continue
		}
		out.keys = append(out.keys, k)
		out.total += q.weight[k]
		if h, ok := q.holders[k]; ok {
			out.holders[k] = h
		}
	}
	for _, k := range q.focus {
		if slices.Contains(out.keys, k) {
			out.focus = append(out.focus, k)
		}
	}
	return out
}

// nameRuns returns the runs of two or more capitalised words of a question
// that are its concepts (by index in keys), in the question's order.
func nameRuns(question string, keys []string) [][]int {
	var runs [][]int
	var run []int
	flush := func() {
		if len(run) >= 2 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, w := range strings.Fields(question) {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		possessive := strings.HasSuffix(word, "'s") || strings.HasSuffix(word, "’s")
		word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
		tks := tokenize(word)
		i := -1
		if len(tks) == 1 && startsUpper(word) && !officeWords[strings.ToLower(word)] {
			i = slices.Index(keys, tks[0].Stem)
		}
		if i < 0 {
			flush()
			continue
		}
		run = append(run, i)
		if possessive || !strings.HasSuffix(w, word) && !strings.HasSuffix(w, word+"?") {
			flush() // "Musayev's", "Mammadli, Pérez": the name ends there
		}
	}
	flush()
	return runs
}

// match says how well a set of stems holds a concept of the question: 1
// exactly, 0.8 for another form of the word, less for a word of close
// meaning (by the word vectors: "physicians" for "doctors"): the best that
// one of the stems gives (stemMatch).
func (q queryTerms) match(key string, set map[string]bool) float64 {
	i := slices.Index(q.keys, key)
	if i < 0 {
		return 0
	}
	best := 0.0
	for s := range set {
		best = max(best, q.stemMatch(s)[i])
	}
	return best
}

// matches says how well a text's stems hold each concept of the question,
// by the concept's index in keys: match for every concept at once.
func (q queryTerms) matches(stems []string) []float64 {
	out := make([]float64, len(q.keys))
	for _, s := range stems {
		for i, v := range q.stemMatch(s) {
			out[i] = max(out[i], v)
		}
	}
	return out
}

// share is the weighted share of the question's concepts that a text
// holds, by how well it holds each (matches); of several, the best for
// each concept counts (a sentence with its neighbours and title). 0 for a
// question with no concepts.
func (q queryTerms) share(window ...[]float64) float64 {
	if q.total == 0 {
		return 0
	}
	var got float64
	for i, t := range q.keys { // in order: sums of floats must not depend on map order
		best := 0.0
		for _, m := range window {
			best = max(best, m[i])
		}
		got += best * q.weight[t]
	}
	return got / q.total
}

// stemMatch says how well one stem holds each concept of the question (by
// index in keys): 1 for one of the concept's stems, 0.8 for another form of
// one (softMatch), similarScale of the word vectors' similarity from
// similarFloor (never for a number); worked out once per question.
func (q queryTerms) stemMatch(s string) []float64 {
	if v, ok := q.byStem[s]; ok {
		return v
	}
	v := make([]float64, len(q.keys))
	var sv wordVec
	looked := false
	for i, key := range q.keys {
		for _, t := range q.alts[key] {
			switch {
			case t == s:
				v[i] = 1
			case softMatch(t, s):
				v[i] = max(v[i], 0.8)
			case slices.Contains(lang.Synonyms(t), s):
				v[i] = max(v[i], synonymScale) // "taught" for "trained"
			}
		}
		if v[i] >= 0.8 || isNumber(key) {
			continue
		}
		if !looked {
			sv, looked = wordVecOf(s), true
		}
		if !sv.ok {
			continue
		}
		tv, ok := q.vecs[key]
		if !ok {
			for _, t := range q.alts[key] {
				tv = append(tv, wordVecOf(t))
			}
			q.vecs[key] = tv
		}
		for _, t := range tv {
			if !t.ok {
				continue
			}
			if sim := t.w.Similarity(sv.w); sim >= similarFloor {
				v[i] = max(v[i], similarScale*sim)
			}
		}
	}
	q.byStem[s] = v
	return v
}

// askingTypo reports whether a word is one typo from a word that asks
// ("wich", "hwo", "wat"), and is neither such a word nor a common English
// one ("show", "hot").
func askingTypo(word string) bool {
	_, typo := askingWord(word)
	return typo
}

// askingWord returns the word that asks which a word is one typo from, when
// there is one such word ("wat": what; "hwo" is who or how, so none), and
// whether it is such a typo at all.
func askingWord(word string) (string, bool) {
	if w, ok := wordvec.Find(word); ok && w.Rank() < rareWordRank {
		return "", false
	}
	var found []string
	for _, w := range []string{"which", "what", "where", "when", "who", "whom", "whose", "how", "why"} {
		if word != w && len(word) >= 3 && oneEdit(word, w) {
			found = append(found, w)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", len(found) > 0
}

// mendAsking writes the mistyped words that ask of a question as the words
// they are ("wat date": what date), and a span of years in short as two
// years ("2022-23": 2022-2023), for the patterns that read its intent and
// its terms.
func mendAsking(q string) string {
	q = yearSpanRe.ReplaceAllStringFunc(q, func(m string) string {
		p := yearSpanRe.FindStringSubmatch(m)
		if p[3] <= p[2] {
			return m // "2022-21" is no span of years
		}
		return p[1] + "-" + p[1][:2] + p[3]
	})
	return asciiWordRe.ReplaceAllStringFunc(q, func(w string) string {
		if fixed, _ := askingWord(strings.ToLower(w)); fixed != "" {
			return fixed
		}
		return w
	})
}

// yearSpanRe finds a span of years written in short: "2022-23",
// "2022/23" (an academic or a fiscal year).
var yearSpanRe = regexp.MustCompile(`\b((?:19|20)(\d\d))[-–/](\d\d)\b`)

// asciiWordRe finds a word of ASCII letters.
var asciiWordRe = regexp.MustCompile(`\b[A-Za-z]+\b`)

// phrasalRe finds English words of two that news may write in one ("set
// up": established, "in charge": head), and phrasal gives that one word
// by the phrase's word that stands for it.
var (
	phrasalRe = regexp.MustCompile(`(?i)\b(?:set|sets|setting) up\b|\b(?:took|take|takes|taking) part\b|\b(?:carried|carry|carries|carrying) out\b|\b(?:called|call|calls) off\b|\b(?:put|puts) off\b|\bin charge\b`)
	phrasal   = map[string]string{"set": "established", "sets": "establishes", "setting": "establishing",
		"took": "participated", "take": "participate", "takes": "participates", "taking": "participating",
		"carried": "conducted", "carry": "conduct", "carries": "conducts", "carrying": "conducting",
		"called": "cancelled", "call": "cancel", "calls": "cancels", "put": "postponed", "puts": "postpones",
		"charge": "head"}
)

// affixes are the prefixes a hyphen parts from their word ("co-chair"):
// the word tells, not they ("ex-minister" keeps "ex", a qualifier).
var affixes = map[string]bool{"co": true}

// stopTypo reports whether a word of three letters or more is an English
// stop word with two letters swapped ("teh", "adn", "waht"), and not itself
// a common word ("won", "sued": "own", "used").
func stopTypo(word string) bool {
	if w, ok := wordvec.Find(word); ok && w.Rank() < typoWordRank {
		return false
	}
	b := []byte(word)
	for i := 0; len(b) >= 3 && i+1 < len(b); i++ {
		b[i], b[i+1] = b[i+1], b[i]
		if stopwords[string(b)] {
			return true
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	return false
}

// listCommandRe finds a question that bids the bot list something.
var listCommandRe = regexp.MustCompile(`(?i)(?:^|[,;:.?!]\s*|\b(?:pls|please|and|just)\s+)list\b`)

// questionWords are stems that ask rather than tell.
var questionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mani much whats what get got give pls anyon exact actual
		roughli rough approxim happen total number count mention suppos gonna wanna`) {
		m[w] = true
	}
	return m
}()

// mend returns the intent with the unit a question counts read as the word
// it mistyped ("how many genrators": generators).
func (q queryTerms) mend(in intent) intent {
	if fixed, ok := q.typos[in.unit]; ok {
		in.unit = fixed
	}
	return in
}

// match says how well a set of stems holds a question term: 1 exactly, 0.8
// for another form of the word.
func match(t string, set map[string]bool) float64 {
	switch {
	case set[t]:
		return 1
	case prefixMatch(t, set):
		return 0.8
	}
	return 0
}

// sentenceMemo keeps what scoreSentences reads of the sentences of one
// question's passages (their stems and whether they hold the kind of answer
// asked for, by document and offset; each chunk's sentence spans; each
// document's title stems), so that scoring the kept passages again after
// ranking the pool reads nothing twice.
type sentenceMemo struct {
	facts  map[string]*sentenceFacts
	titles map[string]*sentenceFacts
}

// sentenceFacts is what scoreSentences reads of a sentence (or a title):
// its stems, whether it holds the kind of answer asked for, and how well it
// holds each of the question's concepts.
type sentenceFacts struct {
	stems         []string // distinct, from the text's reading
	typed, valued bool
	// office: it names the office a who-question asks about (holdsOffice;
	// true for other questions).
	office bool
	// listed: it lists items ("A, B and C"), or the question asks for no
	// list.
	listed  bool
	matches []float64 // by concept, as qt.keys
}

func newSentenceMemo() *sentenceMemo {
	return &sentenceMemo{facts: map[string]*sentenceFacts{}, titles: map[string]*sentenceFacts{}}
}

// scoreSentences splits the passages into sentences and scores each by the
// weighted share of the question's terms it holds, with neighbourShare of
// it from its neighbours in the paragraph and its document's title, which
// often carry the subject the sentence only refers to. A sentence that lacks
// the kind of answer asked for (a number, a date, a name) keeps
// untypedPenalty of its score, one that misses a focus word (the question's
// rarest) that no document has absentPenalty, one of other years yearMiss.
//
// memo keeps what it reads of each sentence for the same question's next
// call (nil: nothing kept).
func (l *Library) scoreSentences(qt queryTerms, in intent, passages []Passage, memo *sentenceMemo) []*candidate {
	type sentence struct {
		c     *candidate
		facts *sentenceFacts
		prev  *sentence
		next  *sentence
		title *sentenceFacts
	}
	if memo == nil {
		memo = newSentenceMemo()
	}
	var all []*sentence
	seen := map[string]bool{}
	for _, p := range passages {
		title := memo.titles[p.Doc.ID]
		if title == nil {
			title = &sentenceFacts{stems: readText(p.Doc.Title, p.Doc.Language, false).stems[0]}
			memo.titles[p.Doc.ID] = title
		}
		read := readText(p.Chunk.Text, p.Doc.Language, true)
		spans := read.spans
		var prev *sentence
		for k, sp := range spans {
			text := p.Chunk.Text[sp.Start:sp.End]
			start := p.Chunk.Start + sp.Start
			key := p.Doc.ID + "@" + strconv.Itoa(start)
			f := memo.facts[key]
			if f == nil {
				f = &sentenceFacts{stems: read.stems[k], office: true, listed: !in.list || len(in.listSpans(text)) > 0}
				if in.kind == numberAnswer {
					figures := numberSpans(text, qt.stems) // hasType's, read once
					f.valued = len(figures) > 0
					if len(in.years) > 0 {
						// "What was trade worth in 2023?": not "USD 31
						// million in 2022".
						figures = slices.DeleteFunc(figures, func(m []int) bool { return otherYear(text, m, in.years) })
					}
					f.typed = len(figures) > 0
					if f.typed && in.unit != "" && !figureCounts(text, figures, p.Doc.Language, in.units()) {
						// "It will employ 140 people": 140 jobs.
						f.typed = in.unit == "job" && employs(f.stems) && figureCounts(text, figures, p.Doc.Language, counted{units: []string{"peopl", "worker"}})
					}
					if f.typed && in.value && !hasMoney(text, figures) {
						f.typed = false // a worth is a sum of money, not a share
					}
					if f.typed && in.population && !slices.ContainsFunc(termsIn(text, p.Doc.Language), func(s string) bool { return populationWords[s] }) {
						f.typed = false // "the plant employs 118 people" says nothing of who lives in Sumgait
					}
				} else if in.kind == nameAnswer {
					names := personNames(text, p.Doc.Language, qt.stems) // hasType's, read once
					if asksOffice(qt) {
						names = officeHolders(text, p.Doc.Language, qt, names) // the names that hold the office asked about
					}
					f.typed, f.valued = len(names) > 0, len(names) > 0
					f.office = holdsOffice(text, p.Doc.Language, qt)
				} else {
					f.typed = hasType(in.kind, text, p.Doc.Language, qt.stems)
					if f.typed && in.day {
						f.typed = slices.ContainsFunc(dateSpans(text, qt), func(m []int) bool { return !isYearOnly(text[m[0]:m[1]]) }) ||
							len(weekdaySpans(text, qt)) > 0 // "on Thursday" tells what day
					}
					f.valued = f.typed
				}
				memo.facts[key] = f
			}
			st := &sentence{
				c:     &candidate{doc: p.Doc, quote: Quote{Text: text, Start: start, End: p.Chunk.Start + sp.End}, typed: f.typed, valued: f.valued},
				facts: f,
				title: title,
			}
			if prev != nil && k > 0 && !strings.Contains(p.Chunk.Text[spans[k-1].End:sp.Start], "\n") {
				st.prev, prev.next = prev, st
				st.c.prev, prev.c.next = prev.c, st.c
			}
			if !f.office && (st.prev == nil || !st.prev.facts.office || !fragment(text)) {
				// "Who is the president of X?" is not answered by "X vice
				// president Osmany Labrada"; a sentence the source broke
				// off may have the office in its other half ("... the
				// Minister of Health of Azerbaijan. Teymur Musayev, ...").
				st.c.typed, st.c.valued = false, false
			}
			if in.kind == nameAnswer && st.prev != nil && !st.prev.c.typed && st.prev.facts.office && st.c.valued && fragment(text) {
				// The answer is in the half the source broke off ("... signed
				// by the Rector of the University of Havana. Marlene Oquendo
				// Ruiz, who ..."): the first half holds it too.
				st.prev.c.typed, st.prev.c.valued, st.prev.c.halved = true, true, true
			}
			prev = st
			if !seen[key] {
				seen[key] = true
				all = append(all, st)
			}
		}
	}
	if qt.total == 0 || len(all) == 0 {
		return nil
	}
	// How well each set of stems holds each concept (by the index of the
	// concept in qt.keys), worked out once per sentence and title.
	matchesOf := func(f *sentenceFacts) []float64 {
		if f.matches == nil {
			f.matches = qt.matches(f.stems)
			for _, run := range qt.names {
				last := f.matches[run[len(run)-1]]
				if last < 0.8 {
					continue
				}
				for _, i := range run {
					f.matches[i] = max(f.matches[i], last)
				}
			}
		}
		return f.matches
	}
	focus := make([]int, 0, len(qt.focus))
	for _, t := range qt.focus {
		focus = append(focus, slices.Index(qt.keys, t))
	}
	asked := qt.askedOrdinals()
	out := make([]*candidate, 0, len(all))
	for _, st := range all {
		own := matchesOf(st.facts)
		window := [][]float64{own, matchesOf(st.title)}
		if st.prev != nil {
			window = append(window, matchesOf(st.prev.facts))
		}
		if st.next != nil {
			window = append(window, matchesOf(st.next.facts))
		}
		c := st.c
		c.score = (1-neighbourShare)*qt.share(own) + neighbourShare*qt.share(window...)
		c.focus = true
		penalty := 1.0
		for _, i := range focus {
			m := 0.0
			for _, w := range window {
				m = max(m, w[i])
			}
			if m < 0.5 {
				c.focus = false
				if qt.absent[qt.keys[i]] {
					// A focus word no document has: most likely a question
					// the documents do not answer.
					penalty = absentPenalty
				}
			}
		}
		if (in.kind == dateAnswer || in.verb != "") && c.typed {
			held := [][]float64{own} // with the other half of a sentence the source broke in two
			if st.next != nil && fragment(st.next.c.quote.Text) {
				held = append(held, matchesOf(st.next.facts))
			}
			if st.prev != nil && fragment(st.c.quote.Text) {
				held = append(held, matchesOf(st.prev.facts))
			}
			if lacksEvent(qt, held) || lacksVerb(qt, in.verb, held) {
				// "When did Cuba open its embassy?" is not answered by a date
				// in a sentence that does not say it opened.
				c.typed, c.valued = false, false
			}
		}
		if !c.typed {
			c.score *= untypedPenalty
		}
		if c.halved {
			c.score *= halvedPenalty // a sentence that holds the name itself goes first
		}
		if !st.facts.listed && !(st.prev != nil && st.prev.facts.listed) && !(st.next != nil && st.next.facts.listed) {
			c.score *= unlistedPenalty // "which countries": a sentence that lists some
			if in.places {
				c.score *= unlistedPenalty
			}
		}
		for _, h := range qt.holders {
			if !h[c.doc.ID] {
				penalty = min(penalty, elsewherePenalty)
			}
		}
		c.score *= penalty
		if len(in.years) > 0 {
			c.score *= yearFit(in.years, c)
		}
		if otherOrdinalIn(asked, st.facts.stems, st.title.stems) {
			c.score *= ordinalMiss // "the second brigade" is not the one a report on the first is about
		}
		out = append(out, c)
	}
	return out
}

// lacksVerb reports whether a sentence, by the matches of its own words
// and of the half the source broke off from it, lacks the verb a "where
// did …" question ends with: "where did the ambassador study" is not
// answered by where she spoke.
func lacksVerb(qt queryTerms, verb string, matches [][]float64) bool {
	i := slices.Index(qt.keys, verb)
	if verb == "" || i < 0 {
		return false
	}
	return !slices.ContainsFunc(matches, func(m []float64) bool { return m[i] >= synonymScale })
}

// lacksEvent reports whether a sentence, by the matches of its own words
// and of the half the source broke off from it, lacks a concept of at
// least eventShare of the question's weight.
func lacksEvent(qt queryTerms, matches [][]float64) bool {
	for i, k := range qt.keys {
		if qt.weight[k] < eventShare*qt.total {
			continue
		}
		if !slices.ContainsFunc(matches, func(m []float64) bool { return m[i] >= synonymScale }) { // a synonym tells the event too
			return true
		}
	}
	return false
}

const eventShare = 0.35

// askedOrdinals returns the question's ordinals, as English stems ("the
// second brigade", "la segunda brigada": second).
func (q queryTerms) askedOrdinals() []string {
	var out []string
	for s := range q.stems {
		if ordinals[s] {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// otherOrdinalIn reports whether a sentence names other ordinals than the
// question's and none of them, or, naming none, its title does.
func otherOrdinalIn(asked, sentence, title []string) bool {
	if len(asked) == 0 {
		return false // the question counts nothing by order
	}
	for _, stems := range [][]string{sentence, title} {
		other := false
		for _, s := range stems {
			if slices.Contains(asked, s) {
				return false
			}
			other = other || ordinals[s]
		}
		if other {
			return true
		}
	}
	return false
}

// yearFit weighs a sentence by whether it speaks of the years the question
// names: by mentioning them, or by its document's date. The years are not
// concepts of the question (queryTerms leaves them out): this is their
// whole weight.
func yearFit(years []int, c *candidate) float64 {
	for _, y := range years {
		if strings.Contains(c.quote.Text, fmt.Sprint(y)) {
			return 1
		}
	}
	if p := c.doc.Published; !p.IsZero() {
		for _, y := range years {
			if p.Year() == y {
				return 1
			}
		}
		for _, y := range years {
			if p.Year() == y+1 {
				return yearAfter // a report of the year after may tell of that year, or of its own
			}
		}
	}
	return yearMiss
}

// listSpans returns the offsets in a sentence of what it lists for a list
// question, nil for none: names for places (namesListRe); otherwise the
// items after a colon ("three documents were signed: an Agreement on …, a
// Memorandum … and a Programme …"), or the items listed anywhere (listRe),
// each end item widened to the words of its own ("cataract surgery,
// glaucoma, retinal diseases and paediatric ophthalmology", not "surgery,
// … and paediatric").
func (in intent) listSpans(s string) [][]int {
	if in.places {
		return namesListRe.FindAllStringIndex(s, -1)
	}
	if m := colonListRe.FindStringSubmatchIndex(s); m != nil {
		return [][]int{m[2:4]}
	}
	var out [][]int
	for _, m := range listRe.FindAllStringIndex(s, -1) {
		out = append(out, widenList(s, m))
	}
	return out
}

// widenList returns a listRe match of s cut after the item that follows
// its first joining word and widened to its end items' words.
func widenList(s string, m []int) []int {
	start, end := m[0], m[1]
	// The list ends with the item after its first joining word: "Don
	// Quijote, Giselle y Coppelia", not "…, y cerró".
	for _, j := range []string{" and ", " y ", " e ", " as well as "} {
		if k := strings.Index(s[start:end], j); k >= 0 {
			after := start + k + len(j)
			w := strings.IndexFunc(s[after:end], func(r rune) bool { return r == ' ' || r == ',' })
			if w < 0 {
				w = end - after
			}
			end = min(end, after+w)
		}
	}
	// A word in lower case before names is no item of theirs ("During the
	// visit, Portal Miranda and Musayev").
	if c := strings.Index(s[start:end], ", "); c >= 0 && !startsUpper(s[start:]) && startsUpper(s[start+c+2:]) {
		return []int{start + c + 2, end}
	}
	// The first item's words before it, back to a function word or a
	// mark ("fragmentos de Don Quijote": "Don Quijote").
	for n := 0; n < 2; n++ {
		before := strings.TrimRight(s[:start], " ")
		if len(before) == len(s[:start]) || before == "" || strings.ContainsAny(before[len(before)-1:], ",;:.()\"") {
			break
		}
		i := strings.LastIndexByte(before, ' ') + 1
		w := before[i:]
		if itemStop(strings.ToLower(w)) || unicode.IsDigit(rune(w[0])) || startsUpper(s[m[0]:]) && !startsUpper(w) {
			break // a name is widened by names only ("include Vasily Smyslov": "Vasily Smyslov")
		}
		start = i
	}
	// The last item's words after it, up to a mark or a function word; a
	// name's, by names only ("San Luis y Guane recibieron": "Guane").
	last := strings.LastIndexByte(s[start:end], ' ') + start + 1
	for n := 0; n < 2 && end < len(s) && s[end] == ' '; n++ {
		w := wordAfter(s, end)
		if w == "" || itemStop(strings.ToLower(w)) || startsUpper(s[last:]) && !startsUpper(w) {
			break
		}
		end += 1 + len(w)
	}
	return []int{start, end}
}

// wordAfter returns the word that follows the space at s[end], up to the
// next space or mark ("" when a mark comes first).
func wordAfter(s string, end int) string {
	rest := s[end+1:]
	if j := strings.IndexFunc(rest, func(r rune) bool { return r == ' ' || strings.ContainsRune(",;:.()\"", r) }); j >= 0 {
		return rest[:j]
	}
	return rest
}

// itemStop reports whether a word ends a listed item: a function word of
// the three languages or a verb in -ed.
func itemStop(w string) bool { return functionWord(w) || strings.HasSuffix(w, "ed") }

// functionWord reports whether a lower-case word is a function word of
// English, Spanish or Portuguese.
func functionWord(w string) bool {
	return stopwords[w] || lang.IsStopword("es", w) || lang.IsStopword("pt", w)
}

// colonListRe finds the items listed after a colon, to the sentence's end.
var colonListRe = regexp.MustCompile(`:\s+([^:;]+?, [^:;]+?,? (?:and|y|e|as well as) [^:;]+?)[.;]?\s*$`)

// namesListRe finds names listed in a sentence: "Baku, Ganja and Sumgait".
var namesListRe = regexp.MustCompile(`\p{Lu}[\pL-]+(?: \p{Lu}[\pL-]+)*(?:, \p{Lu}[\pL-]+(?: \p{Lu}[\pL-]+)*)+,? (?:and|y|e) \p{Lu}[\pL-]+`)

// listRe finds items listed in a sentence: "A, B and C", "A, B y C".
var listRe = regexp.MustCompile(`[\pL\d-]+(?:, [\pL\d-]+(?: [\pL\d-]+){0,3})+,? (?:and|y|e|as well as) [\pL\d-]+`)

// isYear reports whether a stem is a year a question may name (1950-2049).
func isYear(stem string) bool { return len(stem) == 4 && yearRe.MatchString(stem) }

// The scorer's weights, tuned on the golden set's dev split (see
// TestRelevanceThresholdCalibrated and BENCHMARKS.md).
const (
	// neighbourShare is the part of a sentence's score that its
	// neighbours and its document's title may bring.
	neighbourShare = 0.45
	// untypedPenalty scales a sentence without the kind of answer asked for.
	untypedPenalty = 0.6
	// halvedPenalty scales a sentence whose answer is in the half the
	// source broke off after it.
	halvedPenalty = 0.95
	// absentPenalty scales a sentence when a focus word of the question is
	// in no document at all.
	absentPenalty = 0.5
	// elsewherePenalty scales a sentence of a document that lacks a name
	// the question asks about (capitalised in the question, with at least
	// nameShare of its weight).
	elsewherePenalty, nameShare = 0.5, 0.3
	// rareWordRank: a focus word of an English question below this rank
	// of GloVe's frequency order, or not in it, counts as a name.
	rareWordRank = 20_000
	// commonWordRank: a capitalised word alone above this rank of GloVe's
	// frequency order is no one's name ("Investment" 720, "Session" 1,261;
	// "Ali" is 1,990, "Castro" 3,988).
	commonWordRank = 1500
	// typoWordRank: a word below this rank of GloVe's frequency order is
	// a word, not a typo ("tow" 12,976; "teh" 18,628).
	typoWordRank = 15_000
	// Words of close meaning count from similarFloor cosine similarity, at
	// similarScale of it.
	similarFloor, similarScale = 0.55, 0.5
	// synonymScale is what a word of the same meaning by the hand-written
	// groups of rag/lang (en_synonyms.txt) counts: below the 0.5 a focus
	// word needs, so that a synonym ranks a sentence but never stands for
	// the question's focus (at 0.6 the held-out split lost refusals).
	synonymScale = 0.45
	// unitSimilar is the word-vector similarity from which a word counts
	// as the unit a question counts: words of one meaning ("physicians",
	// "doctors") reach 0.8, related ones ("hospitals", "doctors") 0.75.
	unitSimilar = 0.8
	// unlistedPenalty scales a sentence that lists nothing ("A, B and C"),
	// nor does a neighbour, for a question asking for a list.
	unlistedPenalty = 0.9
	// listNear is the share of the best sentence's score another sentence
	// needs to be quoted in the answer to a list question (0.8 otherwise).
	listNear = 0.6
	// leadNear is the share of the best sentence's score that a sentence
	// with a figure of what a "how many" or "what was it worth" question
	// asks needs to lead when the best has none.
	leadNear = 0.85
	// leadSameDoc is that share for a figure of what a "how many" question
	// counts in the best sentence's own report: the report names its
	// subject once and tells the figure further on.
	leadSameDoc = 0.6
	// conflictFloor is the share of the best sentence's score a sentence
	// counting the same unit needs to offer a rival figure.
	conflictFloor = 0.5
	// yearMiss scales a sentence that speaks of none of the question's
	// years, in a document not published then (or the year after).
	yearMiss = 0.6
	// yearAfter scales a sentence that names none of the question's
	// years, in a document published the year after one of them.
	yearAfter = 0.85
	// ordinalMiss scales a sentence about another of the things the
	// question counts by order (the first brigade for the second).
	ordinalMiss = 0.6
	// poolFactor: the answerer reranks poolFactor times the passages it
	// reads.
	poolFactor = 4
	// rankShare: in that reranking, the passage at rank r of the hybrid
	// search adds rankShare/r to its best sentence's score.
	rankShare = 0.05
)
