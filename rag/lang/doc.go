// Package lang lets cabot answer questions asked in Spanish or Portuguese
// from documents in any language (mostly English news, a few Spanish and
// Portuguese articles), offline: no model, no network, no data but what
// the package embeds. It does so by language detection, stemming and a
// bilingual lexicon written by hand for the bot's subject, Cuba–Azerbaijan
// cooperation (health brigades, medicine and biotechnology, vaccines,
// diplomacy, trade, education, culture and sport).
//
// The parts:
//
//   - Detect tells "en", "es" or "pt" from a short question or a whole
//     document, or "" when unsure.
//   - Stem stems a word: English and Spanish with the snowball stemmers
//     (English exactly as the rag index does), Portuguese with a light
//     RSLP-like stemmer of this package. Stems are folded (no accents), so
//     a word typed without its accents stems like the accented one.
//   - ToEnglish maps a Spanish or Portuguese word to the English stems it
//     may mean, through the es→en and pt→en lexicons (es_en.txt,
//     pt_en.txt: about 2,200 headwords each, keyed by stem so that
//     inflections match), and failing that through cognate rules
//     (-ción/-ção → -tion, -dad/-dade → -ty, -ía/-ia → -y…). Known says
//     whether the lexicon had the word. EnglishTerms does it for a whole
//     question, keeping names and numbers as they are.
//   - IsStopword tells the function words of each language.
//   - QuestionKind tells whether a question asks for a number, a date, a
//     name or a place, in any of the three languages.
//   - Phrases gives the few sentences the bot says around an answer, in
//     the asker's language.
//
// A typical use: l := Detect(question); if l is "es" or "pt", search the
// English documents with EnglishTerms(l, question), the documents of l
// with Stem(l, …) of the question's words, and reply with Phrases(l).
//
// Limits. The lexicon is a word-for-word one: it knows neither idioms nor
// multi-word terms as such ("hoja de ruta" is "sheet" + "route", which
// still meets "roadmap" only by luck), and a word with several senses
// brings all of them ("partido": party, match; "vino": wine, came). It
// covers the bot's subject, not the language: a question about something
// else falls back on cognate guesses and on words spelled alike. Stems of
// different words sometimes coincide (Spanish snowball gives "period" for
// both "período" and "periodista"), and then their translations merge.
// The Portuguese stemmer is lighter than RSLP (fewer rules and
// exceptions) and works on unaccented words. Detect knows only English,
// Spanish and Portuguese: other languages come back as one of them or as
// "", and a two-word query of words common to Spanish and Portuguese
// ("número de pacientes") cannot be told. QuestionKind reads only the
// question word and the noun after it; yes-or-no questions and "what",
// "why", "how" questions are "". The lexicons load on first use (some
// tens of milliseconds).
package lang
