package bot_test

import (
	"strings"
	"testing"

	"cabot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
)

// A pasted article keeps its paragraphs: /doc add without a url, file or
// text opens a form, whose paragraph field carries the article.
func TestDocAddWithoutSourceOpensAForm(t *testing.T) {
	h := start(t, options{})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("outlet", "Caribbean Health News"))
	typ, _ := decodeCallback(t, h.wait(callback(i)))
	if typ != int(discordgo.InteractionResponseModal) {
		t.Fatalf("/doc add without a source answered with type %d; want a modal (9)", typ)
	}
	var modal struct {
		Data struct {
			CustomID   string `json:"custom_id"`
			Components []struct {
				Components []struct {
					CustomID string `json:"custom_id"`
					Style    int    `json:"style"`
					Value    string `json:"value"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	if err := h.wait(callback(i)).JSON(&modal); err != nil {
		t.Fatal(err)
	}
	fields := map[string]int{}
	for _, row := range modal.Data.Components {
		for _, c := range row.Components {
			fields[c.CustomID] = c.Style
			if c.CustomID == "outlet" && c.Value != "Caribbean Health News" {
				t.Errorf("outlet field = %q; want the option given beside the command", c.Value)
			}
		}
	}
	for _, want := range []string{"title", "outlet", "link", "published", "text"} {
		if _, ok := fields[want]; !ok {
			t.Errorf("form fields %v lack %q", fields, want)
		}
	}
	if fields["text"] != int(discordgo.TextInputParagraph) {
		t.Errorf("text field style %d; want a paragraph (2)", fields["text"])
	}

	article := "By Ana Pérez\n\nA new ophthalmology centre opened in Baku with 14 Cuban specialists, the Azerbaijani health ministry announced on Thursday.\n\n" +
		"The centre will treat cataracts and glaucoma and train local surgeons over the next three years."
	input := func(id, v string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: id, Value: v}}}
	}
	submit := func() *discordgo.Interaction {
		return &discordgo.Interaction{Type: discordgo.InteractionModalSubmit, Data: discordgo.ModalSubmitInteractionData{
			CustomID: modal.Data.CustomID, Components: []discordgo.MessageComponent{
				input("title", "Cuban eye doctors open a clinic in Baku"), input("outlet", "Caribbean Health News"),
				input("link", "https://news.example/clinic"), input("published", "2023-05-04"), input("text", article),
			}}}
	}
	s, err := h.srv.SendInteraction(h.srv.InGuild(submit(), guildID, channelID, moderator, manageServer))
	if err != nil {
		t.Fatal(err)
	}
	p, token := h.preview(s)
	for _, want := range []string{"Cuban eye doctors open a clinic in Baku", "Caribbean Health News", "2023-05-04", "https://news.example/clinic", "14 Cuban specialists"} {
		if !strings.Contains(p.text(), want) {
			t.Errorf("preview %q lacks %q", p.text(), want)
		}
	}
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(callback(c))
	if done := decodeSent(t, h.wait(original(c))); !strings.Contains(done.text(), "Added") {
		t.Fatalf("after Confirm: %q; want it added", done.text())
	}
	if text := h.askIn(guildID, channelID, "How many Cuban specialists work at the new ophthalmology centre in Baku?"); !strings.Contains(text, "14 Cuban specialists") {
		t.Errorf("answer %q; want the fact from the pasted article", text)
	}
	// A member cannot submit the form.
	s, err = h.srv.SendInteraction(h.srv.InGuild(submit(), guildID, channelID, userID, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, data := decodeCallback(t, h.wait(callback(s))); !strings.Contains(data.Content, "Only moderators") {
		t.Errorf("member's form answered %q; want it refused", data.Content)
	}
}

func TestAddToDocumentsMessageCommand(t *testing.T) {
	h := start(t, options{})
	files := cdn(t, ophthalmologyPage, "text/html; charset=utf-8")
	target := &discordgo.Message{ID: "900000000000000031", ChannelID: channelID, Content: "look at this",
		Author: &discordgo.User{ID: userID, Username: "ann"},
		Attachments: []*discordgo.MessageAttachment{{ID: "700000000000000002", Filename: "clinic.html", ContentType: "text/html",
			Size: len(ophthalmologyPage), URL: files.URL + "/attachments/1/2/clinic.html"}}}
	command := func(user string, perms int64) *discordgo.Interaction {
		i := &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{
			Name: "Add to documents", CommandType: discordgo.MessageApplicationCommand, TargetID: target.ID,
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{target.ID: target}},
		}}
		s, err := h.srv.SendInteraction(h.srv.InGuild(i, guildID, channelID, user, perms))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	p, token := h.preview(command(moderator, manageServer))
	link := "https://discord.com/channels/" + guildID + "/" + channelID + "/" + target.ID
	for _, want := range []string{"Cuban eye doctors open a clinic in Baku", "14 Cuban specialists", link} {
		if !strings.Contains(p.text(), want) {
			t.Errorf("preview %q lacks %q", p.text(), want)
		}
	}
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(callback(c))
	h.wait(original(c))
	if text := h.askIn(guildID, channelID, "How many Cuban specialists work at the new ophthalmology centre in Baku?"); !strings.Contains(text, "14 Cuban specialists") || !strings.Contains(text, link) {
		t.Errorf("answer %q; want the fact cited with the message's link", text)
	}
	member := command(userID, 0)
	if _, data := decodeCallback(t, h.wait(callback(member))); !strings.Contains(data.Content, "Only moderators") {
		t.Errorf("member's command answered %q; want it refused", data.Content)
	}
}
