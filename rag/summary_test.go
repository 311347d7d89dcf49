package rag

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cabot/corpus"
)

// The acceptance 1: a summary of the bundled article of at most 40%
// of its length, with the key facts, every sentence verbatim.
func TestSummaryOfTheSourceArticle(t *testing.T) {
	ctx := context.Background()
	lib, _ := newTestLibrary(t, bundled(t)...)
	doc := bundled(t)[0]
	s, err := lib.Summarize(ctx, SummaryRequest{DocID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var quoted int
	for _, p := range s.Points {
		if doc.Text[p.Quote.Start:p.Quote.End] != p.Quote.Text {
			t.Errorf("point %q is not the article's text at %d:%d", p.Quote.Text, p.Quote.Start, p.Quote.End)
		}
		quoted += utf8.RuneCountInString(p.Quote.Text)
	}
	if limit := 0.4 * float64(utf8.RuneCountInString(doc.Text)); float64(quoted) > limit || len(s.Points) < 2 {
		t.Errorf("summary quotes %d characters in %d sentences; want 2+ sentences and at most %.0f (40%%)", quoted, len(s.Points), limit)
	}
	for _, fact := range []string{"2020", "77,000 patients", "pharmaceuticals and biotechnology"} {
		if !strings.Contains(s.Text, fact) {
			t.Errorf("summary lacks %q:\n%s", fact, s.Text)
		}
	}
	for i := 1; i < len(s.Points); i++ {
		if s.Points[i].Quote.Start <= s.Points[i-1].Quote.Start {
			t.Errorf("summary sentences are not in source order")
		}
	}
	if len(s.Sources) != 1 || s.Sources[0].Doc.URL != doc.URL || !strings.Contains(s.Text, "[1]") {
		t.Errorf("summary sources %+v; want the article, cited [1]", s.Sources)
	}
}

func TestTopicAndRecentSummaries(t *testing.T) {
	ctx := context.Background()
	mk := func(raw string, published string) corpus.Document {
		d := mustParse(t, raw)
		if published != "" {
			d.Published, _ = corpus.ParseDate(published)
		}
		return d
	}
	docs := []corpus.Document{
		mk("# Sugar harvest\n\nCuba's sugar harvest reached 350,000 tonnes in 2023. Azerbaijani engineers will help repair three sugar mills.\n\nThe mills are in Holguín and Camagüey.\n", "2023-06-01"),
		mk("# Eye clinic\n\nA new ophthalmology centre opened in Baku with 14 Cuban specialists. It treats cataracts.\n", "2024-02-10"),
	}
	lib, _ := newTestLibrary(t, append(bundled(t), docs...)...)
	s, err := lib.Summarize(ctx, SummaryRequest{Topic: "sugar mills"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Text, "sugar mills") || strings.Contains(s.Text, "ophthalmology") {
		t.Errorf("topic summary %q; want the sugar sentences only", s.Text)
	}
	// Since 2024: the sugar article (2023) is out, the clinic (2024) in.
	s, err = lib.Summarize(ctx, SummaryRequest{Topic: "Cuban specialists ophthalmology sugar", Since: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s.Text, "sugar") || !strings.Contains(s.Text, "14 Cuban specialists") {
		t.Errorf("topic summary since 2024 %q; want only the 2024 article", s.Text)
	}
	now := time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)
	s, err = lib.Summarize(ctx, SummaryRequest{RecentDays: 30, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Text, "ophthalmology") || strings.Contains(s.Text, "sugar") {
		t.Errorf("recent summary %q; want the clinic article only", s.Text)
	}
	if _, err := lib.Summarize(ctx, SummaryRequest{Topic: "paella recipes"}); err == nil {
		t.Error("a topic no document has was summarised")
	}
}

// A topic asked in English takes the sentences of Spanish and Portuguese
// documents on it too, in a summary and in a timeline: their words count in
// the English they mean.
func TestTopicInEnglishReadsOtherLanguages(t *testing.T) {
	ctx := context.Background()
	es := corpus.Document{Title: "Vacuna cubana en Bakú", Language: "es", Published: time.Date(2021, 10, 15, 0, 0, 0, 0, time.UTC),
		Text: "La primera vacuna cubana llegó a Bakú el 14 de octubre de 2021. Las dosis se aplicarán en Ganyá."}
	en := corpus.Document{Title: "Chess in Havana", Language: "en", Published: time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC),
		Text: "An Azerbaijani grandmaster won the Capablanca Memorial in Havana on 19 May 2024."}
	lib, _ := newTestLibrary(t, es, en)
	s, err := lib.Summarize(ctx, SummaryRequest{Topic: "Cuban vaccine"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Text, "La primera vacuna cubana") {
		t.Errorf("topic summary %q; want the Spanish article's sentence on the vaccine", s.Text)
	}
	tl, err := lib.Timeline(ctx, TimelineRequest{Topic: "Cuban vaccine"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range tl.Events {
		found = found || strings.Contains(e.Quote.Text, "La primera vacuna cubana")
	}
	if !found {
		t.Errorf("timeline of %d events lacks the Spanish article's dated sentence on the vaccine", len(tl.Events))
	}
}

// A topic's rare words count more than its common ones: a summary of
// "Clear Horizon" with the words of its field (the overview adds them)
// opens with Clear Horizon, not with the sentences that repeat the field's
// words every report has.
func TestTopicWeighsRareWords(t *testing.T) {
	ctx := context.Background()
	var docs []corpus.Document
	texts := []string{"Clear Horizon sent eye surgeons to the regions, where they operated on patients."}
	for _, city := range []string{"Baku", "Ganja", "Sumgait", "Lankaran", "Shaki", "Guba", "Shamakhi", "Gabala"} {
		texts = append(texts, "In "+city+" the doctors saw patients in hospitals; the doctors moved patients between hospitals, and more doctors came to the hospitals of "+city+" with their patients, doctors and patients together in hospitals.")
	}
	for i, text := range texts {
		docs = append(docs, corpus.Document{Title: fmt.Sprintf("Report %d", i), Language: "en", Published: time.Date(2021, 3, 1+i, 0, 0, 0, 0, time.UTC), Text: text})
	}
	lib, _ := newTestLibrary(t, docs...)
	s, err := lib.Summarize(ctx, SummaryRequest{Topic: "Clear Horizon doctors patients hospitals"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Text, "Clear Horizon sent") {
		t.Errorf("topic summary %q; want Clear Horizon's sentence in it", s.Text)
	}
}

// An overview of a named subject quotes sentences on it: "cooperation on
// sugar" is not answered with the scholarships the embassy announced, even
// where that sentence names Cuba and Azerbaijan thrice.
func TestOverviewKeepsToItsSubject(t *testing.T) {
	ctx := context.Background()
	docs := []corpus.Document{
		{Title: "Scholarships", Language: "en", Published: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC),
			Text: "The Embassy of the Republic of Cuba in the Republic of Azerbaijan informs that the Government of the Republic of Cuba has granted 25 scholarships to Azerbaijani citizens."},
		{Title: "Sugar contract", Language: "en", Published: time.Date(2023, 4, 21, 0, 0, 0, 0, time.UTC),
			Text: "AZCUBA will sell 40,000 tonnes of raw sugar to a refinery in Imishli. Trials of sugar cane began near Lankaran."},
		{Title: "Chess", Language: "en", Published: time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC),
			Text: "An Azerbaijani grandmaster won the Capablanca Memorial in Havana, Cuba."},
	}
	lib, _ := newTestLibrary(t, docs...)
	ans, err := lib.Ask(ctx, Question{Text: "give me an overview of cuba-azerbaijan cooperation on sugar"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Grounded || !strings.Contains(ans.Text, "raw sugar") || strings.Contains(ans.Text, "scholarships") {
		t.Errorf("answered %q; want the sugar sentences, not the scholarships", ans.Text)
	}
}

// An overview quotes a report's lead, whose title names the subject the
// lead only describes, and never its dateline; a people-to-people question
// is broad.
func TestOverviewQuotesTheLead(t *testing.T) {
	ctx := context.Background()
	docs := []corpus.Document{
		{Title: "Azerbaijan sends relief aid after Hurricane Ian", Language: "en", Published: time.Date(2022, 10, 6, 0, 0, 0, 0, time.UTC),
			Text: "Baku, 6 October, SNA\n\nA cargo plane with 35 diesel generators and 4,000 sheets of roofing left Baku for Pinar del Río on Tuesday.\n\n" +
				"The ministry said the plane would stop to refuel on the way. Officials said the hurricane had damaged 60,000 homes."},
		{Title: "Boxers train in Havana", Language: "en", Published: time.Date(2019, 11, 18, 0, 0, 0, 0, time.UTC),
			Text: "Nine Azerbaijani boxers spent three weeks at a camp in Havana with the Cuban team."},
	}
	lib, _ := newTestLibrary(t, docs...)
	ans, err := lib.Ask(ctx, Question{Text: "give me an overview of what azerbaijan did for cuba after hurricane ian"}, defaultAnswerOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Grounded || !strings.Contains(ans.Text, "35 diesel generators") || strings.Contains(ans.Text, "SNA [") {
		t.Errorf("answered %q; want the lead with the generators, and no dateline", ans.Text)
	}
	if !readIntent("what people-to-people exchanges are there between azerbaijan and cuba?").broad {
		t.Errorf("a people-to-people question is not broad; want an overview")
	}
}

// A topic's summary, which a broad question is answered with too, covers
// the field across its reports (ten short sentences or more where the
// library has them) and never runs past topicMax characters.
func TestTopicSummaryCoversTheField(t *testing.T) {
	var docs []corpus.Document
	for i, mill := range []string{"Holguín", "Camagüey", "Las Tunas", "Granma", "Matanzas", "Cienfuegos", "Artemisa", "Mayabeque"} {
		docs = append(docs, mustParse(t, fmt.Sprintf("# Sugar mill in %[1]s\n\nAzerbaijani engineers repaired the sugar mill of %[1]s, which will grind %[2]d,000 tonnes of cane this harvest. "+
			"The sugar from %[1]s will be shipped to a refinery near Baku in the spring, the sugar group said.\n", mill, 40+i)))
	}
	lib, _ := newTestLibrary(t, docs...)
	s, err := lib.Summarize(context.Background(), SummaryRequest{Topic: "sugar"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Points) < 10 || len(s.Text) > topicMax+200 {
		t.Errorf("topic summary of %d sentences, %d characters; want at least 10, at most about %d", len(s.Points), len(s.Text), topicMax)
	}
}
