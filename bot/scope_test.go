package bot_test

import (
	"context"
	"strings"
	"testing"

	"cabot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
)

// click sends a button press with a custom_id of the clicker's choosing
// (forged ids included): in guild with perms, or in a DM when guild is "".
func (h *harness) click(user, guild string, perms int64, customID string) sent {
	h.t.Helper()
	b := discordtest.Button(customID, &discordgo.Message{ID: "900000000000000007", ChannelID: channelID})
	if guild == "" {
		b.Message.ChannelID = dmChannel
		b = h.srv.InDM(b, dmChannel, user)
	} else {
		ch := channelID
		if guild == otherGuild {
			ch = otherChannel
		}
		b.Message.ChannelID = ch
		b = h.srv.InGuild(b, guild, ch, user, perms)
	}
	i, err := h.srv.SendInteraction(b)
	if err != nil {
		h.t.Fatal(err)
	}
	_, data := decodeCallback(h.t, h.wait(callback(i)))
	return data
}

// noErrorLogs fails if the bot logged at ERROR level.
func (h *harness) noErrorLogs(what string) {
	h.t.Helper()
	for _, line := range strings.Split(h.logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			h.t.Errorf("%s: the bot logged an error: %s", what, line)
		}
	}
}

const quotedSentence = "Until July 2021, the Cubans attended to more than 77,000 patients"

// A Quotes button forged with the id of an answer asked in another server
// shows nothing of it, to a member of another server or to a DM user.
func TestQuotesOfAnotherScopeAreRefused(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	if text := decodeSent(t, h.wait(original(i))).text(); !strings.Contains(text, "77,000") {
		t.Fatalf("answer %q; want the fact the test relies on", text)
	}
	for _, c := range []struct{ name, guild string }{{"member of another server", otherGuild}, {"DM user", ""}} {
		data := h.click(otherUser, c.guild, 0, "quotes:"+i.ID)
		if strings.Contains(data.text(), quotedSentence) || len(data.Embeds) > 0 {
			t.Errorf("%s pressing quotes:<answer of server A> got %q; want nothing of it", c.name, data.text())
		}
		if data.Flags&64 == 0 || !strings.Contains(data.Content, "no longer available") {
			t.Errorf("%s pressing quotes:<answer of server A>: %q flags %d; want a private 'no longer available'", c.name, data.Content, data.Flags)
		}
	}
	// In the server it was asked in, the quotes are still shown.
	if data := h.click(otherUser, guildID, 0, "quotes:"+i.ID); !strings.Contains(data.text(), quotedSentence) {
		t.Errorf("quotes in the answer's own server: %q; want the quoted sentence", data.text())
	}
	h.noErrorLogs("forged quotes buttons")
}

// Feedback on an answer of another server, or on an unknown answer, is not
// recorded, gets a friendly private reply and is no error.
func TestFeedbackOnForeignOrUnknownAnswer(t *testing.T) {
	h := start(t, options{})
	i := h.slash("ask", discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?"))
	h.wait(original(i))
	for _, c := range []struct{ name, guild, id string }{
		{"other server, foreign answer", otherGuild, "fb:0:" + i.ID},
		{"DM, foreign answer", "", "fb:1:" + i.ID},
		{"same server, unknown answer", guildID, "fb:1:999999999999999999"},
	} {
		data := h.click(otherUser, c.guild, 0, c.id)
		if data.Flags&64 == 0 || !strings.Contains(data.Content, "That answer is no longer available") {
			t.Errorf("%s (%s): %q flags %d; want a private 'That answer is no longer available'", c.name, c.id, data.Content, data.Flags)
		}
	}
	if up, down, err := h.store.FeedbackCounts(context.Background(), i.ID); err != nil || up != 0 || down != 0 {
		t.Errorf("feedback counts = %d up, %d down, %v; want none recorded", up, down, err)
	}
	h.noErrorLogs("forged feedback buttons")
	// Feedback from the answer's own server still counts.
	if data := h.click(otherUser, guildID, 0, "fb:1:"+i.ID); !strings.Contains(data.Content, "Thanks") {
		t.Errorf("feedback in the answer's own server: %q; want a thank-you", data.Content)
	}
	if up, down, err := h.store.FeedbackCounts(context.Background(), i.ID); err != nil || up != 1 || down != 0 {
		t.Errorf("feedback counts = %d up, %d down, %v; want 1 up", up, down, err)
	}
}

// Refused clicks on a preview's buttons (a member, another moderator, a
// moderator of another server, a DM user) leave it as it was: its own
// moderator can still confirm it.
func TestRefusedPreviewClicksChangeNothing(t *testing.T) {
	h := start(t, options{})
	i := h.docAdd(moderator, manageServer, nil, discordtest.StringOption("text", "# Cigar fair\n\nCuban cigar makers showed their work at a fair in Baku in 2023, the organisers said."))
	_, token := h.preview(i)
	for _, c := range []struct {
		name, user, guild string
		perms             int64
		id                string
	}{
		{"member's Cancel", userID, guildID, 0, "doc:no:" + token},
		{"member's Confirm", userID, guildID, 0, "doc:ok:" + token},
		{"another moderator's Cancel", "400000000000000011", guildID, manageServer, "doc:no:" + token},
		{"the moderator's Cancel from another server", moderator, otherGuild, manageServer, "doc:no:" + token},
		{"the moderator's Confirm from a DM", moderator, "", 0, "doc:ok:" + token},
	} {
		data := h.click(c.user, c.guild, c.perms, c.id)
		if data.Flags&64 == 0 || strings.Contains(data.text(), "Cancelled") || strings.Contains(data.text(), "expired") {
			t.Errorf("%s: %q flags %d; want a private refusal", c.name, data.text(), data.Flags)
		}
	}
	c := h.press(moderator, guildID, "doc:ok:"+token)
	h.wait(callback(c))
	if done := decodeSent(t, h.wait(original(c))); !strings.Contains(done.text(), "Added") {
		t.Errorf("the moderator's Confirm after refused clicks: %q; want the document added", done.text())
	}
	// Once used, the preview is gone for everyone.
	if data := h.click(moderator, guildID, manageServer, "doc:no:"+token); !strings.Contains(data.text(), "expired") {
		t.Errorf("Cancel after Confirm: %q; want the preview gone", data.text())
	}
}
