package lang

import (
	"slices"
	"testing"
)

func TestLexiconsLoad(t *testing.T) {
	es, pt := lexicons()
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	for _, c := range []struct {
		lang string
		lx   *lexicon
	}{{"es", es}, {"pt", pt}} {
		t.Logf("%s→en: %d headwords, %d stem keys", c.lang, c.lx.headwords, len(c.lx.stems))
		if c.lx.headwords < 1500 {
			t.Errorf("%s lexicon: %d headwords; want at least 1500", c.lang, c.lx.headwords)
		}
		for k, v := range c.lx.stems {
			for _, e := range v {
				for _, r := range e {
					if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
						t.Errorf("%s lexicon: %q → English stem %q is not lower-case ASCII", c.lang, k, e)
						break
					}
				}
			}
		}
	}
}

func TestParseLexiconBadLines(t *testing.T) {
	lx, err := parseLexicon("es", "# comment\nacuerdo = agreement\nsin igual\nla habana = havana\n = nothing\nvacío =\nvice-ministro = deputy\n")
	if err == nil {
		t.Fatal("parseLexicon: no error for bad lines")
	}
	if lx.headwords != 1 {
		t.Errorf("parseLexicon: %d headwords; want 1 (the good line still loads)", lx.headwords)
	}
	if got := lx.stems[Stem("es", "acuerdos")]; !slices.Equal(got, []string{"agreement"}) {
		t.Errorf("parseLexicon: acuerdos → %q; want [agreement]", got)
	}
}

// ToEnglish must give, among others, the English stem of want.
var toEnglishCases = []struct{ lang, word, want string }{
	// question words
	{"es", "quién", "who"}, {"es", "Quiénes", "who"}, {"es", "cuántos", "mani"}, {"es", "cuándo", "when"},
	{"es", "dónde", "where"}, {"pt", "quem", "who"}, {"pt", "quantos", "mani"}, {"pt", "quando", "when"},
	{"pt", "onde", "where"}, {"pt", "quanto", "much"},
	// common verbs, any tense
	{"es", "alojarán", "stay"}, {"es", "empleará", "employ"}, {"es", "sostuvieron", "held"}, {"pt", "embarcadas", "ship"},
	{"pt", "atingiu", "reach"}, {"pt", "escassez", "shortag"}, {"pt", "divulgados", "publish"},
	{"es", "firmó", "sign"}, {"es", "firmo", "sign"}, {"es", "firmaron", "sign"}, {"es", "firmado", "sign"},
	{"es", "suscribieron", "sign"}, {"pt", "assinou", "sign"}, {"pt", "assinaram", "sign"},
	{"pt", "assinatura", "sign"}, {"pt", "assinado", "sign"},
	{"es", "visitó", "visit"}, {"pt", "visitaram", "visit"}, {"es", "llegaron", "arriv"}, {"pt", "chegou", "arriv"},
	{"es", "atendió", "treat"}, {"es", "atendio", "treat"}, {"es", "atendieron", "treat"}, {"pt", "atenderam", "treat"},
	{"es", "reunieron", "meet"}, {"pt", "reuniu", "meet"}, {"es", "viajó", "travel"}, {"pt", "viajou", "travel"},
	{"es", "enviaron", "sent"}, {"pt", "enviou", "sent"}, {"es", "produce", "produc"}, {"pt", "produziu", "produc"},
	{"es", "construyó", "build"}, {"pt", "construiu", "built"}, {"es", "hizo", "made"}, {"pt", "fez", "made"},
	{"es", "dijo", "said"}, {"pt", "disse", "said"}, {"es", "fue", "was"}, {"pt", "foram", "were"},
	// health, medicine, biotechnology
	{"es", "médicos", "doctor"}, {"es", "medicos", "doctor"}, {"pt", "médicas", "doctor"}, {"es", "brigadas", "brigad"},
	{"pt", "brigada", "brigad"}, {"es", "vacunas", "vaccin"}, {"pt", "vacinas", "vaccin"}, {"pt", "vacinação", "vaccin"},
	{"es", "pacientes", "patient"}, {"pt", "paciente", "patient"}, {"es", "enfermeras", "nurs"}, {"pt", "enfermeiros", "nurs"},
	{"es", "salud", "health"}, {"pt", "saúde", "health"}, {"pt", "saude", "health"}, {"es", "hospitales", "hospit"},
	{"pt", "hospitais", "hospit"}, {"es", "biotecnología", "biotechnolog"}, {"pt", "biotecnologia", "biotechnolog"},
	{"es", "medicamentos", "medicin"}, {"pt", "remédios", "medicin"}, {"es", "dosis", "dose"}, {"pt", "doses", "dose"},
	{"es", "farmacéuticos", "pharmaceut"}, {"pt", "farmacêutica", "pharmaceut"},
	// diplomacy and titles
	{"es", "ministro", "minist"}, {"es", "ministra", "minist"}, {"pt", "ministros", "minist"},
	{"es", "embajador", "ambassador"}, {"es", "embajadora", "ambassador"}, {"pt", "embaixador", "ambassador"},
	{"es", "embajada", "embassi"}, {"pt", "embaixada", "embassi"}, {"es", "presidente", "presid"},
	{"es", "vicepresidente", "vice"}, {"pt", "vice", "vice"}, {"es", "rector", "rector"}, {"pt", "reitor", "rector"},
	{"es", "canciller", "foreign"}, {"pt", "chanceler", "foreign"},
	{"es", "acuerdos", "agreement"}, {"pt", "acordo", "agreement"}, {"es", "memorando", "memorandum"},
	{"pt", "memorando", "memorandum"}, {"es", "convenio", "agreement"}, {"pt", "convênio", "agreement"},
	{"es", "cooperación", "cooper"}, {"pt", "cooperação", "cooper"}, {"pt", "cooperacao", "cooper"},
	// trade
	{"es", "azúcar", "sugar"}, {"es", "azucar", "sugar"}, {"pt", "açúcar", "sugar"}, {"pt", "acucar", "sugar"},
	{"es", "ron", "rum"}, {"pt", "rum", "rum"}, {"es", "petróleo", "oil"}, {"pt", "petróleo", "oil"},
	{"es", "exportaciones", "export"}, {"pt", "exportações", "export"}, {"es", "importaciones", "import"},
	{"es", "dólares", "dollar"}, {"es", "dolares", "dollar"}, {"pt", "dólares", "dollar"},
	{"es", "millones", "million"}, {"es", "millón", "million"}, {"pt", "milhões", "million"}, {"pt", "milhão", "million"},
	// education, culture, sport
	{"es", "becas", "scholarship"}, {"pt", "bolsas", "scholarship"}, {"es", "estudiantes", "student"},
	{"pt", "estudantes", "student"}, {"es", "universidades", "univers"}, {"pt", "universidade", "univers"},
	{"es", "cultura", "cultur"}, {"pt", "cultural", "cultur"}, {"es", "deportes", "sport"}, {"pt", "esportes", "sport"},
	{"es", "boxeo", "box"}, {"pt", "xadrez", "chess"},
	// numbers, months
	{"es", "tres", "three"}, {"es", "tres", "3"}, {"pt", "três", "3"}, {"pt", "duas", "two"}, {"es", "mil", "thousand"},
	{"es", "cien", "hundr"}, {"es", "enero", "januari"}, {"pt", "março", "march"}, {"pt", "marco", "march"},
	{"es", "septiembre", "septemb"}, {"pt", "dezembro", "decemb"},
	// places and peoples
	{"es", "Cuba", "cuba"}, {"es", "cubanos", "cuban"}, {"pt", "cubana", "cuban"}, {"es", "Azerbaiyán", "azerbaijan"},
	{"es", "azerbaiyan", "azerbaijan"}, {"es", "azerbaiyanos", "azerbaijani"}, {"pt", "Azerbaijão", "azerbaijan"},
	{"pt", "azerbaijao", "azerbaijan"}, {"pt", "azerbaijanos", "azerbaijani"}, {"es", "Bakú", "baku"},
	{"pt", "Baku", "baku"}, {"es", "Habana", "havana"}, {"pt", "Havana", "havana"},
	{"es", "Najicheván", "nakhchivan"}, {"pt", "Nakhchivan", "nakhchivan"},
}

func TestToEnglish(t *testing.T) {
	for _, c := range toEnglishCases {
		got := ToEnglish(c.lang, c.word)
		if !slices.Contains(got, c.want) {
			t.Errorf("ToEnglish(%q, %q) = %q; want it to hold %q", c.lang, c.word, got, c.want)
		}
		if !Known(c.lang, c.word) {
			t.Errorf("Known(%q, %q) = false; want true", c.lang, c.word)
		}
	}
}

func TestToEnglishOther(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		want       []string
	}{
		{"en", "Signed", []string{"sign"}},
		{"en", "", nil},
		{"es", "", nil},
		{"fr", "médecin", nil},
		{"es", "xyzzy", nil},
		{"pt", "xyzzy", nil},
		// in the lexicon: what it says, even if a cognate rule would fit
		{"es", "epidemiológicos", []string{"epidemiolog", "epidemiologist"}},
		// neither in the lexicon nor fitting a cognate rule
		{"es", "cardiovascular", nil},
		{"es", "ab", nil},
	} {
		got := ToEnglish(c.lang, c.word)
		if !slices.Equal(got, c.want) {
			t.Errorf("ToEnglish(%q, %q) = %q; want %q", c.lang, c.word, got, c.want)
		}
	}
}

func TestToEnglishCopies(t *testing.T) {
	a := ToEnglish("es", "acuerdo")
	a[0] = "changed"
	if b := ToEnglish("es", "acuerdo"); b[0] == "changed" {
		t.Error("ToEnglish returns the lexicon's own slice; want a copy")
	}
}

// Words not in the lexicon come out of the cognate rules as the English
// word would stem.
func TestCognates(t *testing.T) {
	for _, c := range []struct{ lang, word, english string }{
		{"es", "urbanización", "urbanization"},
		{"pt", "urbanização", "urbanization"},
		{"es", "nefrología", "nephrology"},
		{"pt", "nefrologia", "nephrology"},
		{"es", "hematológica", "hematological"},
		{"pt", "ecológicos", "ecological"},
		{"es", "inmunoterapia", "immunotherapy"},
		{"es", "normalmente", "normally"},
		{"pt", "prestigioso", "prestigious"},
		{"es", "constitucional", "constitutional"},
		{"pt", "institucional", "institutional"},
		{"es", "descentralización", "decentralization"},
		{"pt", "sustentabilidade", "sustentability"}, // a near miss: English says sustainability
	} {
		if Known(c.lang, c.word) {
			t.Errorf("Known(%q, %q) = true; want a word the lexicon lacks", c.lang, c.word)
		}
		want := Stem("en", c.english)
		if got := ToEnglish(c.lang, c.word); !slices.Contains(got, want) {
			t.Errorf("ToEnglish(%q, %q) = %q; want it to hold %q", c.lang, c.word, got, want)
		}
	}
}

// The lexicon must know the content words of the test questions and
// documents (names and numbers aside, which match as they are).
func TestLexiconCoverage(t *testing.T) {
	names := map[string]bool{"aliyev": true, "diaz": true, "canel": true, "p": true, "socar": true,
		"heberprot": true, "abdala": true, "covid": true, "19": true}
	for _, set := range []struct {
		lang  string
		texts []string
	}{
		{"es", spanishQuestions}, {"pt", portugueseQuestions},
		{"es", []string{documents[2].text, documents[3].text}},
		{"pt", []string{documents[4].text, documents[5].text}},
	} {
		n, known := 0, 0
		for _, text := range set.texts {
			for _, w := range words(text) {
				if IsStopword(set.lang, w) || names[Fold(w)] || w[0] >= '0' && w[0] <= '9' {
					continue
				}
				n++
				if Known(set.lang, w) {
					known++
				} else {
					t.Logf("%s: %q not in the lexicon", set.lang, w)
				}
			}
		}
		t.Logf("%s: %d of %d content words known", set.lang, known, n)
		if known < n*95/100 {
			t.Errorf("%s: %d of %d content words known; want 95%%", set.lang, known, n)
		}
	}
}
