package lang

import (
	"strings"
	"testing"
	"time"
)

func TestPhrases(t *testing.T) {
	date := time.Date(2021, time.March, 12, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang                                 string
		notCovered, differ, nearest, sources string
		noMatch, according, date, onlyOutlet string
		onlyDate                             string
	}{
		{"en", "The documents I have do not cover this.", "The sources differ:", "Nearest documents:", "Sources:",
			"I could not match this question to the documents in Spanish; try asking in English.",
			"According to Prensa Latina, 12 March 2021:", "12 March 2021", "According to Prensa Latina:",
			"According to a document dated 12 March 2021:"},
		{"es", "Los documentos de que dispongo no tratan este tema.", "Las fuentes no coinciden:", "Documentos más cercanos:", "Fuentes:",
			"No pude relacionar esta pregunta con los documentos en español; pruebe a preguntar en inglés.",
			"Según Prensa Latina, 12 de marzo de 2021:", "12 de marzo de 2021", "Según Prensa Latina:",
			"Según un documento del 12 de marzo de 2021:"},
		{"pt", "Os documentos de que disponho não tratam deste assunto.", "As fontes divergem:", "Documentos mais próximos:", "Fontes:",
			"Não consegui relacionar esta pergunta com os documentos em espanhol; tente perguntar em inglês.",
			"Segundo Prensa Latina, 12 de março de 2021:", "12 de março de 2021", "Segundo Prensa Latina:",
			"Segundo um documento de 12 de março de 2021:"},
	} {
		m := Phrases(c.lang)
		for _, f := range []struct{ name, got, want string }{
			{"NotCovered", m.NotCovered, c.notCovered},
			{"SourcesDiffer", m.SourcesDiffer, c.differ},
			{"Nearest", m.Nearest, c.nearest},
			{"Sources", m.Sources, c.sources},
			{"NoMatch(es)", m.NoMatch("es"), c.noMatch},
			{"According", m.According("Prensa Latina", date), c.according},
			{"According(no date)", m.According("Prensa Latina", time.Time{}), c.onlyOutlet},
			{"According(no outlet)", m.According("", date), c.onlyDate},
			{"According(neither)", m.According("", time.Time{}), c.sources},
			{"Date", m.Date(date), c.date},
		} {
			if f.got != f.want {
				t.Errorf("Phrases(%q).%s = %q; want %q", c.lang, f.name, f.got, f.want)
			}
		}
		if m.Lang != c.lang {
			t.Errorf("Phrases(%q).Lang = %q", c.lang, m.Lang)
		}
	}
}

func TestPhrasesFallBack(t *testing.T) {
	for _, lang := range []string{"", "fr", "EN"} {
		if got := Phrases(lang); got.Lang != "en" {
			t.Errorf("Phrases(%q).Lang = %q; want \"en\"", lang, got.Lang)
		}
	}
	if got := Phrases("es").LanguageName("pt"); got != "portugués" {
		t.Errorf("Phrases(\"es\").LanguageName(\"pt\") = %q; want \"portugués\"", got)
	}
	if got := Phrases("pt").LanguageName("xx"); got != "xx" {
		t.Errorf("Phrases(\"pt\").LanguageName(\"xx\") = %q; want \"xx\"", got)
	}
	// Every language has every month and every language name.
	for lang, m := range phrases {
		for i, mo := range m.months {
			if mo == "" {
				t.Errorf("%s: month %d has no name", lang, i+1)
			}
		}
		for _, code := range []string{"en", "es", "pt"} {
			if n := m.LanguageName(code); n == code || strings.TrimSpace(n) == "" {
				t.Errorf("%s: no name for %q", lang, code)
			}
		}
	}
}

// The overview of the fields of cooperation is headed in the asker's
// language, its list joined as the language joins one.
func TestOverviewPhrases(t *testing.T) {
	keys := []string{"health", "trade", "culture"}
	for lang, want := range map[string]string{
		"en": "The documents cover cooperation in health, trade and culture and sport.",
		"es": "Los documentos tratan de la cooperación en salud, comercio y cultura y deporte.",
		"pt": "Os documentos tratam da cooperação em saúde, comércio e cultura e desporto.",
	} {
		if got := Phrases(lang).Overview(keys); got != want {
			t.Errorf("Phrases(%q).Overview(%q) = %q; want %q", lang, keys, got, want)
		}
	}
	if got := Phrases("es").Join([]string{"salud"}); got != "salud" {
		t.Errorf("Join of one item = %q", got)
	}
	for _, l := range []string{"en", "es", "pt"} {
		for _, k := range []string{"health", "biotech", "trade", "education", "diplomacy", "culture"} {
			if got := Phrases(l).Area(k); got == k && l != "en" || got == "" {
				t.Errorf("Phrases(%q).Area(%q) = %q: not translated", l, k, got)
			}
		}
	}
}
