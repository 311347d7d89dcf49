package lang

import "testing"

// Six English articles on different parts of the subject, and questions
// in Spanish and Portuguese about each: the article with the most of a
// question's English terms must be the one it is about.
var englishArticles = []string{
	// 0: the brigade
	`A brigade of 116 Cuban doctors and nurses of the Henry Reeve contingent arrived in Baku to
	help Azerbaijan fight the coronavirus pandemic. The health workers will treat patients in
	hospitals across the country for three months.`,
	// 1: biotechnology
	`Azerbaijan and Cuba signed a memorandum of understanding on biotechnology. Cuban scientists
	will transfer technology to produce the Heberprot-P drug for diabetic foot ulcers and
	interferon in a pharmaceutical plant near Baku.`,
	// 2: trade
	`Trade between Cuba and Azerbaijan reached 10 million dollars last year. Azerbaijan imports
	Cuban rum, cigars and sugar, and SOCAR discussed oil supplies and fuel exports to Havana.`,
	// 3: education
	`Forty Azerbaijani students received scholarships to study medicine at Cuban universities.
	The rector of the Azerbaijan Medical University and Cuban professors agreed on an exchange
	of teachers and joint courses.`,
	// 4: culture and sport
	`Cuban boxers won two gold medals at a tournament in Baku, and a festival of Cuban music and
	dance opened in the capital. A bust of José Martí stands in a park of the city.`,
	// 5: diplomacy
	`The Cuban foreign minister met the Azerbaijani president and the new ambassador presented his
	credentials. Both countries reaffirmed their solidarity at the Non-Aligned Movement summit and
	discussed the intergovernmental commission.`,
}

var crossQuestions = []struct {
	lang, q string
	doc     int
}{
	{"es", "¿Cuántos médicos y enfermeros cubanos llegaron a Bakú?", 0},
	{"es", "¿Cuánto tiempo trabajará la brigada en los hospitales?", 0},
	{"pt", "Quantos médicos da brigada Henry Reeve chegaram ao Azerbaijão?", 0},
	{"pt", "Os profissionais de saúde cubanos vão tratar pacientes de coronavírus?", 0},
	{"es", "¿Qué memorando se firmó sobre biotecnología?", 1},
	{"es", "¿Dónde se producirá el medicamento para las úlceras del pie diabético?", 1},
	{"pt", "Que memorando de entendimento foi assinado na área da biotecnologia?", 1},
	{"pt", "Os cientistas cubanos vão transferir tecnologia para uma fábrica farmacêutica?", 1},
	{"es", "¿Cuál fue el volumen del comercio en dólares?", 2},
	{"es", "¿Azerbaiyán importa ron, tabacos y azúcar de Cuba?", 2},
	{"pt", "Quanto foi o comércio entre os dois países em dólares?", 2},
	{"pt", "A SOCAR discutiu o fornecimento de petróleo e combustível?", 2},
	{"es", "¿Cuántos estudiantes recibieron becas para estudiar medicina?", 3},
	{"es", "¿Qué acordó el rector con los profesores cubanos?", 3},
	{"pt", "Quantos estudantes azerbaijanos receberam bolsas nas universidades cubanas?", 3},
	{"pt", "O reitor combinou um intercâmbio de professores?", 3},
	{"es", "¿Cuántas medallas de oro ganaron los boxeadores cubanos?", 4},
	{"es", "¿Hubo un festival de música y danza cubana?", 4},
	{"pt", "Quantas medalhas de ouro os pugilistas cubanos ganharam?", 4},
	{"pt", "Onde fica o busto de José Martí?", 4},
	{"es", "¿Con quién se reunió el canciller cubano?", 5},
	{"es", "¿Presentó el nuevo embajador sus cartas credenciales?", 5},
	{"pt", "Com quem se reuniu o chanceler cubano?", 5},
	{"pt", "O que disseram na cúpula do Movimento dos Países Não Alinhados?", 5},
}

func TestCrossLanguageMatch(t *testing.T) {
	docTerms := make([]map[string]bool, len(englishArticles))
	for i, a := range englishArticles {
		docTerms[i] = map[string]bool{}
		for _, w := range words(a) {
			if !IsStopword("en", w) {
				docTerms[i][Stem("en", w)] = true
			}
		}
	}
	right := 0
	for _, c := range crossQuestions {
		terms, _, _ := EnglishTerms(c.lang, c.q)
		best, bestScore, second := -1, 0, 0
		for i, dt := range docTerms {
			n := 0
			for _, s := range terms {
				if dt[s] {
					n++
				}
			}
			switch {
			case n > bestScore:
				best, bestScore, second = i, n, bestScore
			case n > second:
				second = n
			}
		}
		if best == c.doc && bestScore > second {
			right++
		} else {
			t.Logf("%s %q → article %d (%d terms, next %d); want article %d; terms %q", c.lang, c.q, best, bestScore, second, c.doc, terms)
		}
	}
	t.Logf("%d of %d questions find their article", right, len(crossQuestions))
	if right < len(crossQuestions)*9/10 {
		t.Errorf("%d of %d questions find their article; want 90%%", right, len(crossQuestions))
	}
}
