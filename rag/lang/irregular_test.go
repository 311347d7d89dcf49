package lang

import (
	"slices"
	"testing"
)

// An irregular verb's forms lead to each other, and the table parses.
func TestVerbForms(t *testing.T) {
	if _, err := parseIrregular(irregularText); err != nil {
		t.Fatal(err)
	}
	for form, want := range map[string]string{"fought": "fight", "fight": "fought", "lay": "laid", "met": "meet", "thought": "think"} {
		if got := VerbForms(Stem("en", form)); !slices.Contains(got, Stem("en", want)) {
			t.Errorf("VerbForms(%q) = %q; want it to hold %q", form, got, Stem("en", want))
		}
	}
	if got := VerbForms(Stem("en", "health")); got != nil {
		t.Errorf("VerbForms(health) = %q; want none", got)
	}
	if _, err := parseIrregular("fight fighting\n"); err == nil {
		t.Error("a form that stems as its base was accepted")
	}
}
