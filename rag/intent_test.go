package rag

import (
	"slices"
	"testing"

	"cabot/rag/lang"
)

// A number question counts what its noun phrase names, so that the answer
// gives a figure of that and not of something else in the sentence.
func TestCountedUnit(t *testing.T) {
	for _, c := range []struct{ question, want string }{
		{"How many health workers were in the first Cuban brigade?", "worker"},
		{"how many doses of abdala did azerbaijan buy in 2021?", "dose"},
		{"how many local staff were taught to handle the sickest cases?", "staff"},
		{"How many people live in Baku?", "peopl"},
		{"in how many hospitals did the cuban brigades work during covid?", "hospit"},
		{"how many of the cuban students at ASOIU are women?", "women"},
		{"¿Cuántos pacientes atendieron los médicos cubanos en Azerbaiyán?", "patient"},
		{"How much did Azerbaijan export to Cuba in 2022?", ""},
		{"how much commerce was there back in 2019?", ""},
		{"how many of the first brigade had fought ebola before?", ""},
		{"what's the population of sumgait?", "peopl"},
		{"Qual é a população do Azerbaijão?", "peopl"},
		{"¿Cuánto comercio hubo en 2019?", ""},
		{"how many ppl came to the festival", "peopl"}, // chat's short form
		{"how many manat is the cheapest package", ""}, // a sum of money, not a count
	} {
		if got := readIntent(c.question).unit; got != c.want {
			t.Errorf("readIntent(%q).unit = %q; want %q", c.question, got, c.want)
		}
	}
	// A Spanish unit counts by any English word it means when they all mean
	// one thing, not by a verb of its lexicon line.
	if in := readIntent("¿Cuántos jóvenes azerbaiyanos han estudiado en Cuba?"); !countsUnit("Since 2020, 19 young Azerbaijanis have studied in Cuba.", "en", in.units()) {
		t.Errorf("units %q do not count 19 young Azerbaijanis; want them to", in.units())
	}
	// A people named beside the unit is counted, not the other one; a
	// figure reaches its unit across "of" and a few words.
	in := readIntent("how many azeri boxers went to the training camp in havana")
	for text, want := range map[string]bool{
		"a group of eight Cuban boxers and two coaches is expected in Baku":     false,
		"Nine of Azerbaijan's best young boxers are back in Baku":               true,
		"Llegaron 12 boxeadores azerbaiyanos":                                   true,
		"the camp hosted 30 boxers":                                             true,
		"Llegaron 12 boxeadores cubanos y entrenaron con el equipo azerbaiyano": false,
	} {
		if got := countsUnit(text, lang.Detect(text), in.units()); got != want {
			t.Errorf("%q counts %q: %v; want %v", "how many azeri boxers", text, got, want)
		}
	}
	if in := readIntent("¿De cuántos integrantes era la segunda brigada?"); len(in.unitAlts) > 0 {
		t.Errorf("integrantes: other units %q; want none (its lexicon line holds verbs)", in.unitAlts)
	}
	if !readIntent("how many manat is the cheapest package").value {
		t.Errorf("how many manat: no sum of money asked; want one")
	}
	if s := "Packages are available from AZN 2,450 per person."; !hasMoney(s, numberSpans(s, nil)) {
		t.Errorf("%q: no sum of money found; want AZN 2,450", s)
	}
}

// wantKinds checks the kind of answer readIntent reads in each question.
func wantKinds(t *testing.T, want map[string]answerType) {
	t.Helper()
	for q, kind := range want {
		if got := readIntent(q).kind; got != kind {
			t.Errorf("readIntent(%q).kind = %v; want %v", q, got, kind)
		}
	}
}

// A question that names a quantity ("the efficacy of", "the capacity of")
// asks for a figure.
func TestMeasureQuestions(t *testing.T) {
	wantKinds(t, map[string]answerType{
		"what's the efficacy of soberana 02?":        numberAnswer,
		"What is the capacity of the Sumgait plant?": numberAnswer,
		"What is the name of the plant?":             thingAnswer,
		"What is the plant's main product?":          anyAnswer,
	})
}

// A list question about places wants their names listed ("Baku, Ganja and
// Sumgait"); a list of common nouns does not answer it.
func TestPlaceLists(t *testing.T) {
	for q, want := range map[string]bool{
		"In which cities did the first Cuban brigade work?": true,
		"Which countries will the Sumgait plant export to?": true,
		"¿En qué ciudades trabajó la brigada?":              true,
		"Which products does Cuba sell to Azerbaijan?":      false,
		"When did the brigade arrive in the city?":          false,
	} {
		if got := readIntent(q).places; got != want {
			t.Errorf("readIntent(%q).places = %v; want %v", q, got, want)
		}
	}
	for s, want := range map[string]bool{
		"They were sent to hospitals in Baku, Ganja and Sumgait.":           true,
		"It will be exported to Kazakhstan, Uzbekistan and Georgia.":        true,
		"The brigade had doctors, nurses and technicians.":                  false,
		"Los médicos trabajaron en Bakú, Ganyá y Sumgait durante 14 meses.": true,
	} {
		if got := namesListRe.MatchString(s); got != want {
			t.Errorf("namesListRe on %q = %v; want %v", s, got, want)
		}
	}
}

// Broad questions ask for an overview, however a member puts it; a
// question about one fact does not.
func TestBroadQuestions(t *testing.T) {
	for q, want := range map[string]bool{
		"What do Cuba and Azerbaijan cooperate on?":                            true,
		"how is trade going between cuba and azerbaijan?":                      true,
		"what kind of health cooperation is there between cuba and azerbaijan": true,
		"tell me about cultural ties between cuba and azerbaijan":              true,
		"how many doctors went to Baku?":                                       false,
		"how is the plant going to be financed?":                               false,
		"how are relations with baku developing":                               true,
		"who signed the trade agreement?":                                      false,
		"what sport contacts have cuba and azerbaijan had?":                    true,
		"what have azerbaijan and cuba been doing together on IT":              true,
		"what did the two ministers sign together?":                            false,
	} {
		if got := readIntent(q).broad; got != want {
			t.Errorf("readIntent(%q).broad = %v; want %v", q, got, want)
		}
	}
}

// A mistyped word that asks is read as the word it was meant to be, when
// only one is one letter away ("hwo" is who or how).
func TestMendAsking(t *testing.T) {
	for q, want := range map[string]string{
		"wat date exactly were the seeds handed over": "what date exactly were the seeds handed over",
		"wich company supplies cement":                "which company supplies cement",
		"hwo led the brigade":                         "hwo led the brigade",
		"what was the show about":                     "what was the show about",
		// A span of years in short is two years, not a year and a number.
		"how many scholarships for 2022-23": "how many scholarships for 2022-2023",
		"the 2022/23 season":                "the 2022-2023 season",
		"a score of 2022-21":                "a score of 2022-21",
	} {
		if got := mendAsking(q); got != want {
			t.Errorf("mendAsking(%q) = %q; want %q", q, got, want)
		}
	}
	if in := readIntent("wat date exactly were the seeds handed over"); in.kind != dateAnswer {
		t.Errorf("wat date: kind %v; want a date", in.kind)
	}
	if in := readIntent("how many scholarships did Cuba offer for 2022-23"); !slices.Equal(in.years, []int{2022, 2023}) {
		t.Errorf("2022-23: years %v; want 2022 and 2023", in.years)
	}
}

// A "when" that starts a clause of a question opening with another question
// word asks for no date: the opening word decides.
func TestWhenClause(t *testing.T) {
	wantKinds(t, map[string]answerType{
		"who spoke for the emergency ministry when the aid for cuba was sent off?": nameAnswer,
		"where did the boxers train when they were in havana":                      placeAnswer,
		"when did the aid leave baku":                                              dateAnswer,
		"what year was the foundation established when it started":                 dateAnswer,
		"¿quién habló cuando llegó el avión?":                                      nameAnswer,
	})
}

// "Where did the team finish?" asks for a place in a ranking, not a place
// on the map: it is no place question.
func TestWhereDidTheyFinish(t *testing.T) {
	for q, want := range map[string]bool{
		"where did azerbaijan's women finish at the 2023 european championship": false,
		"¿en qué lugar terminó la selección en el europeo?":                     false,
		"where did the cuban doctors work?":                                     true,
	} {
		if got := readIntent(q).kind == placeAnswer; got != want {
			t.Errorf("readIntent(%q) asks for a place: %v; want %v", q, got, want)
		}
	}
}
