package rag

import (
	"context"
	"strings"
	"testing"
	"time"

	"cabot/corpus"
)

// A question about who wrote an article names its subject in English; the
// article may be in Spanish: its title's words count in the English they
// mean, each once.
func TestMetadataFindsTheArticleInAnotherLanguage(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2022, 9, 7, 0, 0, 0, 0, time.UTC)
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Llegan a La Habana los primeros estudiantes azerbaiyanos de Medicina", Language: "es",
			Author: "Yamilé Ortega Ruz", Outlet: "Universidad Médica de La Habana", Published: day,
			Text: "Los primeros estudiantes azerbaiyanos de Medicina llegaron este lunes a La Habana para cursar la carrera."},
		corpus.Document{Title: "Cuban students begin petroleum engineering studies at ASOIU", Language: "en",
			Author: "Sevda Mammadova", Outlet: "ASOIU News", Published: day.AddDate(2, 0, 0),
			Text: "Forty students from Cuba began their studies of petroleum engineering at the university this week."},
	)
	ans, err := lib.Ask(ctx, Question{Text: "Who wrote the article about the first Azerbaijani medical students arriving in Havana?"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Grounded || !strings.Contains(ans.Text, "Yamilé Ortega Ruz") {
		t.Errorf("answer %q; want the Spanish article's author, Yamilé Ortega Ruz", ans.Text)
	}
}

// "Who wrote the Portuguese article on …" names the document by its
// language as well as its subject; "wrote" and "article" name no document.
func TestMetadataFindsTheArticleByItsLanguage(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2021, 10, 15, 0, 0, 0, 0, time.UTC)
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Azerbaijão recebe primeiro lote da vacina cubana Abdala", Language: "pt",
			Author: "Marta Sarmento", Outlet: "Jornal Sul Global", Published: day,
			Text: "O Azerbaijão recebeu nesta quinta-feira o primeiro lote da vacina cubana Abdala, com 150 mil doses."},
		corpus.Document{Title: "Abdala vaccine arrives in Azerbaijan", Language: "en",
			Author: "John Baker", Outlet: "Baku Evening Post", Published: day,
			Text: "The first batch of the Cuban Abdala vaccine arrived in Azerbaijan on Thursday, 150,000 doses in all."},
	)
	for q, want := range map[string]string{
		"Who wrote the Portuguese article on Abdala arriving in Azerbaijan?": "Marta Sarmento",
		"Who wrote the English article on Abdala arriving in Azerbaijan?":    "John Baker",
	} {
		ans, err := lib.Ask(ctx, Question{Text: q}, defaultAnswerOptions())
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Grounded || !strings.Contains(ans.Text, want) {
			t.Errorf("%s: answer %q; want %s", q, ans.Text, want)
		}
	}
}

// An article may be named by what its text tells, not only by its title
// ("the article about the chess tournament" is the one headed "Mammadli
// wins Capablanca Memorial"); a subject no article tells of names none.
func TestMetadataFindsTheArticleByItsText(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC)
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Azerbaijan's Mammadli wins Capablanca Memorial in Havana", Language: "en",
			Author: "Elvin Rzayev", Outlet: "Caspian News Agency", Published: day,
			Text: "Azerbaijani grandmaster Tarlan Mammadli won the elite group of the Capablanca Memorial chess tournament in Havana on Sunday."},
		corpus.Document{Title: "Cuban students begin petroleum engineering studies at ASOIU", Language: "en",
			Author: "Sevda Mammadova", Outlet: "ASOIU News", Published: day.AddDate(0, 4, 0),
			Text: "Forty students from Cuba began their studies of petroleum engineering at the university in Baku this week."},
	)
	ans, err := lib.Ask(ctx, Question{Text: "Who wrote the article about the chess tournament?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.Contains(ans.Text, "Elvin Rzayev") {
		t.Errorf("answer %q (%v); want the chess report's author, Elvin Rzayev", ans.Text, err)
	}
	ans, err = lib.Ask(ctx, Question{Text: "Who wrote the article about the Baku marathon?"}, defaultAnswerOptions())
	if err != nil || ans.Grounded {
		t.Errorf("answer %q (%v); want a decline: no article tells of a marathon", ans.Text, err)
	}
}

// An outlet is asked for by the kind of outlet it is ("which magazine",
// "what site ran"), in any of the three languages.
func TestOutletAskedByItsKind(t *testing.T) {
	for _, q := range []string{
		"which magazine published the interview with the photographer",
		"what site ran the portuguese story on the judo tournament",
		"who published the interview with the photographer",
		"¿qué revista publicó la entrevista?",
		"qual site publicou a matéria sobre o judô?",
		"who put out the press release on the haemodialysis donation and what date was it",
	} {
		if got := readIntent(q).meta; got != metaOutlet {
			t.Errorf("readIntent(%q).meta = %v; want the outlet", q, got)
		}
	}
	if got := readIntent("which sites will the brigade visit in baku").meta; got == metaOutlet {
		t.Errorf("%q reads as a question about an outlet; want places", "which sites will the brigade visit in baku")
	}
}

// "What date did X put out its press release", "when did they issue it"
// ask for the publication date.
func TestPublishedAskedByItsVerb(t *testing.T) {
	for _, q := range []string{
		"what date did silk caribe tours put out its press release on the first charter",
		"when did the embassy issue the statement on the scholarships",
		"when was the article on the data centre published",
	} {
		if got := readIntent(q).meta; got != metaPublished {
			t.Errorf("readIntent(%q).meta = %v; want the publication date", q, got)
		}
	}
	if got := readIntent("what date did the plane with the aid take off from baku").meta; got == metaPublished {
		t.Errorf("a question about a flight reads as one about publication")
	}
}

// The ways people ask who wrote a report, where and when it came out, in
// the three languages, are metadata questions; an accent at a phrase's end
// ("quién escribió") does not hide it. A question of another departure
// ("cuándo salió el avión", "quando foi a visita") is none.
func TestMetadataPhrasings(t *testing.T) {
	for q, want := range map[string]metaField{
		"who's the writer of the article about the vaccine trial":      metaAuthor,
		"who penned the piece on the chess camp":                       metaAuthor,
		"who reported the story on the vaccine trial":                  metaAuthor,
		"¿Quién escribió el artículo sobre el bioetanol?":              metaAuthor,
		"quem é o autor da reportagem?":                                metaAuthor,
		"where was the interview with the chess coach published":       metaOutlet,
		"what's the source of the article on the seismic data":         metaOutlet,
		"when did the piece about the music tour come out":             metaPublished,
		"published when? the cardiology article":                       metaPublished,
		"whats the date on the embassy press release":                  metaPublished,
		"¿cuándo se publicó el artículo sobre arquitectura?":           metaPublished,
		"em que data foi publicada a matéria sobre os dados sísmicos?": metaPublished,
		"¿cuándo salió el avión con la ayuda?":                         noMeta,
		"quando foi a primeira visita do ministro?":                    noMeta,
	} {
		if got := readIntent(q).meta; got != want {
			t.Errorf("readIntent(%q).meta = %v; want %v", q, got, want)
		}
	}
}
