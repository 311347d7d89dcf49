package bot

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"cabot/corpus"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

// The /doc add form: Discord keeps slash-command options to one line, so a
// pasted article (heading, byline, paragraphs) goes through a modal with a
// paragraph field.

const docModalID = "docmodal"

// Discord's limits for a text input's value.
const maxTextInput = 4000

// openDocModal opens the form, filled in with the options given beside it.
func (b *Bot) openDocModal(i *discordgo.InteractionCreate, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	row := func(in discordgo.TextInput) discordgo.ActionsRow {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{in}}
	}
	b.respond(i, discordgo.InteractionResponseModal, &discordgo.InteractionResponseData{
		CustomID: docModalID,
		Title:    "Add a document",
		Components: []discordgo.MessageComponent{
			row(discordgo.TextInput{CustomID: "title", Label: "Title", Style: discordgo.TextInputShort, Required: true, MaxLength: 256, Value: stringOpt(opts, "title")}),
			row(discordgo.TextInput{CustomID: "outlet", Label: "Outlet", Style: discordgo.TextInputShort, Placeholder: "Radio Habana Cuba", MaxLength: 100, Value: stringOpt(opts, "outlet")}),
			row(discordgo.TextInput{CustomID: "link", Label: "Link to the article", Style: discordgo.TextInputShort, Placeholder: "https://…", MaxLength: 2048}),
			row(discordgo.TextInput{CustomID: "published", Label: "Publication date (YYYY-MM-DD)", Style: discordgo.TextInputShort, Placeholder: "2021-07-15", MaxLength: 10, Value: stringOpt(opts, "published")}),
			row(discordgo.TextInput{CustomID: "text", Label: "Text of the article", Style: discordgo.TextInputParagraph, Required: true, MinLength: 1, MaxLength: maxTextInput}),
		},
	}, false)
}

// modalValues returns the values of a modal's text inputs by custom ID.
func modalValues(data discordgo.ModalSubmitInteractionData) map[string]string {
	out := map[string]string{}
	for _, c := range data.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, rc := range row.Components {
			if in, ok := rc.(*discordgo.TextInput); ok {
				out[in.CustomID] = in.Value
			}
		}
	}
	return out
}

// handleDocModal previews the document a moderator typed in the form.
func (b *Bot) handleDocModal(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ModalSubmitInteractionData) {
	if !b.isModerator(i) {
		b.respondText(i, notModerator)
		return
	}
	v := modalValues(data)
	b.previewDocument(ctx, i, func(context.Context) (rag.Input, error) {
		text := strings.TrimSpace(strings.ReplaceAll(v["text"], "\r\n", "\n"))
		if text == "" {
			return rag.Input{}, userError{"The text of the article is empty."}
		}
		in := rag.Input{Data: []byte(text), Name: "pasted.txt", ContentType: "text/plain",
			Overrides: rag.Overrides{Title: strings.TrimSpace(v["title"]), Outlet: strings.TrimSpace(v["outlet"])}}
		if link := strings.TrimSpace(v["link"]); link != "" {
			u, err := url.Parse(link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return rag.Input{}, userError{fmt.Sprintf("The link %q is not an http(s) link.", link)}
			}
			in.URL = link
		}
		if d := strings.TrimSpace(v["published"]); d != "" {
			t, err := corpus.ParseDate(d)
			if err != nil {
				return rag.Input{}, userError{fmt.Sprintf("The date %q is not a date like 2021-07-15.", d)}
			}
			in.Published = t
		}
		return in, nil
	})
}

// handleAddMessage previews a message as a document: its first attachment
// if it has one, else its text, with the message's link as its source.
func (b *Bot) handleAddMessage(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	if !b.isModerator(i) {
		b.respondText(i, notModerator)
		return
	}
	var m *discordgo.Message
	if data.Resolved != nil {
		m = data.Resolved.Messages[data.TargetID]
	}
	if m == nil {
		b.respondText(i, "I could not see that message.")
		return
	}
	if len(m.Attachments) == 0 && strings.TrimSpace(m.Content) == "" {
		b.respondText(i, "That message has no text or file to add.")
		return
	}
	if len(m.Attachments) > 0 && int64(m.Attachments[0].Size) > b.cfg.MaxDocumentBytes {
		b.respondText(i, fmt.Sprintf("That file is %s; the limit is %s.", corpus.HumanBytes(int64(m.Attachments[0].Size)), corpus.HumanBytes(b.cfg.MaxDocumentBytes)))
		return
	}
	link := fmt.Sprintf("https://discord.com/channels/%s/%s/%s", i.GuildID, cmpOr(m.ChannelID, i.ChannelID), m.ID)
	b.previewDocument(ctx, i, func(ctx context.Context) (rag.Input, error) {
		text, att := strings.TrimSpace(m.Content), (*discordgo.MessageAttachment)(nil)
		if len(m.Attachments) > 0 {
			text, att = "", m.Attachments[0]
		}
		in, err := b.loadDocument(ctx, "", text, att)
		in.TitleFromName, in.URL = att != nil, link
		return in, err
	})
}
