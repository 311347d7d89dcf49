package lang

import (
	"slices"
	"testing"
)

// An irregular verb's or noun's forms lead to each other, and the table
// parses.
func TestIrregularForms(t *testing.T) {
	if _, err := parseGroups(irregularText); err != nil {
		t.Fatal(err)
	}
	for form, want := range map[string]string{"fought": "fight", "fight": "fought", "lay": "laid", "met": "meet", "thought": "think", "woman": "women"} {
		if got := IrregularForms(Stem("en", form)); !slices.Contains(got, Stem("en", want)) {
			t.Errorf("IrregularForms(%q) = %q; want it to hold %q", form, got, Stem("en", want))
		}
	}
	if got := IrregularForms(Stem("en", "health")); got != nil {
		t.Errorf("IrregularForms(health) = %q; want none", got)
	}
	if _, err := parseGroups("fight fighting\n"); err == nil {
		t.Error("a form that stems as its base was accepted")
	}
}

// The synonym groups parse, and a word leads to the others of its groups,
// not to words of groups it is not in.
func TestSynonyms(t *testing.T) {
	if _, err := parseGroups(synonymsText); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]string{"taught": "train", "trained": "teach", "honour": "medal", "led": "head", "jobs": "employ"} {
		if got := Synonyms(Stem("en", word)); !slices.Contains(got, Stem("en", want)) {
			t.Errorf("Synonyms(%q) = %q; want it to hold %q", word, got, Stem("en", want))
		}
	}
	if got := Synonyms(Stem("en", "doctor")); slices.Contains(got, Stem("en", "nurse")) {
		t.Errorf("Synonyms(doctor) = %q; a doctor is not a nurse", got)
	}
	if got := Synonyms(Stem("en", "sugar")); got != nil {
		t.Errorf("Synonyms(sugar) = %q; want none", got)
	}
}
