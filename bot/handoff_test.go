package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
)

const (
	handoffChannel = "300000000000000077"
	modRole        = "500000000000000001"
)

// handoffOptions give the server a hand-off channel and a moderators' role.
func handoffOptions() options {
	return options{
		config: func(c *bot.Config) {
			c.HandoffChannels = map[string]string{guildID: handoffChannel}
			c.HandoffRoles = map[string]string{guildID: modRole}
		},
		before: func(srv *discordtest.Server) {
			srv.AddChannel(&discordgo.Channel{ID: handoffChannel, GuildID: guildID, Type: discordgo.ChannelTypeGuildText, Name: "moderators"})
		},
	}
}

// buttonIDs returns the custom IDs of the buttons of a message.
func buttonIDs(t *testing.T, s sent) []string {
	t.Helper()
	var ids []string
	for _, row := range s.Components {
		var r struct {
			Components []struct {
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
			} `json:"components"`
		}
		if err := json.Unmarshal(row, &r); err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Components {
			ids = append(ids, c.CustomID)
		}
	}
	return ids
}

func withPrefix(ids []string, prefix string) string {
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			return id
		}
	}
	return ""
}

// checkHandoffPost checks the post in the hand-off channel: the question,
// the bot's answer, a link to the conversation, and the moderators' role
// pinged, and nothing else.
func checkHandoffPost(t *testing.T, h *harness, question, answerMessageID string) {
	t.Helper()
	r := h.wait(postTo(handoffChannel))
	post := decodeSent(t, r)
	text := post.text()
	for _, want := range []string{question, "https://discord.com/channels/" + guildID + "/" + channelID + "/" + answerMessageID, "<@" + otherUser + ">"} {
		if !strings.Contains(text, want) {
			t.Errorf("hand-off post %q lacks %q", text, want)
		}
	}
	if !strings.Contains(post.Content, "<@&"+modRole+">") {
		t.Errorf("hand-off post content %q does not ping the moderators' role", post.Content)
	}
	var am struct {
		AllowedMentions struct {
			Parse []string `json:"parse"`
			Roles []string `json:"roles"`
			Users []string `json:"users"`
		} `json:"allowed_mentions"`
	}
	if err := r.JSON(&am); err != nil {
		t.Fatal(err)
	}
	if a := am.AllowedMentions; a.Parse == nil || len(a.Parse) != 0 || len(a.Roles) != 1 || a.Roles[0] != modRole || len(a.Users) != 0 {
		t.Errorf("hand-off allowed_mentions = %+v; want only the role %s", a, modRole)
	}
}

func TestDeclineOffersAModeratorInsteadOfFeedback(t *testing.T) {
	h := start(t, handoffOptions())
	q := "What is the recipe for paella?"
	i := h.slash("ask", discordtest.StringOption("question", q))
	ans := decodeSent(t, h.wait(original(i)))
	ids := buttonIDs(t, ans)
	if withPrefix(ids, "fb:") != "" || withPrefix(ids, "handoff:") == "" {
		t.Fatalf("decline buttons = %v; want \"Ask a moderator\" and no feedback buttons", ids)
	}
	msg := &discordgo.Message{ID: "900000000000000011", ChannelID: channelID}
	press := func() sent {
		b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(withPrefix(ids, "handoff:"), msg), guildID, channelID, otherUser, 0))
		if err != nil {
			t.Fatal(err)
		}
		typ, data := decodeCallback(t, h.wait(callback(b)))
		if data.Flags&64 == 0 {
			t.Errorf("hand-off response type %d flags %d; want it private", typ, data.Flags)
		}
		if typ == int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
			return decodeSent(t, h.wait(original(b)))
		}
		return data
	}
	if told := press(); !strings.Contains(told.Content, "<#"+handoffChannel+">") {
		t.Errorf("member told %q; want where the question went", told.Content)
	}
	checkHandoffPost(t, h, q, msg.ID)
	// Once per answer and member.
	if told := press(); !strings.Contains(told.Content, "already") {
		t.Errorf("second press told %q; want \"already asked\"", told.Content)
	}
	time.Sleep(200 * time.Millisecond)
	n := 0
	for _, r := range h.srv.Requests() {
		if postTo(handoffChannel)(r) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d hand-off posts; want 1", n)
	}
}

func TestNotHelpfulOffersAModerator(t *testing.T) {
	h := start(t, handoffOptions())
	q := "How many patients did the Cuban health workers attend in Azerbaijan?"
	i := h.slash("ask", discordtest.StringOption("question", q))
	ans := decodeSent(t, h.wait(original(i)))
	noPings(t, ans, "answer") // the role is pinged only in the hand-off channel
	msg := &discordgo.Message{ID: "900000000000000012", ChannelID: channelID}
	b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button("fb:0:"+i.ID, msg), guildID, channelID, otherUser, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, data := decodeCallback(t, h.wait(callback(b)))
	id := withPrefix(buttonIDs(t, data), "handoff:")
	if !strings.Contains(data.Content, "not helpful") || id == "" {
		t.Fatalf("not-helpful response %q with buttons %s; want thanks and \"Ask a moderator\"", data.Content, data.Components)
	}
	// Pressed on the private reply, it still links to the answer.
	eph := &discordgo.Message{ID: "900000000000000013", ChannelID: channelID, Flags: discordgo.MessageFlagsEphemeral}
	if _, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(id, eph), guildID, channelID, otherUser, 0)); err != nil {
		t.Fatal(err)
	}
	checkHandoffPost(t, h, q, msg.ID)
}

func TestNoHandoffWithoutAChannel(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "What is the recipe for paella?"))
	if ids := buttonIDs(t, decodeSent(t, h.wait(original(i)))); len(ids) != 0 {
		t.Errorf("decline buttons = %v; want none (no feedback on a decline, no hand-off channel)", ids)
	}
}

func TestFeedbackShowsTheChoiceAndCanBeChanged(t *testing.T) {
	h := start(t, handoffOptions())
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	h.wait(original(i))
	answer := &discordgo.Message{ID: "900000000000000021", ChannelID: channelID}
	b, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button("fb:0:"+i.ID, answer), guildID, channelID, otherUser, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, reply := decodeCallback(t, h.wait(callback(b)))
	buttons := string(joinRaw(reply.Components))
	if reply.Flags&64 == 0 || !strings.Contains(buttons, `"label":"Not helpful ✓"`) || !strings.Contains(buttons, `"label":"Helpful"`) {
		t.Fatalf("reply %q (flags %d) buttons %s; want it private, with \"Not helpful ✓\" chosen and \"Helpful\" to change it", reply.Content, reply.Flags, buttons)
	}
	change := withPrefix(buttonIDs(t, reply), "fb:1:")
	// Changed on the private reply: it is updated in place.
	eph := &discordgo.Message{ID: "900000000000000022", ChannelID: channelID, Flags: discordgo.MessageFlagsEphemeral}
	c, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(change, eph), guildID, channelID, otherUser, 0))
	if err != nil {
		t.Fatal(err)
	}
	typ, updated := decodeCallback(t, h.wait(callback(c)))
	if typ != int(discordgo.InteractionResponseUpdateMessage) || !strings.Contains(string(joinRaw(updated.Components)), `"label":"Helpful ✓"`) {
		t.Errorf("change: type %d, buttons %s; want the reply updated (7) with \"Helpful ✓\"", typ, joinRaw(updated.Components))
	}
	up, down, err := h.store.FeedbackCounts(context.Background(), i.ID)
	if err != nil || up != 1 || down != 0 {
		t.Errorf("feedback counts = %d up, %d down, %v; want the change recorded (1, 0)", up, down, err)
	}
	// Back to not helpful: the hand-off still links to the answer.
	back := withPrefix(buttonIDs(t, updated), "fb:0:")
	d, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.Button(back, eph), guildID, channelID, otherUser, 0))
	_, again := decodeCallback(t, h.wait(callback(d)))
	if id := withPrefix(buttonIDs(t, again), "handoff:"); !strings.HasSuffix(id, ":"+channelID+":"+answer.ID) {
		t.Errorf("hand-off button %q; want it to name the answer's message %s", id, answer.ID)
	}
}

func TestNotHelpfulAsksWhyAndStoresTheReason(t *testing.T) {
	h := start(t, handoffOptions())
	q := "How many patients did the Cuban health workers attend in Azerbaijan?"
	i := h.slash("ask", discordtest.StringOption("question", q))
	h.wait(original(i))
	answer := &discordgo.Message{ID: "900000000000000031", ChannelID: channelID}
	press := h.srv.InGuild(discordtest.Button("fb:0:"+i.ID, answer), guildID, channelID, otherUser, 0)
	press.Locale = discordgo.SpanishES
	b, err := h.srv.SendInteraction(press)
	if err != nil {
		t.Fatal(err)
	}
	_, reply := decodeCallback(t, h.wait(callback(b)))
	menu := string(joinRaw(reply.Components))
	for _, want := range []string{`"placeholder":"¿Por qué no fue útil?"`, `"value":"wrong"`, `"value":"outdated"`, `"value":"not_in_sources"`, `"value":"did_not_answer"`, `"label":"Está desactualizada"`} {
		if !strings.Contains(menu, want) {
			t.Errorf("reply to Not helpful (Spanish client) components %s; want %s", menu, want)
		}
	}
	why := withPrefix(buttonIDs(t, reply), "fbwhy:")
	if why == "" {
		t.Fatalf("reply %q components %s; want a menu asking why", reply.Content, menu)
	}
	eph := &discordgo.Message{ID: "900000000000000032", ChannelID: channelID, Flags: discordgo.MessageFlagsEphemeral}
	c, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.Select(why, []string{"outdated"}, eph), guildID, channelID, otherUser, 0))
	if err != nil {
		t.Fatal(err)
	}
	typ, updated := decodeCallback(t, h.wait(callback(c)))
	if typ != int(discordgo.InteractionResponseUpdateMessage) || !strings.Contains(updated.Content, "it is out of date") ||
		!strings.Contains(string(joinRaw(updated.Components)), `"default":true`) {
		t.Errorf("after choosing a reason: type %d, content %q, components %s; want the reply updated (7) saying the reason, with it chosen in the menu",
			typ, updated.Content, joinRaw(updated.Components))
	}
	list, err := h.store.Unhelpful(context.Background(), guildID, false, 0)
	if err != nil || len(list) != 1 || list[0].Question != q || list[0].Reasons["outdated"] != 1 {
		t.Errorf("store's answers found not helpful = %+v, %v; want this question with the reason \"outdated\"", list, err)
	}
	// A member of another server cannot give a reason on this answer.
	o, _ := h.srv.SendInteraction(h.srv.InGuild(discordtest.Select(why, []string{"wrong"}, eph), "300000000000000999", channelID, otherUser, 0))
	h.wait(callback(o))
	if list, _ := h.store.Unhelpful(context.Background(), "", true, 0); len(list) != 1 || list[0].Reasons["wrong"] != 0 {
		t.Errorf("after a click from another server: %+v; want the reason unchanged", list)
	}
}
