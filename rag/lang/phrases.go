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

// phrases are the Messages of each language, read from phrases.txt.
var phrases = must(parsePhrases(phrasesText))

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
