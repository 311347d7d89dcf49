package lang

import (
	"slices"
	"testing"
)

// An irregular verb's or noun's forms lead to each other, and the table
// parses.
func TestIrregularForms(t *testing.T) {
	if _, err := parseIrregular(irregularText); err != nil {
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
	if _, err := parseIrregular("fight fighting\n"); err == nil {
		t.Error("a form that stems as its base was accepted")
	}
}
