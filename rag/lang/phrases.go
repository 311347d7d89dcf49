package lang

import (
	"fmt"
	"time"
)

// Messages are the sentences the bot says around an answer, in one
// language. Get them with Phrases.
type Messages struct {
	Lang          string // "en", "es" or "pt"
	NotCovered    string // the documents do not cover the question
	SourcesDiffer string // heads a list of disagreeing sources
	Nearest       string // heads a list of the nearest documents
	Sources       string // heads the list of sources

	noMatch      string // %s: a language's name
	according    string // %s outlet, %s date
	accordingOne string // %s outlet (no date)
	accordingDoc string // %s date (no outlet)
	date         string // fmt format of day (%d), month name (%s), year (%d)
	months       [12]string
	names        map[string]string // language code → its name in Lang
}

var phrases = map[string]Messages{
	"en": {
		Lang:          "en",
		NotCovered:    "The documents I have do not cover this.",
		SourcesDiffer: "The sources differ:",
		Nearest:       "Nearest documents:",
		Sources:       "Sources:",
		noMatch:       "I could not match this question to the documents in %s; try asking in English.",
		according:     "According to %s, %s:",
		accordingOne:  "According to %s:",
		accordingDoc:  "According to a document dated %s:",
		date:          "%d %s %d",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		names: map[string]string{"en": "English", "es": "Spanish", "pt": "Portuguese"},
	},
	"es": {
		Lang:          "es",
		NotCovered:    "Los documentos de que dispongo no tratan este tema.",
		SourcesDiffer: "Las fuentes no coinciden:",
		Nearest:       "Documentos más cercanos:",
		Sources:       "Fuentes:",
		noMatch:       "No pude relacionar esta pregunta con los documentos en %s; pruebe a preguntar en inglés.",
		according:     "Según %s, %s:",
		accordingOne:  "Según %s:",
		accordingDoc:  "Según un documento del %s:",
		date:          "%d de %s de %d",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		names: map[string]string{"en": "inglés", "es": "español", "pt": "portugués"},
	},
	"pt": {
		Lang:          "pt",
		NotCovered:    "Os documentos de que disponho não tratam deste assunto.",
		SourcesDiffer: "As fontes divergem:",
		Nearest:       "Documentos mais próximos:",
		Sources:       "Fontes:",
		noMatch:       "Não consegui relacionar esta pergunta com os documentos em %s; tente perguntar em inglês.",
		according:     "Segundo %s, %s:",
		accordingOne:  "Segundo %s:",
		accordingDoc:  "Segundo um documento de %s:",
		date:          "%d de %s de %d",
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		names: map[string]string{"en": "inglês", "es": "espanhol", "pt": "português"},
	},
}

// Phrases returns the bot's sentences in lang ("en", "es", "pt"); English
// for any other lang, "" included.
func Phrases(lang string) Messages {
	if m, ok := phrases[lang]; ok {
		return m
	}
	return phrases["en"]
}

// NoMatch says that a question in language questionLang could not be
// matched to the documents, and suggests asking in English.
func (m Messages) NoMatch(questionLang string) string {
	return fmt.Sprintf(m.noMatch, m.LanguageName(questionLang))
}

// According introduces what one source says: "According to Prensa
// Latina, 12 March 2021:". A zero date or an empty outlet is left out.
func (m Messages) According(outlet string, date time.Time) string {
	switch {
	case outlet == "" && date.IsZero():
		return m.Sources
	case outlet == "":
		return fmt.Sprintf(m.accordingDoc, m.Date(date))
	case date.IsZero():
		return fmt.Sprintf(m.accordingOne, outlet)
	}
	return fmt.Sprintf(m.according, outlet, m.Date(date))
}

// Date writes a date the way the language does: "12 March 2021", "12 de
// marzo de 2021", "12 de março de 2021".
func (m Messages) Date(t time.Time) string {
	return fmt.Sprintf(m.date, t.Day(), m.months[t.Month()-1], t.Year())
}

// LanguageName is the name of the language with code ("en", "es", "pt")
// in the language of m: Phrases("es").LanguageName("pt") is "portugués".
// An unknown code comes back as it is.
func (m Messages) LanguageName(code string) string {
	if n, ok := m.names[code]; ok {
		return n
	}
	return code
}
