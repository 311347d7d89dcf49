package lang

import (
	"strings"
	"unicode/utf8"
)

// Detect tells the language of text: "en", "es" or "pt", or "" when it
// cannot tell (too few clues, or clues for two languages in balance, as
// in a bare name like "Cuba Azerbaijan"). It works for one short question
// as for a whole article.
//
// The clues are function words and question words ("the", "who"; "qué",
// "cuántos", "de la"; "não", "quantos", "do", "da"), the letters only one
// of the languages writes (ñ ¿ ¡ for Spanish; ç ã õ â ê ô à for
// Portuguese; w, th for English) and characteristic endings (-ción,
// -aron, -ó; -ção, -ões, -aram, -ou, -m; -ing, -tion, -ed). Each word
// scores for the languages it points to, and the best score wins if it is
// clear enough. A text in another language (French, Italian) may come back
// as "es" or "pt": there is no class for it.
func Detect(text string) string {
	var s scores
	text = compose(text)
	s.marks(text)
	ws := words(text)
	if len(ws) > 3000 {
		ws = ws[:3000] // an article is told long before its end
	}
	prev := ""
	for _, w := range ws {
		s.word(w, prev)
		prev = w
	}
	return s.verdict()
}

type scores [3]float64 // en, es, pt

const (
	en = iota
	es
	pt
)

var langCodes = [3]string{"en", "es", "pt"}

// marks scores the punctuation and letters that one language alone uses.
func (s *scores) marks(text string) {
	var n [3]float64
	for _, r := range text {
		switch r {
		case '¿':
			n[es] += 4
		case '¡', 'ñ', 'Ñ':
			n[es] += 3
		case 'ç', 'Ç', 'ã', 'Ã', 'õ', 'Õ':
			n[pt] += 3
		case 'â', 'ê', 'ô', 'Â', 'Ê', 'Ô':
			n[pt] += 2
		case 'à', 'À':
			n[pt] += 1
		}
	}
	for i := range n {
		s[i] += min(n[i], 12) // a long text has enough other clues
	}
}

// word scores one lower-case word; prev is the word before it, for the
// pairs that tell ("de la" is Spanish, "de a" is not).
func (s *scores) word(w, prev string) {
	if v, ok := functionWords[w]; ok {
		for i := range v {
			s[i] += v[i]
		}
		if prev == "de" {
			switch w {
			case "la", "las", "los", "el":
				s[es] += 1.5
			case "o", "os", "as", "um", "uma":
				s[pt] += 1.5
			}
		}
		return
	}
	if utf8.RuneCountInString(w) < 3 || w[0] >= '0' && w[0] <= '9' {
		return
	}
	s.vocabulary(w)
	for _, e := range endings {
		if strings.HasSuffix(w, e.suffix) && utf8.RuneCountInString(w) > utf8.RuneCountInString(e.suffix)+1 {
			s[e.lang] += e.weight
			break
		}
	}
	if IsASCII(w) {
		switch {
		case strings.Contains(w, "th"), strings.Contains(w, "w"), strings.Contains(w, "sh"):
			s[en] += 1
		}
	}
	switch {
	case strings.Contains(w, "nh") && !strings.HasPrefix(w, "nh"), strings.Contains(w, "lh"):
		s[pt] += 1
	case strings.Contains(w, "ll") || strings.Contains(w, "ue") && !strings.Contains(w, "qu") && !strings.Contains(w, "gu"):
		s[es] += 0.5
	}
}

// vocabulary scores a content word by the lexicons: a word that only
// Spanish's, only Portuguese's or only the English side's vocabulary has
// ("vacunas", "vacinas", "vaccines") points to that language; one that two
// have ("médicos" in Spanish and Portuguese) a little to both. The words
// as written are compared first; their stems only when no language has
// the word itself (stemmers of one language run on words of another
// collide: "brigade" and "brigada" stem alike in Spanish).
func (s *scores) vocabulary(w string) {
	esLx, ptLx := lexicons()
	f := Fold(w)
	in := [3]bool{en: esLx.enSurface[f] || ptLx.enSurface[f], es: esLx.surface[f], pt: ptLx.surface[f]}
	if !in[en] && !in[es] && !in[pt] {
		_, in[es] = esLx.stems[Stem("es", w)]
		_, in[pt] = ptLx.stems[Stem("pt", w)]
		if isLetters(w) {
			e := Stem("en", w)
			in[en] = esLx.english[e] || ptLx.english[e]
		}
	}
	n := 0
	for _, b := range in {
		if b {
			n++
		}
	}
	for i, b := range in {
		switch {
		case b && n == 1:
			s[i] += 1
		case b && n == 2:
			s[i] += 0.4
		}
	}
}

// verdict picks the language with the best score, if it leads well.
func (s *scores) verdict() string {
	best, second := -1, -1
	for i := range s {
		switch {
		case best < 0 || s[i] > s[best]:
			best, second = i, best
		case second < 0 || s[i] > s[second]:
			second = i
		}
	}
	top, next := s[best], s[second]
	if top < 2 || top-next < 1 || top < 1.3*next {
		return ""
	}
	return langCodes[best]
}

type ending struct {
	suffix string
	lang   int
	weight float64
}

// endings, longest first within a language; the first that fits counts.
var endings = []ending{
	{"ções", pt, 3}, {"ção", pt, 3}, {"sões", pt, 3}, {"são", pt, 2}, {"ões", pt, 2.5},
	{"ão", pt, 2.5}, {"ães", pt, 2.5}, {"dades", pt, 1.5}, {"dade", pt, 2}, {"aram", pt, 2},
	{"eram", pt, 2}, {"iram", pt, 2}, {"ariam", pt, 2}, {"ência", pt, 1.5}, {"ância", pt, 1.5},
	{"agem", pt, 1.5}, {"agens", pt, 2}, {"ou", pt, 1.5}, {"eu", pt, 1}, {"iu", pt, 1.5},
	{"ns", pt, 1}, {"am", pt, 1}, {"em", pt, 1}, {"im", pt, 1}, {"om", pt, 1}, {"um", pt, 1},
	{"ciones", es, 3}, {"ción", es, 3}, {"siones", es, 3}, {"sión", es, 3}, {"cion", es, 2},
	{"dades", es, -1}, {"dad", es, 2}, {"aron", es, 2}, {"ieron", es, 2.5}, {"ió", es, 2.5},
	{"ó", es, 1.5}, {"encia", es, 1}, {"ancia", es, 1}, {"mente", es, 0.5}, {"ísimo", es, 1},
	{"ing", en, 2}, {"tion", en, 2}, {"tions", en, 2}, {"ed", en, 1}, {"ly", en, 1},
	{"ness", en, 2}, {"ship", en, 2}, {"ies", en, 1}, {"ty", en, 1}, {"ry", en, 1},
	{"nts", en, 1}, {"ts", en, 0.5}, {"ks", en, 1},
}

// functionWords score en, es, pt.
var functionWords = map[string][3]float64{}

func init() {
	add := func(lang int, weight float64, list string) {
		for _, w := range strings.Fields(list) {
			v := functionWords[w]
			v[lang] = weight
			functionWords[w] = v
		}
	}
	// English
	add(en, 3, `the who whom whose what which how why where when`)
	add(en, 2, `and of to is are was were did does has have had with from by for this that
	these those it its be been being there their they them will would can could should many much
	many any into during after before also other than between about against which were wasn
	didn doesn isn aren over under did signed sign agreement year years between our your you`)
	add(en, 1, `on at in an or if so not do as no new first last all more most some`)

	// Spanish
	add(es, 3, `qué quién quiénes cuál cuáles cuánto cuánta cuántos cuántas cuándo dónde cómo
	quien quienes cual cuales cuanto cuanta cuantos cuantas cuando donde adónde adonde
	los las del el y una unos unas es fue fueron hay han ha está están también más muy pero
	año años él ella ellos ellas sus su hizo tiene tienen puede pueden desde hasta entre
	según sobre después antes ahora ya además otro otra otros otras esos esas estos estas
	esto eso aquí allí donde dijo cuenta hacia nuevo nueva nuevos nuevas algún alguna ningún
	ninguna llegó llegaron firmó firmaron visitó visitaron envió enviaron ese ellos nosotros
	fueron siendo sido hubo había habían son le les lo al mismo misma cuáles`)
	add(es, 1.5, `en con un la ni sí usted ustedes`)
	add(es, 0.5, `que de se por para como no o`)

	// Portuguese
	add(pt, 3, `só quem quais qual quanto quanta quantos quantas quando onde aonde não são
	os as do da dos das no na nos nas um uma uns umas ao aos à às pelo pela pelos pelas
	foi foram há têm tem também mais muito muita muitos muitas já até depois ele ela eles
	elas seu sua seus suas fez pode podem ano anos novo nova novos novas esse essa esses
	essas isso isto aqui ali disse contra após após ainda então num numa dum duma neste
	nesta nesse nessa deste desta desse dessa sido sendo houve havia será serão está estão
	é e em com sem cerca entre`)
	add(pt, 0.5, `que de se por para como o a`)
	functionWords["a"] = [3]float64{0.5, 0.3, 1}
	functionWords["o"] = [3]float64{0, 0.5, 2}
	functionWords["e"] = [3]float64{0, 0, 2.5}
	functionWords["y"] = [3]float64{0, 3, 0}
	functionWords["no"] = [3]float64{1, 1.5, 1.5}
	functionWords["entre"] = [3]float64{0, 1.5, 1.5}
	functionWords["do"] = [3]float64{1.5, 0, 2.5}
	functionWords["dos"] = [3]float64{0, 1, 2}
	functionWords["está"] = [3]float64{0, 2, 2}
	functionWords["como"] = [3]float64{0, 1, 1}
	functionWords["desde"] = [3]float64{0, 2, 1}
	functionWords["as"] = [3]float64{1, 0, 2}
	functionWords["son"] = [3]float64{0, 2.5, 0}
	functionWords["sobre"] = [3]float64{0, 1.5, 1}
}
