package rag

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"cabot/corpus"
)

// expandAcronyms reads each acronym of a question that no document uses
// ("NAM", "VP") also as the words of the names in the passages whose
// initials it is ("Non-Aligned Movement", "Vice President"), so that a
// sentence naming the thing in full, or by one of its words ("the
// movement"), holds the concept; the concepts are weighed again.
func (q *queryTerms) expandAcronyms(question string, passages []Passage, lex *bm25) {
	acronyms := map[string]string{} // upper-case acronym -> its concept
	for _, w := range strings.Fields(question) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if !isAcronym(w) {
			continue
		}
		// An acronym the documents use is matched as it is ("ASOIU"):
		// its full name's common words ("Azerbaijan") would stand for it.
		if tks := tokenize(w); len(tks) == 1 && q.alts[tks[0].Stem] != nil && !lex.known(tks[0].Stem) {
			acronyms[w] = tks[0].Stem
		}
	}
	if len(acronyms) == 0 {
		return
	}
	changed := false
	seen := map[string]bool{}
	for _, p := range passages {
		for _, text := range []string{p.Doc.Title, p.Chunk.Text} {
			if seen[text] {
				continue
			}
			seen[text] = true
			for _, run := range capitalRuns(text) {
				for acr, key := range acronyms {
					for _, words := range initialsOf(run, acr) {
						for _, w := range words {
							for _, t := range tokenize(w) {
								if !t.Stop && !slices.Contains(q.alts[key], t.Stem) {
									q.alts[key] = append(q.alts[key], t.Stem)
									q.stems[t.Stem] = true
									changed = true
								}
							}
						}
					}
				}
			}
		}
	}
	if changed {
		clear(q.byStem)
		clear(q.vecs)
		q.weigh(lex)
	}
}

// isAcronym reports whether a word is an acronym: two to six capital
// letters.
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// acronymLinks are the small words a name's acronym leaves out.
var acronymLinks = map[string]bool{"of": true, "and": true, "for": true, "the": true, "de": true, "del": true, "la": true,
	"las": true, "los": true, "el": true, "y": true, "e": true, "do": true, "da": true, "dos": true, "das": true}

// capitalRuns returns the runs of capitalised words of a text, with the
// small words inside a name ("Centro de Ingeniería Genética y
// Biotecnología"); punctuation ends a run, and hyphenated words count as
// their parts ("Non-Aligned").
func capitalRuns(text string) [][]string {
	var runs [][]string
	var run []string
	flush := func() {
		for len(run) > 0 && acronymLinks[strings.ToLower(run[len(run)-1])] {
			run = run[:len(run)-1]
		}
		if len(run) >= 2 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case w != "" && unicode.IsUpper(r):
			run = append(run, strings.Split(w, "-")...)
		case len(run) > 0 && acronymLinks[w]:
			run = append(run, w)
		default:
			flush()
		}
		if w == "" || strings.ContainsAny(f[len(f)-1:], ",.;:()\"“”") || strings.HasPrefix(f, "(") {
			flush()
		}
	}
	flush()
	return runs
}

// initialsOf returns the stretches of a run whose capitalised words'
// initials spell the acronym, small words left out ("Non Aligned
// Movement" for NAM).
func initialsOf(run []string, acr string) [][]string {
	var out [][]string
	for i := range run {
		if acronymLinks[strings.ToLower(run[i])] {
			continue
		}
		n := 0
		for j := i; j < len(run) && n < len(acr); j++ {
			w := run[j]
			if acronymLinks[strings.ToLower(w)] {
				continue // "de", "La" in "Universidad de Ciencias Médicas de La Habana": UCMH
			}
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.ToUpper(r) != rune(acr[n]) {
				break
			}
			if n++; n == len(acr) {
				out = append(out, run[i:j+1])
			}
		}
	}
	return out
}

// standsForQ asks what an acronym stands for: "what does ASIC stand for",
// "what is AMU short for", "¿qué significa ASOIU?", "o que significa CIGB?".
var standsForQ = regexp.MustCompile(`(?i)\bwhat (?:does|do|did) (\pL{2,6}) stand for\b|\bwhat(?:'s|’s| is) (\pL{2,6}) short for\b|\bwhat is the full name of (?:the )?(\pL{2,6})\b|\bqu[eé] significa(?:n)? (?:la sigla |las siglas )?(\pL{2,6})\b|\bo que significa (?:a sigla )?(\pL{2,6})\b`)

// askedAcronym returns the acronym a question asks the meaning of, in
// capitals, or "".
func askedAcronym(question string) string {
	m := standsForQ.FindStringSubmatch(question)
	for _, g := range m[min(1, len(m)):] {
		if g != "" {
			return strings.ToUpper(g)
		}
	}
	return ""
}

// acronymAnswer answers what an acronym stands for with the name whose
// initials spell it in the first sentence of the passages (best first)
// that writes both ("the Azersolar Investment Company (ASIC)"), cited;
// false when none does.
func acronymAnswer(question, acr string, passages []Passage) (Answer, bool) {
	for _, p := range passages {
		for _, sp := range corpus.Sentences(p.Chunk.Text) {
			s := p.Chunk.Text[sp.Start:sp.End]
			if !slices.Contains(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }), acr) {
				continue
			}
			var names []string
			if name := bracketed(s, acr); name != "" {
				names = append(names, name) // "Azersolar Investment Company (ASIC)"
			}
			for _, run := range capitalRuns(s) {
				for _, words := range initialsOf(run, acr) {
					names = append(names, strings.Join(words, " "))
				}
			}
			for _, name := range names {
				i := strings.Index(s, name)
				if i < 0 || name == acr {
					continue // not as the text writes it ("Non-Aligned")
				}
				start := p.Chunk.Start + sp.Start
				q := Quote{Text: s, Start: start, End: p.Chunk.Start + sp.End}
				return Answer{
					Question:  question,
					Mode:      ModeExtractive,
					Text:      fmt.Sprintf("%s.\n\n%s [1]", name, EscapeCitations(s)),
					Sources:   []Source{{N: 1, Doc: p.Doc, Quote: s, Quotes: []Quote{q}, Score: 1}},
					Span:      &Span{Text: name, DocID: p.Doc.ID, Start: start + i, End: start + i + len(name)},
					Grounded:  true,
					Relevance: 1,
				}, true
			}
		}
	}
	return Answer{}, false
}

// bracketed returns the capitalised words a sentence writes right before
// an acronym in brackets ("Azersolar Investment Company (ASIC)"), with the
// small words inside the name, or "".
func bracketed(s, acr string) string {
	i := strings.Index(s, " ("+acr+")")
	if i < 0 {
		return ""
	}
	words := strings.Fields(s[:i])
	start := len(words)
	for k := len(words) - 1; k >= 0 && len(words)-k <= 8; k-- {
		w := words[k]
		if strings.ContainsAny(w[len(w)-1:], ",;:.") && k < len(words)-1 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !acronymLinks[strings.ToLower(w)] {
			break
		}
		start = k
	}
	for start < len(words) && acronymLinks[strings.ToLower(words[start])] {
		start++
	}
	if start == len(words) {
		return ""
	}
	return strings.Join(words[start:], " ")
}
