package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"cabot/bot/discordmd"
	"cabot/corpus/storage"

	"github.com/bwmarrin/discordgo"
)

// The hand-off: when the bot declines, or a member finds an answer not
// helpful, an "Ask a moderator" button posts the question, the bot's answer
// and a link to the conversation in the server's hand-off channel. The only
// ping the bot ever sends is there: the role the server configured.

// handoffID is the custom ID of an "Ask a moderator" button: the answer,
// and the channel and message of the conversation to link to.
func handoffID(answerID, channelID, messageID string) string {
	return "handoff:" + answerID + ":" + channelID + ":" + messageID
}

func handoffButton(customID, lang string) discordgo.Button {
	return discordgo.Button{Label: tr(lang, "Ask a moderator"), Style: discordgo.PrimaryButton, CustomID: customID,
		Emoji: &discordgo.ComponentEmoji{Name: "🙋"}}
}

// canHandoff reports whether a server has a hand-off channel.
func (b *Bot) canHandoff(guildID string) bool {
	return guildID != "" && b.cfg.HandoffChannels[guildID] != ""
}

// handleHandoff posts a hand-off for the answer a button names, once per
// answer and member, and tells the member privately where it went.
func (b *Bot) handleHandoff(ctx context.Context, i *discordgo.InteractionCreate, customID string) {
	parts := strings.Split(strings.TrimPrefix(customID, "handoff:"), ":")
	user := userOf(i)
	if len(parts) != 3 || user == nil {
		return
	}
	channel := b.cfg.HandoffChannels[i.GuildID]
	if i.GuildID == "" || channel == "" {
		b.respondText(i, "This server has no moderator channel set up for questions, sorry.")
		return
	}
	if parts[1] == "-" && i.Message != nil { // the button is on the answer itself
		parts[1], parts[2] = i.ChannelID, i.Message.ID
	}
	rec, ok := b.answerFor(ctx, i, parts[0])
	if !ok {
		return
	}
	key := rec.ID + ":" + user.ID
	if _, dup := b.handoffs.LoadOrStore(key, time.Now()); dup {
		b.respondText(i, fmt.Sprintf("You already asked the moderators about this in <#%s>.", channel))
		return
	}
	if !b.deferReply(i, true) {
		b.handoffs.Delete(key)
		return
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, err := b.session.ChannelMessageSendComplex(channel, b.handoffMessage(i.GuildID, rec, user, parts[1], parts[2]),
		discordgo.WithContext(pctx)); err != nil {
		b.handoffs.Delete(key)
		b.editReply(i, b.safeMessage(fmt.Errorf("post hand-off in %s: %w", channel, err), i.ID), nil, []discordgo.MessageComponent{})
		return
	}
	b.editReply(i, fmt.Sprintf("I asked the moderators in <#%s>; they can see your question, my answer and this conversation.", channel),
		nil, []discordgo.MessageComponent{})
}

// handoffMessage is the post in the hand-off channel. Everything that came
// from a member, a document or a model is neutralized; the configured role,
// and nothing else, may be pinged.
func (b *Bot) handoffMessage(guildID string, rec storage.AnswerRecord, user *discordgo.User, channelID, messageID string) *discordgo.MessageSend {
	answer := discordmd.CutRunes(strings.TrimSpace(discordmd.Neutralize(rec.Answer)), MaxEmbedFieldValue)
	if !rec.Grounded {
		answer = discordmd.CutRunes("I declined: the documents do not cover this. "+answer, MaxEmbedFieldValue)
	}
	if answer == "" {
		answer = "(no answer)"
	}
	link := fmt.Sprintf("https://discord.com/channels/%s/%s/%s", guildID, channelID, messageID)
	embed := &discordgo.MessageEmbed{
		Title: "A member asks for a moderator",
		Color: 0xE67E22,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Question", Value: cmpOr(discordmd.CutRunes(strings.TrimSpace(discordmd.Neutralize(rec.Question)), MaxEmbedFieldValue), "(empty)")},
			{Name: "The bot's answer", Value: answer},
			{Name: "Asked by", Value: "<@" + user.ID + ">", Inline: true},
			{Name: "Conversation", Value: "[Go to the answer](" + link + ")", Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Reply in the conversation, and add the missing document with /doc add if there is one."},
	}
	msg := &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: NoMentions()}
	if role := b.cfg.HandoffRoles[guildID]; role != "" {
		msg.Content = "<@&" + role + ">"
		msg.AllowedMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Roles: []string{role}}
	}
	return msg
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
