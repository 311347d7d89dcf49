package rag

import (
	"slices"
	"testing"
)

// The figures a number question may be answered with: not a year, not the
// day of a date, not part of a name, not the question's own figure.
func TestNumberSpans(t *testing.T) {
	q := stemSet("How much will the 60 Cuban specialists be paid?", "en")
	for _, c := range []struct {
		sentence string
		want     []string
	}{
		{"A brigade of 115 Cuban health workers arrived on Saturday, May 23.", []string{"115 Cuban health"}},
		{"The arrival in 2020 of Cuban health professionals to help with COVID 19 was a milestone.", nil},
		{"In 2021, the Soberana 02 vaccine reached 2020 doctors.", []string{"2020 doctors"}},
		{"Under the agreement 60 Cuban specialists will work from September 2025.", nil},
		{"Each will earn USD 1,200 a month.", []string{"USD 1,200 a month"}},
	} {
		var got []string
		for _, m := range numberSpans(c.sentence, q) {
			got = append(got, c.sentence[m[0]:m[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("numberSpans(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
}

// An age question is answered with the age the article gives.
func TestAgeSpans(t *testing.T) {
	qt := queryTerms{stems: stemSet("How old is Tarlan Mammadli?", "en")}
	in := readIntent("How old is Tarlan Mammadli?")
	if in.kind != ageAnswer {
		t.Fatalf("readIntent: kind %v; want ageAnswer", in.kind)
	}
	for _, c := range []struct{ sentence, want string }{
		{"Mammadli, 24, finished the double round robin with 6.5 points from 10 games.", "24"},
		{"The 58-year-old surgeon led the brigade.", "58"},
		{"Entre los recién llegados está Murad Aliyarov, de 18 años, natural de Ganyá.", "18"},
		{"Mammadli won 6.5 points from 10 games.", ""},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
		if typed := hasType(in.kind, c.sentence, qt.stems); typed != (c.want != "") {
			t.Errorf("hasType(%q) = %v; want %v", c.sentence, typed, c.want != "")
		}
	}
}

// A who-question is answered with the person's name, not with the office or
// title that comes before it.
func TestNameSpansLeaveOffices(t *testing.T) {
	qt := queryTerms{stems: stemSet("Who led the first Cuban brigade?", "en")}
	in := readIntent("Who led the first Cuban brigade?")
	for _, c := range []struct{ sentence, want string }{
		{"It is led by Dr. Yoandra Pérez Lamas, an intensive care specialist.", "Yoandra Pérez Lamas"},
		{"The stone was laid by Deputy Minister of Economy Nurlan Seyidli on Monday.", "Nurlan Seyidli"},
		{"They were received by Vice President Salvador Valdés Mesa.", "Salvador Valdés Mesa"},
	} {
		if got := spanText(in, qt, c.sentence); got != c.want {
			t.Errorf("spanOf(%q) = %q; want %q", c.sentence, got, c.want)
		}
	}
}

// spanText is the answer spanOf finds in a sentence, "" for none.
func spanText(in intent, qt queryTerms, sentence string) string {
	if sp := spanOf(in, &candidate{quote: Quote{Text: sentence}}, qt); sp != nil {
		return sp.Text
	}
	return ""
}
