package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

func (b *Bot) handleSummary(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	if len(data.Options) == 0 {
		return
	}
	sub := data.Options[0]
	req := rag.SummaryRequest{Scope: i.GuildID}
	var title string
	switch sub.Name {
	case "document":
		req.DocID = stringOpt(sub.Options, "document")
		d, ok := b.library.Document(req.DocID)
		if !ok || (d.Scope != "" && d.Scope != i.GuildID) {
			b.respondText(i, "I don't know that document. Pick one from the list that appears as you type.")
			return
		}
		title = "Summary: " + d.Title
	case "topic":
		req.Topic = stringOpt(sub.Options, "topic")
		var err error
		if req.Since, err = dateOption(sub.Options, "since"); err == nil {
			req.Until, err = dateOption(sub.Options, "until")
		}
		if err != nil {
			b.respondText(i, b.safeMessage(err, i.ID))
			return
		}
		title = "Summary: " + req.Topic
	case "recent":
		req.RecentDays = intOpt(sub.Options, "days", 30)
		title = fmt.Sprintf("What's new in the last %d days", req.RecentDays)
	default:
		return
	}
	b.runLong(ctx, i, func(ctx context.Context) ([]*discordgo.MessageSend, error) {
		s, err := b.know.Summarize(ctx, req)
		if errors.Is(err, rag.ErrNothingToSummarise) {
			return nil, userError{"No document matches that. Try another topic, a longer period, or `/sources`."}
		}
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, p := range s.Points {
			lines = append(lines, fmt.Sprintf("• %s [%d]", rag.EscapeCitations(p.Quote.Text), p.N))
		}
		text, footer := strings.Join(lines, "\n"), fmt.Sprintf("%s summary · every point quoted from its source · %d ms", s.Mode, s.Took.Milliseconds())
		if len(s.Points) == 0 { // written by the language model
			text, footer = s.Text, fmt.Sprintf("%s summary · %d ms", s.Mode, s.Took.Milliseconds())
		}
		return b.render(i.GuildID, AnswerView{Title: title, Text: text, Grounded: true, Citations: citations(s.Sources), Note: s.Note, Footer: footer}), nil
	})
}

func (b *Bot) handleTimeline(ctx context.Context, i *discordgo.InteractionCreate, data discordgo.ApplicationCommandInteractionData) {
	topic := stringOpt(data.Options, "topic")
	b.runLong(ctx, i, func(ctx context.Context) ([]*discordgo.MessageSend, error) {
		tl, err := b.know.Timeline(ctx, rag.TimelineRequest{Topic: topic, Scope: i.GuildID})
		if err != nil {
			return nil, err
		}
		if len(tl.Events) == 0 {
			return nil, userError{"I found no dated events" + map[bool]string{true: " about that.", false: "."}[topic != ""]}
		}
		var lines []string
		for _, e := range tl.Events {
			line := fmt.Sprintf("**%s** — %s [%d]", e.When, rag.EscapeCitations(e.Quote.Text), e.N)
			if e.FromPublication {
				line += " *(dated from the article's publication date)*"
			}
			lines = append(lines, line)
		}
		title := "Timeline"
		if topic != "" {
			title += ": " + topic
		}
		return b.render(i.GuildID, AnswerView{Title: title, Text: strings.Join(lines, "\n\n"), Grounded: true, Citations: citations(tl.Sources),
			Footer: "Dates as the articles give them"}), nil
	})
}

// runLong defers the response, runs work within the answer time limit and
// a slot, and edits the response with its result, continued in followup
// messages when it has several parts.
func (b *Bot) runLong(ctx context.Context, i *discordgo.InteractionCreate, work func(context.Context) ([]*discordgo.MessageSend, error)) {
	user := userOf(i)
	if user == nil {
		return
	}
	tk, err := b.admit(user.ID, i.GuildID)
	if err != nil {
		b.respondText(i, b.safeMessage(err, i.ID))
		return
	}
	defer tk.release()
	if !b.deferReply(i, false) {
		return
	}
	b.placeholders.Store(i.ID, struct{}{}) // see handleAsk
	if err := tk.wait(); err != nil {
		b.failDeferred(i, false, b.safeMessage(err, i.ID))
		return
	}
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.AnswerTimeout)
	defer cancel()
	parts, err := work(wctx)
	if err != nil {
		b.failDeferred(i, false, b.safeMessage(err, i.ID))
		return
	}
	embeds := parts[0].Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	b.editReply(i, parts[0].Content, embeds, nil)
	b.placeholders.Delete(i.ID)
	for _, msg := range parts[1:] {
		fctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		_, err := b.followup(fctx, i, false, msg)
		cancel()
		if err != nil {
			b.log.Error("send continued response", "ref", i.ID, "err", err)
			return
		}
	}
}

func citations(srcs []rag.Source) []Citation {
	var out []Citation
	for _, s := range srcs {
		out = append(out, Citation{N: s.N, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL, Published: corpus.FormatDate(s.Doc.Published)})
	}
	return out
}
