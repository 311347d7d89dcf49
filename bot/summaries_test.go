package bot_test

import (
	"strings"
	"testing"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/corpus"
)

func TestSummaryTimelineAndAskSince(t *testing.T) {
	dated, err := corpus.ParseArticle("---\npublished: 2024-02-10\noutlet: Example News\n---\n# Eye clinic opens in Baku\n\nA new ophthalmology centre opened in Baku on February 6, 2024, with 14 Cuban specialists.\n\nIt will train Azerbaijani surgeons until 2027.\n")
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, options{docs: []corpus.Document{dated}, config: func(c *bot.Config) { c.UserPerMinute = 0 }})
	article := ""
	for _, d := range h.svc.Documents("", true) {
		if strings.HasPrefix(d.Title, "Interest in deepening") {
			article = d.ID
		}
	}

	// Autocomplete offers the documents by title to everyone.
	ac, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Autocomplete("summary", discordtest.SubCommand("document",
		discordtest.StringOption("document", "deepening"))), guildID, channelID, userID, 0))
	if err != nil {
		t.Fatal(err)
	}
	var choices struct {
		Data struct {
			Choices []struct{ Name, Value string } `json:"choices"`
		} `json:"data"`
	}
	h.wait(callback(ac)).JSON(&choices)
	if len(choices.Data.Choices) != 1 || choices.Data.Choices[0].Value != article {
		t.Errorf("summary autocomplete = %+v; want the source article", choices.Data.Choices)
	}

	i := h.slash("summary", discordtest.SubCommand("document", discordtest.StringOption("document", article)))
	s := decodeSent(t, h.wait(original(i))).text()
	for _, want := range []string{"Summary: Interest in deepening cooperation in health", "77,000 patients", "pharmaceuticals and biotechnology", "[1]", articleURL} {
		if !strings.Contains(s, want) {
			t.Errorf("/summary document lacks %q:\n%s", want, s)
		}
	}

	i = h.slash("timeline")
	tl := decodeSent(t, h.wait(original(i))).text()
	order := []string{"**2020**", "**until July 2021**", "**6 February 2024**", "**until 2027**"}
	last := -1
	for _, w := range order {
		k := strings.Index(tl, w)
		if k < 0 || k < last {
			t.Errorf("/timeline lacks %q or has it out of order:\n%s", w, tl)
		}
		last = k
	}

	i = h.slash("ask", discordtest.StringOption("question", "How many Cuban specialists work at the ophthalmology centre?"),
		discordtest.StringOption("since", "2024-01-01"))
	a := decodeSent(t, h.wait(original(i))).text()
	if !strings.Contains(a, "14 Cuban specialists") || !strings.Contains(a, "According to Example News, 10 February 2024") {
		t.Errorf("/ask since: %q; want the fact attributed to the outlet and date", a)
	}
	i = h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"),
		discordtest.StringOption("since", "2024-01-01"))
	if a := decodeSent(t, h.wait(original(i))).text(); strings.Contains(a, "77,000") {
		t.Errorf("/ask since 2024 answered from an undated article: %q", a)
	}
	i = h.slash("ask", discordtest.StringOption("question", "When?"), discordtest.StringOption("since", "last year"))
	if _, data := decodeCallback(t, h.wait(callback(i))); !strings.Contains(data.Content, "not a date") {
		t.Errorf("bad since: %q; want a message saying it is not a date", data.Content)
	}
}
