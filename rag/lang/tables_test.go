package lang

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// The data files parse to the tables that were Go literals before they
// moved to data (checked equal then, commit b9399bc): here, their counts
// and a few values of each.
func TestTablesParse(t *testing.T) {
	ph, err := parsePhrases(phrasesText)
	if err != nil {
		t.Fatal(err)
	}
	if len(ph) != 3 {
		t.Errorf("phrases.txt: %d languages, want 3", len(ph))
	}
	for _, c := range []struct{ lang, date, nearest, name, may string }{
		{"en", "12 March 2021", "Nearest documents:", "Portuguese", "May"},
		{"es", "12 de marzo de 2021", "Documentos más cercanos:", "portugués", "mayo"},
		{"pt", "12 de março de 2021", "Documentos mais próximos:", "português", "maio"},
	} {
		m := ph[c.lang]
		if m.Lang != c.lang || m.Nearest != c.nearest || m.names["pt"] != c.name || m.months[4] != c.may ||
			len(m.names) != 3 {
			t.Errorf("phrases.txt %s: %#v", c.lang, m)
		}
		if got := m.Date(time.Date(2021, 3, 12, 0, 0, 0, 0, time.UTC)); got != c.date {
			t.Errorf("phrases.txt %s: date %q, want %q", c.lang, got, c.date)
		}
	}
	if got := ph["es"].noMatch; got != "No pude relacionar esta pregunta con los documentos en %s; pruebe a preguntar en inglés." {
		t.Errorf("phrases.txt es noMatch: %q", got)
	}

	pt, err := parsePTRules(ptStemText)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{"plural": 12, "feminine": 8, "adverb": 1, "augmentative": 12,
		"noun": 51, "verb": 88, "vowel": 4}
	for step, n := range counts {
		if len(pt[step]) != n {
			t.Errorf("pt_stem.txt [%s]: %d rules, want %d", step, len(pt[step]), n)
		}
	}
	if len(pt) != len(counts) {
		t.Errorf("pt_stem.txt: %d steps, want %d", len(pt), len(counts))
	}
	for _, c := range []struct {
		step string
		i    int
		want ptRule
	}{
		{"plural", 0, ptRule{"ns", 1, "m", nil}},
		{"plural", 2, ptRule{"aes", 1, "ao", []string{"maes"}}},
		{"adverb", 0, ptRule{"mente", 4, "", []string{"experimente", "mente", "demente", "semente", "clemente"}}},
		{"augmentative", 5, ptRule{"quinho", 4, "c", nil}},
		{"noun", 50, ptRule{"ido", 3, "", nil}},
		{"verb", 87, ptRule{"ai", 3, "", nil}},
		{"vowel", 1, ptRule{"a", 3, "", []string{"tema", "lema"}}},
	} {
		if got := pt[c.step][c.i]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("pt_stem.txt [%s] %d: %#v, want %#v", c.step, c.i, got, c.want)
		}
	}
	if got := pt["plural"][11].except; len(got) != 63 || got[0] != "alias" || got[62] != "apis" {
		t.Errorf("pt_stem.txt [plural] s: except %d words %v", len(got), got)
	}

	cg, err := parsePairs(cognatesText)
	if err != nil {
		t.Fatal(err)
	}
	if len(cg) != 3 || len(cg["es"]) != 53 || len(cg["pt"]) != 53 || len(cg["morphemes"]) != 20 {
		t.Errorf("cognates.txt: sections %d, es %d, pt %d, morphemes %d; want 3, 53, 53, 20",
			len(cg), len(cg["es"]), len(cg["pt"]), len(cg["morphemes"]))
	}
	for _, c := range []struct {
		sec  string
		i    int
		want [2]string
	}{
		{"es", 0, [2]string{"izaciones", "izations"}},
		{"es", 52, [2]string{"ia", "y"}},
		{"pt", 3, [2]string{"cao", "tion"}},
		{"pt", 12, [2]string{"cionais", "tionals"}},
		{"morphemes", 0, [2]string{"tecn", "techn"}},
		{"morphemes", 19, [2]string{"descentr", "decentr"}},
	} {
		if got := cg[c.sec][c.i]; got != c.want {
			t.Errorf("cognates.txt [%s] %d: %v, want %v", c.sec, c.i, got, c.want)
		}
	}
	// The runs the two languages spell alike are alike in the data.
	if !reflect.DeepEqual(cg["es"][8:12], cg["pt"][8:12]) || !reflect.DeepEqual(cg["es"][13:46], cg["pt"][13:46]) {
		t.Error("cognates.txt: es and pt differ in the rules they spell alike (8–11, 13–45)")
	}
}

func TestTablesMalformed(t *testing.T) {
	for _, text := range []string{"en NotCovered", "en colour = red", "en months = a b c"} {
		if _, err := parsePhrases(text); err == nil {
			t.Errorf("parsePhrases(%q): no error", text)
		}
	}
	for _, text := range []string{"ns 1 m", "[plural]\nns x m", "[plural]\nns 1"} {
		if _, err := parsePTRules(text); err == nil {
			t.Errorf("parsePTRules(%q): no error", text)
		}
	}
	for _, text := range []string{"a b", "[es]\na b c"} {
		if _, err := parsePairs(text); err == nil {
			t.Errorf("parsePairs(%q): no error", text)
		}
	}
	if _, err := parsePhrases(strings.Replace(phrasesText, "pt date =", "# pt date =", 1)); err == nil {
		t.Error("parsePhrases without pt date: no error")
	}
}
