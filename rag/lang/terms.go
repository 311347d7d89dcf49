package lang

// EnglishTerms turns a question (or any text) in lang into the English
// stems to look for in English documents: for each content word (not a
// stop word, IsStopword) the stems of ToEnglish, and for a word that
// neither the lexicon nor a cognate rule knows, its own English stem,
// since names, acronyms and numbers are written alike in every language
// ("Abdala", "SOCAR", "2021"). Stems come once each, in the order of
// the words.
//
// known and content count the content words the lexicon (or a cognate
// rule) knew and all of them: when known is well below content, the
// question could not be matched (Phrases(lang).NoMatch). For "en" the
// terms are the words' own stems and known equals content.
func EnglishTerms(lang, text string) (terms []string, known, content int) {
	for _, w := range words(compose(text)) {
		if IsStopword(lang, w) || (lang != "en" && IsStopword("en", w) && !Known(lang, w)) {
			continue
		}
		content++
		if t := ToEnglish(lang, w); len(t) > 0 {
			known++
			terms = appendNew(terms, t...)
			continue
		}
		if s := Stem("en", w); s != "" {
			terms = appendNew(terms, s)
		}
	}
	return terms, known, content
}
