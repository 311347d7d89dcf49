package rag

import (
	"cabot/rag/lang"
	"cabot/rag/wordvec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// answerType is what kind of answer a question asks for.
type answerType int

const (
	anyAnswer answerType = iota
	numberAnswer
	dateAnswer
	nameAnswer
	placeAnswer
	ageAnswer  // how old someone is
	timeAnswer // a time of day
	// thingAnswer: the name of a thing ("What is the name of the Cuban
	// treatment for diabetic foot ulcers?"), not of a person.
	thingAnswer
)

// metaField is a document's metadata a question may ask for.
type metaField int

const (
	noMeta metaField = iota
	metaAuthor
	metaOutlet
	metaPublished
	metaLink
)

// intent is what a question asks, read from its words.
type intent struct {
	kind  answerType
	meta  metaField
	broad bool // an overview, not one fact
	list  bool // several items ("which countries", "name the cities")
	// places: the items are places ("in which cities"), named in the text.
	places bool
	// population: how many people live in a place; a figure of people
	// answers it only in a sentence about who lives there.
	population bool
	years      []int
	// unit is the stem of what a number question counts ("how many
	// nurses": "nurs"), "" when it names nothing.
	unit string
	// value: the question asks what something was worth or cost.
	value bool
	// day: a date question asks for the day ("what date", "on what
	// day"): a year alone does not answer it.
	day bool
	// unitAlts are the unit's other English stems, for a Spanish or
	// Portuguese question ("jóvenes": young beside youth).
	unitAlts []string
	// verb is the English stem of the verb a "where did …" or "when did
	// …" question ends with ("where did the ambassador study": studi), ""
	// for other questions.
	verb string
	// amount: the question asks how much, not how many: a sum or a
	// quantity ("five million dollars"), not a count ("the two countries").
	amount bool
	// people is the nation of the people a "how many" question names
	// beside what it counts ("how many Azerbaijani boxers": nationAz), ""
	// when it names none.
	people string
	// role: a who-question asks for a person by what they do, not by an
	// office ("who is the Cuban ballet teacher"): the holder of an office
	// a sentence names is not that person.
	role bool
}

// openingWhQ finds a question that opens with a question word other than
// "when".
var openingWhQ = regexp.MustCompile(`(?i)^[\s¿¡]*(?:and\s+|y\s+|e\s+)?(?:who|whom|whose|where|what|which|quién|quiénes|quien|quienes|quem|dónde|donde|onde|qué|que|cuál|cual|qual)(?:[^\pL\pN]|$)`)

// whenClause reports whether the only "when" of a question that opens with
// another question word starts a clause, and so asks for no date ("who
// spoke for the ministry when the aid was sent off?").
func whenClause(q string) bool {
	if !openingWhQ.MatchString(q) {
		return false
	}
	for _, m := range dateQ.FindAllString(q, -1) {
		switch strings.ToLower(m) {
		case "when", "cuando", "quando":
		default:
			return false // "what year", "qué día"
		}
	}
	return true
}

// amountQ asks how much of something there is.
var amountQ = regexp.MustCompile(`(?i)\b(?:how much|cu[aá]nt[oa]|quant[oa])\b`)

// unitQ finds what a "how many" question counts ("how much" measures an
// amount: "how much commerce" is answered by a sum, not by a count of
// commerce).
var unitQ = regexp.MustCompile(`(?i)\b(?:how many|what number of|cuántos|cuántas|cuantos|cuantas|quantos|quantas)\s+(?:of\s+the\s+|of\s+)?([\pL-]+(?:\s+[\pL-]+){0,2})`)

// ofGroupQ asks how many members of a group did something.
var ofGroupQ = regexp.MustCompile(`(?i)\bhow many of\b`)

// whoIsTheQ is "who is the …" and the words after it, up to a verb or a
// preposition's phrase: the person asked for ("who is the Cuban ballet
// teacher working in Baku": cuban ballet teacher).
var whoIsTheQ = regexp.MustCompile(`(?i)^\s*(?:and\s+)?(?:who|who's|whos|quién|quien|quem)(?:\s+(?:is|was|are|were|es|era|é|foi))?\s+(?:the|a|an|el|la|o|a)\s+((?:[\pL-]+\s*){1,4}?)(?:\s+(?:working|who|that|in|at|of|from|for|with|en|de|em|do|da|que)\b|\s*\?|\s*$)`)

// rankQ asks where someone finished in a ranking ("where did the team
// finish", "where did she place", "en qué lugar terminó").
var rankQ = regexp.MustCompile(`(?i)\bwhere\s+(?:did|does|do|will|has|have|had)\s+.+?\s+(?:finish|end up|place|rank|come)\b|\b(?:en qu[eé] (?:lugar|puesto)|em que (?:lugar|posi[cç][aã]o))\b`)

// percentQ asks for a share in percent: "what percentage of", "what share
// of", "qué porcentaje", "que percentagem", "what percent".
var percentQ = regexp.MustCompile(`(?i)\b(?:what|which|qu[eé]|qual|cu[aá]l)\s+(?:(?:a|la|el|o)\s+)?(?:percentage|percent|per cent|share|proportion|porcentaje|percentagem|porcentagem|proporci[oó]n|propor[cç][aã]o)\b|\bhow many percent\b|\bqu[eé] tanto por ciento\b`)

// percentUnit is the unit of a question of a share: a figure in percent
// ("82%", "49 percent", "el 82 por ciento").
const percentUnit = "(percent)"

// partQ asks how many of a group are something: that something is counted.
var partQ = regexp.MustCompile(`(?i)\bhow many of (?:the |them |those |these )?[^?]*?\b(?:are|were|was|is)\s+([\pL-]+)\s*\??\s*$`)

// pluralIrregular are English nouns that count things without an s.
var pluralIrregular = map[string]bool{"people": true, "staff": true, "personnel": true, "children": true,
	"men": true, "women": true, "cattle": true, "police": true, "youth": true}

// countedWord returns the word a "how many" question counts, from the words
// that follow it: in English the head of the noun phrase, its last plural
// word before a verb or a function word ("how many health workers were":
// "workers"); in Spanish and Portuguese, whose adjectives follow the noun,
// the first word.
func countedWord(words, language string) string {
	f := strings.Fields(words)
	if len(f) == 0 {
		return ""
	}
	for i, w := range f {
		if full, ok := shortForms[strings.ToLower(w)]; ok && !strings.Contains(full, " ") {
			f[i] = full // "how many ppl": people
		}
	}
	if language == "es" || language == "pt" {
		return f[0]
	}
	var run []string
	for _, w := range f {
		tks := tokenize(w)
		if len(tks) == 0 || tks[0].Stop {
			break
		}
		run = append(run, w)
	}
	if len(run) == 0 {
		return f[0]
	}
	for i := len(run) - 1; i >= 0; i-- {
		w := strings.ToLower(run[i])
		if pluralIrregular[w] || (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")) {
			return run[i]
		}
	}
	return run[0]
}

var (
	numberQ = regexp.MustCompile(`(?i)\b(how many|how much|what number|what was the count|what's the count|how large|how big|how far|how old|what percentage|what share|what stake|what price|cuántos|cuántas|cuantos|cuantas|cuánto|cuanto|quantos|quantas|quanto|a cuánto|qual (?:é|foi) o valor)\b`)
	dateQ   = regexp.MustCompile(`(?i)\b(when|what year|since when|until when|what date|what dates|which dates|the dates|what day|on what day|cuándo|cuando|en qué año|em que ano|quando|qué día|que dia)\b`)
	nameQ   = regexp.MustCompile(`(?i)^\s*(?:and\s+|y\s+|e\s+)?(?:who|whom|whose|quién|quienes|quiénes|quien|quem)\b|\b(?:what is the name|what's the name|whats the name|what was the name|name of|cómo se llama|como se llama|qual o nome|qual é o nome|who's|who is|who was|who did|who led|who signed)\b`)
	placeQ  = regexp.MustCompile(`(?i)\b(where|which city|which cities|what city|what province|which province|which port|which airport|dónde|donde|onde|en qué ciudad|em que cidade)\b`)
	listQ   = regexp.MustCompile(`(?i)\b(which countries|which cities|what cities|which products|what products|what medicines|which medicines|which specialties|what subjects|which fields|which areas|what areas|which provinces|name the|list|what oil products|whose vaccines|which famous|what's on the programme|what is on the programme|qué ciudades|en qué ciudades|quais)\b`)

	// currencyUnits are the English stems of the currencies a "how many"
	// question may count.
	currencyUnits = englishStems(`dollar dollars manat manats peso pesos euro euros rouble roubles ruble rubles`)

	// companyWords are the nouns for a firm after "which" or "what".
	companyWords = wordSet(`company companies firm firms distributor distributors corporation business laboratory lab
		empresa empresas compañía compania firma distribuidora laboratorio companhia laboratório`)

	// whichNounQ is "which" or "what" and the noun after it.
	whichNounQ = regexp.MustCompile(`(?i)\b(?:which|what|qué|cuál|qual|que)\s+(\pL+)`)

	// pluralQ is "which" or "what" before a plural noun: "which ballets",
	// "what documents", "¿qué países?".
	pluralQ = regexp.MustCompile(`(?i)\b(?:which|what|qué|cuáles|que)\s+([a-záéíóúñ]{3,}s)\b`)

	// placesQ asks for places: their names, listed.
	placesQ = regexp.MustCompile(`(?i)\b(?:cities|countries|towns|provinces|regions|places|ciudades|países|paises|provincias|regiones|cidades|regiões|regioes)\b`)

	// whoIsNameQ asks who a person it names is: "Who is Zaur Hajiyev?",
	// "¿Quién es Yoandra Pérez Lamas?".
	whoIsNameQ = regexp.MustCompile(`^\s*¿?\s*(?i:who(?:'s| is| was)|qui[eé]n es|qui[eé]n era|quem [eé]|quem era)\s+\p{Lu}[\pL'-]*(?:\s+(?:de|da|do|del|dos)?\s*\p{Lu}[\pL'-]*)*\s*\??\s*$`)

	// thingQ finds what a "what is the name of" question names: the words
	// up to a preposition or the end.
	thingQ = regexp.MustCompile(`(?i)\b(?:what is|what's|whats|what was|what are) the names? of (?:the |a |an |its |their |this |that )?([\pL'-]+(?: [\pL'-]+)*?)(?:\s(?:for|of|in|at|from|to|with|by|that|which|who|used|made)\b|\s*\?|$)`)

	authorQ    = regexp.MustCompile(`(?i)\b(who wrote|who authored|who's the author|who is the author|author of|authored|byline|written by|who(?:'s| is) the writer|the writer of|who penned|penned by|who reported the (?:story|article|piece|news)|qui[eé]n escribi[oó]|qui[eé]n es (?:el autor|la autora)|el autor del?|la autora del?|quem escreveu|quem (?:é|e) o autor|o autor d[ao]|quem assina)(?:[^\pL\pN]|$)`)
	outletQ    = regexp.MustCompile(`(?i)\b((?:which|what)(?: two| news)? (?:outlets?|agency|agencies|papers?|newspapers?|site|website|magazines?|journals?|media|publications?|wire|portal|blog)|outlets ran|outlet published|outlet ran|carried the|who (?:published|ran|carried|put out|issued|released) the (?:story|article|interview|piece|report|item|press release|release|statement|communiqu[eé])|where was the (?:story|article|interview|piece|report|feature) .*published|(?:what|which)(?:'s| is) the source of the (?:story|article|interview|piece|report)|(?:qu[eé]|cu[aá]l) (?:medio|revista|peri[oó]dico|diario|sitio|web|agencia|publicaci[oó]n)|(?:qual|que) (?:ve[ií]culo|site|revista|jornal|ag[eê]ncia|portal))\b`)
	publishedQ = regexp.MustCompile(`(?i)\b((when|what date|what day|which date|which day) was .+ (published|posted|released|written)|publication date|published on|date of publication|(?:when|what date|what day|which date|which day) did .+ (publish|run|post|put out|release|issue|come out)|published when|what(?:'s| is)? the date (?:on|of) the|cu[aá]ndo (?:se )?public[oó]|cu[aá]ndo sali[oó] (?:el|la) (?:art[ií]culo|nota|noticia|reportaje|entrevista)|(?:en )?qu[eé] fecha se public[oó]|fecha de publicaci[oó]n|quando foi publicad[oa]|quando saiu (?:o|a) (?:artigo|mat[eé]ria|reportagem|not[ií]cia|entrevista)|(?:em )?que data foi publicad[oa]|data de publica[cç][aã]o)(?:[^\pL\pN]|$)`)
	linkQ      = regexp.MustCompile(`(?i)\b(link|url|where can i read|web address|enlace)\b`)

	broadQ = regexp.MustCompile(`(?i)\b(overview|summar(y|ise|ize)|tell me about|what do .+ cooperate on|what do .+ work together on|how do the two|how have .+ developed|what's the .+ side|what is the .+ side|are there any .+ (links|ties)|the story of|from start to finish|in the last few years|in general|relations between|relationship between|ties between|what came out of|what (?:kind|kinds|sort|sorts|type|types) of .*(?:cooperation|relations|ties|links|exchanges)|cooperation between|what (?:[\pL-]+ ){0,3}(?:exchanges|projects|links|ties|contacts|initiatives) (?:are there|exist|have there been|have|has|did)|what (?:have|has|did|do) .+ (?:done|doing|do) together|what(?:'s|’s| is|s) (?:been )?(?:happening|going on) (?:between|with)|qué cooperación|(?:en|de) qué cooperan|em que cooperam|resumen|resumo|háblame de|hableme de|fale-me (?:de|sobre)|relaciones entre|relações entre)\b`)

	// endVerbQ is a "where did …" or "when did …" question and the verb it
	// ends with.
	endVerbQ = regexp.MustCompile(`(?i)^\s*(?:and\s+)?(?:where|when)\s+(?:did|does|do|will)\s+[^?]*?([\pL]+)\s([a-z]+)\s*\??\s*$`)

	// goingQ asks how something is going, at the question's end ("how is
	// trade going between cuba and azerbaijan?", not "how is the plant
	// going to be financed?").
	goingQ = regexp.MustCompile(`(?i)\bhow (?:is|are) [^?]+ (?:going|doing|developing)(?: (?:between|with) [^?]+)?\s*\??\s*$`)

	// valueQ asks what something was worth or cost: a figure, and "worth"
	// or "cost" are the asking words, not words to match. (\b is ASCII's:
	// "costó" ends without one.)
	valueQ = regexp.MustCompile(`(?i)\b(?:(?:what|how much) (?:was|is|were|are|will) .+ (?:be )?worth|(?:what|how much) (?:did|does|will|would) .+ cost|what (?:was|is) the (?:value|worth|cost|price|salary|wage|pay) of|what(?:'s|’s| is| was| are| were) [\pL' -]+(?:'s|’s) (?:salary|wage|pay|income|price|cost)|how much (?:does|did|do|will) .+ (?:earn|make|pay|charge)|how much (?:was|were|is|are) |how much (?:money|cash|funding)\b)\b|\b(?:cu[aá]l (?:fue|es|era) el (?:valor|costo|coste)|qu[eé] valor|qual (?:foi|é|e|era) o (?:valor|custo)|qual o (?:valor|custo))\b|\bcu[aá]nto (?:cost[oó]|cuesta|costar[aá]|val[ií]a|vali[oó]|vale)|\bquanto (?:custou|custa|custará|custava|valia|valeu|vale)`)

	// dayQ asks on what day something happened.
	dayQ = regexp.MustCompile(`(?i)\b(what date|what dates|which date|which dates|the dates|what day|which day|qu[eé] d[ií]a|qu[eé] fecha|que dia|que data)\b`)

	// measureQ asks for a quantity by its name: "what's the efficacy of
	// X", "what is the capacity of the plant".
	measureQ = regexp.MustCompile(`(?i)\bwhat(?:'s|’s| is| was| are| were| will be)\s+(?:the\s+|its\s+|their\s+)?(?:exact\s+|current\s+|total\s+|annual\s+|average\s+|monthly\s+|yearly\s+)?(?:efficacy|effectiveness|rate|percentage|share|price|budget|salary|wage|revenue|income|gdp|capacity|size|length|distance|height|weight|duration|turnover|volume|output)\b`)

	// durationQ asks how long something lasted or will last.
	durationQ = regexp.MustCompile(`(?i)\b(?:how long|for how long|how many (?:days|weeks|months|years)|cu[aá]nto tiempo|por cu[aá]nto tiempo|quanto tempo|por quanto tempo|durante quanto tempo)\b`)

	// populationQ asks for the population of a place.
	populationQ = regexp.MustCompile(`(?i)\b(?:population|população|poblaci[oó]n|popula[cç][aã]o|how many (?:people|persons|inhabitants|residents) (?:live|lived|are living)|how many inhabitants|cu[aá]ntos habitantes|cu[aá]ntas personas viven|quantos habitantes|quantas pessoas vivem)\b`)

	timeQ = regexp.MustCompile(`(?i)\b(what time|at what time|what hour|a qu[eé] hora|que horas|a que horas)\b`)

	ageQ = regexp.MustCompile(`(?i)\b(how old|what age|at what age|qué edad|que edad|cuántos años tiene|cuantos anos tem|quantos anos tem|que idade)\b`)

	yearRe = regexp.MustCompile(`\b(19[5-9]\d|20[0-4]\d)\b`)
)

// namesPerson reports whether a noun phrase names a person: its last word
// is a noun for people or an office ("Azerbaijan's foreign minister", "the
// Cuban doctor"; not "the Cuban treatment"), in English.
func namesPerson(words string) bool {
	toks := tokenize(words)
	if len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1].Stem
	return personWords[last] || offices[last]
}

func readIntent(q string) intent {
	q = mendAsking(q)
	var in intent
	switch {
	case authorQ.MatchString(q):
		in.meta = metaAuthor
	case outletQ.MatchString(q):
		in.meta = metaOutlet
	case linkQ.MatchString(q) && !numberQ.MatchString(q):
		in.meta = metaLink
	case publishedQ.MatchString(q):
		in.meta = metaPublished
	}
	value, rank := valueQ.MatchString(q), rankQ.MatchString(q)
	switch {
	case ageQ.MatchString(q):
		in.kind = ageAnswer
	case timeQ.MatchString(q):
		in.kind = timeAnswer
	case numberQ.MatchString(q) || value:
		in.kind = numberAnswer
		in.value = value
		in.amount = amountQ.MatchString(q)
	case dateQ.MatchString(q) && !whenClause(q):
		in.kind = dateAnswer
	case rank:
		// "Where did the team finish?" asks for a place in a ranking
		// ("ninth"), not a place on the map.
	case placeQ.MatchString(q):
		in.kind = placeAnswer
	case whoIsNameQ.MatchString(q):
		// "Who is Zaur Hajiyev?" asks what he is, not for a name.
	case nameQ.MatchString(q):
		in.kind = nameAnswer
		if m := thingQ.FindStringSubmatch(q); m != nil && !namesPerson(m[1]) {
			in.kind = thingAnswer
		}
	}
	if m := whichNounQ.FindStringSubmatch(q); m != nil && (in.kind == nameAnswer || in.kind == anyAnswer) && companyWords[strings.ToLower(m[1])] {
		in.kind = thingAnswer // "which company distributes it": a firm's name, not a person's
	}
	if (in.kind == anyAnswer || in.kind == numberAnswer) && populationQ.MatchString(q) {
		in.kind, in.unit, in.population = numberAnswer, "peopl", true // a population is a number of people
	}
	if (in.kind == anyAnswer || in.kind == numberAnswer && in.unit == "") && durationQ.MatchString(q) {
		in.kind, in.unit = numberAnswer, durationUnit // "how long": a figure of days, months, years
	}
	if in.kind == anyAnswer && measureQ.MatchString(q) {
		in.kind = numberAnswer // "what's the efficacy of X": a figure
	}
	if in.kind == anyAnswer && !whoIsNameQ.MatchString(q) && !rank {
		switch lang.QuestionKind(lang.Detect(q), q) {
		case lang.KindNumber:
			in.kind = numberAnswer
		case lang.KindDate:
			in.kind = dateAnswer
		case lang.KindName:
			in.kind = nameAnswer
		case lang.KindPlace:
			in.kind = placeAnswer
		}
	}
	if m := unitQ.FindStringSubmatch(q); m != nil && in.kind == numberAnswer {
		language := lang.Detect(q)
		word := countedWord(m[1], language)
		switch p := partQ.FindStringSubmatch(q); {
		case p != nil:
			word = p[1] // "how many of the students are women": women
		case ofGroupQ.MatchString(q):
			word = "" // "how many of the first brigade had fought": its members, by any name
		}
		for _, w := range strings.Fields(m[1]) {
			if n := nationOf(w); n != "" {
				in.people = n // "how many Azerbaijani boxers", "cuántos médicos cubanos"
			}
		}
		if cs := concepts(word, language); len(cs) > 0 {
			// The English stem, for another language: its own stem when
			// that is an English word it means ("viales": "vial", not
			// "bottle").
			c := cs[0]
			in.unit = c[len(c)-1]
			if (language == "es" || language == "pt") && slices.Contains(lang.ToEnglish(language, strings.ToLower(word)), c[0]) {
				in.unit = c[0]
			}
			if language == "es" || language == "pt" {
				// Any English word it may mean counts it ("jóvenes":
				// young, youth), when they all mean one thing: not the
				// verbs of the same lexicon line ("integrantes": integr,
				// form, member).
				alts := slices.DeleteFunc(slices.Clone(c[1:]), func(u string) bool { return u == in.unit })
				if !slices.ContainsFunc(alts, func(u string) bool { return wordvec.Similarity(wordOf(u), wordOf(in.unit)) < 0.5 }) {
					in.unitAlts = alts
				}
			}
		}
	}
	if (in.kind == anyAnswer || in.kind == numberAnswer) && percentQ.MatchString(q) {
		in.kind, in.unit, in.unitAlts = numberAnswer, percentUnit, nil // "what percentage", "qué porcentaje": a share
	}
	if currencyUnits[in.unit] {
		in.unit, in.unitAlts, in.value = "", nil, true // "how many manat is the package": a sum of money
	}
	if m := whoIsTheQ.FindStringSubmatch(q); m != nil && in.kind == nameAnswer {
		for _, w := range strings.Fields(m[1]) {
			if st := stem(strings.ToLower(w)); personWords[st] && !offices[st] && countryWords[strings.ToLower(w)] == "" {
				in.role = true
			}
		}
	}
	in.day = in.kind == dateAnswer && dayQ.MatchString(q)
	if m := endVerbQ.FindStringSubmatch(q); m != nil && (in.kind == dateAnswer || in.kind == placeAnswer) {
		// The last word is the verb unless a function word makes it a
		// noun's or a place's ("stop on the way", "arrive in Baku").
		if ts := tokenize(m[1] + " " + m[2]); len(ts) == 2 && !ts[0].Stop && !ts[1].Stop {
			in.verb = ts[1].Stem
		}
	}
	in.list = listQ.MatchString(q) || in.kind != numberAnswer && asksPlural(q)
	in.places = in.list && placesQ.MatchString(q)
	in.broad = in.meta == noMeta && (broadQ.MatchString(q) || goingQ.MatchString(q))
	for _, m := range yearRe.FindAllString(q, -1) {
		y, _ := strconv.Atoi(m)
		in.years = append(in.years, y)
	}
	return in
}

// lowerWords returns q's words lower-cased, for phrase checks.
func lowerWords(q string) string {
	return " " + strings.Join(strings.Fields(strings.ToLower(q)), " ") + " "
}

// notPlural are words in -s after "which" or "what" that are no plural
// nouns: verbs ("what happens"), "news", "series", Spanish "tres". (Words
// of three letters are never read as plurals, nor words in -ss, -us, -is.)
var notPlural = wordSet(`does happens means makes remains goes comes costs news series species tres`)

// asksPlural reports whether a question asks "which" or "what" things of
// a plural noun: several items, a list.
func asksPlural(q string) bool {
	for _, m := range pluralQ.FindAllStringSubmatch(q, -1) {
		w := strings.ToLower(m[1])
		if !notPlural[w] && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			return true
		}
	}
	return false
}

// units returns the stems a figure's words may count the question's unit
// by: the unit and its other English stems.
func (in intent) units() counted {
	return counted{units: append([]string{in.unit}, in.unitAlts...), people: in.people}
}

// counted is what a "how many" question counts: any of its units, of the
// people it names, if any.
type counted struct {
	units  []string
	people string
}

// The nations a people's name tells of (see nationOf).
const (
	nationCu = "cu"
	nationAz = "az"
)

// nationOf returns the nation a people's name tells of, in any of the
// three languages ("Azeri", "cubanos"), "" for any other word.
func nationOf(word string) string {
	w := strings.ToLower(foldAccents(word))
	switch {
	case !peoples[w]:
		return ""
	case strings.HasPrefix(w, "cuba"):
		return nationCu
	}
	return nationAz
}
