package bot

import (
	"cabot/corpus/storage"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// handleFeedback records a press of Helpful or Not helpful and answers
// privately with the choice made. Its custom ID is fb:<1|0>:<answer ID>
// under an answer, and fb:<1|0>:<answer ID>:<channel>:<answer message> on
// the private reply, which a press updates in place.
func (b *Bot) handleFeedback(ctx context.Context, i *discordgo.InteractionCreate, id string) {
	parts := strings.Split(id, ":")
	if len(parts) != 3 && len(parts) != 5 {
		return
	}
	user := userOf(i)
	if user == nil {
		return
	}
	answerID := parts[2]
	if _, ok := b.answerFor(ctx, i, answerID); !ok {
		return
	}
	helpful := parts[1] == "1"
	b.metrics.Feedback(helpful)
	if err := b.records.SaveFeedback(ctx, answerID, user.ID, helpful); err != nil {
		b.respondText(i, b.safeMessage(fmt.Errorf("save feedback: %w", err), i.ID))
		return
	}
	onReply := len(parts) == 5
	channel, message := i.ChannelID, ""
	switch {
	case onReply && parts[4] != "-":
		channel, message = parts[3], parts[4]
	case i.Message != nil:
		message = i.Message.ID
	}
	data := b.feedbackReply(i, feedbackChoice{answerID: answerID, channel: channel, message: message, helpful: helpful})
	if onReply {
		b.respond(i, discordgo.InteractionResponseUpdateMessage, data, false)
		return
	}
	b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, data, true)
}

// handleFeedbackReason records why the member found the answer not helpful,
// chosen in the private reply's menu (custom ID
// fbwhy:<answer ID>:<channel>:<answer message>), and updates that reply.
func (b *Bot) handleFeedbackReason(ctx context.Context, i *discordgo.InteractionCreate, id string, values []string) {
	parts := strings.Split(id, ":")
	user := userOf(i)
	if len(parts) != 4 || len(values) != 1 || !storage.ValidReason(values[0]) || user == nil {
		return
	}
	answerID := parts[1]
	if _, ok := b.answerFor(ctx, i, answerID); !ok {
		return
	}
	err := b.records.SaveFeedbackReason(ctx, answerID, user.ID, values[0])
	switch {
	case errors.Is(err, storage.ErrNotFound):
		// The vote was changed elsewhere (under the answer) meanwhile.
		b.respondText(i, "Press **Not helpful** first, then say why.")
		return
	case err != nil:
		b.respondText(i, b.safeMessage(fmt.Errorf("save feedback reason: %w", err), i.ID))
		return
	}
	channel, message := parts[2], parts[3]
	if message == "-" {
		message = ""
	}
	b.respond(i, discordgo.InteractionResponseUpdateMessage, b.feedbackReply(i, feedbackChoice{
		answerID: answerID, channel: channel, message: message, reason: values[0],
	}), false)
}

// feedbackChoice is what a member chose on an answer, and where the answer
// is (for the buttons of the private reply and the hand-off).
type feedbackChoice struct {
	answerID, channel, message string
	helpful                    bool
	reason                     string // why not helpful, once given
}

// reasonLabels are the menu's words for each storage.FeedbackReasons entry.
var reasonLabels = map[string]string{
	storage.ReasonWrong:        "The answer is wrong",
	storage.ReasonOutdated:     "It is out of date",
	storage.ReasonNotInSources: "The documents do not cover it",
	storage.ReasonDidNotAnswer: "It did not answer my question",
}

// feedbackReply is the private reply to a feedback button: the choice made,
// both buttons (the chosen one marked) to change it, and after "Not
// helpful" a menu asking why and, where the server has one, the hand-off to
// a moderator.
func (b *Bot) feedbackReply(i *discordgo.InteractionCreate, c feedbackChoice) *discordgo.InteractionResponseData {
	lang := langOf(i.Locale)
	msg := tr(lang, "Thanks! Recorded as **helpful**. You can change it below.")
	if !c.helpful {
		msg = tr(lang, "Thanks! Recorded as **not helpful**. What was wrong with it? Moderators read the reasons to add missing documents.")
		if c.reason != "" {
			msg = fmt.Sprintf(tr(lang, "Thanks! Recorded as **not helpful**: %s. Moderators read the reasons to add missing documents."),
				strings.ToLower(tr(lang, reasonLabels[c.reason])))
		}
	}
	where := ":" + cmpOr(c.channel, "-") + ":" + cmpOr(c.message, "-")
	button := func(label, emoji, value string, chosen bool) discordgo.Button {
		bt := discordgo.Button{Label: tr(lang, label), Style: discordgo.SecondaryButton, Emoji: &discordgo.ComponentEmoji{Name: emoji},
			CustomID: "fb:" + value + ":" + c.answerID + where}
		if chosen {
			bt.Label, bt.Style, bt.Disabled = bt.Label+" ✓", discordgo.PrimaryButton, true
		}
		return bt
	}
	buttons := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		button("Helpful", "👍", "1", c.helpful), button("Not helpful", "👎", "0", !c.helpful),
	}}
	data := &discordgo.InteractionResponseData{Content: msg, Components: []discordgo.MessageComponent{buttons}}
	if c.helpful {
		return data
	}
	if b.canHandoff(i.GuildID) && c.message != "" {
		data.Content += " " + tr(lang, "A moderator can look at your question too.")
		buttons.Components = append(buttons.Components, handoffButton(handoffID(c.answerID, c.channel, c.message), lang))
		data.Components[0] = buttons
	}
	options := make([]discordgo.SelectMenuOption, 0, len(storage.FeedbackReasons))
	for _, r := range storage.FeedbackReasons {
		options = append(options, discordgo.SelectMenuOption{Label: tr(lang, reasonLabels[r]), Value: r, Default: r == c.reason})
	}
	data.Components = append(data.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: "fbwhy:" + c.answerID + where,
			Placeholder: tr(lang, "Why was it not helpful?"), Options: options},
	}})
	return data
}
