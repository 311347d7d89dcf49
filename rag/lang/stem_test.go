package lang

import "testing"

// families: every word of a family must stem to want.
var stemFamilies = []struct {
	lang  string
	want  string
	words []string
}{
	{"pt", "medic", []string{"médico", "médicos", "médica", "médicas", "medicos", "medicamentos"}},
	{"pt", "brigad", []string{"brigada", "brigadas", "brigadista", "brigadistas"}},
	{"pt", "vacin", []string{"vacina", "vacinas", "vacinação", "vacinacao", "vacinar", "vacinados", "vacinou"}},
	{"pt", "assin", []string{"assinou", "assinaram", "assinatura", "assinaturas", "assinar", "assinado", "assinada", "assinarão"}},
	{"pt", "pacient", []string{"pacientes", "paciente"}},
	{"pt", "embaix", []string{"embaixador", "embaixadora", "embaixadores", "embaixada", "embaixadas"}},
	{"pt", "cuban", []string{"cubano", "cubana", "cubanos", "cubanas"}},
	{"pt", "azerbaijan", []string{"azerbaijano", "azerbaijana", "azerbaijanos", "azerbaijanas"}},
	{"pt", "ministr", []string{"ministro", "ministra", "ministros", "ministras"}},
	{"pt", "acord", []string{"acordo", "acordos", "acordado", "acordaram"}},
	{"pt", "cooper", []string{"cooperação", "cooperações", "cooperar", "cooperou"}},
	{"pt", "cheg", []string{"chegou", "chegaram", "chegada", "chegar", "chegam"}},
	{"pt", "visit", []string{"visitou", "visitaram", "visita", "visitas", "visitar", "visitando"}},
	{"pt", "trat", []string{"tratamento", "tratamentos", "tratar", "tratou", "trataram"}},
	{"pt", "estudant", []string{"estudantes", "estudante"}},
	{"pt", "universidad", []string{"universidade", "universidades"}},
	{"pt", "bols", []string{"bolsa", "bolsas"}},
	{"pt", "portugues", []string{"português", "portuguesa", "portugueses", "portuguesas"}},
	{"pt", "pais", []string{"país", "países", "paises"}},
	{"pt", "milh", []string{"milhão", "milhões"}},
	{"pt", "doutor", []string{"doutor", "doutores"}},
	{"pt", "hospital", []string{"hospital", "hospitais"}},
	{"pt", "president", []string{"presidente", "presidentes"}},
	{"pt", "econom", []string{"econômico", "econômica", "economia", "economicos"}},
	{"pt", "export", []string{"exportação", "exportações", "exportar", "exportou", "exportam"}},
	{"pt", "envi", []string{"enviou", "enviaram", "envio", "enviar", "enviados"}},
	{"pt", "atend", []string{"atendeu", "atenderam", "atendimento", "atender"}},
	{"pt", "produt", []string{"produto", "produtos"}},
	{"pt", "biotecnolog", []string{"biotecnologia", "biotecnológico", "biotecnológica"}},
	{"pt", "rapid", []string{"rapidamente", "rápido", "rápida"}},
	{"pt", "hom", []string{"homem", "homens"}},
	{"pt", "estad", []string{"estado", "estados"}},
	{"pt", "partid", []string{"partido", "partidos"}},
	{"pt", "receb", []string{"recebeu", "receberam", "receber", "recebido"}},
	{"pt", "inform", []string{"informação", "informações", "informou", "informar"}},
	{"pt", "diplomat", []string{"diplomata", "diplomatas", "diplomático", "diplomática"}},
	{"pt", "notic", []string{"notícia", "notícias", "noticia"}},
	{"pt", "saud", []string{"saúde", "saude"}},
	{"pt", "reuni", []string{"reunião", "reuniões", "reuniao"}},
	{"pt", "viag", []string{"viagem", "viagens"}},
	{"pt", "mes", []string{"mês", "meses"}},

	{"es", "medic", []string{"médico", "médicos", "médica", "medicos", "Médicas"}},
	{"es", "vacun", []string{"vacuna", "vacunas", "vacunación", "vacunacion", "vacunar", "vacunados"}},
	{"es", "firm", []string{"firmó", "firmo", "firmaron", "firmado", "firmar", "firma"}},
	{"es", "pacient", []string{"paciente", "pacientes"}},
	{"es", "embaj", []string{"embajador", "embajadora", "embajadores", "embajada"}},
	{"es", "cuban", []string{"cubano", "cubana", "cubanos", "cubanas"}},
	{"es", "azerbaiyan", []string{"azerbaiyano", "azerbaiyana", "Azerbaiyán", "azerbaiyanos"}},
	{"es", "cooper", []string{"cooperación", "cooperacion", "cooperar"}},
	{"es", "lleg", []string{"llegó", "llego", "llegaron", "llegada"}},
	{"es", "atend", []string{"atendió", "atendieron", "atender"}},
	{"es", "biotecnolog", []string{"biotecnología", "biotecnologia"}},
	{"es", "relacion", []string{"relación", "relaciones", "relacion"}},
	{"es", "baku", []string{"Bakú", "Baku", "bakú"}},

	{"en", "sign", []string{"sign", "signed", "signs", "signing"}},
	{"en", "vaccin", []string{"vaccine", "vaccines", "vaccination"}},
	{"en", "doctor", []string{"doctor", "doctors", "Doctors"}},
	{"en", "azerbaijani", []string{"Azerbaijani", "azerbaijanis"}},
	{"en", "baku", []string{"Baku", "Bakú"}},
}

func TestStemFamilies(t *testing.T) {
	for _, f := range stemFamilies {
		for _, w := range f.words {
			if got := Stem(f.lang, w); got != f.want {
				t.Errorf("Stem(%q, %q) = %q; want %q", f.lang, w, got, f.want)
			}
		}
	}
}

// Words of different families must not run together.
func TestStemKeepsApart(t *testing.T) {
	for _, c := range []struct{ lang, a, b string }{
		{"pt", "estado", "estar"},
		{"pt", "partido", "partir"},
		{"pt", "vida", "vir"},
		{"pt", "país", "pai"},
		{"pt", "vacina", "vaca"},
		{"pt", "brigada", "brigar"},
		{"es", "estado", "estar"},
	} {
		if Stem(c.lang, c.a) == Stem(c.lang, c.b) {
			t.Errorf("Stem(%q, %q) = Stem(%q, %q) = %q; want them apart", c.lang, c.a, c.lang, c.b, Stem(c.lang, c.a))
		}
	}
}

func TestStemEdges(t *testing.T) {
	for _, c := range []struct{ lang, word, want string }{
		{"pt", "", ""},
		{"pt", "é", "e"},
		{"pt", "2021", "2021"},
		{"pt", "  Vacinas ", "vacin"},
		{"pt", "mais", "mais"},
		{"pt", "depois", "depois"},
		{"pt", "vírus", "virus"},
		{"pt", "NAKHCHIVAN", "nakhchivan"},
		{"es", "", ""},
		{"es", "él", "el"},
		{"es", "2021", "2021"},
		{"en", "", ""},
		{"en", "the", "the"},
		{"fr", "Médecins", "medecins"},
		{"", "Bakú", "baku"},
	} {
		if got := Stem(c.lang, c.word); got != c.want {
			t.Errorf("Stem(%q, %q) = %q; want %q", c.lang, c.word, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Bakú", "baku"},
		{"Azerbaijão", "azerbaijao"},
		{"AÑO", "ano"},
		{"ação", "acao"},
		{"pingüino", "pinguino"},
		{"Qu\u0306ebec", "quebec"},
		{"plain", "plain"},
		{"Plain", "plain"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}
