package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"cabot/bot"
	"cabot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
)

// Hostile questions: mentions, @everyone, right-to-left overrides, a very
// long word, an empty and a huge question.
func TestHostileQuestions(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.UserPerMinute = 0 }})
	word := strings.Repeat("x", 300) // one very long word, within the question limit
	h.message(&discordgo.Message{ChannelID: channelID, GuildID: guildID,
		Content:  "<@" + h.srv.BotID() + "> @everyone <@&555> \u202eevil\u202c How many patients " + word + "?",
		Mentions: []*discordgo.User{{ID: h.srv.BotID()}}})
	th := h.wait(discordtest.Route("POST", "/api/v9/channels/"+channelID+"/messages/{}/threads"))
	var thread struct{ Name string }
	th.JSON(&thread)
	if strings.Contains(thread.Name, "@everyone") || strings.Contains(thread.Name, "<@&") || strings.ContainsRune(thread.Name, '\u202e') ||
		utf8.RuneCountInString(thread.Name) > 100 {
		t.Errorf("thread name %q; want it defanged and at most 100 characters", thread.Name)
	}
	threadID := findThread(t, h, channelID)
	reply := decodeSent(t, h.wait(postTo(threadID)))
	noPings(t, reply, "reply to a hostile question")
	if strings.Contains(reply.text(), "@everyone") {
		t.Errorf("the reply contains a live @everyone: %q", reply.text())
	}

	i := h.slash("ask", discordtest.StringOption("question", strings.Repeat("why ", 200)))
	if _, data := decodeCallback(t, h.wait(callback(i))); !strings.Contains(data.Content, "keep it under 500") {
		t.Errorf("huge question: %q; want the limit explained", data.Content)
	}
	i = h.slash("ask", discordtest.StringOption("question", "   "))
	if _, data := decodeCallback(t, h.wait(callback(i))); !strings.Contains(data.Content, "Ask me a question") {
		t.Errorf("empty question: %q; want an example of a question", data.Content)
	}
}

func TestDocumentsPerServerLimit(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.MaxDocumentsPerServer = 1 }})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Rum exports\n\nCuba exported rum to Azerbaijan for the first time in 2022, the ministry said."))
	_, token := h.preview(i)
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(original(c))
	j := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Coffee\n\nCuban coffee growers met Azerbaijani buyers in Santiago de Cuba in May."))
	if _, data := decodeCallback(t, h.wait(callback(j))); !strings.Contains(data.Content, "the most it may add") {
		t.Errorf("adding past the limit: %q; want a refusal naming the limit", data.Content)
	}
}
