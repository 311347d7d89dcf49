package dates

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cabot/corpus"
)

// datePublished is the publication date of the relative cases.
var datePublished = time.Date(2021, 3, 10, 0, 0, 0, 0, time.UTC)

// wantDate is an expected mention: date is "2020", "2021-07" or "2020-11-06",
// and gives the precision.
func wantDate(date, text, rel string) Mention {
	layouts := map[int]struct {
		layout string
		p      Precision
	}{4: {"2006", PrecisionYear}, 7: {"2006-01", PrecisionMonth}, 10: {time.DateOnly, PrecisionDay}}
	l, ok := layouts[len(date)]
	if !ok {
		panic("wantDate: bad date " + date)
	}
	d, err := time.Parse(l.layout, date)
	if err != nil {
		panic(err)
	}
	return Mention{Date: d, Precision: l.p, Text: text, Relation: rel}
}

// wantRelative is wantDate for a date worked out from the publication date.
func wantRelative(date, text, rel string) Mention {
	m := wantDate(date, text, rel)
	m.Relative = true
	return m
}

// describeDates writes what the tests compare: everything but the offsets,
// which checkDateMentions checks against Text.
func describeDates(ms []Mention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = fmt.Sprintf("{%s %s %q rel=%q relative=%v}",
			m.Date.Format(time.RFC3339), m.Precision, m.Text, m.Relation, m.Relative)
	}
	return out
}

// checkDateMentions checks what holds for every result: offsets that give
// Text, in order and without overlaps, UTC dates at their precision, known
// relations, and nothing relative without a publication date.
func checkDateMentions(t testing.TB, text string, published time.Time, ms []Mention) {
	t.Helper()
	prevEnd := 0
	for i, m := range ms {
		if m.Start < prevEnd || m.End <= m.Start || m.End > len(text) {
			t.Errorf("Extract(%q)[%d] at [%d, %d) after %d; want in order, non-empty, within %d bytes", text, i, m.Start, m.End, prevEnd, len(text))
			return
		}
		prevEnd = m.End
		if got := text[m.Start:m.End]; got != m.Text {
			t.Errorf("Extract(%q)[%d]: text[%d:%d] = %q; want Text %q", text, i, m.Start, m.End, got, m.Text)
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			t.Errorf("Extract(%q)[%d] = [%d, %d); want rune boundaries", text, i, m.Start, m.End)
		}
		if m.Date.Location() != time.UTC {
			t.Errorf("Extract(%q)[%d].Date in %v; want UTC", text, i, m.Date.Location())
		}
		y, mon, d := m.Date.Date()
		first := time.Date(y, mon, d, 0, 0, 0, 0, time.UTC)
		switch m.Precision {
		case PrecisionYear:
			first = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		case PrecisionMonth:
			first = time.Date(y, mon, 1, 0, 0, 0, 0, time.UTC)
		case PrecisionDay:
		default:
			t.Errorf("Extract(%q)[%d].Precision = %v; want year, month or day", text, i, m.Precision)
		}
		if !m.Date.Equal(first) {
			t.Errorf("Extract(%q)[%d].Date = %v; want %v (the start of its %v)", text, i, m.Date, first, m.Precision)
		}
		if !slices.Contains([]string{"", "until", "since", "before", "after", "by"}, m.Relation) {
			t.Errorf("Extract(%q)[%d].Relation = %q; want a known relation", text, i, m.Relation)
		}
		if m.Relative && published.IsZero() {
			t.Errorf("Extract(%q, zero)[%d] = %q relative; want relative dates skipped without a publication date", text, i, m.Text)
		}
	}
}

var dateCases = []struct {
	text      string
	published time.Time
	want      []Mention
}{
	// Years.
	{"It happened in 2020.", time.Time{}, []Mention{wantDate("2020", "in 2020", "")}},
	{"Relations exist since 2018.", time.Time{}, []Mention{wantDate("2018", "since 2018", "since")}},
	{"They stayed until 2021.", time.Time{}, []Mention{wantDate("2021", "until 2021", "until")}},
	{"Done by 2025, they said.", time.Time{}, []Mention{wantDate("2025", "by 2025", "by")}},
	{"Before 2019 and after 2015.", time.Time{}, []Mention{wantDate("2019", "Before 2019", "before"), wantDate("2015", "after 2015", "after")}},
	{"The agreement (2019) holds.", time.Time{}, []Mention{wantDate("2019", "2019", "")}},
	{"The 2020-2021 season.", time.Time{}, []Mention{wantDate("2020", "2020", "since"), wantDate("2021", "2021", "until")}},
	{"During 2020 – 2021 they worked.", time.Time{}, []Mention{wantDate("2020", "During 2020", "since"), wantDate("2021", "2021", "until")}},
	{"From 2019 to 2021 it grew.", time.Time{}, []Mention{wantDate("2019", "From 2019", "since"), wantDate("2021", "to 2021", "until")}},
	{"Between 2018 and 2020; entre 2018 y 2020.", time.Time{}, []Mention{
		wantDate("2018", "Between 2018", "since"), wantDate("2020", "and 2020", "until"),
		wantDate("2018", "entre 2018", "since"), wantDate("2020", "y 2020", "until")}},
	{"The 2020 brigade left.", time.Time{}, []Mention{wantDate("2020", "2020", "")}},
	{"The 2020 elections and the 2000 Sydney Olympics.", time.Time{}, []Mention{wantDate("2020", "2020", ""), wantDate("2000", "2000", "")}},
	{"In the year 2000, doctors came.", time.Time{}, []Mention{wantDate("2000", "2000", "")}},
	{"2020 was hard; 2021 marks a change.", time.Time{}, []Mention{wantDate("2020", "2020", ""), wantDate("2021", "2021", "")}},
	{"By mid-2020 it was over.", time.Time{}, []Mention{wantDate("2020", "By mid-2020", "by")}},
	{"In 2000 doctors arrived.", time.Time{}, []Mention{wantDate("2000", "In 2000", "")}},
	{"Delivery no later than 2025.", time.Time{}, []Mention{wantDate("2025", "2025", "")}},
	{"hasta 2021 y desde 2018", time.Time{}, []Mention{wantDate("2021", "hasta 2021", "until"), wantDate("2018", "desde 2018", "since")}},
	{"antes de 2020, después de 2015, a partir de 2022", time.Time{}, []Mention{
		wantDate("2020", "antes de 2020", "before"), wantDate("2015", "después de 2015", "after"), wantDate("2022", "a partir de 2022", "since")}},
	// Numbers that are not years.
	{"2000 doctors arrived.", time.Time{}, nil},
	{"It treated 2,000 patients.", time.Time{}, nil},
	{"a second brigade of 120 aid workers", time.Time{}, nil},
	{"more than 77,000 patients", time.Time{}, nil},
	{"more than 2000 patients, more than 2000.", time.Time{}, nil},
	{"Some 2000 people came.", time.Time{}, nil},
	{"The 2000 Cuban doctors and 1999 health workers.", time.Time{}, nil},
	{"Decree-Law 2020, Resolution 2019, Tel: 2020-3045, at 20:20.", time.Time{}, nil},
	{"Call +53 7 204 2020 or (7) 204-2020.", time.Time{}, nil},
	{"the fight against COVID 19 and COVID-19", time.Time{}, nil},
	{"See page 2020 and No. 2019.", time.Time{}, nil},
	{"Music of the 1990s.", time.Time{}, nil},
	{"Prices rose 2020% in 2.5 years.", time.Time{}, nil},
	// Months.
	{"Until July 2021, the Cubans worked.", time.Time{}, []Mention{wantDate("2021-07", "Until July 2021", "until")}},
	{"It ended in July of 2021.", time.Time{}, []Mention{wantDate("2021-07", "in July of 2021", "")}},
	{"Llegaron en julio de 2021.", time.Time{}, []Mention{wantDate("2021-07", "en julio de 2021", "")}},
	{"hasta julio del 2021", time.Time{}, []Mention{wantDate("2021-07", "hasta julio del 2021", "until")}},
	{"May 2021 and Sept. 2019", time.Time{}, []Mention{wantDate("2021-05", "May 2021", ""), wantDate("2019-09", "Sept. 2019", "")}},
	{"December 2019 – January 2020", time.Time{}, []Mention{wantDate("2019-12", "December 2019", "since"), wantDate("2020-01", "January 2020", "until")}},
	{"they may 11 march on", time.Time{}, nil},
	// Full dates.
	{"November 6, 2020", time.Time{}, []Mention{wantDate("2020-11-06", "November 6, 2020", "")}},
	{"Nov. 6, 2020", time.Time{}, []Mention{wantDate("2020-11-06", "Nov. 6, 2020", "")}},
	{"sept. 15, 2021", time.Time{}, []Mention{wantDate("2021-09-15", "sept. 15, 2021", "")}},
	{"6 November 2020", time.Time{}, []Mention{wantDate("2020-11-06", "6 November 2020", "")}},
	{"6th November 2020", time.Time{}, []Mention{wantDate("2020-11-06", "6th November 2020", "")}},
	{"Signed on November 6th, 2020.", time.Time{}, []Mention{wantDate("2020-11-06", "on November 6th, 2020", "")}},
	{"Open since the 6th of November, 2020.", time.Time{}, []Mention{wantDate("2020-11-06", "since the 6th of November, 2020", "since")}},
	{"el 6 de noviembre de 2020", time.Time{}, []Mention{wantDate("2020-11-06", "6 de noviembre de 2020", "")}},
	{"desde el 6 de noviembre de 2020", time.Time{}, []Mention{wantDate("2020-11-06", "desde el 6 de noviembre de 2020", "since")}},
	{"1º de mayo de 2021", time.Time{}, []Mention{wantDate("2021-05-01", "1º de mayo de 2021", "")}},
	{"NOVEMBER 6, 2020", time.Time{}, []Mention{wantDate("2020-11-06", "NOVEMBER 6, 2020", "")}},
	{"Published 2020-11-06.", time.Time{}, []Mention{wantDate("2020-11-06", "2020-11-06", "")}},
	{"At 2021-03-10T12:00:00Z.", time.Time{}, []Mention{wantDate("2021-03-10", "2021-03-10", "")}},
	{"on November 6 and 7, 2020", time.Time{}, []Mention{wantDate("2020-11-06", "on November 6", ""), wantDate("2020-11-07", "7, 2020", "")}},
	{"los días 6 y 7 de noviembre de 2020", time.Time{}, []Mention{wantDate("2020-11-06", "6", ""), wantDate("2020-11-07", "7 de noviembre de 2020", "")}},
	{"March 2-3, 2021", time.Time{}, []Mention{wantDate("2021-03-02", "March 2", "since"), wantDate("2021-03-03", "3, 2021", "until")}},
	{"06/11/2020 and 6.11.2020", time.Time{}, nil},
	{"February 30, 2021", time.Time{}, nil},
	{"2021-02-30 and 30 de febrero de 2021", time.Time{}, nil},
	// Relative to the publication date, 2021-03-10.
	{"last February 11", datePublished, []Mention{wantRelative("2021-02-11", "last February 11", "")}},
	{"last March 15", datePublished, []Mention{wantRelative("2020-03-15", "last March 15", "")}},
	{"last March 10", datePublished, []Mention{wantRelative("2020-03-10", "last March 10", "")}},
	{"on March 10", datePublished, []Mention{wantRelative("2021-03-10", "on March 10", "")}},
	{"on December 25", datePublished, []Mention{wantRelative("2020-12-25", "on December 25", "")}},
	{"February 11", datePublished, []Mention{wantRelative("2021-02-11", "February 11", "")}},
	{"since last February 29", datePublished, []Mention{wantRelative("2020-02-29", "since last February 29", "since")}},
	{"el pasado 11 de febrero", datePublished, []Mention{wantRelative("2021-02-11", "pasado 11 de febrero", "")}},
	{"Llegó el 7 de mayo de 2020 y se quedó hasta el 31 de agosto.", datePublished, []Mention{
		wantDate("2020-05-07", "7 de mayo de 2020", ""), wantRelative("2020-08-31", "hasta el 31 de agosto", "until")}},
	{"hasta el 15 de marzo", datePublished, []Mention{wantRelative("2020-03-15", "hasta el 15 de marzo", "until")}},
	{"last July", datePublished, []Mention{wantRelative("2020-07", "last July", "")}},
	{"yesterday and today", datePublished, []Mention{wantRelative("2021-03-09", "yesterday", ""), wantRelative("2021-03-10", "today", "")}},
	{"last year, this year, last month", datePublished, []Mention{
		wantRelative("2020", "last year", ""), wantRelative("2021", "this year", ""), wantRelative("2021-02", "last month", "")}},
	{"Since last year.", datePublished, []Mention{wantRelative("2020", "Since last year", "since")}},
	{"ayer; el año pasado; el mes pasado", datePublished, []Mention{
		wantRelative("2021-03-09", "ayer", ""), wantRelative("2020", "año pasado", ""), wantRelative("2021-02", "mes pasado", "")}},
	{"over the last year", datePublished, nil},
	{"In October 12 doctors arrived.", datePublished, nil},
	{"on February 30", datePublished, nil},
	// Relative dates are never guessed without a publication date.
	{"last February 11, on December 25, 11 de febrero", time.Time{}, nil},
	{"yesterday, today, last year, this year, last month, last July", time.Time{}, nil},
	{"From last year until July 2021.", time.Time{}, []Mention{wantDate("2021-07", "until July 2021", "until")}},
	// Several in a sentence.
	{"From 2019 to 2021, and again on 6 November 2020 (until 2022).", time.Time{}, []Mention{
		wantDate("2019", "From 2019", "since"), wantDate("2021", "to 2021", "until"),
		wantDate("2020-11-06", "on 6 November 2020", ""), wantDate("2022", "until 2022", "until")}},
}

func TestExtractDates(t *testing.T) {
	for _, tc := range dateCases {
		name := tc.text
		if !tc.published.IsZero() {
			name += " @" + tc.published.Format(time.DateOnly)
		}
		t.Run(name, func(t *testing.T) {
			got := Extract(tc.text, tc.published)
			checkDateMentions(t, tc.text, tc.published, got)
			if g, w := describeDates(got), describeDates(tc.want); !slices.Equal(g, w) {
				t.Errorf("Extract(%q, %s) = %v; want %v", tc.text, tc.published.Format(time.DateOnly), g, w)
			}
		})
	}
}

// TestExtractDatesSourceArticle pins the two dated sentences of the bundled
// article on health cooperation.
func TestExtractDatesSourceArticle(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []Mention
	}{
		{"The arrival for the first time in Azerbaijan in 2020 of Cuban health professionals to help in the confrontation with COVID 19, marked a milestone in the relations between the two nations, which date back to the times of the USSR, Union of Soviet Socialist Republics.",
			[]Mention{wantDate("2020", "in 2020", "")}},
		{"Until July 2021, the Cubans attended to more than 77,000 patients, carried out multiple medical and nursing procedures, as well as teaching and research activities that complemented the preparation of professionals from both nations in the face of the pandemic.",
			[]Mention{wantDate("2021-07", "Until July 2021", "until")}},
		{"The work of the members of the Henry Reeve International Contingent of Doctors Specialized in Situations of Disasters and Serious Epidemics had such an impact on the population that, at the request of the Baku government, a second brigade of 120 aid workers traveled to that Caucasian country.",
			nil},
	} {
		got := Extract(tc.text, time.Time{})
		checkDateMentions(t, tc.text, time.Time{}, got)
		if g, w := describeDates(got), describeDates(tc.want); !slices.Equal(g, w) {
			t.Errorf("Extract(%q) = %v; want %v", tc.text, g, w)
		}
	}
}

// TestExtractDatesBundled reads the bundled articles whole: the offsets hold
// on real text and the article on health cooperation gives just its two dates.
func TestExtractDatesBundled(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatalf("bundled: %v", err)
	}
	for _, d := range docs {
		got := Extract(d.Text, d.Published)
		checkDateMentions(t, d.Text, d.Published, got)
		if !strings.Contains(d.Text, "Until July 2021, the Cubans") {
			continue
		}
		want := []Mention{wantDate("2020", "in 2020", ""), wantDate("2021-07", "Until July 2021", "until")}
		if g, w := describeDates(got), describeDates(want); !slices.Equal(g, w) {
			t.Errorf("Extract(%s) = %v; want %v", d.Title, g, w)
		}
	}
}

// TestExtractDatesPublishedLocation takes the publication day where the
// article was published, not in UTC.
func TestExtractDatesPublishedLocation(t *testing.T) {
	havana := time.FixedZone("UTC-5", -5*60*60)
	published := time.Date(2021, 3, 10, 23, 30, 0, 0, havana) // 2021-03-11 in UTC
	got := Extract("yesterday", published)
	want := []Mention{wantRelative("2021-03-09", "yesterday", "")}
	if g, w := describeDates(got), describeDates(want); !slices.Equal(g, w) {
		t.Errorf("Extract(%q, %v) = %v; want %v", "yesterday", published, g, w)
	}
}

func TestMentionString(t *testing.T) {
	for _, tc := range []struct {
		m    Mention
		want string
	}{
		{wantDate("2020", "", ""), "2020"},
		{wantDate("2021-07", "", ""), "July 2021"},
		{wantDate("2020-11-06", "", ""), "6 November 2020"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("Mention{%v, %v}.String() = %q; want %q", tc.m.Date, tc.m.Precision, got, tc.want)
		}
	}
}

// TestExtractDatesOffsets checks the offsets on every case and on the cases
// glued together, where accents and neighbours shift them.
func TestExtractDatesOffsets(t *testing.T) {
	var all []string
	for _, tc := range dateCases {
		all = append(all, tc.text)
	}
	texts := append(all, strings.Join(all, " "), strings.Join(all, "\n\n"), "ñáé "+strings.Join(all, "ü"))
	for _, text := range texts {
		for _, published := range []time.Time{{}, datePublished} {
			checkDateMentions(t, text, published, Extract(text, published))
		}
	}
}

func FuzzExtractDates(f *testing.F) {
	for _, tc := range dateCases {
		f.Add(tc.text, !tc.published.IsZero())
	}
	f.Add("el 6 de noviembre de 2020\xff 2020-11-0", true)
	f.Add("6th\u00a0Nov.\u00a02020 – 2021", false)
	f.Fuzz(func(t *testing.T, text string, withPublished bool) {
		var published time.Time
		if withPublished {
			published = datePublished
		}
		checkDateMentions(t, text, published, Extract(text, published))
	})
}
