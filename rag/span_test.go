package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"cabot/corpus"
)

// The figures a number question may be answered with: not a year, not the
// day of a date, not part of a name, not the question's own figure.
func TestNumberSpans(t *testing.T) {
	q := stemSet("How much will the 60 Cuban specialists be paid?", "en")
	for _, c := range []struct {
		sentence string
		want     []string
	}{
		{"A brigade of 115 Cuban health workers arrived on Saturday, May 23.", []string{"115 Cuban health"}},
		{"The arrival in 2020 of Cuban health professionals to help with COVID 19 was a milestone.", nil},
		{"In 2021, the Soberana 02 vaccine reached 2020 doctors.", []string{"2020 doctors"}},
		{"Under the agreement 60 Cuban specialists will work from September 2025.", nil},
		{"Each will earn USD 1,200 a month.", []string{"USD 1,200 a month"}},
		{"La inversión fue de 24 millones de dólares.", []string{"24 millones de dólares"}},
		// A date's day, in a dateline or in the text, is no figure.
		{"La Habana, 28 may (RHC) — Una brigada de 117 colaboradores arribó el 25 de mayo a Bakú.", []string{"117 colaboradores arribó"}},
		// A rank is no count, nor a year after a word of time.
		{"Cuba ranked 71st among its trading partners, with 0.1 percent.", []string{"0.1 percent"}},
		{"O programa, que desde 2021 leva 16 oftalmologistas cubanos ao interior.", []string{"16 oftalmologistas cubanos"}},
		// The sentence's first word is no name the figure belongs to; a
		// name in capitals is.
		{"Participaron 22 profesores azerbaiyanos de Bakú.", []string{"22 profesores azerbaiyanos"}},
		{"COVID 19 reached Baku.", nil},
	} {
		var got []string
		for _, m := range numberSpans(c.sentence, q) {
			got = append(got, c.sentence[m[0]:m[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("numberSpans(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
}

// An age question is answered with the age the article gives.
func TestAgeSpans(t *testing.T) {
	qt := queryTerms{stems: stemSet("How old is Tarlan Mammadli?", "en")}
	in := readIntent("How old is Tarlan Mammadli?")
	if in.kind != ageAnswer {
		t.Fatalf("readIntent: kind %v; want ageAnswer", in.kind)
	}
	for _, c := range []struct{ sentence, want string }{
		{"Mammadli, 24, finished the double round robin with 6.5 points from 10 games.", "24"},
		{"The 58-year-old surgeon led the brigade.", "58"},
		{"Entre los recién llegados está Murad Aliyarov, de 18 años, natural de Ganyá.", "18"},
		{"Mammadli won 6.5 points from 10 games.", ""},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
		if typed := hasType(in.kind, c.sentence, "en", qt.stems); typed != (c.want != "") {
			t.Errorf("hasType(%q) = %v; want %v", c.sentence, typed, c.want != "")
		}
	}
}

// A who-question is answered with the person's name, not with the office or
// title that comes before it.
func TestNameSpansLeaveOffices(t *testing.T) {
	qt := queryTerms{stems: stemSet("Who led the first Cuban brigade?", "en")}
	in := readIntent("Who led the first Cuban brigade?")
	for _, c := range []struct{ sentence, want string }{
		{"It is led by Dr. Yoandra Pérez Lamas, an intensive care specialist.", "Yoandra Pérez Lamas"},
		{"The stone was laid by Deputy Minister of Economy Nurlan Seyidli on Monday.", "Nurlan Seyidli"},
		{"They were received by Vice President Salvador Valdés Mesa.", "Salvador Valdés Mesa"},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
}

// A who-question is answered by a person, not by the place where something
// happened ("celebrada en La Habana"), and of two names the one nearest to
// the question's words wins, measured from the name's near end
// ("Musayev, to his Cuban counterpart, José Ángel Portal Miranda").
func TestNameSpansPeopleNotPlaces(t *testing.T) {
	// "Which company …?" asks for a firm's name, not a place's.
	if q, s := "Which company distributes the medicine?", "The medicine is distributed in Azerbaijão by Khazar Pharma, based in Baku."; readIntent(q).kind != thingAnswer ||
		spanText(readIntent(q), queryTerms{stems: stemSet(q, "en")}, s) != "Khazar Pharma" {
		t.Errorf("%q: kind %v, span %q; want a thing, Khazar Pharma", q, readIntent(q).kind, spanText(readIntent(q), queryTerms{stems: stemSet(q, "en")}, s))
	}
	for _, c := range []struct{ question, sentence, want string }{
		{"What's the name of Azerbaijan's foreign minister?",
			"Las jornadas fueron acordadas durante la ronda de consultas entre las cancillerías, celebrada en La Habana.", ""},
		{"Who met the delegation?", "The delegation was met at Baku by Minister Teymur Musayev.", "Teymur Musayev"},
		// An institution is no one, nor is the place a report was filed from.
		{"Who signed the chess agreement for Cuba?", "On May 18, the Azerbaijan Chess Federation and the Cuban Chess Federation signed an agreement.", ""},
		{"Who received the delegation?", "BAKÚ, 3 mar (AAN) — La delegación fue recibida por Ilham Aliyev.", "Ilham Aliyev"},
		{"Who signed the memorandum for AMU?", "Azerbaijan Medical University (AMU) and the University of Medical Sciences of Havana signed it.", ""},
		{"Who did the delegation meet?", "The delegation met the rector of Azerbaijan Medical University, Professor Zaur Hajiyev.", "Zaur Hajiyev"},
		{"Who is the Cuban counterpart of the Azerbaijani health minister?",
			"Teymur Musayev, to his Cuban counterpart, José Ángel Portal Miranda, who was also part of the delegation.", "José Ángel Portal Miranda"},
		// A city is no one, nor a firm, nor a title in quotation marks.
		{"Who organised the tour?", "The idea came after a tour of Azerbaijani students through La Habana in 2019.", ""},
		{"Who spoke to the press?", "The director general of Khazar Pharma spoke by telephone.", ""},
		{"Who danced at the gala?", `The State Theatre hosted the gala "Noche Azul" with four dancers.`, ""},
		// Nor is an event, nor a common word alone.
		{"Who was the co-chair of the working group?",
			"The talks took place at the Ministry of Foreign Trade and Foreign Investment, the First Session of the Working Group.", ""},
		{"Who was the co-chair of the working group?",
			"The Azerbaijani party was headed by the Deputy Minister of Economy, Ramil Huseynzada.", "Ramil Huseynzada"},
		// A ministry's field the question names is part of the office, and
		// a question about a deputy is answered by the deputy.
		{"who was the azerbaijani deputy agriculture minister at the cotton seed handover",
			`Deputy Minister of Agriculture Anar Mustafayev said Azerbaijan was ready to share "everything we have learned".`, "Anar Mustafayev"},
		// A question that names a deputy beside the minister it asks for
		// asks for the minister, whose ministry's long name does not part
		// him from his office.
		{"wich cuban minister of foreign trade met the azerbaijani deputy fm in havana",
			"In the course of his program, the Azerbaijani Deputy Minister was received by the Minister of Foreign Trade and Foreign Investment, Ramiro Ochoa Valdivia, with whom he exchanged views.",
			"Ramiro Ochoa Valdivia"},
		// Nor is a place after its kind ("el municipio de Yara"), a
		// delegation, nor an acronym alone.
		{"who is in charge of the cotton trial",
			"Bayamo, 4 may (ABP) Con la siembra en la Estación Experimental de Veguitas, en el municipio de Yara, comenzó el ensayo, informaron fuentes de la Delegación Provincial.", ""},
		// The rest of the name the question gives is no one.
		{"who signed the digital transformation memorandum for the cuban side",
			"In Havana it was signed a Memorandum of Understanding in the field of the digital transformation.", ""},
	} {
		qt := queryTerms{stems: stemSet(c.question, "en")}
		in := readIntent(c.question)
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("%q: spanOf(%q) = %q; want %q", c.question, c.sentence, got, c.want)
		}
		if typed := hasType(in.kind, c.sentence, "en", qt.stems); typed != (c.want != "") {
			t.Errorf("%q: hasType(%q) = %v; want %v", c.question, c.sentence, typed, c.want != "")
		}
	}
}

// A who-question about an office is answered by the name beside that
// office, not by another name of the sentence, nor by a name joined to it
// by "and" ("Marlene Oquendo Ruiz, y por el embajador ...").
func TestNameSpansHoldTheOffice(t *testing.T) {
	for _, c := range []struct{ question, sentence, want string }{
		{"Who is Azerbaijan's ambassador to Cuba?",
			"Azerbaijan's ambassador to Cuba, Kamran Safarli, handed Mammadli a bouquet of flowers.", "Kamran Safarli"},
		{"Who was Azerbaijan's ambassador to Cuba before Kamran Safarli?",
			"Azerbaijan's ambassador to Cuba, Kamran Safarli, handed Mammadli a bouquet of flowers.", ""},
		{"Who is the ambassador of Azerbaijan in Cuba?",
			"The students were met by the rector, Marlene Oquendo Ruiz, and by the ambassador of Azerbaijan, Kamran Safarli.", "Kamran Safarli"},
		{"Who is the rector of the university?",
			"The students were met by the rector, Marlene Oquendo Ruiz, and by the ambassador of Azerbaijan, Kamran Safarli.", "Marlene Oquendo Ruiz"},
	} {
		qt := queryTerms{stems: stemSet(c.question, "en")}
		if got := spanText(readIntent(c.question), qt, c.sentence); got != c.want {
			t.Errorf("%q: spanOf(%q) = %q; want %q", c.question, c.sentence, got, c.want)
		}
	}
}

// In a Spanish report too, a name after an office of its own holds that
// one, and a verb is no office ("presidió": chaired).
func TestNameSpansHoldTheOfficeInSpanish(t *testing.T) {
	for _, c := range []struct{ question, sentence, want string }{
		{"Who is the president of Azerbaijan?",
			"El vicepresidente cubano Salvador Valdés Mesa fue recibido por el presidente de Azerbaiyán, Ilham Aliyev.", "Ilham Aliyev"},
	} {
		qt := queryTerms{stems: stemSet(c.question, "en")}
		got := ""
		if sp := spanOf(readIntent(c.question), &candidate{doc: DocInfo{Language: "es"}, quote: Quote{Text: c.sentence}}, qt); sp != nil {
			got = sp.Text
		}
		if got != c.want {
			t.Errorf("%q: spanOf(%q) = %q; want %q", c.question, c.sentence, got, c.want)
		}
	}
}

// spanText is the answer spanOf finds in a sentence, "" for none.
func spanText(in intent, qt queryTerms, sentence string) string {
	if sp := spanOf(in, &candidate{quote: Quote{Text: sentence}}, qt); sp != nil {
		return sp.Text
	}
	return ""
}

// A question of what something was worth asks for a sum of money: a
// sentence whose only figure is a share does not hold the answer, and in a
// sentence with both the sum is the answer.
func TestValueSpans(t *testing.T) {
	const q = "What was Cuba-Azerbaijan trade worth in 2022?"
	qt := queryTerms{stems: stemSet(q, "en")}
	in := readIntent(q)
	if in.kind != numberAnswer || !in.value {
		t.Fatalf("readIntent(%q): kind %v, value %v; want a number question about a value", q, in.kind, in.value)
	}
	for _, c := range []struct {
		sentence string
		money    bool
		want     string
	}{
		{"Trade between the two reached USD 28.4 million in 2022, or 0.1 percent of the total.", true, "USD 28.4 million"},
		{"Cuba accounted for less than 0.1 percent of Azerbaijan's foreign trade in 2022.", false, "0.1 percent"},
		{"The neurology ward of Eureka hospital treated 40 patients.", false, "40 patients"},
	} {
		if got := hasMoney(c.sentence, numberSpans(c.sentence, qt.stems)); got != c.money {
			t.Errorf("hasMoney(%q) = %v; want %v", c.sentence, got, c.money)
		}
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
	// A sum in Portuguese or Spanish keeps its scale and currency words.
	const big = "How big was bilateral trade in 2024?"
	for sentence, want := range map[string]string{
		"O comércio bilateral atingiu 44,7 milhões de dólares em 2024.": "44,7 milhões de dólares",
		"El comercio llegó a 24 millones de dólares en 2024.":           "24 millones de dólares",
	} {
		if got := spanText(readIntent(big), queryTerms{stems: stemSet(big, "en")}, sentence); got != want {
			t.Errorf("spanOf(%q) = %q; want %q", sentence, got, want)
		}
	}
	// "How much" asks for an amount: a sum or a quantity, not a count.
	const much = "how much commerce was there back in 2019?"
	sentence := `He said trade between the two countries remained "modest, below five million dollars a year".`
	if got := spanText(readIntent(much), queryTerms{stems: stemSet(much, "en")}, sentence); got != "five million dollars" {
		t.Errorf("%q: spanOf(%q) = %q; want %q", much, sentence, got, "five million dollars")
	}
	if in := readIntent("How many doctors went?"); in.value {
		t.Errorf("readIntent(%q): value question; want a plain number question", "How many doctors went?")
	}
}

// A sentence counts what a question counts only through one of its
// figures: a year before the unit counts nothing.
func TestFigureCounts(t *testing.T) {
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		{"The arrival in 2020 of Cuban health professionals was a milestone.", false},
		{"A brigade of 120 health professionals arrived in Baku.", true},
		{"Forty professionals from Cuba began work this week.", true},
	} {
		if got := figureCounts(c.sentence, numberSpans(c.sentence, nil), "en", counted{units: []string{"profession"}}); got != c.want {
			t.Errorf("figureCounts(%q, profession) = %v; want %v", c.sentence, got, c.want)
		}
	}
}

// The words after a figure that may be its unit stop before the next
// figure, which is then found too.
func TestFigureSpansDoNotSwallowTheNext(t *testing.T) {
	s := "Trade between the two reached USD 28.4 million in 2022."
	var got []string
	for _, m := range numberSpans(s, nil) {
		got = append(got, s[m[0]:m[1]])
	}
	if want := []string{"two reached", "USD 28.4 million in"}; !slices.Equal(got, want) {
		t.Errorf("numberSpans(%q) = %q; want %q", s, got, want)
	}
}

// afterMonth and afterName read the end of a text as their patterns over
// the whole text would.
func TestAfterMonthAndNameReadTheEnd(t *testing.T) {
	nameBefore := regexp.MustCompile(`\b(\p{Lu}[\pL]+) $`)
	parts := []string{"May", "may", "Sept.", "september", "xmay", "Soberana", "COVID", "of", "The", "éSoberana", "Ébola",
		"día", "É", "a", "B", "2", "_", ".", ",", " ", "  ", "\t", "über", "Über"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(5) + 1 {
			b.WriteString(parts[r.IntN(len(parts))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		if got, want := afterMonth(text), monthBefore.MatchString(text); got != want {
			t.Fatalf("afterMonth(%q) = %v; the pattern says %v", text, got, want)
		}
		m := nameBefore.FindStringSubmatch(text)
		if got, want := afterName(text), m != nil && !stopwords[strings.ToLower(m[1])]; got != want {
			t.Fatalf("afterName(%q) = %v; the pattern says %v", text, got, want)
		}
	}
}

// Spanish and Portuguese questions of what something cost are value
// questions too, and their asking verb is not a word to match.
func TestValueQuestionsInOtherLanguages(t *testing.T) {
	for _, q := range []string{"¿Cuánto costó la planta de Sumgait?", "Quanto custou a fábrica de Sumgait?", "What did the plant cost?",
		"Qual foi o valor do comércio em 2024?", "¿Cuál fue el valor del comercio en 2022?",
		"What was the price of one Abdala dose?", "What is Tofig Mirzayev's salary?", "How much does a Cuban doctor earn in Baku?"} {
		if in := readIntent(q); in.kind != numberAnswer || !in.value {
			t.Errorf("readIntent(%q): kind %v, value %v; want a value question", q, in.kind, in.value)
		}
		lib, _ := newTestLibrary(t)
		if qt := lib.queryTerms(q); slices.ContainsFunc(qt.keys, func(k string) bool { return slices.Contains(qt.alts[k], "cost") }) {
			t.Errorf("queryTerms(%q) = %q: 'cost' is the asking word", q, qt.keys)
		}
	}
}

// A who-question about an office is answered only by a sentence naming
// that office without a qualifier the question lacks.
func TestHoldsOffice(t *testing.T) {
	for _, c := range []struct {
		question, sentence, language string
		want                         bool
	}{
		{"Who is the president of BioCubaFarma?", "It was laid by BioCubaFarma vice president Osmany Labrada Vidal.", "en", false},
		{"Who is the president of BioCubaFarma?", "He was received by its vice-president, Osmany Labrada Vidal.", "en", false},
		{"Who is the president of BioCubaFarma?", "The agreement was signed by BioCubaFarma and the Ministry of Health.", "en", false},
		{"Who is the president of BioCubaFarma?", "BioCubaFarma's president, Eduardo Martínez, opened the plant.", "en", true},
		{"Who is the vice president of BioCubaFarma?", "It was laid by BioCubaFarma vice president Osmany Labrada Vidal.", "en", true},
		{"What's the name of Azerbaijan's foreign minister?", "He met Deputy Foreign Minister Ramin Sadigov in Baku.", "en", false},
		{"What's the name of Azerbaijan's foreign minister?", "Incluyó al viceministro de Relaciones Exteriores Marcelino Fajardo Oliva.", "es", false},
		{"Who headed the Cuban delegation?", "The delegation was led by Marcelino Fajardo Oliva.", "en", true},
		{"Who is the president of Azerbaijan?", "Cuba y Azerbaiyán colaboran en el Movimiento de Países No Alineados, que Bakú presidió entre 2019 y 2023.", "es", false},
		{"Who is the director general of CIGB?", "CIGB's director of international relations, Idalmis Roque Benítez, said the transfer was on schedule.", "en", false},
		// The question's field of the office must be the sentence's.
		{"What's the name of Azerbaijan's foreign minister?", "An interest reiterated by the Minister of Health of Azerbaijan.", "en", false},
		{"What's the name of Azerbaijan's foreign minister?", "He was received by Foreign Minister Jeyhun Bayramov.", "en", true},
		{"Who is the Cuban minister of health?", "Cuba's Minister of Public Health, José Ángel Portal Miranda, opened it.", "en", true},
		{"What's the name of Azerbaijan's foreign minister?", "Se reunió con el ministro de Relaciones Exteriores, Jeyhun Bayramov.", "es", true},
	} {
		qt := queryTerms{stems: stemSet(c.question, "en")}
		if got := holdsOffice(c.sentence, c.language, qt); got != c.want {
			t.Errorf("holdsOffice(%q) for %q = %v; want %v", c.sentence, c.question, got, c.want)
		}
	}
}

// A figure given for another year than the question's does not answer it:
// "in 2023" is answered by "USD 36.2 million in 2023", not by the figure for
// 2024 before it.
func TestFigureOfTheYearAsked(t *testing.T) {
	const q = "What was bilateral trade worth in 2023?"
	qt := queryTerms{stems: stemSet(q, "en")}
	in := readIntent(q)
	s := "Trade reached a record USD 41.9 million in 2024, up from USD 36.2 million in 2023."
	if got := spanText(in, qt, s); got != "USD 36.2 million" {
		t.Errorf("spanOf(%q) = %q; want USD 36.2 million", s, got)
	}
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		{"Bilateral trade reached USD 31 million in 2022, the ministry said.", true},
		{"O comércio atingiu 44,7 milhões de dólares em 2024.", true},
		{"Trade reached USD 36.2 million in 2023.", false},
		{"Trade reached USD 36.2 million last year.", false},
	} {
		m := numberSpans(c.sentence, qt.stems)
		if len(m) == 0 {
			t.Fatalf("numberSpans(%q): no figure", c.sentence)
		}
		if got := otherYear(c.sentence, m[0], in.years); got != c.want {
			t.Errorf("otherYear(%q) = %v; want %v", c.sentence, got, c.want)
		}
	}
}

// The cache of readings keeps at most readingsKept texts, evicting the
// oldest, and gives each text's sentences and stems.
func TestReadingsAreBounded(t *testing.T) {
	forgetReadings()
	defer forgetReadings()
	r := readText("Cuban doctors arrived. They treated 77,000 patients.", "en", true)
	if len(r.spans) != 2 || !slices.Contains(r.stems[1], "patient") || slices.Contains(r.stems[0], "patient") {
		t.Fatalf("reading: %d sentences, stems %q", len(r.spans), r.stems)
	}
	if again := readText("Cuban doctors arrived. They treated 77,000 patients.", "en", true); again != r {
		t.Error("a text read again was not taken from the cache")
	}
	for i := range readingsKept + 10 {
		readText(fmt.Sprint("text ", i), "en", false)
	}
	readings.Lock()
	n := len(readings.m)
	readings.Unlock()
	if n != readingsKept {
		t.Errorf("cache holds %d readings; want %d", n, readingsKept)
	}
	if again := readText("Cuban doctors arrived. They treated 77,000 patients.", "en", true); again == r {
		t.Error("the oldest reading was not evicted")
	}
}

// A "how many X" question is answered only by a figure of X: "500,000
// doses" does not say how many people were vaccinated. A figure of members
// or staff counts people of any kind ("26 members of the brigades" counts
// medics), but a figure of years does not count people because a word
// after it means citizens.
func TestHowManyCountsWhatItAsks(t *testing.T) {
	for _, c := range []struct {
		text, language, unit string
		want                 bool
	}{
		{"26 members of the brigades received the medal", "en", "medic", true},
		{"115 Cuban health workers", "en", "worker", true},
		{"65 anos na cidade de Ganja", "pt", "peopl", false},
		{"500,000 doses in 2021", "en", "azerbaijani", false},
		{"a city of 345,000 inhabitants", "en", "peopl", true},
		{"120 aid workers travelled", "en", "peopl", false},
		{"120 aid workers traveled to Baku", "en", "peopl", false},
		{"the stand received more than 3,200 visitors", "en", "peopl", true},
		// The lexicons' news words count in the English they mean.
		{"aterrou em Varadero com 192 passageiros a bordo", "pt", "passeng", true},
		{"sembrarán 32 hectáreas de algodón", "es", "hectar", true},
	} {
		if got := countsUnit(c.text, c.language, counted{units: []string{c.unit}}); got != c.want {
			t.Errorf("countsUnit(%q, %q) = %v; want %v", c.text, c.unit, got, c.want)
		}
	}
	lib, _ := newTestLibrary(t, corpus.Document{Title: "Abdala vaccine in Azerbaijan", Language: "en",
		Text: "Azerbaijan bought 500,000 doses of the Cuban Abdala vaccine in 2021. The vaccine was used in Baku and Ganja."})
	ans, err := lib.Ask(context.Background(), Question{Text: "How many Azerbaijanis were vaccinated with Abdala?"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if ans.Grounded {
		t.Errorf("answered %q; want a decline: the article counts doses, not people", ans.Text)
	}
	ans, err = lib.Ask(context.Background(), Question{Text: "How many doses of Abdala did Azerbaijan buy?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.HasPrefix(ans.Text, "500,000 doses") {
		t.Errorf("answered %q (%v); want 500,000 doses first", ans.Text, err)
	}
}

// A question of what something was worth is answered by a sum of money: a
// sentence nearly as good that has one leads over the best without one, and
// with none the question is declined ("500,000 doses" is not a price).
func TestWorthWantsASum(t *testing.T) {
	doc := DocInfo{ID: "d", Title: "Trade", Language: "en"}
	cand := func(text string, score float64, typed bool) *candidate {
		return &candidate{doc: doc, quote: Quote{Text: text, End: len(text)}, score: score, typed: typed, valued: true}
	}
	ask := func(q string, cands ...*candidate) Answer {
		return compose(q, readIntent(q), queryTerms{stems: stemSet(q, "en")}, cands, nil, defaultAnswerOptions(), false)
	}
	ans := ask("What was bilateral trade worth in 2023?",
		cand("Bilateral trade reached USD 31 million in 2022, and the parties agreed to meet in 2023.", 0.6, false),
		cand("Trade between the two countries reached USD 36.2 million in 2023.", 0.58, true))
	if !ans.Grounded || !strings.HasPrefix(ans.Text, "USD 36.2 million") {
		t.Errorf("answered %q; want USD 36.2 million first", ans.Text)
	}
	ans = ask("How much did one dose of Abdala cost Azerbaijan?",
		cand("Azerbaijan bought 500,000 doses of the Cuban Abdala vaccine in 2021.", 0.5, false))
	if ans.Grounded {
		t.Errorf("answered %q; want a decline: no sentence gives a price", ans.Text)
	}
	// "How much were the tickets?" asks for a sum too, not for a count.
	if in := readIntent("how much were tickets for the gala"); !in.value {
		t.Errorf("how much were tickets: value %v; want a sum of money", in.value)
	}
}

// "How much money is going into X" asks for a sum: a figure of what the
// question names ("two data centres") is not one.
func TestHowMuchMoneyWantsASum(t *testing.T) {
	q := "how much money is going into the havana data centre"
	in := readIntent(q)
	if !in.value {
		t.Fatalf("%q: no sum asked for; want one", q)
	}
	s := "Shahdag Data Systems, the Baku operator of two commercial data centres, will invest $18.5 million in a data centre in Havana."
	if got := spanText(in, queryTerms{stems: stemSet(q, "en")}, s); got != "$18.5 million" {
		t.Errorf("spanOf(%q) = %q; want $18.5 million", s, got)
	}
}

// A sentence nearly as good as the best that holds its focus and a value of
// the kind asked for leads when the best holds none; one that does not hold
// the focus does not, and the question is declined.
func TestValueNearlyAsGoodLeads(t *testing.T) {
	doc := DocInfo{ID: "d", Title: "Relief", Language: "en"}
	cand := func(text string, score float64, valued, focus bool) *candidate {
		return &candidate{doc: doc, quote: Quote{Text: text, End: len(text)}, score: score, typed: valued, valued: valued, focus: focus}
	}
	q := "how much did the red crescent raise from the public?"
	ask := func(cands ...*candidate) Answer {
		return compose(q, readIntent(q), queryTerms{stems: stemSet(q, "en")}, cands, nil, defaultAnswerOptions(), false)
	}
	opened := "The Red Crescent Society has opened a bank account for donations from the public."
	ans := ask(cand(opened, 0.46, false, true), cand("By Wednesday it had collected 84,000 manats, the society said.", 0.42, true, true))
	if !ans.Grounded || !strings.HasPrefix(ans.Text, "84,000 manats") {
		t.Errorf("answered %q; want 84,000 manats first", ans.Text)
	}
	ans = ask(cand(opened, 0.46, false, true), cand("The ship carried 3,000 tonnes of cement.", 0.42, true, false))
	if ans.Grounded {
		t.Errorf("answered %q; want a decline: no figure of what was raised", ans.Text)
	}
}

// "How much" is no word to match, not even in a library that has no
// "much": it is not read as a mistyped "muchos".
func TestHowMuchIsNoWord(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Donativo", Language: "es", Text: "Muchos pacientes de Cárdenas recibieron tratamiento gracias al donativo."},
		corpus.Document{Title: "Dialysis unit", Language: "en", Text: "The foundation donated a dialysis unit to the hospital in Cárdenas. The total value of the donation is AZN 850,000."})
	qt := lib.queryTerms("how much was the dialysis donation worth in manats")
	for _, k := range qt.keys {
		if strings.HasPrefix(k, "much") {
			t.Errorf("question terms %q hold %q; want no word of \"how much\"", qt.keys, k)
		}
	}
	// Nor is chat's Spanish "q" or Portuguese "pra", nor "tendrá".
	for q, not := range map[string]string{"quien es la embajadora q estuvo en cárdenas": "q", "quando a delegação volta pra havana": "pra",
		"que porcentaje tendra la compañia": "tendra", "how does the unit make money, list the sources": "list",
		"how many patients was the unit supposed to treat": "suppos"} {
		if keys := lib.queryTerms(q).keys; slices.Contains(keys, not) {
			t.Errorf("%q: question terms %q hold %q; want it left out", q, keys, not)
		}
	}
	// Nor is a prefix a hyphen parts from its word, nor "mentioned", nor a
	// stop word with two letters swapped; "won" is a word.
	if keys := lib.queryTerms("who won teh donation").keys; slices.Contains(keys, "teh") || !slices.Contains(keys, "won") {
		t.Errorf("who won teh donation: question terms %q; want won and no teh", keys)
	}
	for q, not := range map[string]string{"who was the co-chair of the donation": "co", "name the patients mentioned in cárdenas": "mention"} {
		if keys := lib.queryTerms(q).keys; slices.Contains(keys, not) {
			t.Errorf("%q: question terms %q hold %q; want it left out", q, keys, not)
		}
	}
}

// A question of what time something happens wants a time of day: a
// sentence with only a year or a weekday does not answer it.
func TestTimeOfDay(t *testing.T) {
	const q = "What time does the salsa night start?"
	in := readIntent(q)
	if in.kind != timeAnswer {
		t.Fatalf("readIntent(%q).kind = %v; want timeAnswer", q, in.kind)
	}
	qt := queryTerms{stems: stemSet(q, "en")}
	for _, c := range []struct{ sentence, want string }{
		{"The salsa night starts at 9.30 p.m. every Friday.", "9.30 p.m."},
		{"La gala comenzó a las 20:30 en el Gran Teatro.", "20:30"},
		{"Every Friday a bar holds a salsa night that started in 2020.", ""},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
		if typed := hasType(in.kind, c.sentence, "en", qt.stems); typed != (c.want != "") {
			t.Errorf("hasType(%q) = %v; want %v", c.sentence, typed, c.want != "")
		}
	}
}

// A dateline's date is the report's, not the answer to when something
// happened.
func TestDatelineIsNoAnswer(t *testing.T) {
	const q = "When did Cuba chair the movement?"
	in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
	for _, c := range []struct{ sentence, want string }{
		{"BAKU, October 26 (CNA) — Cuba will support Azerbaijan throughout its chairmanship of the movement.", ""},
		{"La Habana, 28 may (RHC) — Cuba chaired the movement from 2006 to 2009.", "2006"},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
		if typed := hasType(in.kind, c.sentence, "en", qt.stems); typed != (c.want != "") {
			t.Errorf("hasType(%q) = %v; want %v", c.sentence, typed, c.want != "")
		}
	}
}

// "What date" asks for a day: a year alone does not answer it.
func TestWhatDateWantsADay(t *testing.T) {
	const q = "What date did the first brigade arrive in Azerbaijan?"
	in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
	if in.kind != dateAnswer || !in.day {
		t.Fatalf("readIntent(%q): kind %v, day %v; want a date question asking for a day", q, in.kind, in.day)
	}
	for _, c := range []struct{ sentence, want string }{
		{"The arrival of Cuban health professionals in 2020 marked a milestone.", ""},
		{"A brigade of 115 Cuban health workers arrived on Saturday, May 23, to help.", "on Saturday, May 23"},
		// A weekday alone is the day, when no date is given.
		{"The brigade arrived in Baku on Thursday after a long flight.", "Thursday"},
		{"La brigada llegó el jueves a Bakú.", "jueves"},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
	// and the report's date tells which Thursday: the last on or before it.
	pub := time.Date(2021, time.March, 12, 0, 0, 0, 0, time.UTC) // a Friday
	for name, want := range map[string]int{"Thursday": 11, "viernes": 12, "quinta-feira": 11, "Saturday": 6} {
		if d, ok := weekdayDate(name, pub); !ok || d.Day() != want || d.Month() != time.March {
			t.Errorf("weekdayDate(%q, %v) = %v, %v; want March %d", name, pub.Format(time.DateOnly), d, ok, want)
		}
	}
	l, _ := newTestLibrary(t, bundled(t)...)
	const day = "What day did Azerbaijan and Cuba sign the eye programme?"
	doc := DocInfo{ID: "a", Title: "Eye programme", Language: "en", Published: pub}
	text := "Azerbaijan and Cuba on Thursday signed a programme of eye surgery."
	c := &candidate{doc: doc, quote: Quote{Text: text, End: len(text)}, score: 0.8, typed: true, valued: true, focus: true}
	if ans := compose(day, readIntent(day), l.queryTerms(day), []*candidate{c}, nil, defaultAnswerOptions(), true); !strings.HasPrefix(ans.Text, "Thursday (11 March 2021).") {
		t.Errorf("answered %q; want Thursday (11 March 2021) first", ans.Text)
	}
	if _, ok := weekdayDate("Thursday", time.Time{}); ok {
		t.Errorf("weekdayDate with no publication date: a date; want none")
	}
	if got := spanText(readIntent("When did the brigade arrive?"), qt, "The brigade arrived in Baku on Thursday."); got != "" {
		t.Errorf("when (not what day): span %q; want none from a weekday alone", got)
	}
	if in := readIntent("When did the first brigade arrive?"); in.day {
		t.Errorf("readIntent(When …): day; want any date")
	}
}

// A question about a named place or body is not answered from a document
// that never names it: the women of a brigade are not the students at
// ASOIU.
func TestNamedSubjectStaysInItsDocuments(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Cuban brigade arrives in Baku", Language: "en",
			Text: "Of the 117 Cuban health workers in the brigade, 61 are women. They will work in Baku hospitals."},
		corpus.Document{Title: "Cuban students begin studies at ASOIU", Language: "en",
			Text: "Forty Cuban students began their studies at ASOIU this week. The students will study petroleum engineering."},
		corpus.Document{Title: "Cuban doctors in Ganja", Language: "en",
			Text: "Cuban doctors treated patients in Ganja. The Cuban students in Havana sent them a letter."})
	ans, err := lib.Ask(context.Background(), Question{Text: "How many of the Cuban students at ASOIU are women?"}, defaultAnswerOptions())
	if err != nil || ans.Grounded {
		t.Errorf("answered %q (%v); want a decline: no article says how many of the ASOIU students are women", ans.Text, err)
	}
}

// A place the question names in lower case counts as a name too when
// English rarely uses the word ("lankaran").
func TestLowerCaseNameStaysInItsDocuments(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Cuban brigades treated 77,000 patients", Language: "en",
			Text: "The Cuban brigades treated more than 77,000 patients in Azerbaijani hospitals in 2020 and 2021."},
		corpus.Document{Title: "Second brigade arrives", Language: "en",
			Text: "The second brigade will work in hospitals in Baku, Ganja, Sumgait and Lankaran, its head said."},
		corpus.Document{Title: "Cuban doctors in Baku", Language: "en",
			Text: "Cuban doctors treated patients in Baku. The hospitals of Baku thanked the Cuban doctors."},
		corpus.Document{Title: "Cuban nurses in Ganja", Language: "en",
			Text: "Cuban nurses treated patients in Ganja. The patients thanked them."})
	ans, err := lib.Ask(context.Background(), Question{Text: "how many patients did the cubans treat in lankaran?"}, defaultAnswerOptions())
	if err != nil || ans.Grounded {
		t.Errorf("answered %q (%v); want a decline: no article counts the patients of Lankaran", ans.Text, err)
	}
}

// Two stems are one word's forms when one is the other with a short ending
// or a suffix that makes a noun of it ("chair", "chairmanship"), not when
// the shorter is too short to tell ("hard", "hardship").
func TestSoftMatch(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"cuba", "cuban", true}, {"aliye", "aliyev", true}, {"chair", "chairmanship", true},
		{"friend", "friendship", true}, {"hard", "hardship", false}, {"chair", "chairwoman", false},
	} {
		if got := softMatch(c.a, c.b); got != c.want {
			t.Errorf("softMatch(%q, %q) = %v; want %v", c.a, c.b, got, c.want)
		}
	}
}

// A question asking for a list ("which countries") prefers a sentence that
// lists items ("Kazakhstan, Uzbekistan and Georgia") to one that only shares
// its words.
func TestListQuestionsPreferLists(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Sumgait plant to export medicines", Language: "en",
			Text: "The Sumgait plant will export medicines to other countries, the plant's director said.\n\n" +
				"The first products will be sold in Azerbaijan and later exported to Kazakhstan, Uzbekistan and Georgia."},
		corpus.Document{Title: "Cuban doctors in Baku", Language: "en",
			Text: "Cuban doctors worked in Baku. Azerbaijan thanked the doctors."})
	ans, err := lib.Ask(context.Background(), Question{Text: "Which countries will the Sumgait plant export to?"}, AnswerOptions{MinRelevance: 0.294, MaxSentences: 1, Passages: 6})
	if err != nil || !ans.Grounded || !strings.Contains(ans.Text, "Kazakhstan, Uzbekistan and Georgia") {
		t.Errorf("answered %q (%v); want the sentence that lists the countries", ans.Text, err)
	}
}

// Sources that disagree are shown side by side only when they answer the
// same question: what something cost is rivalled by another report of its
// cost, not by any sum; a question of one year by a report of that year;
// the first brigade's size not by the second's.
func TestRivalValues(t *testing.T) {
	doc := func(id string, published string) DocInfo {
		d := DocInfo{ID: id, Title: "Report " + id, Language: "en"}
		d.Published, _ = time.Parse(time.DateOnly, published)
		return d
	}
	cand := func(d DocInfo, text string, score float64) *candidate {
		return &candidate{doc: d, quote: Quote{Text: text, End: len(text)}, score: score, typed: true, valued: true, focus: true}
	}
	l, _ := newTestLibrary(t, bundled(t)...)
	ask := func(q string, cands ...*candidate) Answer {
		return compose(q, readIntent(q), l.queryTerms(q), cands, nil, defaultAnswerOptions(), false)
	}
	for _, c := range []struct {
		question string
		cands    []*candidate
		want     string // the start of the answer
		conflict bool
	}{
		{"How much did the Sumgait plant cost?", []*candidate{
			cand(doc("a", "2025-04-16"), "The plant, which cost USD 26.5 million, was opened on Monday.", 0.75),
			cand(doc("b", "2023-10-10"), "The investment is put at USD 24 million.", 0.45),
			cand(doc("c", "2025-02-12"), "Raw cane sugar remained the main Cuban product, at USD 6.1 million.", 0.6),
		}, "The sources differ: USD 26.5 million (Report a, 16 April 2025) [1]; USD 24 million (Report b, 10 October 2023) [2].\n", true},
		{"What was Cuban raw sugar worth in sales to Azerbaijan in 2024?", []*candidate{
			cand(doc("a", "2025-02-12"), "Raw cane sugar remained the main Cuban product, at USD 6.1 million.", 0.75),
			cand(doc("b", "2023-02-15"), "Raw cane sugar was the main Cuban product, worth USD 5.2 million.", 0.7),
		}, "USD 6.1 million.", false},
		{"What was trade between Cuba and Azerbaijan worth in 2024?", []*candidate{
			cand(DocInfo{ID: "a", Title: "Comércio", Language: "pt"}, "O comércio bilateral atingiu 44,7 milhões de dólares em 2024.", 1),
			cand(doc("b", "2025-02-12"), "Azerbaijan's trade with Cuba reached a record USD 41.9 million in 2024.", 1),
		}, "The sources differ: 44,7 milhões de dólares", true},
		{"When was the Sumgait plant inaugurated?", []*candidate{
			cand(doc("a", "2025-04-16"), "The CubAz Biotech plant in Sumgait was inaugurated on April 14, producing its first batch.", 0.9),
			cand(doc("b", "2023-10-10"), "Construction of the plant in Sumgait started on Monday, October 9.", 0.8),
		}, "April 14.\n", false},
		{"How many health workers were in the first Cuban brigade?", []*candidate{
			cand(doc("a", "2020-05-24"), "A brigade of 115 Cuban health workers arrived in Azerbaijan.", 0.8),
			cand(doc("b", "2020-09-14"), "A second brigade of 120 health workers arrived in Baku.", 0.75),
		}, "115 Cuban health workers.", false},
		{"How many health workers were in the first Cuban brigade?", []*candidate{
			cand(doc("a", "2020-05-24"), "A brigade of 115 Cuban health workers arrived in Azerbaijan.", 0.8),
			cand(doc("b", "2020-05-28"), "The first brigade, of 117 health workers, arrived on May 25.", 0.75),
		}, "The sources differ: 115", true},
		// A Spanish report counts the same people, a people's name after
		// its unit.
		{"How many health workers were in the first Cuban brigade?", []*candidate{
			cand(doc("a", "2020-05-24"), "A brigade of 115 Cuban health workers arrived in Azerbaijan.", 0.8),
			cand(DocInfo{ID: "b", Title: "Brigada", Language: "es"}, "Una brigada de 117 colaboradores cubanos de la salud arribó a Bakú.", 0.6),
		}, "The sources differ: 115 Cuban health workers", true},
		// The same unit for another event is no rival: the nurses a
		// brigade brought were not the nurses it trained.
		{"How many nurses did the Cuban doctors train?", []*candidate{
			cand(doc("a", "2021-08-03"), "The Cubans also trained 840 Azerbaijani nurses and doctors in intensive care.", 0.8),
			cand(doc("b", "2020-05-24"), "The Cuban brigade of doctors includes 52 nurses.", 0.6),
		}, "840 Azerbaijani nurses.", false},
	} {
		ans := ask(c.question, c.cands...)
		if !strings.HasPrefix(ans.Text, c.want) || ans.Conflict != c.conflict {
			t.Errorf("%q: answered %q (conflict %v); want it to start %q (conflict %v)", c.question, ans.Text, ans.Conflict, c.want, c.conflict)
		}
	}
}

// A where-question is answered by the place a sentence puts something in
// ("in the Sumgait Chemical Industrial Park"), not by another name of it
// ("CubAz Biotech"); in Spanish and Portuguese, the verb of "¿dónde queda?"
// and "onde fica?" is no word to match ("fica" found "the brigade's stay").
func TestWhereQuestions(t *testing.T) {
	q := "Where is the Cuban interferon plant?"
	qt := queryTerms{stems: stemSet(q, "en")}
	if got := spanText(readIntent(q), qt, "The CubAz Biotech plant in the Sumgait Chemical Industrial Park was inaugurated on April 14."); got != "Sumgait Chemical Industrial Park" {
		t.Errorf("spanOf = %q; want Sumgait Chemical Industrial Park", got)
	}
	q = "Which hospital did the Cuban minister visit?"
	s := "He visited the Republican Clinical Hospital, where Cuban specialists had worked."
	if got := spanText(readIntent(q), queryTerms{stems: stemSet(q, "en")}, s); got != "Republican Clinical Hospital" {
		t.Errorf("spanOf(%q) = %q; want the whole name, Republican Clinical Hospital", s, got)
	}
	l, _ := newTestLibrary(t, bundled(t)...)
	for _, q := range []string{"Onde fica a fábrica de interferão cubana no Azerbaijão?", "¿Dónde queda la fábrica de interferón?", "¿Dónde se encuentra la fábrica?"} {
		for _, k := range l.queryTerms(q).keys {
			if k == "fica" || k == "queda" || k == "encuentra" {
				t.Errorf("%q: the verb %q is a concept of the question", q, k)
			}
		}
	}
	if keys := l.queryTerms("¿Cuánto tiempo se queda la brigada?").keys; !slices.Contains(keys, "queda") {
		t.Errorf("keys %q: a question that does not ask where keeps its verb", keys)
	}
	// "Where did X study?" is answered where she studied, not where she
	// spoke: the question's last verb must be told.
	q = "where did ambassador odalys mirabal quintana study"
	in := readIntent(q)
	if in.kind != placeAnswer || in.verb != stem("study") {
		t.Fatalf("readIntent(%q): kind %v verb %q; want a place, studi", q, in.kind, in.verb)
	}
	doc := DocInfo{ID: "d", Title: "Residents", Language: "en"}
	text := "The Ambassador of Cuba to Azerbaijan, Odalys Mirabal Quintana, also addressed the residents in Baku."
	for _, c := range l.scoreSentences(l.queryTerms(q), in, []Passage{{Doc: doc, Chunk: corpus.Chunk{ID: "d:0", Text: text, End: len(text)}}}, nil) {
		if c.typed {
			t.Errorf("%q typed for %q; want no place: it tells no study", c.quote.Text, q)
		}
	}
	for _, q := range []string{"Where is the plant?", "where did the charter stop on the way", "when did they arrive in baku"} {
		if v := readIntent(q).verb; v != "" {
			t.Errorf("%q: verb %q; want none (the last word is no verb)", q, v)
		}
	}
}

// "What is the name of X?" asks for a person only when X is a person or an
// office; otherwise any name answers it, the nearest to the question's words
// ("Heberprot-P", not the plant director beside it).
func TestNameOfAThing(t *testing.T) {
	wantKinds(t, map[string]answerType{
		"What is the name of the Cuban treatment for diabetic foot ulcers?": thingAnswer,
		"What's the name of the joint venture that runs the plant?":         thingAnswer,
		"What's the name of Azerbaijan's foreign minister?":                 nameAnswer,
		"What is the name of the Cuban doctor who came back?":               nameAnswer,
		"Who led the first brigade?":                                        nameAnswer,
	})
	q := "What is the name of the Cuban treatment for diabetic foot ulcers?"
	s := "The plant director, Aysel Karimova, said production of Heberprot-P, the Cuban treatment for diabetic foot ulcers, would begin in 2026."
	if got := spanText(readIntent(q), queryTerms{stems: stemSet(q, "en")}, s); got != "Heberprot-P" {
		t.Errorf("spanOf(%q) = %q; want Heberprot-P", s, got)
	}
}

// A sentence about the first of something does not answer a question about
// the second: by its own ordinal words, or, naming none, by its title's.
func TestOtherOrdinal(t *testing.T) {
	stems := func(s string) []string { return termsIn(s, "en") }
	asked := []string{"second"}
	for _, c := range []struct {
		sentence, title string
		want            bool
	}{
		{"It is led by Dr. Yoandra Pérez Lamas.", "First Cuban medical brigade arrives in Baku", true},
		{"The brigade of 120 specialists is headed by Dr. Reinaldo Castellanos Fuentes.", "Second group of Cuban doctors arrives", false},
		{"The second brigade replaced part of the first.", "First brigade leaves", false},
		{"Forty-five members of the first brigade will return to Cuba.", "Second group of Cuban doctors arrives", true},
		{"The brigade worked in 11 hospitals.", "Cuban medics wrap up mission", false},
	} {
		if got := otherOrdinalIn(asked, stems(c.sentence), stems(c.title)); got != c.want {
			t.Errorf("otherOrdinalIn(%q, title %q) = %v; want %v", c.sentence, c.title, got, c.want)
		}
	}
}

// A word of the same meaning by rag/lang's synonym groups holds a
// question's word ("trained" for "taught"), less than the word itself and
// less than a focus word needs, and an unrelated word does not.
func TestSynonymsHoldAConcept(t *testing.T) {
	l, _ := newTestLibrary(t, bundled(t)...)
	qt := l.queryTerms("How many nurses were taught by the Cuban brigade?")
	i := slices.Index(qt.keys, "taught")
	if i < 0 {
		t.Fatalf("keys %q lack taught", qt.keys)
	}
	if got := qt.stemMatch("train")[i]; got != synonymScale || got >= 0.5 {
		t.Errorf("train holds taught %v; want %v, below a focus word's 0.5", got, synonymScale)
	}
	if got := qt.stemMatch("sugar")[i]; got != 0 {
		t.Errorf("sugar holds taught %v; want 0", got)
	}
	// A word no document has, whose synonym one has, is not absent: the
	// question is not taken for one the documents cannot answer.
	doc := corpus.Document{ID: "gift", Title: "Donation", Language: "en", Text: "The embassy donated diagnostic kits to the hospital in Ganja."}
	l, _ = newTestLibrary(t, doc)
	qt = l.queryTerms("What gift did the embassy hand the hospital?")
	if !slices.Contains(qt.keys, "gift") || qt.absent["gift"] {
		t.Errorf("keys %q, absent %v; want gift, not absent (the library has donated)", qt.keys, qt.absent)
	}
	if qt = l.queryTerms("What salary did the embassy pay?"); !qt.absent[stem("salary")] {
		t.Errorf("absent %v; want salary absent", qt.absent)
	}
}

// Figures and what they count: a figure with a scale word after a name is
// no part of the name ("no Azerbaijão 420 mil garrafas"); patients do not
// count doctors, however close their word vectors; "how long" asks for a
// figure of days, months or years, right after the number.
func TestFiguresAndUnits(t *testing.T) {
	s := "Segundo a Cuba Ron S.A., foram vendidas no Azerbaijão 420 mil garrafas de rum em 2024."
	var figs []string
	for _, m := range numberSpans(s, nil) {
		figs = append(figs, s[m[0]:m[1]])
	}
	if !slices.ContainsFunc(figs, func(f string) bool { return strings.HasPrefix(f, "420 mil") }) {
		t.Errorf("numberSpans(%q) = %q; want 420 mil among them", s, figs)
	}
	if figs := numberSpans("The Soberana 02 vaccine was not bought.", nil); len(figs) != 0 {
		t.Errorf("numberSpans found %v in a name (Soberana 02)", figs)
	}
	for _, c := range []struct {
		text, language, unit string
		want                 bool
	}{
		{"the brigades attended to 74,500 patients up to July", "en", "doctor", false},
		{"26 members of the brigades received the medal", "en", "medic", true},
		{"will be trained for four months at the CIGB", "en", durationUnit, true},
		{"a three-week camp in Baku", "en", durationUnit, true},
		{"up to 40 scholarships every year until 2028", "en", durationUnit, false},
		{"durante tres meses en La Habana", "es", durationUnit, true},
	} {
		if got := countsUnit(c.text, c.language, counted{units: []string{c.unit}}); got != c.want {
			t.Errorf("countsUnit(%q, %q) = %v; want %v", c.text, c.unit, got, c.want)
		}
	}
	q := "How many tonnes of diesel did Azerbaijan ship to Cuba?"
	pt := "O principal produto foi o gasóleo: cerca de 60 mil toneladas foram embarcadas para Cuba."
	if got := spanText(readIntent(q), queryTerms{stems: stemSet(q, "en")}, pt); got != "60 mil toneladas" {
		t.Errorf("spanOf(%q) = %q; want 60 mil toneladas (a Portuguese verb is no unit)", pt, got)
	}
	if in := readIntent("How long will the Azerbaijani engineers train in Havana?"); in.kind != numberAnswer || in.unit != durationUnit {
		t.Errorf("how long: kind %v unit %q; want a number of days, months or years", in.kind, in.unit)
	}
}

// "What date…?", "In which year…?", "¿En qué año…?" ask for a date, and
// "what is the name of", "¿cuál es el nombre de?" for a name: the noun is no
// word to match (the highest-weighted word of "What date did the first
// brigade land in Azerbaijan?" was "date", and it was declined).
func TestDateNounsAreNoConcepts(t *testing.T) {
	l, _ := newTestLibrary(t, bundled(t)...)
	for _, q := range []string{"What date did the first brigade land in Azerbaijan?", "In which year were relations established?", "¿En qué año se firmó el acuerdo?",
		"¿Cuál es el nombre del director de la planta?", "Qual é o nome do embaixador cubano em Baku?", "What is the name of the Cuban health minister?"} {
		for _, k := range l.queryTerms(q).keys {
			if k == "date" || k == "year" || k == "ano" || k == "año" || k == "name" || k == "nombr" || k == "nome" {
				t.Errorf("%q: %q is a concept of the question", q, k)
			}
		}
	}
	// A Spanish unit that is an English word too counts as itself.
	if u := readIntent("¿Cuántos viales produjo la planta de Sumgait en su primer lote?").unit; u != "vial" {
		t.Errorf("unit %q; want vial", u)
	}
}

// A list question is answered first with the items a quoted sentence
// lists (names, for a list of places), with their span in the text.
func TestListLead(t *testing.T) {
	l, _ := newTestLibrary(t, bundled(t)...)
	doc := DocInfo{ID: "d", Title: "Plant", Language: "en"}
	text := "Its chief executive said the first products would be exported to Kazakhstan, Uzbekistan and Georgia."
	c := &candidate{doc: doc, quote: Quote{Text: text, Start: 100, End: 100 + len(text)}, score: 0.8, typed: true, valued: true, focus: true}
	q := "Which countries will the plant export to?"
	ans := compose(q, readIntent(q), l.queryTerms(q), []*candidate{c}, nil, defaultAnswerOptions(), false)
	if !strings.HasPrefix(ans.Text, "Kazakhstan, Uzbekistan and Georgia. [1]\n") {
		t.Errorf("answered %q; want the countries first", ans.Text)
	}
	if sp := ans.Span; sp == nil || sp.Start != 100+strings.Index(text, "Kazakhstan") || sp.End != 100+len(text)-1 {
		t.Errorf("span %+v; want the offsets of the countries", ans.Span)
	}
	// Whole items: after a colon, widened to their own words, cut after
	// the item that follows the joining word, the list nearest the
	// question's words; no lead from a list of what was done.
	for _, c := range []struct{ question, sentence, want string }{
		{"What documents were signed during the visit?",
			"On the occasion of the visit, three documents were signed: an Agreement on civil protection, a Memorandum between the diplomatic academies, and a Programme of Cultural Exchanges.",
			"An Agreement on civil protection, a Memorandum between the diplomatic academies, and a Programme of Cultural Exchanges."},
		{"What subspecialties will the residents rotate through?",
			"During their residency they will rotate through cataract surgery, glaucoma, retinal diseases and paediatric ophthalmology.",
			"Cataract surgery, glaucoma, retinal diseases and paediatric ophthalmology."},
		{"Which ballets did they dance pieces of at the gala?",
			"El programa incluyó fragmentos de Don Quijote, Giselle y Coppelia, y cerró con una pieza de Rashad Gurbanov.",
			"Don Quijote, Giselle y Coppelia."},
		{"Which specialties will the 60 Cuban specialists cover?",
			"During the visit, Portal Miranda and Musayev signed an agreement under which 60 Cuban specialists in ophthalmology, nephrology and rehabilitation medicine will work in Baku.",
			"Ophthalmology, nephrology and rehabilitation medicine."},
		{"Which families received the roofing sheets?",
			"Las familias de los municipios de Viñales, San Luis y Guane recibieron láminas para cubiertas.",
			"Viñales, San Luis y Guane. [1]"},
		{"What procedures did the Cuban health workers carry out?",
			"The Cubans attended to more than 77,000 patients, carried out multiple medical and nursing procedures, as well as teaching and research activities.",
			"The Cubans attended"},
	} {
		c1 := &candidate{doc: doc, quote: Quote{Text: c.sentence, End: len(c.sentence)}, score: 0.8, typed: true, valued: true, focus: true}
		in := readIntent(c.question)
		if !in.list {
			t.Errorf("readIntent(%q): no list question", c.question)
		}
		if ans := compose(c.question, in, l.queryTerms(c.question), []*candidate{c1}, nil, defaultAnswerOptions(), false); !strings.HasPrefix(ans.Text, c.want) {
			t.Errorf("%q: answered %q; want it to start %q", c.question, ans.Text, c.want)
		}
	}
	for q, want := range map[string]bool{"Which ballets did they dance?": true, "¿Qué países visitó?": true, "What happens next?": false, "What news is there?": false, "How many doctors went?": false} {
		if got := readIntent(q).list; got != want {
			t.Errorf("readIntent(%q).list = %v; want %v", q, got, want)
		}
	}
}

// The country the question gives an office must be the sentence's, where
// it names one ("the president of Cuba" is not "el presidente de
// Azerbaiyán"; a country after "to" or "en" is where the office is held);
// an office word is no typo of another word, and a Spanish word spelled
// like an English office ("mayor": larger) is none.
func TestOfficesOfCountries(t *testing.T) {
	l, _ := newTestLibrary(t, bundled(t)...)
	for _, c := range []struct {
		question, sentence, language string
		want                         bool
	}{
		{"Who is the president of Cuba?", "El vicepresidente cubano Salvador Valdés Mesa fue recibido por el presidente de Azerbaiyán, Ilham Aliyev.", "es", false},
		{"Who is the president of Azerbaijan?", "El vicepresidente cubano Salvador Valdés Mesa fue recibido por el presidente de Azerbaiyán, Ilham Aliyev.", "es", true},
		{"Who is Azerbaijan's ambassador to Cuba?", "Cuba's ambassador to Azerbaijan, Mirta Quesada Ferrer, attended the talks.", "en", false},
		{"Who is Azerbaijan's ambassador to Cuba?", "Azerbaijan's ambassador to Cuba, Kamran Safarli, handed him the flowers.", "en", true},
		{"¿Quién es la embajadora de Cuba en Azerbaiyán?", "La embajadora de Cuba en Azerbaiyán, Mirta Quesada Ferrer, informó desde Bakú.", "es", true},
		{"Who is the mayor of Baku?", "La delegación mayor llegó a Bakú el lunes con Marcelino Fajardo Oliva.", "es", false},
		// A Spanish office word whose English is the same word is that office.
		{"Who is the general director of Mugan Sugar Refinery?", "Firmó el director general de Mugan Sugar Refinery, Elnur Hajizade.", "es", true},
	} {
		if got := holdsOffice(c.sentence, c.language, l.queryTerms(c.question)); got != c.want {
			t.Errorf("holdsOffice(%q) for %q = %v; want %v", c.sentence, c.question, got, c.want)
		}
	}
	for _, c := range []struct{ question, sentence, want string }{
		{"Who is Cuba's health minister?",
			"The plant was opened by Minister of Health Teymur Musayev and Cuba's Minister of Public Health, José Ángel Portal Miranda, on Monday.", "José Ángel Portal Miranda"},
		{"Who is the health minister of Azerbaijan?",
			"Teymur Musayev, to his Cuban counterpart, José Ángel Portal Miranda, who was also part of the delegation.", "Teymur Musayev"},
		// The country just before the name is where the office is held.
		{"Who is Cuba's ambassador to Azerbaijan?",
			"The Ambassador of Cuba to Azerbaijan, Héctor Luis Ferrán Coto, attended the signing.", "Héctor Luis Ferrán Coto"},
		{"Who is the ambassador of Cuba in Azerbaijan?",
			"La embajadora de Cuba en Azerbaiyán, Odalys Mirabal Quintana, asistió a la gala.", "Odalys Mirabal Quintana"},
		// An office of another body holds no answer; of the one asked, it does.
		{"Who is the director general of BioExport Caribe?",
			"The director general of Khazar Pharma, Elchin Rustamov, said so by telephone.", ""},
		{"Who is the director general of Khazar Pharma?",
			"The director general of Khazar Pharma, Elchin Rustamov, said so by telephone.", "Elchin Rustamov"},
	} {
		if got := spanText(readIntent(c.question), l.queryTerms(c.question), c.sentence); got != c.want {
			t.Errorf("%q: spanOf(%q) = %q; want %q", c.question, c.sentence, got, c.want)
		}
	}
	if keys := l.queryTerms("Who is the mayor of Baku?").keys; !slices.Contains(keys, "mayor") {
		t.Errorf("keys %q: mayor was read as another word", keys)
	}
	if in := readIntent("How many people live in Havana?"); !in.population || in.unit != "peopl" {
		t.Errorf("how many people live in: population %v unit %q; want a population", in.population, in.unit)
	}
}

// "Who is Zaur Hajiyev?" asks what a named person is, not for a name; a
// name the question gives in part is no new name ("José Ángel" of "José
// Ángel Portal Miranda" for "Who met Portal Miranda?").
func TestWhoIsANamedPerson(t *testing.T) {
	wantKinds(t, map[string]answerType{
		"Who is Zaur Hajiyev?":           anyAnswer,
		"¿Quién es Yoandra Pérez Lamas?": anyAnswer,
		"who is Marlene Oquendo Ruiz":    anyAnswer,
		"Who is the rector of AMU?":      nameAnswer,
		"Who met Zaur Hajiyev in Baku?":  nameAnswer,
	})
	q := "Who met Portal Miranda in Baku?"
	s := "En paralelo, el ministro de Salud Pública, José Ángel Portal Miranda, sostuvo un encuentro con su homólogo, Teymur Musayev."
	if names := newNames(s, "es", stemSet(q, "en")); slices.Contains(names, "José Ángel") || !slices.Contains(names, "Teymur Musayev") {
		t.Errorf("newNames(%q) = %q; want Teymur Musayev and no part of Portal Miranda's name", s, names)
	}
}

// A when-question is answered by a month alone when the sentence gives no
// fuller date ("will travel to Baku in August"), not by "may" the verb.
func TestMonthAloneAnswersWhen(t *testing.T) {
	q := "When will the Cuban chess players travel to Baku?"
	qt := queryTerms{stems: stemSet(q, "en")}
	for s, want := range map[string]string{
		"Under the agreement, eight young Cuban players will travel to Baku in August for a three-week camp.": "August",
		"The players may travel to Baku for a camp.":                                                          "",
		"The players will travel on August 12, 2024, after the camp in July.":                                 "August 12, 2024",
	} {
		if got := spanText(readIntent(q), qt, s); got != want {
			t.Errorf("spanOf(%q) = %q; want %q", s, got, want)
		}
	}
}

// A question that names a year ranks the sentence that names it above one
// of a report of the year after that names none (which may tell of its own
// year), and that above one of a report of another year.
func TestYearNamedBeatsTheYearAfter(t *testing.T) {
	at := func(year int, text string) *candidate {
		return &candidate{doc: DocInfo{ID: "d", Published: time.Date(year, 8, 20, 0, 0, 0, 0, time.UTC)}, quote: Quote{Text: text}}
	}
	named := yearFit([]int{2023}, at(2024, "The first course, in the autumn of 2023, brought ten engineers."))
	after := yearFit([]int{2023}, at(2024, "Quintero is one of 16 Cuban engineers at the academy."))
	same := yearFit([]int{2023}, at(2023, "Quintero is one of 16 Cuban engineers at the academy."))
	other := yearFit([]int{2023}, at(2026, "Quintero is one of 16 Cuban engineers at the academy."))
	if !(named == 1 && same == 1 && after < named && other < after) {
		t.Errorf("yearFit: named %v, same year %v, year after %v, other year %v; want 1, 1, less, less still", named, same, after, other)
	}
}

// In a Spanish or Portuguese report, a word of the lexicon alone ("la
// carrera de Medicina", "o mar Cáspio") is no one's name.
func TestLexiconWordIsNoName(t *testing.T) {
	q := "who was the cuban judo coach at the copa absheron"
	in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
	c := &candidate{doc: DocInfo{Language: "pt"}, quote: Quote{Text: "O período de treinos será no litoral do mar Cáspio, disse o técnico cubano Reinier Paumier Olazábal."}}
	if sp := spanOf(in, c, qt); sp == nil || sp.Text != "Reinier Paumier Olazábal" {
		t.Errorf("spanOf(%q) = %v; want Reinier Paumier Olazábal", c.quote.Text, sp)
	}
	if names := personNames("Treinta jóvenes cursarán la carrera de Medicina en Cuba.", "es", nil); len(names) > 0 {
		t.Errorf("personNames(la carrera de Medicina) = %q; want none", names)
	}
}

// The noun a "which … did" question asks for weighs as much as its rarest
// word: the varieties Azerbaijan sent are in the sentence that names
// varieties, not in one that shares the rarer verb ("send").
func TestWhichNounIsWhatIsAsked(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Cotton seed for Granma", Language: "en",
			Text: "Azerbaijan has handed over cotton seed to Cuba for trials in Granma.\n\n" +
				"The consignment consists of three varieties bred in Azerbaijan, Ganja-160, Aran-7 and Shirvan-31.\n\n" +
				"The varieties were chosen for their tolerance of heat, the breeders said, and more varieties may follow."},
		corpus.Document{Title: "Travel fair in Baku", Language: "en",
			Text: "At the fair, a Baku agency agreed to send 1,500 Azerbaijani travellers to Cuba next year."},
		corpus.Document{Title: "Rum in Baku", Language: "en", Text: "Three rum varieties from Cuba went on sale in Baku."},
		corpus.Document{Title: "Coffee in Baku", Language: "en", Text: "Two coffee varieties from Cuba won prizes in Baku."},
		corpus.Document{Title: "Tobacco in Cuba", Language: "en", Text: "Tobacco varieties of Pinar del Río were shown to Azerbaijani buyers."})
	q := "which cotton varieties did azerbaijan send to cuba"
	ans, err := lib.Ask(context.Background(), Question{Text: q}, AnswerOptions{MinRelevance: 0.294, MaxSentences: 1, Passages: 6})
	if err != nil || !ans.Grounded || !strings.Contains(ans.Text, "Ganja-160") {
		t.Errorf("answered %q (%v); want the sentence that names the varieties", ans.Text, err)
	}
	for q, want := range map[string]string{
		"which cotton varieties did Azerbaijan send": "varieti",
		"which varieties were sent":                  "varieti",
		"what year did the plant open":               "",
		"which Cuban bands played":                   "",
		"what did Tofig Mirzayev say":                "",
		"what Tofig Mirzayev's patronymic was":       "",
	} {
		if got := askedNoun(q); got != want {
			t.Errorf("askedNoun(%q) = %q; want %q", q, got, want)
		}
	}
}

// A report names its subject once and tells the figure further on: a figure
// of what a "how many" question counts, in the best sentence's own report,
// leads though it scores well below that sentence; one of another report
// does not.
func TestFigureOfTheSameReportLeads(t *testing.T) {
	cand := func(id, text string, score float64, typed bool) *candidate {
		return &candidate{doc: DocInfo{ID: id, Title: id, Language: "en"}, quote: Quote{Text: text, End: len(text)}, score: score, typed: typed, valued: typed, focus: !typed}
	}
	q := "how many workers will build the solar park in ciego de avila?"
	ask := func(cands ...*candidate) Answer {
		return compose(q, readIntent(q), queryTerms{stems: stemSet(q, "en")}, cands, nil, defaultAnswerOptions(), false)
	}
	lead := "A Baku developer will build a solar park in Ciego de Ávila, the company said."
	ans := ask(cand("park", lead, 0.56, false), cand("park", "About 350 workers will be employed at the peak of construction.", 0.36, true))
	if !ans.Grounded || !strings.HasPrefix(ans.Text, "350 workers") {
		t.Errorf("answered %q; want 350 workers first", ans.Text)
	}
	ans = ask(cand("park", lead, 0.56, false), cand("port", "About 90 workers unloaded the ship.", 0.36, true))
	if ans.Grounded {
		t.Errorf("answered %q; want a decline: no figure of the park's workers", ans.Text)
	}
}

// Of two sentences of one report that score the same, the earlier leads:
// news tells the main fact first.
func TestEarlierOfEqualSentencesLeads(t *testing.T) {
	doc := DocInfo{ID: "d", Title: "Trade", Language: "en"}
	at := func(start int, text string) *candidate {
		return &candidate{doc: doc, quote: Quote{Text: text, Start: start, End: start + len(text)}, score: 1, typed: true, valued: true, focus: true}
	}
	q := "what was the total azerbaijan-cuba trade in 2025?"
	ans := compose(q, readIntent(q), queryTerms{stems: stemSet(q, "en")}, []*candidate{
		at(400, "Cuba accounted for 0.1 percent of Azerbaijan's total foreign trade, which reached $49.8 billion in 2025."),
		at(0, "Azerbaijan's trade turnover with Cuba amounted to $48.7 million in 2025."),
	}, nil, defaultAnswerOptions(), false)
	if !strings.HasPrefix(ans.Text, "$48.7 million") {
		t.Errorf("answered %q; want $48.7 million, the report's first figure", ans.Text)
	}
}

// A figure's span reaches the unit the question counts a few words on
// ("eight round-trip charter flights"), so a rival of that unit in another
// report ("seis voos") is shown beside it.
func TestFigureSpanReachesTheUnit(t *testing.T) {
	q := "how many flights are in the winter charter series?"
	in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
	for sentence, want := range map[string]string{
		"The flight opens a winter series of eight round-trip charter flights between Baku and Varadero.": "eight round-trip charter flights",
		"Eight flights are planned.":                                         "Eight flights",
		"The series of eight round-trip charters, with flights to Varadero.": "eight round-trip charters",
	} {
		if got := spanText(in, qt, sentence); got != want {
			t.Errorf("spanOf(%q) = %q; want %q", sentence, got, want)
		}
	}
}

// A figure of time ("a two-year contract", "during two years") tells how
// long, not how big or how many: it answers only a question of time.
func TestDurationIsNoSize(t *testing.T) {
	big := "how big is the cement contract signed in 2023?"
	long := "how long does the cement contract last?"
	for _, c := range []struct{ q, sentence, want string }{
		{big, "SCW supplies Cuba under a two-year framework contract signed in 2023.", ""},
		{big, "A framework contract for the supply of 150,000 tonnes of cement during two years was signed.", "150,000 tonnes"},
		{long, "A framework contract for the supply of 150,000 tonnes of cement during two years was signed.", "two years"},
		{"how many years will the contract run?", "The contract will run for two years.", "two years"},
	} {
		if got := spanText(readIntent(c.q), queryTerms{stems: stemSet(c.q, "en")}, c.sentence); got != c.want {
			t.Errorf("%q: spanOf(%q) = %q; want %q", c.q, c.sentence, got, c.want)
		}
	}
}

// "What percentage", "qué porcentaje" ask for a share in percent: a figure
// in percent answers, with its percent words; a count does not.
func TestPercentQuestions(t *testing.T) {
	for _, q := range []string{"what percentage of the patients were cured?", "¿Qué porcentaje de la empresa mixta tendrá la compañía?", "qual a percentagem de pacientes curados?", "and what share of Cuba's sugar exports is it"} {
		if in := readIntent(q); in.kind != numberAnswer || in.unit != percentUnit {
			t.Errorf("readIntent(%q): kind %v, unit %q; want a share in percent", q, in.kind, in.unit)
		}
	}
	q := "what share of cuba's planned sugar exports is the contract?"
	in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
	for sentence, want := range map[string]string{
		"El contrato equivale a cerca del ocho por ciento de las exportaciones de azúcar.": "ocho por ciento",
		"The contract covers 45,000 tonnes, or 8% of the sugar Cuba plans to export.":      "8%",
	} {
		if got := spanText(in, qt, sentence); got != want {
			t.Errorf("spanOf(%q) = %q; want %q", sentence, got, want)
		}
	}
	if s := "The contract covers 45,000 tonnes of sugar."; countsUnit(s, "en", in.units()) {
		t.Errorf("countsUnit(%q) for a share; want false: no figure in percent", s)
	}
}

// A who-question that asks for a person by what they do ("the ballet
// teacher") is not answered by the holder of an office the sentence names
// ("the ambassador, Odalys Mirabal Quintana"); one that asks for an office,
// or asks who did something, still is.
func TestRoleIsNoOffice(t *testing.T) {
	s := "La función contó con la presencia de la embajadora de Cuba en Azerbaiyán, Odalys Mirabal Quintana, quien entregó a la maestra un reconocimiento."
	c := &candidate{doc: DocInfo{Language: "es"}, quote: Quote{Text: s}}
	for q, want := range map[string]string{
		"who is the cuban ballet teacher working in baku": "",
		"who is the Cuban ambassador to Azerbaijan?":      "Odalys Mirabal Quintana",
		"who handed the teacher an award at the gala?":    "Odalys Mirabal Quintana",
	} {
		in, qt := readIntent(q), queryTerms{stems: stemSet(q, "en")}
		got := ""
		if sp := spanOf(in, c, qt); sp != nil {
			got = sp.Text
		}
		if got != want {
			t.Errorf("%q: spanOf = %q; want %q", q, got, want)
		}
	}
}

// "How many jobs" is answered by a figure of the people a sentence says
// will be employed ("It will employ 140 people"), not by any figure of
// people.
func TestJobsAreThePeopleEmployed(t *testing.T) {
	lib, _ := newTestLibrary(t, corpus.Document{Title: "Biotech plant in Sumgait", Language: "en",
		Text: "Construction of a biotech plant, which the government hopes will create a new industry in the city, started in Sumgait on Monday before 300 guests. It will employ 140 people and is due to be completed by the end of 2024."})
	ans, err := lib.Ask(context.Background(), Question{Text: "how many jobs was the sumgait plant supposed to create"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.HasPrefix(ans.Text, "140 people") {
		t.Errorf("answered %q (%v); want 140 people first", ans.Text, err)
	}
}

// A sentence of a passage beyond those read ("spare") may offer another
// source's value for the same question, when it holds the question's focus,
// but never leads or is quoted for its own sake.
func TestSpareSentencesOnlyRival(t *testing.T) {
	l, _ := newTestLibrary(t, bundled(t)...)
	q := "how much did the sumgait plant cost?"
	in, qt := readIntent(q), l.queryTerms(q)
	cand := func(id, text string, score float64, spare, focus bool) *candidate {
		return &candidate{doc: DocInfo{ID: id, Title: id, Language: "en"}, quote: Quote{Text: text, End: len(text)}, score: score, typed: true, valued: true, focus: focus, spare: spare}
	}
	lead := cand("opened", "The Sumgait plant, which cost USD 26.5 million, was opened in April.", 0.8, false, true)
	ans := compose(q, in, qt, []*candidate{lead, cand("ground", "The investment in the Sumgait plant is put at USD 24 million.", 0.7, true, true)}, nil, defaultAnswerOptions(), false)
	if !strings.Contains(ans.Text, "USD 26.5 million") || !strings.Contains(ans.Text, "USD 24 million") || !ans.Conflict {
		t.Errorf("answered %q; want both sums side by side", ans.Text)
	}
	ans = compose(q, in, qt, []*candidate{lead, cand("ground", "The investment in the port is put at USD 24 million.", 0.7, true, false)}, nil, defaultAnswerOptions(), false)
	if strings.Contains(ans.Text, "USD 24 million") {
		t.Errorf("answered %q; want no rival from a spare sentence without the focus", ans.Text)
	}
	ans = compose(q, in, qt, []*candidate{cand("ground", "The investment in the Sumgait plant is put at USD 24 million.", 0.9, true, true)}, nil, defaultAnswerOptions(), false)
	if ans.Grounded {
		t.Errorf("answered %q from a spare sentence alone; want a decline", ans.Text)
	}
}
