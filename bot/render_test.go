package bot

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

var updateRenderGolden = flag.Bool("update-render", false, "rewrite the golden files in testdata/render")

var (
	// mentionRe finds what Discord would read as a ping or a mention.
	mentionRe = regexp.MustCompile(`@everyone|@here|<@[0-9!&]|<#[0-9]`)
	// mdLinkRe finds the Markdown links Discord shows as links, with their
	// text and target.
	mdLinkRe = regexp.MustCompile(`\[([^\[\]\n]*)\]\((<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)\)`)
)

func TestRenderNoMentionsSerialisesAsEmptyParse(t *testing.T) {
	content := "hi @everyone"
	for _, v := range []any{
		discordgo.WebhookEdit{Content: &content, AllowedMentions: NoMentions()},
		discordgo.MessageSend{Content: content, AllowedMentions: NoMentions()},
		discordgo.WebhookParams{Content: content, AllowedMentions: NoMentions()},
		discordgo.InteractionResponseData{Content: content, AllowedMentions: NoMentions()},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		if !strings.Contains(string(b), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("json.Marshal(%T with NoMentions()) = %s; want \"allowed_mentions\":{\"parse\":[]", v, b)
		}
	}
}

func TestEmbedLength(t *testing.T) {
	e := &discordgo.MessageEmbed{
		Title:       "é",                                                                                     // 1 rune, 2 bytes
		Description: "😀😀",                                                                                    // 2
		URL:         "https://not.counted.example",                                                           // 0
		Fields:      []*discordgo.MessageEmbedField{{Name: "ab", Value: "cde"}, nil, {Name: "f", Value: ""}}, // 6
		Footer:      &discordgo.MessageEmbedFooter{Text: "gh"},                                               // 2
		Author:      &discordgo.MessageEmbedAuthor{Name: "ijk"},                                              // 3
	}
	if got, want := EmbedLength(e), 14; got != want {
		t.Errorf("EmbedLength(%+v) = %d; want %d", e, got, want)
	}
	if got := EmbedLength(nil); got != 0 {
		t.Errorf("EmbedLength(nil) = %d; want 0", got)
	}
}

// embedsLimitErrors lists every Discord limit the embeds of one message break.
func embedsLimitErrors(embeds []*discordgo.MessageEmbed) []string {
	var errs []string
	check := func(what string, n, max int) {
		if n > max {
			errs = append(errs, fmt.Sprintf("%s is %d, over %d", what, n, max))
		}
	}
	rc := utf8.RuneCountInString
	check("number of embeds", len(embeds), MaxEmbeds)
	total := 0
	for i, e := range embeds {
		total += EmbedLength(e)
		check(fmt.Sprintf("embed %d title", i), rc(e.Title), MaxEmbedTitle)
		check(fmt.Sprintf("embed %d description", i), rc(e.Description), MaxEmbedDescription)
		check(fmt.Sprintf("embed %d fields", i), len(e.Fields), MaxEmbedFields)
		for j, f := range e.Fields {
			check(fmt.Sprintf("embed %d field %d name", i, j), rc(f.Name), MaxEmbedFieldName)
			check(fmt.Sprintf("embed %d field %d value", i, j), rc(f.Value), MaxEmbedFieldValue)
			if strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Value) == "" {
				errs = append(errs, fmt.Sprintf("embed %d field %d is blank", i, j))
			}
		}
		if e.Footer != nil {
			check(fmt.Sprintf("embed %d footer", i), rc(e.Footer.Text), MaxEmbedFooter)
		}
		if EmbedLength(e) == 0 {
			errs = append(errs, fmt.Sprintf("embed %d is empty", i))
		}
	}
	check("total length", total, MaxEmbedTotal)
	return errs
}

func embedsText(embeds []*discordgo.MessageEmbed) (desc, fields string) {
	var d, f strings.Builder
	for _, e := range embeds {
		d.WriteString(e.Description)
		for _, fl := range e.Fields {
			f.WriteString(fl.Name + "\n" + fl.Value + "\n")
		}
	}
	return d.String(), f.String()
}

func longAnswerView(sentences, citations int) AnswerView {
	var b strings.Builder
	for i := range sentences {
		fmt.Fprintf(&b, "Sentence %d describes the Cuban medical brigade's work in Baku in some detail [%d]. ", i, i%citations+1)
		if i%5 == 4 {
			b.WriteString("\n\n")
		}
	}
	v := AnswerView{Text: b.String(), Grounded: true, Footer: "extractive · 3 ms"}
	for n := 1; n <= citations; n++ {
		v.Citations = append(v.Citations, Citation{
			N:         n,
			Title:     fmt.Sprintf("Cuban doctors and Azerbaijani hospitals, report number %d", n),
			Outlet:    "Radio Habana Cuba",
			URL:       fmt.Sprintf("https://www.radiohc.cu/en/especiales/comentarios/%d-interest-in-cooperation", 315000+n),
			Published: "2021-07-15",
		})
	}
	return v
}

func TestAnswerEmbedsLongAnswer(t *testing.T) {
	v := longAnswerView(120, 30)
	if n := utf8.RuneCountInString(v.Text); n < 10000 {
		t.Fatalf("test answer has %d runes; want at least 10000", n)
	}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(10k-rune answer, 30 citations) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	if embeds[0].Title != TitleGrounded {
		t.Errorf("AnswerEmbeds(…)[0].Title = %q; want %q", embeds[0].Title, TitleGrounded)
	}
	for i, e := range embeds {
		if e.Color != ColorGrounded {
			t.Errorf("AnswerEmbeds(…)[%d].Color = %#x; want %#x", i, e.Color, ColorGrounded)
		}
	}
	desc, fields := embedsText(embeds)
	if !strings.HasSuffix(desc, "…") {
		t.Errorf("AnswerEmbeds(…) description ends with %q; want it truncated with \"…\"", desc[max(len(desc)-40, 0):])
	}
	if !strings.HasPrefix(desc, "Sentence 0 describes") || utf8.RuneCountInString(desc) < 400 {
		t.Errorf("AnswerEmbeds(…) description = %q; want the start of the answer, at least 400 runes", desc)
	}
	// The text fills the room the citations leave, but for less than a sentence.
	total := 0
	for _, e := range embeds {
		total += EmbedLength(e)
	}
	if total < MaxEmbedTotal-100 {
		t.Errorf("AnswerEmbeds(…) uses %d of %d runes; want the description to fill the room left", total, MaxEmbedTotal)
	}
	// The cut falls at the end of a sentence or a word.
	if cut := strings.TrimSuffix(desc, "…"); !strings.HasSuffix(cut, ".") && !strings.HasSuffix(cut, "]") {
		t.Errorf("AnswerEmbeds(…) description ends with %q; want a sentence end before \"…\"", desc[max(len(desc)-40, 0):])
	}
	for _, c := range v.Citations {
		want := fmt.Sprintf("`[%d]` [%s](%s) — Radio Habana Cuba, 2021-07-15", c.N, c.Title, c.URL)
		if n := strings.Count(fields, want+"\n"); n != 1 {
			t.Errorf("AnswerEmbeds(…) fields hold %d copies of %q; want 1\nfields:\n%s", n, want, fields)
		}
	}
	if embeds[len(embeds)-1].Footer == nil || embeds[len(embeds)-1].Footer.Text != v.Footer {
		t.Errorf("AnswerEmbeds(…) last footer = %+v; want %q", embeds[len(embeds)-1].Footer, v.Footer)
	}
	if !strings.Contains(fields, "Sources\n") || !strings.Contains(fields, "Sources (cont.)\n") {
		t.Errorf("AnswerEmbeds(…) field names: want \"Sources\" then \"Sources (cont.)\"; fields:\n%s", fields)
	}
}

func TestAnswerEmbedsShortAnswerUntouched(t *testing.T) {
	v := AnswerView{
		Text:      "More than 77,000 patients were attended [1].",
		Grounded:  true,
		Citations: []Citation{{N: 1, Title: "Interest in deepening cooperation in health", Outlet: "Radio Habana Cuba", URL: "https://www.radiohc.cu/x"}},
	}
	embeds := AnswerEmbeds(v)
	if len(embeds) != 1 || embeds[0].Description != v.Text {
		t.Fatalf("AnswerEmbeds(%+v) = %d embeds, description %q; want 1 with %q", v, len(embeds), embeds[0].Description, v.Text)
	}
	if embeds[0].Footer != nil {
		t.Errorf("AnswerEmbeds(no footer).Footer = %+v; want nil", embeds[0].Footer)
	}
}

func TestAnswerEmbedsLongerThanOneDescription(t *testing.T) {
	// 5,000 runes of text and no citations: two description embeds, no cut.
	v := AnswerView{Text: strings.TrimSpace(strings.Repeat("Cooperation grew steadily in that year. ", 125)), Grounded: true}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(5k runes) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	if len(embeds) != 2 || embeds[1].Title != "" {
		t.Fatalf("AnswerEmbeds(5k runes) = %d embeds (second title %q); want 2, the second untitled", len(embeds), embeds[len(embeds)-1].Title)
	}
	desc, _ := embedsText(embeds)
	if strings.Contains(desc, "…") || strings.ReplaceAll(desc, " ", "") != strings.ReplaceAll(v.Text, " ", "") {
		t.Errorf("AnswerEmbeds(5k runes) descriptions = %q; want all of the text", desc)
	}
}

func TestAnswerEmbedsCitationSafety(t *testing.T) {
	const z = "\u200b"
	v := AnswerView{
		Text:     "Answer @everyone [1][2][3].",
		Grounded: true,
		Citations: []Citation{
			{N: 1, Title: "Budget ] cut [ @everyone `x\\", Outlet: "<@123> News\nDaily", URL: "https://news.example/a(b)"},
			{N: 2, Title: "Log in at bank.example", URL: "https://evil.example/"},
			{N: 3, Title: "No link here", Outlet: "Outlet", URL: "javascript:alert(1)"},
			{N: 4, URL: "https://www.bbc.co.uk/news/1"},
			{N: 5},
		},
	}
	embeds := AnswerEmbeds(v)
	desc, fields := embedsText(embeds)
	if m := mentionRe.FindString(desc + fields); m != "" {
		t.Errorf("AnswerEmbeds(…) shows %q; want every mention defanged\n%s\n%s", m, desc, fields)
	}
	for _, want := range []string{
		"`[1]` [Budget ) cut ( @" + z + "everyone 'x＼](https://news.example/a%28b%29) — <" + z + "@123> News Daily\n",
		"`[2]` Log in at bank.example (<https://evil.example/>)\n",
		"`[3]` No link here — Outlet\n",
		"`[4]` [www.bbc.co.uk](https://www.bbc.co.uk/news/1)\n",
		"`[5]` Untitled\n",
	} {
		if !strings.Contains(fields, want) {
			t.Errorf("AnswerEmbeds(…) fields lack %q; fields:\n%s", want, fields)
		}
	}
	// The first citation is exactly one link, to its URL.
	line := strings.SplitN(fields, "\n", 3)[1]
	links := mdLinkRe.FindAllStringSubmatch(line, -1)
	if len(links) != 1 || links[0][2] != "https://news.example/a%28b%29" {
		t.Errorf("links in %q = %q; want one, to https://news.example/a%%28b%%29", line, links)
	}
}

func TestAnswerEmbedsNotGrounded(t *testing.T) {
	v := AnswerView{Text: "The nearest documents discuss trade.", Note: "The documents do not cover this.", Footer: "extractive · 2 ms"}
	embeds := AnswerEmbeds(v)
	if len(embeds) != 1 {
		t.Fatalf("AnswerEmbeds(%+v) = %d embeds; want 1", v, len(embeds))
	}
	e := embeds[0]
	if e.Title != TitleNotGrounded || e.Color != ColorNotGrounded {
		t.Errorf("AnswerEmbeds(not grounded) title, colour = %q, %#x; want %q, %#x", e.Title, e.Color, TitleNotGrounded, ColorNotGrounded)
	}
	if len(e.Fields) != 1 || e.Fields[0].Name != "Note" || e.Fields[0].Value != v.Note {
		t.Errorf("AnswerEmbeds(not grounded).Fields = %+v; want one Note field %q", e.Fields, v.Note)
	}
}

func TestAnswerEmbedsTooManyCitations(t *testing.T) {
	v := longAnswerView(40, 200)
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(200 citations) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	desc, fields := embedsText(embeds)
	if n := utf8.RuneCountInString(desc); n < 400 {
		t.Errorf("AnswerEmbeds(200 citations) description has %d runes; want room kept for the answer", n)
	}
	if !strings.Contains(fields, "`[1]` [") || !regexp.MustCompile("…and [0-9]+ more").MatchString(fields) {
		t.Errorf("AnswerEmbeds(200 citations) fields = %s; want the first citations and \"…and N more\"", fields)
	}
}

func TestAnswerEmbedsLongTitlesShortened(t *testing.T) {
	v := longAnswerView(40, 30)
	for i := range v.Citations {
		v.Citations[i].Title = fmt.Sprintf("Title %d ", i+1) + strings.Repeat("very long words ", 12)
	}
	embeds := AnswerEmbeds(v)
	if errs := embedsLimitErrors(embeds); len(errs) > 0 {
		t.Fatalf("AnswerEmbeds(30 long titles) breaks Discord's limits: %s", strings.Join(errs, "; "))
	}
	_, fields := embedsText(embeds)
	for _, c := range v.Citations {
		if want := fmt.Sprintf("`[%d]` [Title %d very long", c.N, c.N); !strings.Contains(fields, want) {
			t.Errorf("AnswerEmbeds(30 long titles) fields lack %q; fields:\n%s", want, fields)
		}
	}
	if !strings.Contains(fields, "…](") || strings.Contains(fields, "more") {
		t.Errorf("AnswerEmbeds(30 long titles) fields = %s; want every citation, with shortened titles", fields)
	}
}

func TestRenderEmbedsSpillFields(t *testing.T) {
	fields := make([]*discordgo.MessageEmbedField, 30)
	for i := range fields {
		fields[i] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
	}
	embeds := assembleEmbeds("T", 1, []string{"d"}, fields, "f")
	if len(embeds) != 2 || len(embeds[0].Fields) != MaxEmbedFields || len(embeds[1].Fields) != 5 || embeds[1].Footer == nil {
		t.Errorf("assembleEmbeds(30 fields) = %d embeds; want 2, with 25 and 5 fields and the footer last", len(embeds))
	}
}

func TestAnswerEmbedsLimitsHold(t *testing.T) {
	huge := strings.Repeat("x", 5000)
	views := map[string]AnswerView{
		"huge footer, note and titles": {
			Text: strings.Repeat("word ", 3000), Grounded: true, Note: huge, Footer: huge,
			Citations: []Citation{{N: 1, Title: huge, Outlet: huge, URL: "https://e.example/" + huge, Published: huge}},
		},
		"code block cut": {Text: "```go\n" + strings.Repeat("fmt.Println(\"hello\")\n", 400) + "```", Grounded: true},
		"one long word":  {Text: strings.Repeat("é", 9000)},
		"empty":          {},
	}
	for name, v := range views {
		embeds := AnswerEmbeds(v)
		if errs := embedsLimitErrors(embeds); len(errs) > 0 {
			t.Errorf("AnswerEmbeds(%s) breaks Discord's limits: %s", name, strings.Join(errs, "; "))
		}
	}
	// A cut code block is closed before the "…".
	desc, _ := embedsText(AnswerEmbeds(views["code block cut"]))
	if !strings.HasSuffix(desc, "\n```\n…") || strings.Count(desc, "```")%2 != 0 {
		t.Errorf("AnswerEmbeds(code block cut) description ends %q; want the block closed, then \"…\"", desc[max(len(desc)-40, 0):])
	}
}

func TestAnswerEmbedsGolden(t *testing.T) {
	v := AnswerView{
		Text:     "Until July 2021, the Cuban doctors attended to more than 77,000 patients [1]. They also trained local staff [2].\n\nSee [the ministry's page](https://health.example/az) and [www.health.gov.az](https://elsewhere.example).",
		Grounded: true,
		Citations: []Citation{
			{N: 1, Title: "Interest in deepening cooperation in health", Outlet: "Radio Habana Cuba", URL: "https://www.radiohc.cu/en/especiales/comentarios/315585-interest-in-deepening-cooperation-in-health", Published: "2021-07-15"},
			{N: 2, Title: "Brigade [Henry Reeve] returns", Outlet: "Prensa Latina"},
		},
		Footer: "extractive · 3 ms",
	}
	got, err := json.MarshalIndent(AnswerEmbeds(v), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "render", "answer.golden")
	if *updateRenderGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestAnswerEmbedsGolden -update-render to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("AnswerEmbeds(golden view) =\n%s\nwant (%s)\n%s", got, path, want)
	}
}

func TestAnswerPartsKeepCitationsWithTheirSentences(t *testing.T) {
	// The answer itself on its first line, then the quotes with markers
	// placed where a cut at a sentence end would leave them behind.
	var b strings.Builder
	b.WriteString("77,000 patients.\n\n")
	var cits []Citation
	for n := 1; n <= 12; n++ {
		b.WriteString(strings.Repeat(fmt.Sprintf("Quoted sentence number %d about the brigade. [%d] ", n, n), 20))
		cits = append(cits, Citation{N: n, Title: fmt.Sprintf("Article %d", n), URL: fmt.Sprintf("https://example.org/%d", n)})
	}
	v := AnswerView{Question: "How many patients?", Text: b.String(), Grounded: true, Citations: cits, Footer: "f", FollowUp: "hint"}
	parts := AnswerParts(v)
	if len(parts) < 2 {
		t.Fatalf("AnswerParts(%d runes) = %d parts; want several", len(v.Text), len(parts))
	}
	var all strings.Builder
	for k, p := range parts {
		if errs := embedsLimitErrors(p); len(errs) > 0 {
			t.Errorf("AnswerParts(…)[%d] breaks Discord's limits: %s", k, strings.Join(errs, "; "))
		}
		desc, fields := embedsText(p)
		if strings.HasPrefix(strings.TrimSpace(desc), "[") {
			t.Errorf("AnswerParts(…)[%d] starts with a citation: %.30q", k, desc)
		}
		for n := 1; n <= 12; n++ {
			if strings.Contains(desc, fmt.Sprintf("[%d]", n)) && !strings.Contains(fields, fmt.Sprintf("https://example.org/%d)", n)) {
				t.Errorf("AnswerParts(…)[%d] cites [%d] without listing it", k, n)
			}
		}
		if (p[0].Author != nil) != (k == 0) {
			t.Errorf("AnswerParts(…)[%d].Author = %+v; want the question on the first part only", k, p[0].Author)
		}
		if hasFooter := p[len(p)-1].Footer != nil; hasFooter != (k == len(parts)-1) {
			t.Errorf("AnswerParts(…)[%d] footer %v; want the footer on the last part only", k, hasFooter)
		}
		all.WriteString(desc)
	}
	if !strings.HasPrefix(all.String(), "77,000 patients.") || strings.Contains(all.String(), "…") {
		t.Errorf("AnswerParts(…) text %.60q…; want all of it, answer first", all.String())
	}
}
