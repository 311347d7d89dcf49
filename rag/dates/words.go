package dates

import (
	"strings"
	"time"
)

// monthInfo is what a month name says.
type monthInfo struct {
	m    time.Month
	abbr bool // may take a period: "Nov."
	// ambiguous names are also common words ("may", "march", "mar" is Spanish
	// for sea): they count only when capitalised.
	ambiguous bool
}

// months holds English and Spanish month names and abbreviations. The
// Spanish abbreviations "ago" and "set" are left out: they are English words.
var months = func() map[string]monthInfo {
	months := map[string]monthInfo{}
	for i, names := range [12]struct{ full, abbr string }{
		{"january enero", "jan ene"},
		{"february febrero", "feb"},
		{"march marzo", "mar"},
		{"april abril", "apr abr"},
		{"may mayo", ""},
		{"june junio", "jun"},
		{"july julio", "jul"},
		{"august agosto", "aug"},
		{"september septiembre setiembre", "sep sept"},
		{"october octubre", "oct"},
		{"november noviembre", "nov"},
		{"december diciembre", "dec dic"},
	} {
		for _, n := range strings.Fields(names.full) {
			months[n] = monthInfo{m: time.Month(i + 1)}
		}
		for _, n := range strings.Fields(names.abbr) {
			months[n] = monthInfo{m: time.Month(i + 1), abbr: true}
		}
	}
	for _, n := range []string{"may", "march", "mar"} {
		info := months[n]
		info.ambiguous = true
		months[n] = info
	}
	return months
}()

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	// relations maps a preposition to the relation it gives the date after it.
	relations = map[string]string{
		"until": "until", "till": "until", "through": "until", "thru": "until", "hasta": "until",
		"since": "since", "from": "since", "desde": "since",
		"before": "before", "after": "after", "by": "by",
		"between": "since", "entre": "since",
		// Kept in the expression for readability, with no relation.
		"in": "", "on": "", "during": "", "en": "", "durante": "",
	}
	// yearContext words before a number make it a year even when a
	// plural noun follows ("in 2000 doctors went").
	yearContext = set("in", "since", "until", "till", "through", "by", "from", "during",
		"before", "after", "en", "desde", "hasta", "durante", "year", "año", "el")
	// labels before a number make it a number, not a year ("page 2020").
	labels = set("page", "pages", "number", "num", "nr", "tel", "phone", "telephone", "fax",
		"ext", "room", "flight", "volume", "chapter", "section", "article", "decree", "law",
		"resolution", "item", "code", "case", "ref", "id", "pagina", "pag", "numero", "articulo",
		"decreto", "ley", "resolucion", "codigo", "expediente", "km", "route", "ruta", "street",
		"calle", "suite", "apartment", "apt", "box", "model", "version", "issue", "telefono")
	// dotLabels are the labels abbreviated with a period ("No. 2020").
	dotLabels = set("no", "n", "p", "pp", "art", "vol", "num", "pag", "tel", "ext")
	// quantityWords words before a number make it a quantity.
	quantityWords = set("approximately", "nearly", "almost", "roughly", "unos", "unas",
		"aproximadamente", "casi")
	// countNouns after a number make it a quantity though they do not end in s.
	countNouns = set("people", "children", "men", "women", "staff", "personnel", "gente",
		"million", "millions", "thousand", "billion", "hundred", "mil", "millon", "millones",
		"km", "kg", "mg", "mw", "kw", "usd", "eur", "cup", "cuc")
	// quantityAdjectives between a number and a plural noun keep it a
	// quantity ("2000 health workers").
	quantityAdjectives = set("aid", "health", "medical", "young", "new", "other", "foreign",
		"international", "more", "additional", "cuban", "extra")
	// yearNouns are plural nouns that a year commonly qualifies ("the 2020
	// elections"): after a number they do not make it a quantity.
	yearNouns = set("elections", "olympics", "games", "celebrations", "festivities",
		"holidays", "protests", "talks", "negotiations", "figures", "results", "statistics",
		"accounts", "accords", "floods", "hurricanes", "rains", "harvests", "carnivals",
		"championships", "awards", "budgets", "sanctions", "measures", "census", "elecciones",
		"fiestas", "olimpiadas", "juegos", "carnavales", "sanciones", "medidas", "cifras")
	// sVerbs end in s but are verbs: "2020 marks the anniversary".
	sVerbs = set("marks", "sees", "brings", "remains", "means", "represents", "begins",
		"ends", "continues", "becomes", "comes", "goes", "shows", "promises", "looks", "proves",
		"was", "has", "does", "saw")
	dashes   = set("-", "–", "—", "‑")
	joiners  = set("-", "–", "—", "‑", "/", ".", ":", ",", "_", "\\")
	signs    = set("#", "$", "€", "£", "+", "№", "%", "¥")
	ordinals = set("st", "nd", "rd", "th", "º", "ª", "°")
)
