package lang

import (
	"strings"
	"testing"
)

// Questions as people ask them in a chat: with and without accents and
// question marks, some a few words long.
var englishQuestions = []string{
	"Who signed?",
	"Who signed the health agreement between Cuba and Azerbaijan?",
	"How many Cuban doctors went to Azerbaijan?",
	"When did the Cuban medical brigade arrive in Baku?",
	"What vaccines did Cuba offer Azerbaijan?",
	"Where did the ministers meet?",
	"What year was the memorandum on biotechnology signed?",
	"how many patients did the cuban doctors treat",
	"Who is the ambassador of Cuba in Azerbaijan?",
	"What did the Azerbaijani foreign minister say about Cuba?",
	"When was the embassy in Havana opened?",
	"How much sugar does Azerbaijan buy from Cuba?",
	"Did Cuba send Abdala vaccines to Baku?",
	"Which hospitals did the brigade work in?",
	"Tell me about the scholarships for Cuban students in Azerbaijan",
	"What is the name of the Cuban health minister?",
	"How long did the brigade stay?",
	"Is there a trade agreement between the two countries?",
	"What were the results of the intergovernmental commission?",
	"Who visited Havana in 2023?",
	"where is the cuban embassy",
	"When did Aliyev meet Díaz-Canel?",
	"What products does Cuba export to Azerbaijan?",
	"How many students from Azerbaijan study medicine in Cuba?",
	"Summarize the cooperation in biotechnology",
	"What did they agree on in the field of education?",
	"Has Azerbaijan donated anything to Cuba?",
	"Which Cuban universities have agreements with Azerbaijani universities?",
	"Why did Cuba send doctors during the pandemic?",
	"What is Heberprot-P used for?",
	"Who led the Azerbaijani delegation?",
	"how much money was involved",
	"Were there any cultural events in Baku about Cuba?",
	"When were diplomatic relations established?",
	"What happened at the Non-Aligned Movement summit in Baku?",
	"Who is the rector of the university that signed the memorandum?",
	"How many vaccine doses were delivered?",
	"Did the doctors work in Nakhchivan?",
	"What is the volume of trade between Cuba and Azerbaijan?",
	"Which minister traveled to Baku last year?",
	"Is Cuban rum sold in Azerbaijan?",
	"Who treated the patients?",
	"what was signed in 2019",
	"List the agreements signed between the health ministries",
	"When will the next commission meeting take place?",
	"Did SOCAR sign anything with Cuba?",
	"How many agreements have been signed so far?",
	"What did the vice president discuss with the ambassador?",
	"Where do the Cuban doctors live in Azerbaijan?",
	"What does the memorandum say about pharmaceuticals?",
	"Who attended the ceremony?",
	"When did the first Cuban doctors come?",
	"Which sports events brought Cuban athletes to Baku?",
	"Has the parliament of Azerbaijan ratified the treaty?",
	"What kind of medical equipment did Azerbaijan send?",
	"how many doctors",
	"Who met the ambassador?",
	"What is the Azerbaijan-Cuba friendship group?",
	"Did they talk about oil?",
	"Why is Cuba important for Azerbaijan?",
	"Who was the first Azerbaijani ambassador to Cuba?",
	"What are the main areas of cooperation?",
	"When was the Cuban doctors' mission extended?",
	"How were the vaccines transported?",
	"Who arrived first?",
}

var spanishQuestions = []string{
	"¿Quién firmó?",
	"¿Quién firmó el acuerdo de salud entre Cuba y Azerbaiyán?",
	"¿Cuántos médicos cubanos fueron a Azerbaiyán?",
	"¿Cuándo llegó la brigada médica cubana a Bakú?",
	"¿Qué vacunas ofreció Cuba a Azerbaiyán?",
	"¿Dónde se reunieron los ministros?",
	"¿En qué año se firmó el memorando sobre biotecnología?",
	"cuantos pacientes atendieron los medicos cubanos",
	"¿Quién es el embajador de Cuba en Azerbaiyán?",
	"¿Qué dijo el canciller azerbaiyano sobre Cuba?",
	"¿Cuándo se abrió la embajada en La Habana?",
	"¿Cuánta azúcar compra Azerbaiyán a Cuba?",
	"¿Envió Cuba vacunas Abdala a Bakú?",
	"¿En qué hospitales trabajó la brigada?",
	"Háblame de las becas para estudiantes cubanos en Azerbaiyán",
	"¿Cómo se llama el ministro de Salud Pública de Cuba?",
	"¿Cuánto tiempo estuvo la brigada?",
	"¿Hay un acuerdo comercial entre los dos países?",
	"¿Cuáles fueron los resultados de la comisión intergubernamental?",
	"¿Quién visitó La Habana en 2023?",
	"donde esta la embajada cubana",
	"¿Cuándo se reunió Aliyev con Díaz-Canel?",
	"¿Qué productos exporta Cuba a Azerbaiyán?",
	"¿Cuántos estudiantes de Azerbaiyán estudian medicina en Cuba?",
	"Resume la cooperación en biotecnología",
	"¿En qué se pusieron de acuerdo en el ámbito de la educación?",
	"¿Ha donado Azerbaiyán algo a Cuba?",
	"¿Qué universidades cubanas tienen convenios con universidades azerbaiyanas?",
	"¿Por qué Cuba envió médicos durante la pandemia?",
	"¿Para qué sirve el Heberprot-P?",
	"¿Quién encabezó la delegación azerbaiyana?",
	"cuanto dinero se invirtio",
	"¿Hubo eventos culturales sobre Cuba en Bakú?",
	"¿Cuándo se establecieron las relaciones diplomáticas?",
	"¿Qué pasó en la cumbre del Movimiento de Países No Alineados en Bakú?",
	"¿Quién es el rector de la universidad que firmó el memorando?",
	"¿Cuántas dosis de vacuna se entregaron?",
	"¿Trabajaron los médicos en Najicheván?",
	"¿Cuál es el volumen del comercio entre Cuba y Azerbaiyán?",
	"¿Qué ministro viajó a Bakú el año pasado?",
	"¿Se vende ron cubano en Azerbaiyán?",
	"¿Quiénes atendieron a los pacientes?",
	"que se firmo en 2019",
	"Enumera los acuerdos firmados entre los ministerios de salud",
	"¿Cuándo será la próxima reunión de la comisión?",
	"¿Firmó SOCAR algo con Cuba?",
	"¿Cuántos acuerdos se han firmado hasta ahora?",
	"¿De qué habló el vicepresidente con el embajador?",
	"¿Dónde viven los médicos cubanos en Azerbaiyán?",
	"¿Qué dice el memorando sobre los productos farmacéuticos?",
	"¿Quiénes asistieron a la ceremonia?",
	"¿Cuándo vinieron los primeros médicos cubanos?",
	"¿Qué eventos deportivos llevaron atletas cubanos a Bakú?",
	"¿Ratificó el parlamento de Azerbaiyán el tratado?",
	"¿Qué tipo de equipos médicos envió Azerbaiyán?",
	"cuantos medicos",
	"¿Quién se reunió con el embajador?",
	"¿Qué es el grupo de amistad Azerbaiyán-Cuba?",
	"¿Hablaron del petróleo?",
	"¿Por qué Cuba es importante para Azerbaiyán?",
	"¿Quién fue el primer embajador azerbaiyano en Cuba?",
	"¿Cuáles son las principales áreas de cooperación?",
	"¿Cuándo se prorrogó la misión de los médicos cubanos?",
	"¿Cómo se transportaron las vacunas?",
	"¿Quién llegó primero?",
	"quien firmo",
}

var portugueseQuestions = []string{
	"Quem assinou?",
	"Quem assinou o acordo de saúde entre Cuba e o Azerbaijão?",
	"Quantos médicos cubanos foram para o Azerbaijão?",
	"Quando a brigada médica cubana chegou a Baku?",
	"Que vacinas Cuba ofereceu ao Azerbaijão?",
	"Onde os ministros se reuniram?",
	"Em que ano foi assinado o memorando sobre biotecnologia?",
	"quantos pacientes os medicos cubanos atenderam",
	"Quem é o embaixador de Cuba no Azerbaijão?",
	"O que o chanceler azerbaijano disse sobre Cuba?",
	"Quando foi aberta a embaixada em Havana?",
	"Quanto açúcar o Azerbaijão compra de Cuba?",
	"Cuba enviou vacinas Abdala para Baku?",
	"Em quais hospitais a brigada trabalhou?",
	"Fale sobre as bolsas de estudo para estudantes cubanos no Azerbaijão",
	"Qual é o nome do ministro da Saúde Pública de Cuba?",
	"Quanto tempo a brigada ficou?",
	"Existe um acordo comercial entre os dois países?",
	"Quais foram os resultados da comissão intergovernamental?",
	"Quem visitou Havana em 2023?",
	"onde fica a embaixada cubana",
	"Quando Aliyev se encontrou com Díaz-Canel?",
	"Que produtos Cuba exporta para o Azerbaijão?",
	"Quantos estudantes do Azerbaijão estudam medicina em Cuba?",
	"Resuma a cooperação em biotecnologia",
	"Sobre o que eles concordaram na área da educação?",
	"O Azerbaijão doou algo a Cuba?",
	"Quais universidades cubanas têm convênios com universidades azerbaijanas?",
	"Por que Cuba enviou médicos durante a pandemia?",
	"Para que serve o Heberprot-P?",
	"Quem chefiou a delegação azerbaijana?",
	"quanto dinheiro foi investido",
	"Houve eventos culturais sobre Cuba em Baku?",
	"Quando foram estabelecidas as relações diplomáticas?",
	"O que aconteceu na cúpula do Movimento dos Países Não Alinhados em Baku?",
	"Quem é o reitor da universidade que assinou o memorando?",
	"Quantas doses de vacina foram entregues?",
	"Os médicos trabalharam em Nakhchivan?",
	"Qual é o volume do comércio entre Cuba e o Azerbaijão?",
	"Que ministro viajou a Baku no ano passado?",
	"O rum cubano é vendido no Azerbaijão?",
	"Quem atendeu os pacientes?",
	"o que foi assinado em 2019",
	"Liste os acordos assinados entre os ministérios da saúde",
	"Quando será a próxima reunião da comissão?",
	"A SOCAR assinou algo com Cuba?",
	"Quantos acordos já foram assinados?",
	"Sobre o que o vice-presidente falou com o embaixador?",
	"Onde moram os médicos cubanos no Azerbaijão?",
	"O que diz o memorando sobre os produtos farmacêuticos?",
	"Quem esteve presente na cerimônia?",
	"Quando vieram os primeiros médicos cubanos?",
	"Que eventos esportivos levaram atletas cubanos a Baku?",
	"O parlamento do Azerbaijão ratificou o tratado?",
	"Que tipo de equipamento médico o Azerbaijão enviou?",
	"quantos medicos",
	"Quem se reuniu com o embaixador?",
	"O que é o grupo de amizade Azerbaijão-Cuba?",
	"Falaram sobre petróleo?",
	"Por que Cuba é importante para o Azerbaijão?",
	"Quem foi o primeiro embaixador azerbaijano em Cuba?",
	"Quais são as principais áreas de cooperação?",
	"Quando a missão dos médicos cubanos foi prorrogada?",
	"Como as vacinas foram transportadas?",
	"Quem chegou primeiro?",
	"quem assinou",
	"Os médicos cubanos ainda estão no Azerbaijão?",
}

var documents = []struct{ lang, text string }{
	{"en", `Cuban doctors arrive in Azerbaijan to help fight COVID-19. A brigade of the Henry Reeve
	contingent landed in Baku on Sunday, the Cuban embassy said. The 116 health workers will work
	in hospitals in Baku and other regions for three months, under an agreement signed by the health
	ministries of both countries.`},
	{"en", `Azerbaijan and Cuba discussed cooperation in biotechnology and pharmaceuticals at a meeting
	of the intergovernmental commission held in Havana. The parties signed a memorandum of
	understanding on scientific research and agreed to expand trade, including sugar and rum exports.`},
	{"es", `Una brigada de 116 colaboradores de la salud cubanos llegó este domingo a Bakú para apoyar
	el enfrentamiento a la COVID-19 en Azerbaiyán, informó la embajada de Cuba. Los médicos y
	enfermeros trabajarán durante tres meses en hospitales de la capital y de otras regiones del país.`},
	{"es", `Cuba y Azerbaiyán firmaron un memorando de entendimiento en el ámbito de la biotecnología
	durante la sesión de la comisión intergubernamental celebrada en La Habana. Ambas partes
	acordaron ampliar el comercio bilateral, que incluye las exportaciones cubanas de azúcar y ron.`},
	{"pt", `Uma brigada de 116 profissionais de saúde cubanos chegou neste domingo a Baku para apoiar o
	combate à COVID-19 no Azerbaijão, informou a embaixada de Cuba. Os médicos e enfermeiros vão
	trabalhar durante três meses em hospitais da capital e de outras regiões do país.`},
	{"pt", `Cuba e o Azerbaijão assinaram um memorando de entendimento na área da biotecnologia durante
	a sessão da comissão intergovernamental realizada em Havana. As duas partes concordaram em
	ampliar o comércio bilateral, que inclui as exportações cubanas de açúcar e rum.`},
}

func TestDetectQuestions(t *testing.T) {
	for _, set := range []struct {
		lang      string
		questions []string
	}{
		{"en", englishQuestions}, {"es", spanishQuestions}, {"pt", portugueseQuestions},
	} {
		if len(set.questions) < 60 {
			t.Errorf("%s: %d questions; want at least 60", set.lang, len(set.questions))
		}
		right := 0
		for _, q := range set.questions {
			if got := Detect(q); got == set.lang {
				right++
			} else {
				t.Logf("Detect(%q) = %q; want %q", q, got, set.lang)
			}
		}
		acc := float64(right) / float64(len(set.questions))
		t.Logf("%s: %d of %d right (%.1f%%)", set.lang, right, len(set.questions), 100*acc)
		if acc < 0.95 {
			t.Errorf("%s: %d of %d questions right (%.1f%%); want at least 95%%", set.lang, right, len(set.questions), 100*acc)
		}
	}
}

func TestDetectShort(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"¿Quién firmó?", "es"},
		{"Quem assinou?", "pt"},
		{"Who signed?", "en"},
		{"quien firmo", "es"},
		{"quem assinou", "pt"},
		{"who signed", "en"},
		{"¿Cuántos?", "es"},
		{"Quantos?", "pt"},
		{"How many?", "en"},
		{"¿Cuándo?", "es"},
		{"Quando?", "pt"},
		{"When?", "en"},
		{"¿Dónde?", "es"},
		{"Onde?", "pt"},
		{"Where?", "en"},
		{"Não sei", "pt"},
		{"vacinação", "pt"},
		{"vacunación", "es"},
		{"", ""},
		{"Cuba", ""},
		{"Cuba Azerbaijan", ""},
		{"2021", ""},
		{"Abdala", ""},
		{"???", ""},
	} {
		if got := Detect(c.text); got != c.want {
			t.Errorf("Detect(%q) = %q; want %q", c.text, got, c.want)
		}
	}
}

func TestDetectDocuments(t *testing.T) {
	for _, d := range documents {
		if got := Detect(d.text); got != d.lang {
			t.Errorf("Detect(%.40q…) = %q; want %q", d.text, got, d.lang)
		}
	}
	// A long text is read only in part, and still told.
	long := strings.Repeat(documents[4].text+" ", 300)
	if got := Detect(long); got != "pt" {
		t.Errorf("Detect(long Portuguese text) = %q; want \"pt\"", got)
	}
}

func TestDetectNFD(t *testing.T) {
	// "¿Quién firmó?" and "não" with combining accents, as some feeds send them.
	if got := Detect("Quie\u0301n firmo\u0301 el acuerdo"); got != "es" {
		t.Errorf("Detect(NFD Spanish) = %q; want \"es\"", got)
	}
	if got := Detect("na\u0303o foi assinado"); got != "pt" {
		t.Errorf("Detect(NFD Portuguese) = %q; want \"pt\"", got)
	}
}
