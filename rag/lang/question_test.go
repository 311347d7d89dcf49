package lang

import "testing"

func TestQuestionKind(t *testing.T) {
	for _, c := range []struct{ lang, q, want string }{
		// English
		{"en", "How many Cuban doctors went to Azerbaijan?", KindNumber},
		{"en", "how much sugar does Azerbaijan buy", KindNumber},
		{"en", "How long did the brigade stay?", KindNumber},
		{"en", "What is the number of patients treated?", KindNumber},
		{"en", "When did the brigade arrive?", KindDate},
		{"en", "What year was the memorandum signed?", KindDate},
		{"en", "In which year were relations established?", KindDate},
		{"en", "Since when have they cooperated?", KindDate},
		{"en", "Who signed?", KindName},
		{"en", "Whom did the minister meet?", KindName},
		{"en", "What is the name of the Cuban health minister?", KindName},
		{"en", "What's the name of the ambassador?", KindName},
		{"en", "Which minister traveled to Baku?", KindName},
		{"en", "Which Cuban grandmaster finished second?", KindName},
		{"en", "Which vaccine did the minister buy?", ""},
		{"es", "¿Qué embajador cubano llegó en enero?", KindName},
		{"en", "Where did the ministers meet?", KindPlace},
		{"en", "In which city was the agreement signed?", KindPlace},
		{"en", "Tell me when the doctors arrived", KindDate},
		{"en", "Do you know who signed the agreement?", KindName},
		{"en", "Did the doctors who came from Cuba work in Baku?", ""},
		{"en", "What did the minister say when he arrived?", ""},
		{"en", "What vaccines did Cuba offer?", ""},
		{"en", "How were the vaccines transported?", ""},
		{"en", "Why did Cuba send doctors?", ""},
		{"en", "Tell me about the scholarships", ""},
		{"en", "", ""},
		// Spanish
		{"es", "¿Cuántos médicos cubanos fueron a Azerbaiyán?", KindNumber},
		{"es", "cuantos medicos", KindNumber},
		{"es", "¿Cuántas dosis se entregaron?", KindNumber},
		{"es", "¿Cuánto dinero se invirtió?", KindNumber},
		{"es", "¿Cuánta azúcar compra Azerbaiyán?", KindNumber},
		{"es", "Dime cuántos pacientes atendieron", KindNumber},
		{"es", "¿Qué cantidad de vacunas llegó?", KindNumber},
		{"es", "¿Cuándo llegó la brigada?", KindDate},
		{"es", "cuando llego la brigada", KindDate},
		{"es", "¿En qué año se firmó el memorando?", KindDate},
		{"es", "en que fecha se firmo", KindDate},
		{"es", "¿Desde cuándo cooperan?", KindDate},
		{"es", "¿Quién firmó?", KindName},
		{"es", "quien firmo", KindName},
		{"es", "¿Quiénes asistieron a la ceremonia?", KindName},
		{"es", "¿A quién visitó el ministro?", KindName},
		{"es", "¿Cómo se llama el ministro de Salud?", KindName},
		{"es", "¿Cuál es el nombre del embajador?", KindName},
		{"es", "¿Qué ministro viajó a Bakú?", KindName},
		{"es", "¿Dónde se reunieron los ministros?", KindPlace},
		{"es", "donde esta la embajada", KindPlace},
		{"es", "¿En qué ciudad se firmó el acuerdo?", KindPlace},
		{"es", "¿Qué hicieron los médicos cuando llegaron?", ""},
		{"es", "Los médicos que llegaron cuando empezó la pandemia, ¿cuántos eran?", KindNumber},
		{"es", "¿Qué vacunas ofreció Cuba?", ""},
		{"es", "¿Por qué Cuba envió médicos?", ""},
		{"es", "¿Cómo se transportaron las vacunas?", ""},
		{"es", "¿Para qué sirve el Heberprot-P?", ""},
		{"es", "¿Firmó SOCAR algo con Cuba?", ""},
		{"es", "El acuerdo que firmaron", ""},
		// Portuguese
		{"pt", "Quantos médicos cubanos foram para o Azerbaijão?", KindNumber},
		{"pt", "quantas doses foram entregues", KindNumber},
		{"pt", "Quanto dinheiro foi investido?", KindNumber},
		{"pt", "Qual é o número de pacientes?", KindNumber},
		{"pt", "Quanto ao acordo, o que foi dito?", ""},
		{"pt", "Quando a brigada chegou a Baku?", KindDate},
		{"pt", "Em que ano foi assinado o memorando?", KindDate},
		{"pt", "Em que data foi assinado?", KindDate},
		{"pt", "Desde quando cooperam?", KindDate},
		{"pt", "Quem assinou?", KindName},
		{"pt", "Qual o nome do ministro da Saúde?", KindName},
		{"pt", "Qual é o nome do embaixador?", KindName},
		{"pt", "Como se chama o embaixador?", KindName},
		{"pt", "Que ministro viajou a Baku?", KindName},
		{"pt", "Onde os ministros se reuniram?", KindPlace},
		{"pt", "Em que cidade foi assinado o acordo?", KindPlace},
		{"pt", "O que o chanceler disse sobre Cuba?", ""},
		{"pt", "Por que Cuba enviou médicos?", ""},
		{"pt", "Como as vacinas foram transportadas?", ""},
		{"pt", "A SOCAR assinou algo com Cuba?", ""},
		{"pt", "O acordo que assinaram", ""},
		// language not known: all three are tried
		{"", "¿Cuántos?", KindNumber},
		{"", "Quem assinou?", KindName},
		{"", "Where?", KindPlace},
		{"fr", "Combien de médecins?", ""},
	} {
		if got := QuestionKind(c.lang, c.q); got != c.want {
			t.Errorf("QuestionKind(%q, %q) = %q; want %q", c.lang, c.q, got, c.want)
		}
	}
}

// Every test question gets a kind or "" without trouble, and the
// translations of one question agree.
func TestQuestionKindAgrees(t *testing.T) {
	n := min(len(englishQuestions), len(spanishQuestions), len(portugueseQuestions))
	agree := 0
	for i := 0; i < n; i++ {
		en := QuestionKind("en", englishQuestions[i])
		es := QuestionKind("es", spanishQuestions[i])
		pt := QuestionKind("pt", portugueseQuestions[i])
		if en == es && es == pt {
			agree++
		} else {
			t.Logf("%q %q %q: %q %q %q", englishQuestions[i], spanishQuestions[i], portugueseQuestions[i], en, es, pt)
		}
	}
	t.Logf("%d of %d translated questions get the same kind in en, es, pt", agree, n)
	if agree < n*9/10 {
		t.Errorf("%d of %d translated questions get the same kind; want 90%%", agree, n)
	}
}
