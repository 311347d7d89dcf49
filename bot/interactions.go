package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cabot/bot/discordmd"
	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

func (b *Bot) onInteraction(s *discordgo.Session, i *discordgo.InteractionCreate) {
	defer b.handle("interaction", i.ID, func(text string) { b.replyFailure(i, text) })()
	ctx := context.Background()
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		switch data.Name {
		case "ask":
			b.handleAsk(ctx, i, data)
		case "sources":
			b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.sourcesPage(i.GuildID, intOpt(data.Options, "page", 1)), true)
		case "about":
			b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.about(i.GuildID), true)
		case "doc":
			b.handleDoc(ctx, i, data)
		case addMessageCommandName:
			b.handleAddMessage(ctx, i, data)
		case "summary":
			b.handleSummary(ctx, i, data)
		case "timeline":
			b.handleTimeline(ctx, i, data)
		default:
			b.respondText(i, "I don't know that command. Try /ask, /sources or /about.")
		}
	case discordgo.InteractionMessageComponent:
		b.handleComponent(ctx, i, i.MessageComponentData())
	case discordgo.InteractionModalSubmit:
		if data := i.ModalSubmitData(); data.CustomID == docModalID {
			b.handleDocModal(ctx, i, data)
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.autocomplete(i, i.ApplicationCommandData())
	}
}

func option(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range opts {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// intOpt reads an integer option, or returns def when it is not given.
func intOpt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, def int) int {
	if o := option(opts, name); o != nil && o.Type == discordgo.ApplicationCommandOptionInteger {
		return int(o.IntValue())
	}
	return def
}

func (b *Bot) handleAsk(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	var q string
	if o := option(data.Options, "question"); o != nil && o.Type == discordgo.ApplicationCommandOptionString {
		q = o.StringValue()
	}
	private := false
	if o := option(data.Options, "private"); o != nil && o.Type == discordgo.ApplicationCommandOptionBoolean {
		private = o.BoolValue()
	}
	q, err := b.checkQuestion(q)
	var since, until time.Time
	if err == nil {
		if since, err = dateOption(data.Options, "since"); err == nil {
			until, err = dateOption(data.Options, "until")
		}
	}
	if err != nil {
		b.respondText(i, b.safeMessage(err, i.ID))
		return
	}
	user := userOf(i)
	if user == nil {
		return
	}
	b.metrics.Question("slash")
	tk, err := b.admit(user.ID, i.GuildID)
	if err != nil {
		b.respondText(i, b.safeMessageIn(langOf(i.Locale), err, i.ID))
		return
	}
	defer tk.release()
	var flags discordgo.MessageFlags
	if private {
		flags = discordgo.MessageFlagsEphemeral
	}
	actx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err = b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: flags},
	}, discordgo.WithContext(actx))
	cancel()
	if err != nil {
		b.log.Error("acknowledge /ask", "ref", i.ID, "err", err)
		return
	}
	if !private {
		// Not deleted by a defer: after a panic, replyFailure needs it.
		b.placeholders.Store(i.ID, struct{}{})
	}
	if err := tk.wait(); err != nil {
		b.failDeferred(i, private, b.safeMessageIn(langOf(i.Locale), err, i.ID))
		return
	}
	// While a language model writes, the deferred message shows the text so
	// far (edited at most every StreamEditInterval) with a Stop button.
	gctx, stop := context.WithCancel(ctx)
	defer stop()
	b.stops.Store(i.ID, stopper{cancel: stop, userID: user.ID})
	defer b.stops.Delete(i.ID)
	st := newStream(b, i, b.style(i.GuildID), q)
	defer st.finish() // also when answering panics
	hint := ""
	if !private {
		hint = b.followUpHint(i.GuildID)
	}
	lang := langOf(i.Locale)
	msgs, err := b.answer(gctx, i.ID, rag.Question{Text: q, Scope: i.GuildID, Since: since, Until: until}, st.update, hint, lang)
	st.finish()
	edit := &discordgo.WebhookEdit{AllowedMentions: NoMentions()}
	switch {
	case err != nil && errors.Is(err, context.Canceled):
		text := "Stopped."
		if partial := st.text(); partial != "" {
			text = discordmd.CutRunes(discordmd.Neutralize(partial), MaxMessage-40) + "\n\n*(stopped)*"
		}
		edit.Content = &text
		edit.Embeds = &[]*discordgo.MessageEmbed{}
		edit.Components = &[]discordgo.MessageComponent{}
	case err != nil:
		b.failDeferred(i, private, b.safeMessageIn(lang, err, i.ID))
		return
	default:
		edit.Content = &msgs[0].Content
		embeds := msgs[0].Embeds
		if embeds == nil {
			embeds = []*discordgo.MessageEmbed{} // text style: no embeds
		}
		edit.Embeds = &embeds
		components := msgs[0].Components
		if components == nil {
			components = []discordgo.MessageComponent{} // remove the Stop button
		}
		edit.Components = &components
	}
	ectx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	answerMsg, err := b.session.InteractionResponseEdit(i.Interaction, edit, discordgo.WithContext(ectx))
	b.placeholders.Delete(i.ID)
	if err != nil {
		b.log.Error("send /ask answer", "ref", i.ID, "err", err)
		return
	}
	if msgs == nil {
		return
	}
	b.remember("msg:"+answerMsg.ID, q) // replies to the answer are follow-ups
	for _, msg := range msgs[1:] {
		m, err := b.followup(ectx, i, private, msg)
		if err != nil {
			b.log.Error("send /ask answer continued", "ref", i.ID, "err", err)
			return
		}
		b.remember("msg:"+m.ID, q)
	}
}

// followup sends msg as a followup message of an answered interaction.
func (b *Bot) followup(ctx context.Context, i *discordgo.InteractionCreate, private bool, msg *discordgo.MessageSend) (*discordgo.Message, error) {
	p := &discordgo.WebhookParams{Content: msg.Content, Embeds: msg.Embeds, Components: msg.Components, AllowedMentions: NoMentions()}
	if private {
		p.Flags = discordgo.MessageFlagsEphemeral
	}
	return b.session.FollowupMessageCreate(i.Interaction, true, p, discordgo.WithContext(ctx))
}

func (b *Bot) handleComponent(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.MessageComponentInteractionData) {
	id := data.CustomID
	switch {
	case strings.HasPrefix(id, "fb:"):
		b.handleFeedback(ctx, i, id)
	case strings.HasPrefix(id, "fbwhy:"):
		b.handleFeedbackReason(ctx, i, id, data.Values)
	case strings.HasPrefix(id, "handoff:"):
		b.handleHandoff(ctx, i, id)
	case strings.HasPrefix(id, "stop:"):
		v, ok := b.stops.Load(strings.TrimPrefix(id, "stop:"))
		user := userOf(i)
		switch {
		case !ok:
			b.respond(i, discordgo.InteractionResponseDeferredMessageUpdate, &discordgo.InteractionResponseData{}, false)
		case user == nil || user.ID != v.(stopper).userID:
			b.respondText(i, "Only the person who asked can stop this answer.")
		default:
			v.(stopper).cancel()
			b.respond(i, discordgo.InteractionResponseDeferredMessageUpdate, &discordgo.InteractionResponseData{}, false)
		}
	case strings.HasPrefix(id, "quotes:"):
		if rec, ok := b.answerFor(ctx, i, strings.TrimPrefix(id, "quotes:")); ok {
			b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.quotes(rec, i.ID), true)
		}
	case strings.HasPrefix(id, "doc:ok:"), strings.HasPrefix(id, "doc:no:"):
		parts := strings.SplitN(id, ":", 3)
		b.docButton(ctx, i, parts[1], parts[2])
	case strings.HasPrefix(id, "doclist:"):
		if !b.isModerator(i) {
			b.respondText(i, notModerator)
			return
		}
		page, _ := strconv.Atoi(strings.TrimPrefix(id, "doclist:"))
		b.respond(i, discordgo.InteractionResponseUpdateMessage, b.docList(i.GuildID, page), false)
	case strings.HasPrefix(id, "src:"):
		page, _ := strconv.Atoi(strings.TrimPrefix(id, "src:"))
		b.respond(i, discordgo.InteractionResponseUpdateMessage, b.sourcesPage(i.GuildID, page), false)
	}
}

// answerNotAvailable is the reply to a button on an answer that is unknown,
// or was asked in another server (or outside DMs, for a DM click).
const answerNotAvailable = "That answer is no longer available, so this button does nothing now. Ask again with `/ask`."

// answerFor returns the record of the answer a button belongs to, if it
// exists and was asked where the click comes from (the same guild; DMs only
// see answers asked in DMs). Otherwise it has replied to the click privately
// and returns false: a forged or stale id reveals nothing and is no error.
func (b *Bot) answerFor(ctx context.Context, i *discordgo.InteractionCreate, answerID string) (storage.AnswerRecord, bool) {
	rec, err := b.records.Answer(ctx, answerID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		b.log.Debug("button on an unknown answer", "ref", i.ID, "answer", answerID)
		b.respondText(i, answerNotAvailable)
		return storage.AnswerRecord{}, false
	case err != nil:
		b.respondText(i, b.safeMessage(fmt.Errorf("load answer %s: %w", answerID, err), i.ID))
		return storage.AnswerRecord{}, false
	case rec.Scope != i.GuildID:
		b.log.Info("button on an answer from another scope refused", "ref", i.ID, "answer", answerID, "guild", i.GuildID)
		b.respondText(i, answerNotAvailable)
		return storage.AnswerRecord{}, false
	}
	return rec, true
}

// quotes shows the passages an answer quoted, from the stored record (so
// always the stored text, never anything else).
func (b *Bot) quotes(rec storage.AnswerRecord, ref string) *discordgo.InteractionResponseData {
	srcs, err := RecordSources(rec)
	if err != nil {
		return &discordgo.InteractionResponseData{Content: b.safeMessage(err, ref)}
	}
	var sb strings.Builder
	for _, s := range srcs {
		for _, q := range s.Quotes {
			fmt.Fprintf(&sb, "`[%d]` “%s”\n— *%s*\n\n", s.N, discordmd.Neutralize(q), discordmd.Neutralize(s.Title))
		}
	}
	parts := discordmd.Split(strings.TrimSpace(sb.String()), MaxEmbedDescription)
	var embeds []*discordgo.MessageEmbed
	total := 0
	for _, p := range parts {
		if len(embeds) == MaxEmbeds || total+len([]rune(p)) > MaxEmbedTotal-100 {
			break
		}
		total += len([]rune(p))
		embeds = append(embeds, &discordgo.MessageEmbed{Description: p, Color: 0x95A5A6})
	}
	if len(embeds) == 0 {
		return &discordgo.InteractionResponseData{Content: "That answer quoted nothing."}
	}
	embeds[0].Title = "Quoted passages"
	return &discordgo.InteractionResponseData{Embeds: embeds}
}

const sourcesPerPage = 8

func (b *Bot) sourcesPage(scope string, page int) *discordgo.InteractionResponseData {
	docs := b.know.Documents(scope, false)
	pages := max(1, (len(docs)+sourcesPerPage-1)/sourcesPerPage)
	page = min(max(page, 1), pages)
	var sb strings.Builder
	for _, d := range docs[min((page-1)*sourcesPerPage, len(docs)):min(page*sourcesPerPage, len(docs))] {
		title := titleLink(d.Title, d.URL, MaxEmbedTitle)
		var meta []string
		if d.Outlet != "" {
			meta = append(meta, discordmd.Neutralize(d.Outlet))
		}
		if !d.Published.IsZero() {
			meta = append(meta, d.Published.Format(time.DateOnly))
		} else {
			meta = append(meta, "date unknown")
		}
		if !d.AddedAt.IsZero() {
			meta = append(meta, "added "+d.AddedAt.Format(time.DateOnly))
		}
		fmt.Fprintf(&sb, "**%s**\n%s\n\n", title, strings.Join(meta, " · "))
	}
	if len(docs) == 0 {
		sb.WriteString("No documents yet.")
	}
	embed := &discordgo.MessageEmbed{
		Title:       "Sources",
		Description: discordmd.CutRunes(strings.TrimSpace(sb.String()), MaxEmbedDescription),
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d documents", page, pages, len(docs))},
		Color:       0x3498DB,
	}
	data := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: NoMentions()}
	if pages > 1 {
		data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("src:%d", page-1), Disabled: page == 1},
			discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("src:%d", page+1), Disabled: page == pages},
		}}}
	}
	return data
}

func (b *Bot) about(scope string) *discordgo.InteractionResponseData {
	docs := b.know.Documents(scope, false)
	mode := "extractive: answers quote the documents word for word"
	if b.cfg.AnswerMode != "extractive" {
		mode = b.cfg.AnswerMode
	}
	embed := &discordgo.MessageEmbed{
		Title: "About cabot",
		Description: "I answer questions about the cooperation between **Cuba and Azerbaijan** — health brigades, " +
			"medicine and biotechnology, diplomacy, trade, education — from a collection of articles, and every answer " +
			"cites the articles it comes from. When the articles do not cover a question, I say so.\n\n" +
			b.howToAsk(),
		Color: 0x3498DB,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Documents", Value: fmt.Sprintf("%d (see `/sources`)", len(docs)), Inline: true},
			{Name: "Answer mode", Value: mode, Inline: true},
			{Name: "Feedback", Value: "Press **Helpful** or **Not helpful** under an answer; **Quotes** shows the passages it quoted."},
			{Name: "What I store", Value: "The questions asked and the answers given, to check and improve them. " +
				"Feedback is stored with a keyed one-way hash of your user ID, never the ID itself. " +
				b.whatIRead()},
		},
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: NoMentions()}
}

// howToAsk and whatIRead describe, for /about, the ways of asking that
// work with the intents the bot has: without message content, Discord
// delivers only the messages that mention it (a reply with the ping on does).
func (b *Bot) howToAsk() string {
	if b.cfg.MessageContent {
		return "Ask with `/ask`, by mentioning me, by replying to my answers, in my threads (no mention needed), or in a DM."
	}
	return "Ask with `/ask`, by mentioning me, or in a DM. To follow up, reply to my answer with the reply ping on, " +
		"or mention me again (also in my threads: Discord lets me read only the messages that mention me)."
}

func (b *Bot) whatIRead() string {
	if b.cfg.MessageContent {
		return "I read messages only when you mention me, reply to me, write in my threads or DM me."
	}
	return "I can read a message only when it mentions me (a reply with the ping on does) or is a DM to me."
}

// respond sends an immediate response, ephemeral when asked.
func (b *Bot) respond(i *discordgo.InteractionCreate, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData, ephemeral bool) {
	if ephemeral {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	if data.AllowedMentions == nil {
		data.AllowedMentions = NoMentions()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: typ, Data: data},
		discordgo.WithContext(ctx))
	if err != nil {
		b.log.Error("respond to interaction", "ref", i.ID, "err", err)
	}
}

// respondText sends a short private message in response to an interaction,
// in the member's language when it is one of the bot's (see tr).
func (b *Bot) respondText(i *discordgo.InteractionCreate, text string) {
	b.respond(i, discordgo.InteractionResponseChannelMessageWithSource,
		&discordgo.InteractionResponseData{Content: tr(langOf(i.Locale), text)}, true)
}

// failDeferred says text in place of the answer a deferred response was
// waiting for. After a public deferral the placeholder ("cabot is
// thinking…") is deleted and text said privately, in a followup: an error
// is the asker's business, not the channel's.
func (b *Bot) failDeferred(i *discordgo.InteractionCreate, private bool, text string) {
	if private {
		b.editReply(i, text, []*discordgo.MessageEmbed{}, []discordgo.MessageComponent{})
		return
	}
	b.placeholders.Delete(i.ID)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.session.InteractionResponseDelete(i.Interaction, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("delete placeholder", "ref", i.ID, "err", err)
	}
	if _, err := b.session.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{
		Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: NoMentions(),
	}, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("report failure to user", "ref", i.ID, "err", err)
	}
}

// replyFailure tells the user something failed, whether or not the
// interaction was answered already; a public placeholder still waiting
// for its answer is deleted.
func (b *Bot) replyFailure(i *discordgo.InteractionCreate, text string) {
	if _, waiting := b.placeholders.LoadAndDelete(i.ID); waiting {
		b.failDeferred(i, false, text)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: NoMentions()},
	}, discordgo.WithContext(ctx))
	if err == nil {
		return
	}
	if _, err := b.session.FollowupMessageCreate(i.Interaction, false, &discordgo.WebhookParams{
		Content: text, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: NoMentions(),
	}, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("report failure to user", "ref", i.ID, "err", err)
	}
}
