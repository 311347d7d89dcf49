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
// does not apply to.

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

var ptPlural = []ptRule{
	{"ns", 1, "m", nil},
	{"oes", 1, "ao", nil},
	{"aes", 1, "ao", []string{"maes"}},
	{"ais", 1, "al", []string{"mais", "cais", "pais", "jamais", "demais", "ademais", "tais"}},
	{"eis", 2, "el", []string{"leis", "reis", "seis", "vinteis"}},
	{"ois", 1, "ol", []string{"dois", "pois", "depois", "bois", "herois"}},
	{"is", 2, "il", []string{"lapis", "cais", "mais", "crucis", "biquinis", "pois", "depois",
		"dois", "leis", "pais", "paris", "tenis", "iris", "oasis", "gratis", "bis", "quais",
		"reis", "seis", "jamais", "demais", "ademais", "tais", "apis"}},
	{"les", 3, "l", nil},
	{"res", 3, "r", []string{"pires", "ares", "mares", "antares"}},
	{"zes", 2, "z", nil},
	{"eses", 1, "es", nil},
	{"s", 2, "", []string{"alias", "pires", "lapis", "cais", "mais", "mas", "menos", "ferias",
		"fezes", "pesames", "crucis", "gas", "atras", "moises", "atraves", "conves", "pais",
		"apos", "ambas", "ambos", "messias", "depois", "pois", "dois", "seis", "tres", "simples",
		"onibus", "virus", "campus", "corpus", "bonus", "status", "jesus", "paris", "tenis", "iris",
		"oasis", "gratis", "bis", "lucas", "marcos", "carlos", "jonas", "tomas", "nicolas",
		"vargas", "santos", "reis", "aires", "buenos", "antes", "talvez", "ninguem", "apenas",
		"quais", "jamais", "demais", "ademais", "tais", "ontem", "cuantos", "apis"}},
}

var ptFeminine = []ptRule{
	{"inha", 3, "inho", []string{"rainha", "linha", "minha", "marinha", "farinha", "cozinha",
		"vizinha", "sozinha", "campainha", "ladainha", "galinha", "bainha", "tainha"}},
	{"ora", 3, "or", []string{"agora", "embora", "aurora", "demora", "outrora", "flora", "amora",
		"melhora", "piora", "senhora"}},
	{"osa", 3, "oso", []string{"mucosa", "prosa", "glicosa", "lactosa"}},
	{"ica", 3, "ico", []string{"dica", "fabrica", "musica", "america", "africa", "republica",
		"replica", "critica", "pratica", "botica", "tunica", "veronica", "informatica"}},
	{"ada", 2, "ado", nil},
	{"ida", 3, "ido", nil},
	{"iva", 3, "ivo", []string{"saliva", "oliva", "missiva", "gengiva", "ogiva", "diva"}},
	{"eira", 3, "eiro", []string{"beira", "cadeira", "frigideira", "bandeira", "feira", "capoeira",
		"barreira", "fronteira", "besteira", "poeira", "bananeira", "carteira", "maneira",
		"madeira", "cabeceira", "trincheira", "lareira", "ribeira", "ladeira", "bebedeira",
		"primeira", "terceira", "brincadeira", "parceira"}},
}

var ptAdverb = []ptRule{{"mente", 4, "", []string{"experimente", "mente", "demente", "semente", "clemente"}}}

var ptAugmentative = []ptRule{
	{"dissimo", 5, "", nil},
	{"abilissimo", 5, "", nil},
	{"issimo", 3, "", nil},
	{"errimo", 4, "", nil},
	{"zinho", 2, "", nil},
	{"quinho", 4, "c", nil},
	{"uinho", 4, "", nil},
	{"adinho", 3, "", nil},
	{"inho", 3, "", []string{"caminho", "vizinho", "carinho", "vinho", "sozinho", "adivinho",
		"espinho", "marinho", "padrinho", "linho", "ninho", "moinho", "pinho", "golfinho",
		"focinho", "mesquinho", "toucinho", "sobrinho", "redemoinho", "cozinho", "rainho",
		"minho", "farinho", "definho", "mergulho"}},
	{"zao", 2, "", []string{"razao", "coracao"}},
	{"zona", 2, "", []string{"amazona", "zona"}},
	{"arra", 3, "", []string{"guitarra", "barra", "garra", "jarra", "serra", "marra"}},
}

var ptNoun = []ptRule{
	{"encialista", 4, "", nil},
	{"alista", 5, "", nil},
	{"agem", 3, "", []string{"coragem", "chantagem", "vantagem", "carruagem", "homenagem"}},
	{"iamento", 4, "", nil},
	{"amento", 3, "", []string{"firmamento", "fundamento", "departamento", "parlamento"}},
	{"imento", 3, "", nil},
	{"mento", 6, "", []string{"elemento", "complemento", "instrumento", "departamento", "momento"}},
	{"alizado", 4, "", nil},
	{"atizado", 4, "", nil},
	{"tizado", 4, "", []string{"alfabetizado"}},
	{"izado", 5, "", []string{"organizado", "pulverizado"}},
	{"ativo", 4, "", []string{"pejorativo", "relativo"}},
	{"tivo", 4, "", []string{"relativo"}},
	{"ivo", 4, "", []string{"possessivo", "pejorativo"}},
	{"ador", 3, "", nil},
	{"edor", 3, "", nil},
	{"idor", 4, "", []string{"ouvidor"}},
	{"atoria", 5, "", nil},
	{"tor", 3, "", []string{"benfeitor", "leitor", "editor", "pastor", "motor", "setor", "reitor",
		"doutor", "ator", "vetor", "tutor", "heitor", "vitor"}},
	{"sor", 4, "", []string{"assessor", "professor", "sucessor", "antecessor", "predecessor", "agressor"}},
	{"abilidade", 5, "", nil},
	{"icionista", 4, "", nil},
	{"cionista", 5, "", nil},
	{"ionista", 5, "", nil},
	{"ionar", 5, "", nil},
	{"ional", 4, "", nil},
	{"encia", 3, "", nil},
	{"ancia", 4, "", []string{"ambulancia"}},
	{"edouro", 3, "", nil},
	{"queiro", 3, "c", nil},
	{"adeiro", 4, "", []string{"desfiladeiro"}},
	{"eiro", 3, "", []string{"desfiladeiro", "pioneiro", "mosteiro", "dinheiro", "janeiro",
		"fevereiro", "primeiro", "terceiro", "inteiro", "estrangeiro", "brasileiro"}},
	{"uosidade", 5, "", nil},
	{"osidade", 4, "", nil},
	{"ividade", 5, "", nil},
	{"idade", 4, "", []string{"autoridade", "comunidade", "universidade", "faculdade", "cidade"}},
	{"atura", 4, "", []string{"natura"}},
	{"acao", 3, "", []string{"equacao", "nacao", "estacao", "vocacao"}},
	{"ucao", 3, "", nil},
	{"icao", 3, "", nil},
	{"cao", 3, "", []string{"coracao", "licao", "eleicao"}},
	{"ismo", 3, "", []string{"cinismo"}},
	{"ista", 4, "", []string{"lista", "vista", "pista", "conquista", "revista", "entrevista"}},
	{"avel", 2, "", []string{"afavel", "razoavel", "potavel", "vulneravel"}},
	{"ivel", 3, "", []string{"possivel"}},
	{"vel", 5, "", nil},
	{"ario", 3, "", []string{"voluntario", "salario", "aniversario", "diario", "lampadario",
		"calendario", "horario", "cenario", "anuario", "comentario", "santuario", "comissario",
		"secretario", "empresario", "ministerio", "ordinario"}},
	{"oso", 3, "", []string{"precioso"}},
	{"ico", 4, "", []string{"tico", "publico", "explico", "unico", "pratico", "basico"}},
	{"ado", 2, "", nil},
	{"ido", 3, "", nil},
}

var ptVerb = []ptRule{
	{"ariamos", 2, "", nil}, {"eriamos", 2, "", nil}, {"iriamos", 3, "", nil},
	{"assemos", 2, "", nil}, {"essemos", 2, "", nil}, {"issemos", 3, "", nil},
	{"arieis", 2, "", nil}, {"erieis", 2, "", nil}, {"irieis", 3, "", nil},
	{"aramos", 2, "", nil}, {"eramos", 2, "", nil}, {"iramos", 3, "", nil},
	{"avamos", 2, "", nil}, {"aremos", 2, "", nil}, {"eremos", 2, "", nil},
	{"iremos", 3, "", nil}, {"asseis", 2, "", nil}, {"esseis", 2, "", nil},
	{"isseis", 3, "", nil}, {"ariam", 2, "", nil}, {"eriam", 2, "", nil},
	{"iriam", 3, "", nil}, {"assem", 2, "", nil}, {"essem", 2, "", nil},
	{"issem", 3, "", nil}, {"arias", 2, "", nil}, {"erias", 2, "", nil},
	{"irias", 3, "", nil}, {"astes", 2, "", nil}, {"estes", 2, "", nil},
	{"istes", 3, "", nil}, {"areis", 2, "", nil}, {"ereis", 2, "", nil},
	{"ireis", 3, "", nil}, {"aveis", 2, "", nil}, {"arao", 2, "", nil},
	{"erao", 2, "", nil}, {"irao", 3, "", nil}, {"amos", 2, "", nil},
	{"emos", 2, "", nil}, {"imos", 3, "", nil}, {"ando", 2, "", nil},
	{"endo", 3, "", nil}, {"indo", 3, "", nil}, {"aram", 2, "", nil},
	{"eram", 3, "", nil}, {"iram", 3, "", nil}, {"avam", 2, "", nil},
	{"arem", 2, "", nil}, {"erem", 3, "", nil}, {"irem", 3, "", nil},
	{"aria", 2, "", nil}, {"eria", 3, "", nil}, {"iria", 3, "", nil},
	{"asse", 2, "", nil}, {"esse", 3, "", nil}, {"isse", 3, "", nil},
	{"aste", 2, "", nil}, {"este", 3, "", nil}, {"iste", 4, "", nil},
	{"arei", 2, "", nil}, {"erei", 3, "", nil}, {"irei", 3, "", nil},
	{"ados", 2, "", nil}, {"idos", 3, "", nil}, {"adas", 2, "", nil},
	{"idas", 3, "", nil}, {"avas", 2, "", nil}, {"ado", 2, "", nil},
	{"ido", 3, "", nil}, {"ada", 2, "", nil}, {"ida", 3, "", nil},
	{"ava", 2, "", nil}, {"ara", 2, "", nil}, {"era", 3, "", nil},
	{"ira", 3, "", nil}, {"aria", 2, "", nil}, {"ia", 3, "", nil},
	{"ar", 2, "", nil}, {"er", 2, "", nil}, {"ir", 3, "", nil},
	{"am", 2, "", nil}, {"em", 2, "", nil}, {"ou", 3, "", nil},
	{"eu", 3, "", nil}, {"iu", 3, "", nil}, {"ei", 3, "", nil},
	{"ai", 3, "", nil},
}

var ptVowel = []ptRule{{"ao", 3, "", nil}, {"a", 3, "", []string{"tema", "lema"}}, {"e", 3, "", nil}, {"o", 3, "", nil}}

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
