package lang_test

import (
	"fmt"
	"time"

	"cabot/rag/lang"
)

func Example() {
	q := "¿Cuántos médicos cubanos llegaron a Bakú?"
	l := lang.Detect(q)
	terms, known, content := lang.EnglishTerms(l, q)
	fmt.Println(l, lang.QuestionKind(l, q))
	fmt.Println(terms, known, content)
	m := lang.Phrases(l)
	fmt.Println(m.According("Prensa Latina", time.Date(2020, 4, 5, 0, 0, 0, 0, time.UTC)))
	fmt.Println(m.NotCovered)
	// Output:
	// es number
	// [doctor physician medic cuban arriv baku] 4 4
	// Según Prensa Latina, 5 de abril de 2020:
	// Los documentos de que dispongo no tratan este tema.
}

func ExampleStem() {
	for _, w := range []string{"vacina", "vacinas", "vacinação", "vacinaram"} {
		fmt.Print(lang.Stem("pt", w), ";")
	}
	fmt.Println()
	fmt.Println(lang.Stem("es", "cooperación"), lang.Stem("es", "cooperacion"), lang.Stem("en", "cooperation"))
	// Output:
	// vacin;vacin;vacin;vacin;
	// cooper cooper cooper
}

func ExampleToEnglish() {
	fmt.Println(lang.ToEnglish("pt", "assinaram"))
	fmt.Println(lang.ToEnglish("es", "embajadora"))
	fmt.Println(lang.ToEnglish("es", "urbanización")) // not in the lexicon: a cognate rule
	// Output:
	// [sign signatur]
	// [ambassador embassi]
	// [urban]
}
