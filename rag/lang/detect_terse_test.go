package lang

import "testing"

// Terse queries, typed as keywords, written after the detector was tuned
// (a held-out check): no question words, no accents, few function words.
// Here "" (unsure) is an acceptable answer, a wrong language is not.
var terseQueries = []struct{ lang, text string }{
	{"en", "cuban doctors azerbaijan"}, {"en", "abdala vaccine shipment"},
	{"en", "health agreement 2021"}, {"en", "brigade arrival date"},
	{"en", "trade with cuba"}, {"en", "scholarships for students"},
	{"en", "ambassador name"}, {"en", "biotechnology memorandum signed"},
	{"en", "doctors working in baku hospitals"}, {"en", "sugar exports"},
	{"en", "the vaccine deal"}, {"en", "meeting of the commission"},
	{"en", "cuban rum in baku"}, {"en", "who"}, {"en", "number of patients treated"},
	{"es", "medicos cubanos en azerbaiyan"}, {"es", "envio de vacunas abdala"},
	{"es", "acuerdo de salud 2021"}, {"es", "fecha de llegada de la brigada"},
	{"es", "comercio con cuba"}, {"es", "becas para estudiantes"},
	{"es", "nombre del embajador"}, {"es", "memorando de biotecnologia firmado"},
	{"es", "medicos trabajando en hospitales de baku"}, {"es", "exportaciones de azucar"},
	{"es", "el acuerdo de vacunas"}, {"es", "reunion de la comision"},
	{"es", "ron cubano en baku"}, {"es", "quien"}, {"es", "numero de pacientes atendidos"},
	{"pt", "medicos cubanos no azerbaijao"}, {"pt", "envio de vacinas abdala"},
	{"pt", "acordo de saude 2021"}, {"pt", "data de chegada da brigada"},
	{"pt", "comercio com cuba"}, {"pt", "bolsas para estudantes"},
	{"pt", "nome do embaixador"}, {"pt", "memorando de biotecnologia assinado"},
	{"pt", "medicos trabalhando nos hospitais de baku"}, {"pt", "exportacoes de acucar"},
	{"pt", "o acordo das vacinas"}, {"pt", "reuniao da comissao"},
	{"pt", "rum cubano em baku"}, {"pt", "quem"}, {"pt", "numero de pacientes atendidos"},
}

func TestDetectTerse(t *testing.T) {
	right, unsure, wrong := 0, 0, 0
	for _, q := range terseQueries {
		switch got := Detect(q.text); got {
		case q.lang:
			right++
		case "":
			unsure++
			t.Logf("Detect(%q) = \"\" (unsure); want %q", q.text, q.lang)
		default:
			wrong++
			t.Logf("Detect(%q) = %q; want %q", q.text, got, q.lang)
		}
	}
	t.Logf("terse: %d right, %d unsure, %d wrong of %d", right, unsure, wrong, len(terseQueries))
	if wrong > len(terseQueries)/10 {
		t.Errorf("terse: %d of %d in the wrong language; want at most %d", wrong, len(terseQueries), len(terseQueries)/10)
	}
}
