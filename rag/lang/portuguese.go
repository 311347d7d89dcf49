package lang

import "strings"

// A Portuguese stemmer in the manner of RSLP (Orengo & Huyck, 2001),
// lighter: the same steps in the same order, fewer rules, and run on the
// folded word (no diacritics), so "ações" and "acoes" stem alike.
//
//	plural      médicos → médico, ações → ação, homens → homem
//	feminine    médica → médico, embaixadora → embaixador
//	adverb      rapidamente → rapida
//	augmentative/diminutive  pequenininho → pequen, belíssimo → bel
//	noun        vacinação → vacin, tratamento → trat, assinatura → assin
//	verb        assinaram → assin, chegou → cheg (only if no noun suffix went)
//	vowel       vacina → vacin, paciente → pacient (only if neither went)
//
// Each rule has a minimum length of what it leaves and a list of words it
// does not apply to; the rules are data, in pt_stem.txt.

type ptRule struct {
	suffix string
	min    int    // shortest stem the rule may leave (in letters)
	repl   string // put in place of the suffix
	except []string
}

// apply runs the first rule whose suffix ends w and whose conditions hold.
func ptApply(w string, rules []ptRule) (string, bool) {
	for _, r := range rules {
		if !strings.HasSuffix(w, r.suffix) {
			continue
		}
		stem := w[:len(w)-len(r.suffix)]
		if len(stem) < r.min || ptIn(w, r.except) {
			continue
		}
		return stem + r.repl, true
	}
	return w, false
}

func ptIn(w string, list []string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}

// ptSingularEs are words that end in -ês (folded -es) in the singular:
// the plural rule leaves them, and -esa, -eses come back to them.
var ptSingularEs = map[string]bool{}

// ptKeep are nouns that end like a participle or an adjective (estado,
// partido, brigada, vida): only their final vowel goes.
var ptKeep = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`portugues ingles frances japones chines holandes libanes
	irlandes escoces dinamarques finlandes polones tailandes norueges senegales congoles
	camarones mes tres atraves burgues marques cortes pequines milanes genoves calabres`) {
		ptSingularEs[w] = true
	}
	for _, w := range strings.Fields(`estado mercado partido senado soldado resultado lado
	passado legado advogado deputado cuidado sabado pecado obrigado marido sentido pedido
	ruido liquido solido acido valido tecido ouvido brigada estrada escada camada jornada
	temporada decada nada armada granada espada balada salada fachada madrugada cruzada
	piada pomada bancada vida duvida avenida comida bebida ferida corrida grado dado
	agrado bispado reinado pitada geada enseada empada candido rapido timido
	arquivo objetivo positivo passivo coletivo`) {
		ptKeep[w] = true
	}
}

// The rules of each step, read from pt_stem.txt.
var (
	ptRules        = must(parsePTRules(ptStemText))
	ptPlural       = ptRules["plural"]
	ptFeminine     = ptRules["feminine"]
	ptAdverb       = ptRules["adverb"]
	ptAugmentative = ptRules["augmentative"]
	ptNoun         = ptRules["noun"]
	ptVerb         = ptRules["verb"]
	ptVowel        = ptRules["vowel"]
)

// stemPortuguese stems a folded (lower-case, unaccented) Portuguese word.
func stemPortuguese(w string) string {
	if len(w) < 3 || !isLetters(w) {
		return w
	}
	if strings.HasSuffix(w, "s") {
		if strings.HasSuffix(w, "es") && ptSingularEs[w] {
			return w
		}
		w, _ = ptApply(w, ptPlural)
	}
	if strings.HasSuffix(w, "esa") && ptSingularEs[w[:len(w)-1]] {
		return w[:len(w)-1]
	}
	if ptKeep[w] {
		w, _ = ptApply(w, ptVowel)
		return w
	}
	if strings.HasSuffix(w, "a") {
		w, _ = ptApply(w, ptFeminine)
	}
	if w2, ok := ptApply(w, ptAdverb); ok && strings.HasSuffix(w2, "a") {
		w, _ = ptApply(w2, ptFeminine) // rapidamente → rapida → rapido
	} else {
		w = w2
	}
	w, _ = ptApply(w, ptAugmentative)
	if ptKeep[w] {
		w, _ = ptApply(w, ptVowel)
		return w
	}
	w, changed := ptApply(w, ptNoun)
	if !changed {
		w, changed = ptApply(w, ptVerb)
	}
	if !changed {
		w, _ = ptApply(w, ptVowel)
	}
	return w
}

// isLetters reports whether w is all lower-case ASCII letters: digits,
// names in other scripts and the like are not stemmed.
func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
