package lang

import (
	"reflect"
	"testing"
)

// The data files parse to exactly the tables that were Go literals.
func TestTablesEqualGo(t *testing.T) {
	ph, err := parsePhrases(phrasesText)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ph, phrases) {
		t.Errorf("phrases.txt:\n got %#v\nwant %#v", ph, phrases)
	}
	pt, err := parsePTRules(ptStemText)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]ptRule{"plural": ptPlural, "feminine": ptFeminine, "adverb": ptAdverb,
		"augmentative": ptAugmentative, "noun": ptNoun, "verb": ptVerb, "vowel": ptVowel}
	if !reflect.DeepEqual(pt, want) {
		t.Errorf("pt_stem.txt:\n got %#v\nwant %#v", pt, want)
	}
	cg, err := parsePairs(cognatesText)
	if err != nil {
		t.Fatal(err)
	}
	wantCg := map[string][][2]string{"es": cognateRules["es"], "pt": cognateRules["pt"], "morphemes": cognateMorphemes}
	if !reflect.DeepEqual(cg, wantCg) {
		t.Errorf("cognates.txt:\n got %#v\nwant %#v", cg, wantCg)
	}
}
