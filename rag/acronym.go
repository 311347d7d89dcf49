package rag

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
