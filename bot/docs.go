package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"cabot/bot/discordmd"
	"cabot/corpus"
	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

// isModerator reports whether the member may change the documents: the
// Manage Server (or Administrator) permission, or a configured role. It is
// checked on every call; Discord's hiding of the command is not trusted.
func (b *Bot) isModerator(i *discordgo.InteractionCreate) bool {
	if i.GuildID == "" || i.Member == nil {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(b.cfg.ModeratorRoles, r) {
			return true
		}
	}
	return false
}

const notModerator = "Only moderators can change the documents (the Manage Server permission or a moderator role)."

// docScope is where documents added in a server go.
func (b *Bot) docScope(guildID string) string {
	if b.cfg.SharedLibrary {
		return ""
	}
	return guildID
}

func actorOf(i *discordgo.InteractionCreate) string {
	u := userOf(i)
	if u == nil {
		return "discord:unknown"
	}
	return fmt.Sprintf("discord:%s (%s)", u.ID, u.Username)
}

func (b *Bot) handleDoc(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	if !b.isModerator(i) {
		b.respondText(i, notModerator)
		return
	}
	if len(data.Options) == 0 {
		return
	}
	sub := data.Options[0]
	switch sub.Name {
	case "add":
		b.docAdd(ctx, i, data, sub.Options)
	case "remove":
		b.docRemove(ctx, i, stringOpt(sub.Options, "document"))
	case "list":
		b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.docList(i.GuildID, intOpt(sub.Options, "page", 1)), true)
	case "show":
		b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.docShow(i.GuildID, stringOpt(sub.Options, "document")), true)
	case "history":
		b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, b.docHistory(ctx, i.GuildID, i.ID), true)
	}
}

func stringOpt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	if o := option(opts, name); o != nil && o.Type == discordgo.ApplicationCommandOptionString {
		return strings.TrimSpace(o.StringValue())
	}
	return ""
}

// dateOption reads a YYYY-MM-DD option, or returns a userError.
func dateOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (time.Time, error) {
	v := stringOpt(opts, name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := corpus.ParseDate(v)
	if err != nil {
		return time.Time{}, userError{fmt.Sprintf("`%s`: %q is not a date like 2021-07-15.", name, v)}
	}
	return t, nil
}

// docAdd fetches and parses a document and shows a private preview with
// Confirm and Cancel buttons. Nothing is stored until Confirm.
func (b *Bot) docAdd(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	url, text := stringOpt(opts, "url"), stringOpt(opts, "text")
	var att *discordgo.MessageAttachment
	if o := option(opts, "file"); o != nil && o.Type == discordgo.ApplicationCommandOptionAttachment {
		if id, ok := o.Value.(string); ok && data.Resolved != nil {
			att = data.Resolved.Attachments[id]
		}
	}
	n := 0
	for _, given := range []bool{url != "", text != "", att != nil} {
		if given {
			n++
		}
	}
	if n == 0 {
		// Slash-command options are one line: an article is pasted in a
		// modal's paragraph field instead.
		b.openDocModal(i, opts)
		return
	}
	if n != 1 {
		b.respondText(i, "Give exactly one of `url`, `file` or `text`, or none of them to paste an article in a form.")
		return
	}
	if att != nil && int64(att.Size) > b.cfg.MaxDocumentBytes {
		b.respondText(i, fmt.Sprintf("That file is %s; the limit is %s.", corpus.HumanBytes(int64(att.Size)), corpus.HumanBytes(b.cfg.MaxDocumentBytes)))
		return
	}
	b.previewDocument(ctx, i, func(ctx context.Context) (rag.Input, error) {
		in, err := b.loadDocument(ctx, url, text, att)
		if err == nil {
			in.Overrides, err = overrides(opts)
		}
		return in, err
	})
}

// atDocumentLimit tells a moderator, and reports, when the server may add
// no more documents.
func (b *Bot) atDocumentLimit(i *discordgo.InteractionCreate) bool {
	if limit := b.cfg.MaxDocumentsPerServer; limit > 0 && !b.cfg.SharedLibrary {
		n := 0
		for _, d := range b.know.Documents(i.GuildID, false) {
			if d.Scope == i.GuildID {
				n++
			}
		}
		if n >= limit {
			b.respondText(i, fmt.Sprintf("This server has %d documents, the most it may add. Remove some with `/doc remove` first.", n))
			return true
		}
	}
	return false
}

// previewDocument acknowledges privately, reads the document load gives,
// and shows a preview with Confirm and Cancel buttons.
func (b *Bot) previewDocument(ctx context.Context, i *discordgo.InteractionCreate, load func(context.Context) (rag.Input, error)) {
	if b.atDocumentLimit(i) || !b.deferReply(i, true) {
		return
	}
	in, err := load(ctx)
	if err != nil {
		b.editReply(i, b.safeMessage(err, i.ID), nil, nil)
		return
	}
	in.Scope, in.Origin, in.Actor = b.docScope(i.GuildID), "discord", actorOf(i)
	p, err := b.library.Prepare(ctx, in)
	var unreadable *rag.ReadError
	if errors.As(err, &unreadable) {
		err = userError{"I could not read that document: " + unreadable.Error()}
	}
	if err != nil {
		b.editReply(i, b.safeMessage(err, i.ID), nil, nil)
		return
	}
	token := newToken()
	user := userOf(i)
	if err := b.records.SavePreview(ctx, storage.Preview{
		Token: token, UserID: user.ID, GuildID: i.GuildID, Doc: p.Doc, Expires: time.Now().Add(b.cfg.PreviewTTL),
	}); err != nil {
		b.log.Error("save document preview", "ref", i.ID, "err", err)
		b.editReply(i, b.safeMessage(err, i.ID), nil, nil)
		return
	}
	embed := previewEmbed(p, b.cfg.PreviewTTL)
	buttons := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Confirm", Style: discordgo.SuccessButton, CustomID: "doc:ok:" + token, Disabled: p.Duplicate != nil},
		discordgo.Button{Label: "Cancel", Style: discordgo.SecondaryButton, CustomID: "doc:no:" + token},
	}}}
	b.editReply(i, "", []*discordgo.MessageEmbed{embed}, buttons)
}

// loadDocument gets the document's bytes from one of the three sources.
func (b *Bot) loadDocument(ctx context.Context, url, text string, att *discordgo.MessageAttachment) (rag.Input, error) {
	switch {
	case text != "":
		return rag.Input{Data: []byte(text), Name: "pasted.txt", ContentType: "text/plain"}, nil
	case url != "":
		f, err := b.fetcher.Fetch(ctx, url)
		if err != nil {
			return rag.Input{}, userError{"I could not fetch that link: " + err.Error()}
		}
		return rag.Input{Data: f.Body, Name: f.Name, ContentType: f.ContentType, URL: f.URL}, nil
	default:
		f, err := b.fetcher.Fetch(ctx, att.URL)
		if err != nil {
			return rag.Input{}, userError{"I could not download that file: " + err.Error()}
		}
		return rag.Input{Data: f.Body, Name: att.Filename, ContentType: att.ContentType}, nil
	}
}

// overrides reads the metadata a moderator typed beside the document.
func overrides(opts []*discordgo.ApplicationCommandInteractionDataOption) (rag.Overrides, error) {
	o := rag.Overrides{Title: stringOpt(opts, "title"), Outlet: stringOpt(opts, "outlet"), Language: stringOpt(opts, "language")}
	if v := stringOpt(opts, "published"); v != "" {
		t, err := corpus.ParseDate(v)
		if err != nil {
			return rag.Overrides{}, userError{fmt.Sprintf("The date %q is not a date like 2021-07-15.", v)}
		}
		o.Published = t
	}
	return o, nil
}

func previewEmbed(p rag.Preview, ttl time.Duration) *discordgo.MessageEmbed {
	d := p.Doc
	date := "unknown"
	if !d.Published.IsZero() {
		date = d.Published.Format(time.DateOnly)
	}
	field := func(name, value string, inline bool) *discordgo.MessageEmbedField {
		if value == "" {
			value = "—"
		}
		return &discordgo.MessageEmbedField{Name: name, Value: discordmd.CutRunes(discordmd.Neutralize(value), MaxEmbedFieldValue), Inline: inline}
	}
	fields := []*discordgo.MessageEmbedField{
		field("Outlet", d.Outlet, true),
		field("Published", date, true),
		field("Language", d.Language, true),
		field("Length", fmt.Sprintf("%d characters, %d words, %d chunks", utf8.RuneCountInString(d.Text), len(strings.Fields(d.Text)), p.Chunks), false),
	}
	if d.URL != "" {
		fields = append(fields, field("Link", d.URL, false))
	}
	color := 0x3498DB
	footer := fmt.Sprintf("Confirm within %s to add it; nothing is stored before.", ttl.Round(time.Minute))
	if p.Duplicate != nil {
		dup := p.Duplicate
		what := dup.Reason
		if dup.Reason == "near-duplicate" {
			what = fmt.Sprintf("%.0f%% the same text", 100*dup.Similarity)
		}
		fields = append(fields, field("Duplicate", fmt.Sprintf("Already here: “%s” (%s).", dup.Of.Title, what), false))
		color = 0xE67E22
		footer = "This document is already in the library: it cannot be added again."
	}
	return &discordgo.MessageEmbed{
		Title:       discordmd.CutRunes("Preview: "+discordmd.Neutralize(d.Title), MaxEmbedTitle),
		Description: discordmd.CutRunes(discordmd.Neutralize(d.Text), 400),
		Fields:      fields,
		Color:       color,
		Footer:      &discordgo.MessageEmbedFooter{Text: footer},
	}
}

// docButton handles Confirm and Cancel under a preview. Only its own
// moderator's click, in the guild it was made in, consumes the preview: any
// refused click leaves it as it was.
func (b *Bot) docButton(ctx context.Context, i *discordgo.InteractionCreate, action, token string) {
	user := userOf(i)
	owner := false
	p, err := b.records.Preview(ctx, token)
	found := err == nil
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		b.log.Error("read document preview", "ref", i.ID, "err", err)
		b.respondText(i, b.safeMessage(err, i.ID))
		return
	}
	if found {
		owner = user != nil && user.ID == p.UserID && i.GuildID == p.GuildID
	}
	expired := found && time.Now().After(p.Expires)
	moderator := b.isModerator(i)
	if owner && (expired || moderator) {
		// Whichever process deletes it consumes it: a second click, here
		// or on another process, finds it gone.
		deleted, err := b.records.DeletePreview(ctx, token)
		if err != nil {
			b.log.Error("delete document preview", "ref", i.ID, "err", err)
			b.respondText(i, b.safeMessage(err, i.ID))
			return
		}
		found = deleted
	}
	switch {
	case !found:
		b.respondText(i, "This preview has expired; run `/doc add` again.")
		return
	case !owner:
		b.respondText(i, "Only the moderator who asked for this preview can confirm it.")
		return
	case expired:
		b.updateMessage(i, "This preview has expired; run `/doc add` again.")
		return
	case !moderator:
		b.respondText(i, notModerator)
		return
	case action == "no":
		b.updateMessage(i, "Cancelled: nothing was added.")
		return
	}
	// Embedding can take a moment: acknowledge first.
	if err := b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate},
		discordgo.WithContext(ctx)); err != nil {
		b.log.Error("acknowledge confirm", "ref", i.ID, "err", err)
		return
	}
	err = b.library.Add(ctx, p.Doc)
	var dup *corpus.DuplicateError
	switch {
	case errors.As(err, &dup):
		b.metrics.Ingested("duplicate")
		b.editReply(i, fmt.Sprintf("Not added: it is a duplicate of “%s”.", discordmd.Neutralize(dup.Of.Title)), []*discordgo.MessageEmbed{}, []discordgo.MessageComponent{})
		return
	case err != nil:
		b.metrics.Ingested("failed")
		b.editReply(i, b.safeMessage(err, i.ID), []*discordgo.MessageEmbed{}, []discordgo.MessageComponent{})
		return
	}
	b.metrics.Ingested("added")
	b.editReply(i, fmt.Sprintf("Added “%s”. It can be asked about now.", discordmd.Neutralize(p.Doc.Title)), []*discordgo.MessageEmbed{}, []discordgo.MessageComponent{})
	b.postAudit(i.GuildID, fmt.Sprintf("📄 <@%s> added “%s”%s.", user.ID, discordmd.Neutralize(p.Doc.Title), sourceNote(p.Doc)))
}

func sourceNote(d corpus.Document) string {
	if d.Outlet != "" {
		return " (" + discordmd.Neutralize(d.Outlet) + ")"
	}
	return ""
}

func (b *Bot) docRemove(ctx context.Context, i *discordgo.InteractionCreate, id string) {
	d, ok := b.library.Document(id)
	if !ok || (d.Scope != "" && d.Scope != i.GuildID) {
		b.respondText(i, "I don't know that document here. Pick one from the list that appears as you type.")
		return
	}
	if d.Scope == "" && !b.cfg.SharedLibrary {
		b.respondText(i, fmt.Sprintf("“%s” is shared by every server, so it can only be removed by the bot's operator (`cabot docs remove %s`).", discordmd.Neutralize(d.Title), d.ID))
		return
	}
	// Removing waits on the library's write lock, which a Confirm may hold
	// while it embeds: acknowledge first.
	if !b.deferReply(i, true) {
		return
	}
	if _, err := b.library.Remove(ctx, id, actorOf(i)); err != nil {
		b.editReply(i, b.safeMessage(fmt.Errorf("remove %s: %w", id, err), i.ID), nil, nil)
		return
	}
	b.editReply(i, fmt.Sprintf("Removed “%s”. It is no longer used in answers.", discordmd.Neutralize(d.Title)), nil, nil)
	if u := userOf(i); u != nil {
		b.postAudit(i.GuildID, fmt.Sprintf("🗑️ <@%s> removed “%s”.", u.ID, discordmd.Neutralize(d.Title)))
	}
}

// editableDocs are the documents a server's moderators may see in /doc.
func (b *Bot) serverDocs(guildID string) []rag.DocInfo {
	return b.know.Documents(guildID, false)
}

func (b *Bot) docList(guildID string, page int) *discordgo.InteractionResponseData {
	data := b.sourcesPage(guildID, page)
	data.Embeds[0].Title = "Documents"
	for _, c := range data.Components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for k, bc := range row.Components {
			if btn, ok := bc.(discordgo.Button); ok {
				btn.CustomID = "doclist:" + strings.TrimPrefix(btn.CustomID, "src:")
				row.Components[k] = btn
			}
		}
	}
	return data
}

func (b *Bot) docShow(guildID, id string) *discordgo.InteractionResponseData {
	d, ok := b.library.Document(id)
	if !ok || (d.Scope != "" && d.Scope != guildID) {
		return &discordgo.InteractionResponseData{Content: "I don't know that document here."}
	}
	date := "unknown"
	if !d.Published.IsZero() {
		date = d.Published.Format(time.DateOnly)
	}
	scope := "this server"
	if d.Scope == "" {
		scope = "every server"
	}
	var lines []string
	add := func(k, v string) {
		if v != "" {
			lines = append(lines, fmt.Sprintf("**%s:** %s", k, discordmd.Neutralize(v)))
		}
	}
	add("Outlet", d.Outlet)
	add("Author", d.Author)
	add("Published", date)
	add("Language", d.Language)
	add("Link", d.URL)
	add("Seen by", scope)
	add("Added", d.AddedAt.Format("2006-01-02 15:04 UTC"))
	add("ID", d.ID)
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{
		Title: discordmd.CutRunes(discordmd.Neutralize(d.Title), MaxEmbedTitle), Description: strings.Join(lines, "\n"), Color: 0x3498DB,
	}}}
}

func (b *Bot) docHistory(ctx context.Context, guildID, ref string) *discordgo.InteractionResponseData {
	entries, err := b.records.Audit(ctx, b.docScope(guildID), false, 20)
	if err != nil {
		return &discordgo.InteractionResponseData{Content: b.safeMessage(err, ref)}
	}
	if len(entries) == 0 {
		return &discordgo.InteractionResponseData{Content: "No document has been added or removed here yet."}
	}
	var sb strings.Builder
	for _, e := range entries {
		verb := "added"
		if e.Action == "remove" {
			verb = "removed"
		}
		fmt.Fprintf(&sb, "`%s` %s **%s** — %s\n", e.At.Format("2006-01-02 15:04"), verb, discordmd.Neutralize(e.Title), discordmd.Neutralize(who(e.Actor)))
	}
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{
		Title: "Document history", Description: discordmd.CutRunes(sb.String(), MaxEmbedDescription), Color: 0x95A5A6,
	}}}
}

// who turns an audit actor ("discord:ID (name)", "cli:user") into text that
// names the person without pinging them.
func who(actor string) string {
	if rest, ok := strings.CutPrefix(actor, "discord:"); ok {
		if k := strings.Index(rest, " ("); k > 0 {
			return strings.TrimSuffix(rest[k+2:], ")")
		}
		return rest
	}
	return actor
}

// autocomplete suggests documents by title for /doc remove and /doc show.
func (b *Bot) autocomplete(i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	var typed string
	var sub string
	if len(data.Options) > 0 {
		sub = data.Options[0].Name
		for _, o := range data.Options[0].Options {
			if o.Focused {
				typed = strings.ToLower(fmt.Sprint(o.Value))
			}
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	if data.Name != "doc" || b.isModerator(i) {
		for _, d := range b.serverDocs(i.GuildID) {
			if sub == "remove" && d.Scope == "" && !b.cfg.SharedLibrary {
				continue
			}
			if typed != "" && !strings.Contains(strings.ToLower(d.Title+" "+d.Outlet), typed) {
				continue
			}
			name := d.Title
			if d.Outlet != "" {
				name += " — " + d.Outlet
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: discordmd.CutRunes(name, 100), Value: d.ID})
			if len(choices) == 25 {
				break
			}
		}
	}
	if err := b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}); err != nil {
		b.log.Error("autocomplete", "ref", i.ID, "err", err)
	}
}

// postAudit posts a document change to the server's audit channel, if one
// is configured; mentions are shown but ping nobody.
func (b *Bot) postAudit(guildID, text string) {
	ch := b.cfg.AuditChannels[guildID]
	if ch == "" {
		return
	}
	b.sendText(ch, nil, text)
}

// deferReply acknowledges an interaction with a deferred (private) reply.
func (b *Bot) deferReply(i *discordgo.InteractionCreate, private bool) bool {
	var flags discordgo.MessageFlags
	if private {
		flags = discordgo.MessageFlagsEphemeral
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := b.session.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: flags},
	}, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Error("acknowledge interaction", "ref", i.ID, "err", err)
		return false
	}
	return true
}

// editReply replaces the deferred or original response.
func (b *Bot) editReply(i *discordgo.InteractionCreate, content string, embeds []*discordgo.MessageEmbed, components []discordgo.MessageComponent) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	edit := &discordgo.WebhookEdit{Content: &content, AllowedMentions: NoMentions()}
	if embeds != nil {
		edit.Embeds = &embeds
	}
	if components != nil {
		edit.Components = &components
	}
	if _, err := b.session.InteractionResponseEdit(i.Interaction, edit, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("edit interaction response", "ref", i.ID, "err", err)
	}
}

// updateMessage replaces the message a button belongs to with text.
func (b *Bot) updateMessage(i *discordgo.InteractionCreate, text string) {
	b.respond(i, discordgo.InteractionResponseUpdateMessage, &discordgo.InteractionResponseData{
		Content: text, Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{},
	}, false)
}

func newToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
