package lang

import "strings"

// The kinds of answer a question asks for (QuestionKind).
const (
	KindNumber = "number" // how many, cuántos, quantos; how much, how long
	KindDate   = "date"   // when, what year, cuándo, en qué año, quando, em que ano
	KindName   = "name"   // who, what is the name, quién, cómo se llama, quem, qual o nome
	KindPlace  = "place"  // where, which city, dónde, en qué ciudad, onde, em que cidade
)

// QuestionKind tells what kind of answer question asks for: KindNumber,
// KindDate, KindName, KindPlace, or "" (anything else: what, why, how,
// yes or no). lang is "en", "es" or "pt" (Detect's answer); for "" all
// three are tried.
//
// The question word decides: "¿Cuántos médicos…?" asks for a number,
// "Who signed…?" for a name. "What", "which", "qué", "cuál", "qual" decide
// by the noun that follows ("what year" a date, "qué ciudad" a place, "qué
// ministro" a name, "qual o nome" a name), else the kind is "". The first
// question word counts, so "What did he say when he arrived?" is "". In
// Spanish an accented interrogative (cuándo, dónde, quién) outranks an
// unaccented word that may be a relative ("cuando llegaron"); "que",
// "como", "cual" count only at the start of the question. English
// questions that open with an auxiliary ("Did the doctors who came…") are
// yes-or-no questions unless a question word follows "know", "tell me" and
// the like ("Do you know who signed?").
func QuestionKind(lang, question string) string {
	switch lang {
	case "en", "es", "pt":
		return questionKind(lang, question)
	case "":
		for _, l := range []string{"es", "pt", "en"} {
			if k := questionKind(l, question); k != "" {
				return k
			}
		}
	}
	return ""
}

func questionKind(lang, question string) string {
	raw := words(compose(question))
	toks := make([]string, len(raw))
	for i, w := range raw {
		w = Fold(w)
		if lang == "en" {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") // what's, who's
		}
		toks[i] = w
	}
	q := qwords[lang]
	if lang == "es" {
		// An accented interrogative is never a relative: it decides.
		for i, w := range raw {
			if esAccented[w] {
				return kindAt(q, toks, i)
			}
		}
	}
	// The question word at the start (after prepositions and, in
	// Portuguese, the "o" of "o que").
	i := 0
	for i < len(toks) && q.lead[toks[i]] {
		i++
	}
	if i < len(toks) && (q.cue[toks[i]] != "" || q.open[toks[i]]) {
		return kindAt(q, toks, i)
	}
	if lang == "en" && i < len(toks) && enAux[toks[i]] {
		// Yes or no, unless it asks whether one knows the answer.
		for j := i + 1; j < len(toks); j++ {
			if (q.cue[toks[j]] != "" || q.open[toks[j]]) && enEmbed[toks[j-1]] {
				return kindAt(q, toks, j)
			}
		}
		return ""
	}
	// Further in ("Dime cuántos…", "Tell me when…"): the first question
	// word; the open ones (what, which) too in English, where they are not
	// relatives as often.
	for j := i; j < len(toks); j++ {
		if q.cue[toks[j]] != "" || lang == "en" && q.open[toks[j]] {
			return kindAt(q, toks, j)
		}
	}
	return ""
}

// kindAt decides the kind from the question word at toks[i].
func kindAt(q qlang, toks []string, i int) string {
	w := toks[i]
	next := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k]
		}
		return ""
	}
	if k := q.cue[w]; k != "" {
		switch {
		case k == KindNumber && q.notNumber[next(1)]:
			return "" // "quanto ao acordo": as for
		case w == "how" && !q.howKind[next(1)]:
			return "" // how, not how many
		}
		if w == "how" {
			return KindNumber
		}
		return k
	}
	if !q.open[w] {
		return ""
	}
	// "cómo se llama", "como se chama"
	if q.callVerb != nil && next(1) == "se" && q.callVerb[next(2)] {
		return KindName
	}
	// what/which/qué/cuál + (article, verb to be) + noun
	skipped := 0 // adjectives before the noun: "which Cuban grandmaster"
	for k := 1; k <= 5 && i+k < len(toks); k++ {
		t := toks[i+k]
		if kind, ok := q.nouns[t]; ok {
			return kind
		}
		if !q.filler[t] {
			if !nounAdjectives[t] || skipped == 2 {
				break
			}
			skipped++
		}
	}
	return ""
}

type qlang struct {
	cue       map[string]string // question words that decide alone
	open      map[string]bool   // what, which: decide by the noun after
	lead      map[string]bool   // words before the question word: in, en, em, o
	filler    map[string]bool   // between open word and noun: the, is, el, es, o, é
	nouns     map[string]string // year → date, city → place, minister → name
	notNumber map[string]bool   // after quanto: not a number ("quanto a")
	howKind   map[string]bool   // after how: many, much, long
	callVerb  map[string]bool   // llama, chama
}

// nounAdjectives are the words that may stand between an open question
// word and its noun in the three languages ("which Cuban grandmaster", "qué
// nuevo embajador"), folded.
var nounAdjectives = set(`cuban azerbaijani azeri new first second third last former main local foreign young top
	cubano cubana cubanos cubanas azerbaiyano azerbaiyana nuevo nueva primer primera segundo segunda ultimo ultima
	azerbaijano azerbaijana novo nova primeiro primeira`)

var esAccented = set(`cuántos cuántas cuánto cuánta cuándo dónde adónde quién quiénes qué cuál cuáles cómo`)

var enAux = set(`did does do is are was were has have had can could will would should`)

var enEmbed = set(`know tell me us say remember find show explain`)

var qwords = map[string]qlang{
	"en": {
		cue:     cues(KindNumber, `how`, KindDate, `when`, KindName, `who whom whose`, KindPlace, `where whence`),
		open:    set(`what which`),
		lead:    set(`in on at from since for to by of and so but`),
		filler:  set(`is was are were the a an exact specific full s 's`),
		nouns:   nounKinds(`year years date day month decade century`, `city country place town village region province location venue capital hospital hospitals`, `name names person people minister ambassador president doctor official leader rector company university outlet newspaper agency ministry institute organization grandmaster player winner champion coach singer artist journalist chairman director head chief firm`, `number percentage amount quantity total share`),
		howKind: set(`many much long`),
	},
	"es": {
		cue:       cues(KindNumber, `cuantos cuantas cuanto cuanta`, KindDate, `cuando`, KindName, `quien quienes`, KindPlace, `donde adonde`),
		open:      set(`que cual cuales como`),
		lead:      set(`en a de desde para con por hasta y pero entonces dime sabes sabe`),
		filler:    set(`es era fue son eran fueron el la los las un una exacta exacto`),
		nouns:     nounKinds(`ano anos fecha fechas dia dias mes meses decada siglo`, `ciudad ciudades pais paises lugar lugares region provincia localidad sitio sede capital hospital hospitales`, `nombre nombres persona personas ministro ministra embajador embajadora presidente medico medica funcionario lider rector empresa universidad medio periodico agencia ministerio instituto organizacion`, `numero cantidad porcentaje total cifra`),
		notNumber: set(`a al`),
		callVerb:  set(`llama llaman llamaba llamaban llamo`),
	},
	"pt": {
		cue:       cues(KindNumber, `quantos quantas quanto quanta`, KindDate, `quando`, KindName, `quem`, KindPlace, `onde aonde`),
		open:      set(`que qual quais como`),
		lead:      set(`em a de desde para com por ate e mas entao o diga sabe`),
		filler:    set(`e era foi sao eram foram o a os as um uma exata exato`),
		nouns:     nounKinds(`ano anos data datas dia dias mes meses decada seculo`, `cidade cidades pais paises lugar lugares regiao provincia localidade sitio sede capital hospital hospitais`, `nome nomes pessoa pessoas ministro ministra embaixador embaixadora presidente medico medica funcionario lider reitor empresa universidade jornal agencia ministerio instituto organizacao`, `numero quantidade porcentagem percentagem total cifra`),
		notNumber: set(`a ao aos as`),
		callVerb:  set(`chama chamam chamava chamavam chamou`),
	},
}

func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

func cues(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		for _, w := range strings.Fields(pairs[i+1]) {
			m[w] = pairs[i]
		}
	}
	return m
}

func nounKinds(date, place, name, number string) map[string]string {
	return cues(KindDate, date, KindPlace, place, KindName, name, KindNumber, number)
}
