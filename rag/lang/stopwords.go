package lang

import (
	"strings"

	"github.com/kljensen/snowball/english"
)

// IsStopword reports whether word is a function word of lang (articles,
// prepositions, pronouns, auxiliaries, question words): one that carries
// no topic and that a search should leave out. Accents do not matter
// ("cuándo" and "cuando" are both stop words). English uses the snowball
// list; Spanish and Portuguese use this package's lists, which unlike
// snowball's keep "estado" (state) and the like. The kind of question
// ("cuántos" asks for a number) is QuestionKind's business.
func IsStopword(lang, word string) bool {
	w := Fold(strings.TrimSpace(word))
	switch lang {
	case "en":
		return english.IsStopWord(w)
	case "es":
		return esStop[w]
	case "pt":
		return ptStop[w]
	}
	return false
}

var esStop, ptStop = map[string]bool{}, map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a al ante bajo con contra de del desde durante en entre hacia
	hasta mediante para por segun sin so sobre tras versus via el la lo los las un una unos unas
	y e ni o u pero sino mas aunque porque pues que si no ya tambien tampoco muy mas menos
	tan tanto como cuando donde adonde quien quienes cual cuales cuanto cuanta cuantos cuantas
	que porque yo tu vos usted ustedes el ella ello ellos ellas nosotros nosotras vosotros
	vosotras me te se nos os le les lo la mi mis tu tus su sus nuestro nuestra nuestros nuestras
	vuestro vuestra este esta esto estos estas ese esa eso esos esas aquel aquella aquellos
	aquellas aqui alli ahi algo alguien alguno alguna algunos algunas algun ningun ninguno
	ninguna nada nadie otro otra otros otras mismo misma todo toda todos todas cada
	ser es son era eran fue fueron sido siendo sea sean seria estar esta estan estaba estaban
	estuvo estuvieron estado haber he has ha hemos han habia habian hubo habido haya hay
	tener tiene tienen tenia tuvo tuvieron hacer hace hacen hizo hicieron puede pueden pudo
	se sí si ahora entonces asi solo tal vez dice dijo
	tendra tendran tenga tengan habra habran sera seran estara estaran
	me dime dinos cuentame hablame explicame sabes saber quiero quisiera favor gracias hola
	q pq xq porq tb tmb tambn d x
	despues antes luego`) {
		esStop[w] = true
	}
	delete(esStop, "estado") // "state": a content word here
	for _, w := range strings.Fields(`a ao aos as à às ante apos ate com contra de desde em entre
	para per perante por sem sob sobre tras do da dos das no na nos nas num numa dum duma pelo
	pela pelos pelas neste nesta nesse nessa naquele naquela deste desta desse dessa daquele
	daquela o os um uma uns umas e nem ou mas porem contudo porque pois que se nao sim ja tambem
	muito muita muitos muitas tao tanto como quando onde aonde quem qual quais quanto quanta
	quantos quantas eu tu voce voces ele ela eles elas nos vos me te se lhe lhes lo la meu minha
	meus minhas teu tua seu sua seus suas nosso nossa nossos nossas este esta isto estes estas
	esse essa isso esses essas aquele aquela aquilo aqui ali la algo alguem algum alguma alguns
	algumas nenhum nenhuma nada ninguem outro outra outros outras mesmo mesma todo toda todos
	todas cada ser e sao era eram foi foram sido sendo seja sejam seria estar esta estao estava
	estavam esteve estiveram haver ha houve havia tem tinha tiveram teve ter fazer faz fez
	fizeram pode podem pôde agora entao assim so talvez diz disse
	tera terao havera sera serao estara estarao
	me diga conte fale explique sabe saber quero queria favor obrigado obrigada ola
	q pq pra pro pras pros vc vcs tb tbm d
	depois antes durante`) {
		ptStop[Fold(w)] = true
	}
}
