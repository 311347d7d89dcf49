package lang

import "testing"

// Written after Detect was finished and never tuned on: chat-style
// questions, some sloppy (no accents, no capitals, a typo), some long.
var heldOut = []struct{ lang, text string }{
	{"en", "hey, any news on the cuban medics in azerbaijan?"},
	{"en", "pls tell me when the vaccine deal was made"},
	{"en", "Is it true that Cuba gave Azerbaijan its Abdala vaccine for free?"},
	{"en", "which cuban hospital staff stayed after the pandemic"},
	{"en", "I read that Baku hosted a Cuban film week, when was that?"},
	{"en", "can you list the ministers who visited Havana"},
	{"en", "What role did SOCAR play in the talks?"},
	{"en", "how many azerbaijani students got cuban scholarships"},
	{"en", "Did the two foreign ministers meet at the NAM summit?"},
	{"en", "any agreements on pharma production?"},
	{"en", "what's the latest on cuba azerbaijan relations"},
	{"en", "Give me the sources on the eye surgery program"},
	{"en", "who's the current cuban ambassador in baku"},
	{"en", "Were Cuban boxers at the Baku European Games?"},
	{"en", "summarize the trade figures please"},
	{"en", "has azerbaijan sent humanitarian aid to cuba after the hurricane"},
	{"en", "Where was the intergovernmental commission held in 2022?"},
	{"en", "what did the Cuban doctors do in Ganja"},
	{"en", "Explain the biotech cooperation in simple words"},
	{"en", "how much did the donation cost"},

	{"es", "oye, ¿hay noticias de los médicos cubanos en Azerbaiyán?"},
	{"es", "dime cuando se hizo el acuerdo de las vacunas porfa"},
	{"es", "¿Es verdad que Cuba le regaló a Azerbaiyán la vacuna Abdala?"},
	{"es", "que personal de los hospitales cubanos se quedo despues de la pandemia"},
	{"es", "Leí que en Bakú hubo una semana de cine cubano, ¿cuándo fue?"},
	{"es", "me puedes decir los ministros que visitaron la habana"},
	{"es", "¿Qué papel tuvo SOCAR en las conversaciones?"},
	{"es", "cuantos estudiantes azerbaiyanos recibieron becas cubanas"},
	{"es", "¿Se reunieron los dos cancilleres en la cumbre del MNOAL?"},
	{"es", "¿hay acuerdos sobre producción farmacéutica?"},
	{"es", "que hay de nuevo en las relaciones entre cuba y azerbaiyan"},
	{"es", "Dame las fuentes sobre el programa de cirugía de ojos"},
	{"es", "quien es el actual embajador cubano en baku"},
	{"es", "¿Estuvieron los boxeadores cubanos en los Juegos Europeos de Bakú?"},
	{"es", "resume las cifras del comercio por favor"},
	{"es", "azerbaiyan envio ayuda humanitaria a cuba despues del huracan?"},
	{"es", "¿Dónde se celebró la comisión intergubernamental en 2022?"},
	{"es", "que hicieron los medicos cubanos en ganja"},
	{"es", "Explícame la cooperación en biotecnología con palabras sencillas"},
	{"es", "cuanto costó la donacion"},

	{"pt", "oi, tem novidades sobre os médicos cubanos no Azerbaijão?"},
	{"pt", "me diz quando foi feito o acordo das vacinas"},
	{"pt", "É verdade que Cuba deu a vacina Abdala de graça ao Azerbaijão?"},
	{"pt", "que pessoal dos hospitais cubanos ficou depois da pandemia"},
	{"pt", "Li que Baku teve uma semana de cinema cubano, quando foi isso?"},
	{"pt", "pode me dizer os ministros que visitaram havana"},
	{"pt", "Qual foi o papel da SOCAR nas conversas?"},
	{"pt", "quantos estudantes azerbaijanos receberam bolsas cubanas"},
	{"pt", "Os dois chanceleres se encontraram na cúpula do MNA?"},
	{"pt", "tem acordos sobre produção farmacêutica?"},
	{"pt", "quais as novidades nas relações entre cuba e azerbaijao"},
	{"pt", "Me dá as fontes sobre o programa de cirurgia dos olhos"},
	{"pt", "quem é o atual embaixador cubano em baku"},
	{"pt", "Os pugilistas cubanos estiveram nos Jogos Europeus de Baku?"},
	{"pt", "resuma os números do comércio por favor"},
	{"pt", "o azerbaijao mandou ajuda humanitaria para cuba depois do furacao?"},
	{"pt", "Onde foi realizada a comissão intergovernamental em 2022?"},
	{"pt", "o que os medicos cubanos fizeram em ganja"},
	{"pt", "Explique a cooperação em biotecnologia com palavras simples"},
	{"pt", "quanto custou a doaçao"},
}

func TestDetectHeldOut(t *testing.T) {
	right := map[string]int{}
	total := map[string]int{}
	for _, q := range heldOut {
		total[q.lang]++
		if got := Detect(q.text); got == q.lang {
			right[q.lang]++
		} else {
			t.Logf("Detect(%q) = %q; want %q", q.text, got, q.lang)
		}
	}
	for _, l := range []string{"en", "es", "pt"} {
		t.Logf("held out, %s: %d of %d right", l, right[l], total[l])
		if right[l] < total[l]*9/10 {
			t.Errorf("held out, %s: %d of %d right; want 90%%", l, right[l], total[l])
		}
	}
}
