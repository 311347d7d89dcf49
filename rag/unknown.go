package rag

import (
	"slices"
	"strings"

	"cabot/rag/lang"
)

// unknownWord returns the stems an English question word the library
// lacks may stand for, in the words the library has, or nil: the other
// forms of the same verb or noun ("lay": "laid", "woman": "women"), the
// other spelling of the word ("organisation": "organization", "center":
// "centre"), the two words it is made of ("groundbreaking": "ground",
// "break"), the word it abbreviates ("pharma": "pharmaceutical"), or the
// word one typo away ("frist": "first"), in that order; typo says it is
// the last, which stands for the word rather than beside it. A short form
// chat writes for a word ("nov": "november", "azeri": "azerbaijani")
// stands for it, as a typo's repair does. word is the word as the question
// writes it (lower case), stem its stem.
func (x *bm25) unknownWord(word, stem string) (stems []string, typo bool) {
	if full, ok := shortForms[word]; ok {
		var stems []string // "fm": foreign, minist
		for _, w := range strings.Fields(full) {
			if s := lang.Stem("en", w); x.known(s) {
				stems = append(stems, s)
			}
		}
		if len(stems) > 0 {
			return stems, true
		}
	}
	if forms := slices.DeleteFunc(slices.Clone(lang.IrregularForms(stem)), func(f string) bool { return !x.known(f) }); len(forms) > 0 {
		return forms, false
	}
	for _, v := range spellings(word) {
		if s := lang.Stem("en", v); s != stem && x.known(s) {
			return []string{s}, false
		}
	}
	if parts := x.compound(stem); parts != nil {
		return parts, false
	}
	if full := x.expansion(stem); full != "" {
		return []string{full}, false
	}
	if len(lang.IrregularForms(stem)) > 0 || len(lang.Synonyms(stem)) > 0 {
		return nil, false // a word of the tables is no typo: "flew" is not "few"
	}
	if fixed := x.nearest(stem); fixed != "" {
		return []string{fixed}, true
	}
	return nil, false
}

// spellingRules turn a British spelling into the American one and back:
// each ending on the left becomes the one on the right.
var spellingRules = [][2]string{
	{"isation", "ization"}, {"ization", "isation"}, {"isations", "izations"}, {"izations", "isations"},
	{"ise", "ize"}, {"ize", "ise"}, {"ised", "ized"}, {"ized", "ised"}, {"ising", "izing"}, {"izing", "ising"},
	{"our", "or"}, {"ours", "ors"}, {"oured", "ored"}, {"or", "our"}, {"ors", "ours"},
	{"tre", "ter"}, {"tres", "ters"}, {"ter", "tre"}, {"ters", "tres"},
	{"ogramme", "ogram"}, {"ogrammes", "ograms"}, {"ogram", "ogramme"}, {"ograms", "ogrammes"},
	{"lled", "led"}, {"lling", "ling"}, {"ller", "ler"}, {"led", "lled"}, {"ling", "lling"},
	{"ence", "ense"}, {"ense", "ence"}, {"ogue", "og"}, {"og", "ogue"},
}

// spellings returns the other spellings of an English word that the
// rules give.
func spellings(word string) []string {
	var out []string
	for _, r := range spellingRules {
		if stem, ok := strings.CutSuffix(word, r[0]); ok && len(stem) >= 2 {
			out = append(out, stem+r[1])
		}
	}
	return out
}

// shortForms are the words chat shortens, with the word each stands for.
var shortForms = map[string]string{
	"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
	"aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november", "dec": "december",
	"azeri": "azerbaijani", "azeris": "azerbaijanis", "govt": "government", "intl": "international",
	"univ": "university", "dept": "department", "uni": "university", "ppl": "people", "yr": "year", "yrs": "years",
	"approx": "approximately", "abt": "about", "gov": "government", "natl": "national", "info": "information", "pic": "picture", "pics": "pictures", "tourney": "tournament", "tourneys": "tournaments",
	"med": "medical", "meds": "medicines", "grad": "graduate", "grads": "graduates", "prof": "professor", "profs": "professors",
	"tech": "technology", "vax": "vaccine", "hosp": "hospital", "hrs": "hours", "hr": "hour", "mins": "minutes", "max": "maximum",
	"mgr": "manager", "pres": "president", "rep": "representative", "reps": "representatives", "amb": "ambassador", "edu": "education",
	"fm": "foreign minister", "pm": "prime minister", "vp": "vice president", "mfa": "foreign ministry", "moh": "health ministry",
}
