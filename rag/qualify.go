package rag

// nationOf returns which of the two countries a lower-cased word names,
// "cu" for Cuba, "az" for Azerbaijan, "" for another word.
func nationOf(lower string) string {
	switch lower {
	case "cuba", "cuban", "cubans", "cubano", "cubana", "cubanos", "cubanas":
		return "cu"
	case "azerbaijan", "azerbaijani", "azerbaijanis", "azeri", "azeris", "azerbaiyan", "azerbaijao":
		return "az"
	}
	return ""
}

// nationWords returns the content words of a question that one of the two
// countries qualifies, with that country: "Azerbaijan's foreign minister"
// gives foreign and minister, Azerbaijan; "the Cuban students", students,
// Cuba.
func nationWords(question string) map[string]string {
	toks := tokenize(question)
	out := map[string]string{}
	for i, t := range toks {
		n := nationOf(t.Lower)
		if n == "" {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			if toks[j].Lower == "s" { // the possessive
				continue
			}
			if toks[j].Stop || nationOf(toks[j].Lower) != "" || isNumber(toks[j].Stem) {
				break
			}
			out[toks[j].Stem] = n
		}
	}
	return out
}

// misqualified reports whether an English sentence speaks of what the
// question asks only with another qualifier: the question asks for
// Azerbaijan's foreign minister, the sentence names only the Cuban one; it
// asks for the president, the sentence names only the vice-president or a
// deputy. A word the sentence also uses unqualified, or with the
// question's own qualifier, is no clash.
func misqualified(sentence string, qt queryTerms) bool {
	toks := tokenize(sentence)
	for _, key := range qt.keys {
		n := qt.nation[key]
		seen, fits := false, false
		for i, t := range toks {
			if t.Stem != key {
				continue
			}
			seen = true
			if !deputyOf(toks, i, qt) && (n == "" || sameNation(toks, i, n)) {
				fits = true
				break
			}
		}
		if seen && !fits {
			return true
		}
	}
	return false
}

// sameNation reports whether the word at toks[i] is not qualified by the
// other country than n: no country in the four words before it (up to a
// function word) or in "of <country>" after it, or n itself.
func sameNation(toks []token, i int, n string) bool {
	other := ""
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if toks[j].Lower == "s" {
			continue
		}
		if c := nationOf(toks[j].Lower); c != "" {
			other = c
			break
		}
		if toks[j].Stop {
			break
		}
	}
	if other == "" && i+2 < len(toks) && toks[i+1].Lower == "of" {
		other = nationOf(toks[i+2].Lower) // "the ambassador of Cuba"
	}
	return other == "" || other == n
}

// deputyOf reports whether the word at toks[i] names an office held as a
// deputy ("Deputy Foreign Minister", "vice-president") while the question
// asks for the office itself.
func deputyOf(toks []token, i int, qt queryTerms) bool {
	deputy := func(j int) bool {
		s := toks[j].Stem
		return (s == "deputi" || s == "vice") && !qt.stems[s]
	}
	// "Deputy Minister", or "Deputy Foreign Minister" when the question
	// has "foreign" too; not "Deputy Minister Ramin Sadigov" for "Ramin".
	return i >= 1 && deputy(i-1) || i >= 2 && deputy(i-2) && qt.stems[toks[i-1].Stem]
}
