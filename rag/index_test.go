package rag

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"cabot/corpus"
)

func TestVectorIndexEdgeCases(t *testing.T) {
	ctx := context.Background()
	x := newVectorIndex()
	q := normalize([]float32{1, 0, 0})
	// chromem-go fails a query on an empty collection; the wrapper must not.
	got, err := x.search(ctx, []string{""}, q, 5)
	if err != nil || len(got) != 0 {
		t.Fatalf("search on empty index = %v, %v; want no hits, no error", got, err)
	}
	if err := x.add(ctx, "", []vectorEntry{
		{ID: "a", Vector: normalize([]float32{1, 0, 0})},
		{ID: "b", Vector: normalize([]float32{1, 1, 0})},
		{ID: "zero", Vector: []float32{0, 0, 0}}, // no content words: left out
	}); err != nil {
		t.Fatal(err)
	}
	// k above the count is clamped.
	got, err = x.search(ctx, []string{""}, q, 10)
	if err != nil {
		t.Fatalf("search with k above count: %v", err)
	}
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" {
		t.Fatalf("search = %v; want a then b", got)
	}
	if math.Abs(got[0].Score-1) > 1e-5 {
		t.Errorf("similarity of identical vectors = %v; want 1", got[0].Score)
	}
	// A zero query vector matches nothing rather than producing NaNs.
	if got, err := x.search(ctx, []string{""}, []float32{0, 0, 0}, 3); err != nil || len(got) != 0 {
		t.Errorf("search with zero vector = %v, %v; want nothing", got, err)
	}
	if err := x.remove(ctx, "", "a", "unknown"); err != nil {
		t.Fatal(err)
	}
	if got, _ := x.search(ctx, []string{""}, q, 10); len(got) != 1 || got[0].ID != "b" {
		t.Errorf("after remove, search = %v; want only b", got)
	}
}

// TestVectorIndexConcurrentWrites fails under -race if writes are not
// serialised (chromem-go v0.7.0's Delete reads its map without the lock).
func TestVectorIndexConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	x := newVectorIndex()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				id := fmt.Sprintf("g%d-%d", g, i)
				v := normalize([]float32{float32(g + 1), float32(i + 1), 1})
				if err := x.add(ctx, "", []vectorEntry{{ID: id, Vector: v}}); err != nil {
					t.Error(err)
					return
				}
				if _, err := x.search(ctx, []string{""}, v, 3); err != nil {
					t.Error(err)
					return
				}
				if i%2 == 0 {
					if err := x.remove(ctx, "", id); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, c := range x.cols {
		n += c.Count()
	}
	if n != 4*25 {
		t.Errorf("count = %d; want %d", n, 4*25)
	}
}

func TestBM25(t *testing.T) {
	x := newBM25()
	if got := x.search("anything", "en", 3, nil); len(got) != 0 {
		t.Fatalf("search on empty index = %v; want nothing", got)
	}
	x.add("health", "", analyse("", "Cuban doctors attended patients in Azerbaijan.", "en", newLocalStems()))
	x.add("trade", "", analyse("", "Trade and tourism between the two countries grew.", "en", newLocalStems()))
	x.add("culture", "", analyse("", "Culture, education and agriculture were discussed.", "en", newLocalStems()))
	tests := []struct {
		query string
		want  string
	}{
		{"How many patients did the doctors attend?", "health"},
		{"tourism trade", "trade"},
		{"AGRICULTURE", "culture"},
	}
	for _, tt := range tests {
		got := x.search(tt.query, "en", 3, nil)
		if len(got) == 0 || got[0].ID != tt.want {
			t.Errorf("search(%q) = %v; want %s first", tt.query, got, tt.want)
		}
	}
	if got := x.search("paella recipe", "en", 3, nil); len(got) != 0 {
		t.Errorf("search for absent words = %v; want nothing", got)
	}
	x.remove("health")
	if got := x.search("patients", "en", 3, nil); len(got) != 0 {
		t.Errorf("after remove, search = %v; want nothing", got)
	}
	// Re-adding an ID replaces its text.
	x.add("trade", "", analyse("", "Sugar exports.", "en", newLocalStems()))
	if got := x.search("tourism", "en", 3, nil); len(got) != 0 {
		t.Errorf("replaced text still found: %v", got)
	}
	absent, present := x.idfLocked(len(x.postingsLocked("unknownword"))), x.idfLocked(len(x.postingsLocked(stem("sugar"))))
	if absent <= present {
		t.Errorf("idf of a word no chunk has (%v) should exceed that of a present word (%v)", absent, present)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string // content-word stems
	}{
		{"more than 77,000 patients", []string{"77000", "patient"}},
		{"77000 Patients", []string{"77000", "patient"}},
		{"Valdés Mesa", []string{"vald", "mesa"}},
		{"his country's willingness", []string{"countri", "willing"}},
		{"the doctors attended", []string{"doctor", "attend"}},
		// A contraction is no word of its own; a name with an apostrophe is one.
		{"once they're back, we've seen they don't stay", []string{"back", "seen", "stay"}},
		{"Sean O'Brien’ll come", []string{"sean", "obrien", "come"}},
	}
	for _, tt := range tests {
		got := terms(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("terms(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashEmbedder(t *testing.T) {
	ctx := context.Background()
	e := NewHashEmbedder()
	vs, err := e.EmbedDocuments(ctx, []string{
		"Cuban doctors attended patients in Azerbaijan.",
		"Cuban physicians treated patients in Azerbaijan.",
		"The recipe for paella uses rice and saffron.",
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		if len(v) != e.Dimension() {
			t.Fatalf("vector %d has %d dimensions; want %d", i, len(v), e.Dimension())
		}
		var norm float64
		for _, x := range v {
			norm += float64(x) * float64(x)
		}
		if math.Abs(norm-1) > 1e-5 {
			t.Errorf("vector %d has squared norm %v; want 1", i, norm)
		}
	}
	q, _ := e.EmbedQuery(ctx, "Cuban doctors attended patients in Azerbaijan.")
	if dot(q, vs[0]) < 0.999 {
		t.Errorf("query and document of the same text differ: cosine %v", dot(q, vs[0]))
	}
	if dot(vs[0], vs[1]) <= dot(vs[0], vs[2]) {
		t.Errorf("related texts (%.3f) should be closer than unrelated ones (%.3f)", dot(vs[0], vs[1]), dot(vs[0], vs[2]))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.EmbedQuery(cancelled, "x"); err == nil {
		t.Error("EmbedQuery with a cancelled context succeeded; want an error")
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// A word one typo from an indexed word is read as that word; what is
// remembered of it is forgotten when the vocabulary changes.
func TestBM25Nearest(t *testing.T) {
	x := newBM25()
	x.add("a", "", analyse("", "The first brigade arrived.", "en", newLocalStems()))
	if got := x.nearest("frist"); got != "first" {
		t.Errorf("nearest(%q) = %q; want %q", "frist", got, "first")
	}
	if got := x.nearest("zzzzz"); got != "" {
		t.Errorf("nearest(%q) = %q; want none", "zzzzz", got)
	}
	x.add("b", "", analyse("", "Zzzzy zzzzy zzzzy.", "en", newLocalStems()))
	if got := x.nearest("zzzzz"); got != stem("zzzzy") {
		t.Errorf("after adding a word one edit away, nearest(%q) = %q; want %q", "zzzzz", got, stem("zzzzy"))
	}
}

// A mistyped word finds the chunks of the word it was meant to be, and a
// "how many" question counts that word: "genrators" asks for generators.
func TestTypoFindsAndCounts(t *testing.T) {
	x := newBM25()
	x.add("a", "", analyse("", "The consignment includes 35 diesel generators and 600 tents.", "en", newLocalStems()))
	x.add("b", "", analyse("", "Azerbaijan sent aid to Pinar del Río after the hurricane.", "en", newLocalStems()))
	if hits := x.search("genrators", "en", 5, nil); len(hits) != 1 || hits[0].ID != "a" {
		t.Errorf("search(genrators) = %v; want the chunk with generators", hits)
	}
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Relief aid for Pinar del Río", Language: "en",
			Text: "Azerbaijan sent 60 tonnes of aid to Pinar del Río. The consignment includes 35 diesel generators and 600 family tents."})
	ans, err := lib.Ask(context.Background(), Question{Text: "how many genrators did azerbaijan send"}, defaultAnswerOptions())
	if err != nil || !strings.HasPrefix(ans.Text, "35 diesel generators") {
		t.Errorf("answered %q (%v); want 35 diesel generators first", ans.Text, err)
	}
}

// A verb of two words finds the one word news writes for it ("set up":
// established), and the question is answered.
func TestPhrasalVerbFindsItsWord(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Foundation donates a dialysis unit", Language: "en",
			Text: "The Ulduz Foundation donated a dialysis unit to a hospital in Cárdenas. The Ulduz Foundation was established in Baku in 2012."})
	ans, err := lib.Ask(context.Background(), Question{Text: "when was the ulduz foundation set up?"}, defaultAnswerOptions())
	if err != nil || !strings.HasPrefix(ans.Text, "2012") {
		t.Errorf("answered %q (%v); want 2012 first", ans.Text, err)
	}
}

// A word made of two indexed words is read as both ("groundbreaking": the
// article says "break ground"), and so is a question with it.
func TestBM25Compound(t *testing.T) {
	x := newBM25()
	x.add("a:0", "", analyse("", "Cuba and Azerbaijan break ground on a biotech plant.", "en", newLocalStems()))
	if got := x.compound(stem("groundbreaking")); !slices.Equal(got, []string{"ground", "break"}) {
		t.Errorf("compound(%q) = %q; want ground, break", stem("groundbreaking"), got)
	}
	if got := x.compound(stem("breakfast")); got != nil {
		t.Errorf("compound(%q) = %q; want none (\"fast\" is not indexed)", stem("breakfast"), got)
	}
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Cuba and Azerbaijan break ground on biotech plant in Sumgait", Language: "en",
			Text: "The Cuban embassy was represented at the ceremony by its chargé d'affaires, Yanet Cruz Machado."},
		corpus.Document{Title: "Cuban doctors in Baku", Language: "en",
			Text: "The Cuban embassy in Baku welcomed the doctors. The ambassador thanked the hospitals of Ganja."})
	ans, err := lib.Ask(context.Background(), Question{Text: "Who represented the Cuban embassy at the Sumgait groundbreaking?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.HasPrefix(ans.Text, "Yanet Cruz Machado") {
		t.Errorf("answered %q (%v); want Yanet Cruz Machado first", ans.Text, err)
	}
}

// Of the words one typo away that as many chunks have, nearest picks the
// first in byte order, whatever the order of the index's map (it picked
// one at random, and the answers built on it changed from run to run).
func TestBM25NearestTie(t *testing.T) {
	for range 20 {
		x := newBM25()
		x.add("a", "", analyse("", "The cart arrived.", "en", newLocalStems()))
		x.add("b", "", analyse("", "Bart arrived.", "en", newLocalStems()))
		if got := x.nearest("dart"); got != "bart" {
			t.Fatalf("nearest(%q) = %q; want %q", "dart", got, "bart")
		}
	}
}

// A verb form no document has is read as the verb's other forms the
// documents have ("lay flowers": the article says "laid").
func TestIrregularVerbForms(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Valdés Mesa in Baku", Language: "en",
			Text: "Before leaving, the vice president laid flowers at the Eternal Flame memorial in Baku."},
		corpus.Document{Title: "Cuban doctors in Baku", Language: "en",
			Text: "The Cuban doctors worked in Baku. Flowers were given to the nurses before they left."})
	qt := lib.queryTerms("Where did the vice president lay flowers before leaving Baku?")
	if !slices.Contains(qt.alts["lay"], "laid") || qt.absent["lay"] {
		t.Errorf("lay: stems %q, absent %v; want laid among them, and present", qt.alts["lay"], qt.absent["lay"])
	}
	ans, err := lib.Ask(context.Background(), Question{Text: "Where did the vice president lay flowers before leaving Baku?"}, defaultAnswerOptions())
	if err != nil || !ans.Grounded || !strings.HasPrefix(ans.Text, "Eternal Flame") {
		t.Errorf("answered %q (%v); want the Eternal Flame memorial first", ans.Text, err)
	}
}

// A word no document has may be the other spelling of one it has, or an
// abbreviation of one; a spelling or abbreviation the library does not
// have stays unknown.
func TestUnknownWords(t *testing.T) {
	x := newBM25()
	x.add("a:0", "", analyse("", "The organization's programme trains pharmaceutical workers at the centre.", "en", newLocalStems()))
	for word, want := range map[string]string{
		"organisation": stem("organization"),
		"program":      stem("programme"),
		"center":       stem("centre"),
		"pharma":       stem("pharmaceutical"),
	} {
		if got, typo := x.unknownWord(word, stem(word)); typo || !slices.Equal(got, []string{want}) {
			t.Errorf("unknownWord(%q) = %q, typo %v; want %q", word, got, typo, want)
		}
	}
	if got, _ := x.unknownWord("banana", stem("banana")); got != nil {
		t.Errorf("unknownWord(banana) = %q; want nothing", got)
	}
}

// The short forms chat writes stand for the words the library has ("nov":
// November, "azeri": Azerbaijani), and a mistyped question word ("wich",
// "hwo") is no word to match, though a real word one letter from one
// ("show") is.
func TestShortFormsAndMistypedQuestionWords(t *testing.T) {
	x := newBM25()
	x.add("a:0", "", analyse("", "Twelve Azerbaijani doctors left for Havana in November; they wished to learn. People met the foreign minister. The medical graduates. The bank lent money.", "en", newLocalStems()))
	for word, want := range map[string][]string{"nov": {stem("november")}, "azeri": {stem("azerbaijani")}, "ppl": {stem("people")}, "fm": {stem("foreign"), stem("minister")},
		"med": {stem("medical")}, "grads": {stem("graduates")}} {
		if got, typo := x.unknownWord(word, stem(word)); !typo || !slices.Equal(got, want) {
			t.Errorf("unknownWord(%q) = %q, typo %v; want %q standing for it", word, got, typo, want)
		}
	}
	if got, typo := x.unknownWord("sank", stem("sank")); typo || got != nil {
		t.Errorf("unknownWord(sank) = %q, typo %v; want nothing: a verb's past is no typo of \"bank\"", got, typo)
	}
	if got, _ := x.unknownWord("oct", stem("oct")); got != nil {
		t.Errorf("unknownWord(oct) = %q; want nothing: the library has no October", got)
	}
	for word, want := range map[string]bool{"wich": true, "hwo": true, "which": false, "show": false, "hot": false} {
		if got := askingTypo(word); got != want {
			t.Errorf("askingTypo(%q) = %v; want %v", word, got, want)
		}
	}
}

// A question's word finds the chunks that have another form of it
// ("medical" finds "medicine", "Azerbaijani" finds "Azerbaijan"); an
// unrelated word does not count.
func TestBM25FindsOtherForms(t *testing.T) {
	x := newBM25()
	for id, text := range map[string]string{
		"same":  "The medical students arrived.",
		"other": "Thirty young people came to study medicine.",
		"also":  "A medical team arrived later.",
		"none":  "Sugar exports rose in 2024.",
	} {
		x.add(id, "", analyse("", text, "en", newLocalStems()))
	}
	hits := x.search("medical", "en", 10, nil)
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	if len(ids) != 3 || !slices.Contains(ids, "other") || slices.Contains(ids, "none") {
		t.Errorf("search(medical) = %v; want the two chunks with medical and the one with medicine", ids)
	}
	if hits := x.search("azerbaijani", "en", 10, nil); len(hits) != 0 {
		t.Errorf("search(azerbaijani) = %v on chunks without it; want none", hits)
	}
	x.add("az", "", analyse("", "Azerbaijan signed the deal.", "en", newLocalStems()))
	if hits := x.search("azerbaijani", "en", 10, nil); len(hits) != 1 || hits[0].ID != "az" {
		t.Errorf("search(azerbaijani) = %v; want the chunk with Azerbaijan", hits)
	}
}

// "Who is in charge of it?" asks who heads it, in the words of any
// language: "al frente del ensayo está…".
func TestInChargeIsWhoHeads(t *testing.T) {
	lib, _ := newTestLibrary(t,
		corpus.Document{Title: "Comienza el ensayo de algodón en Veguitas", Language: "es",
			Text: "El ensayo de algodón comenzó en la Estación Experimental de Veguitas. Al frente del ensayo está la ingeniera Idania Tamayo Ricardo, que se preparó en Ganja."})
	ans, err := lib.Ask(context.Background(), Question{Text: "who is in charge of the cotton trial at veguitas"}, defaultAnswerOptions())
	if err != nil || !strings.HasPrefix(ans.Text, "Idania Tamayo Ricardo") {
		t.Errorf("answered %q (%v); want Idania Tamayo Ricardo first", ans.Text, err)
	}
}
