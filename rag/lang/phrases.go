package lang

import (
	"fmt"
	"strings"
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
	overview     string            // %s: the fields of cooperation covered
	and          string            // joins the last two items of a list
	areas        map[string]string // field of cooperation's key → its name
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

// Overview heads an overview of the fields of cooperation the documents
// cover, given by key (health, biotech, trade, education, diplomacy,
// culture): "The documents cover cooperation in health and trade."
func (m Messages) Overview(keys []string) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = m.Area(k)
	}
	return fmt.Sprintf(m.overview, m.Join(names))
}

// Area is the name of a field of cooperation by its key; an unknown key
// comes back as it is.
func (m Messages) Area(key string) string {
	if n, ok := m.areas[key]; ok {
		return n
	}
	return key
}

// Join writes a list the way the language does: "a, b and c", "a, b y c".
func (m Messages) Join(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + m.and + " " + items[len(items)-1]
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
