package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

// userError is an error whose message is meant for the person who asked.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

// answer computes the answer to a question, keeps a record of it under id,
// and returns the message to show. It is bounded by AnswerTimeout; callers
// pass a context that shutdown does not cancel (answers in flight are
// finished), which Stop may cancel.
//
// followUp, when set, tells people how to ask a follow-up (see
// followUpHint).
//
// The answer may take several messages (see AnswerParts): the buttons go
// with the last.
//
// lang ("en", "es", "pt", see langOf) is the language of the bot's own
// words around the answer (title, buttons).
func (b *Bot) answer(ctx context.Context, id string, q rag.Question, onText func(string), followUp, lang string) ([]*discordgo.MessageSend, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	start := time.Now()
	scope, question := q.Scope, q.Text
	ans, err := b.know.Ask(ctx, q, onText)
	if err == nil {
		b.metrics.Answer(ans.Mode, ans.Grounded, time.Since(start))
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, userError{"That took too long to answer. Please try again, or ask a narrower question."}
		}
		return nil, fmt.Errorf("answer: %w", err)
	}
	var srcs []StoredSource
	view := AnswerView{Question: question, Text: ans.Text, Grounded: ans.Grounded, Note: ans.Note, FollowUp: followUp}
	if lang != "en" && lang != "" {
		view.Title = tr(lang, map[bool]string{true: TitleGrounded, false: TitleNotGrounded}[ans.Grounded])
	}
	for _, s := range ans.Sources {
		pub := ""
		if !s.Doc.Published.IsZero() {
			pub = s.Doc.Published.Format(time.DateOnly)
		}
		view.Citations = append(view.Citations, Citation{N: s.N, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL, Published: pub})
		ss := StoredSource{N: s.N, Title: s.Doc.Title, Outlet: s.Doc.Outlet, URL: s.Doc.URL, Published: pub}
		for _, q := range s.Quotes {
			ss.Quotes = append(ss.Quotes, q.Text)
		}
		srcs = append(srcs, ss)
	}
	view.Footer = plainFooter(ans.Mode, ans.Grounded, len(ans.Sources))
	b.log.Debug("answered", "ref", id, "mode", ans.Mode, "grounded", ans.Grounded, "ms", time.Since(start).Milliseconds())
	raw, err := json.Marshal(srcs)
	if err != nil {
		return nil, fmt.Errorf("encode sources: %w", err)
	}
	rec := storage.AnswerRecord{ID: id, Question: question, Answer: ans.Text, Grounded: ans.Grounded,
		Mode: ans.Mode, Sources: string(raw), Scope: scope}
	if err := b.records.SaveAnswer(ctx, rec); err != nil {
		// The answer is still worth showing; only its buttons will not work.
		b.log.Error("save answer record", "id", id, "err", err)
	}
	msgs := b.render(scope, view)
	msgs[len(msgs)-1].Components = b.answerButtons(id, q.Scope, lang, ans.Grounded, len(srcs) > 0)
	return msgs, nil
}

// style is the answer style of a server ("" in DMs).
func (b *Bot) style(guildID string) string {
	if st, ok := b.cfg.AnswerStyles[guildID]; ok && guildID != "" {
		return st
	}
	return cmp.Or(b.cfg.AnswerStyle, StyleEmbed)
}

// render turns a view into the messages that show it in the server's
// style: embeds (AnswerParts) or plain text (AnswerTexts).
func (b *Bot) render(guildID string, v AnswerView) []*discordgo.MessageSend {
	var msgs []*discordgo.MessageSend
	if b.style(guildID) == StyleText {
		for _, t := range AnswerTexts(v) {
			msgs = append(msgs, &discordgo.MessageSend{Content: t, AllowedMentions: NoMentions()})
		}
		return msgs
	}
	for _, embeds := range AnswerParts(v) {
		msgs = append(msgs, &discordgo.MessageSend{Embeds: embeds, AllowedMentions: NoMentions()})
	}
	return msgs
}

// answerButtons are the buttons under an answer: feedback, and Quotes when
// it quotes sources. A decline carries no feedback buttons but, where the
// server has a hand-off channel, "Ask a moderator" (the button's message is
// the conversation it links to: "-" stands for it).
func (b *Bot) answerButtons(id, guildID, lang string, grounded, quotes bool) []discordgo.MessageComponent {
	if !grounded {
		if !b.canHandoff(guildID) {
			return nil
		}
		return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			handoffButton(handoffID(id, "-", "-"), lang),
		}}}
	}
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: tr(lang, "Helpful"), Style: discordgo.SecondaryButton, CustomID: "fb:1:" + id, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
		discordgo.Button{Label: tr(lang, "Not helpful"), Style: discordgo.SecondaryButton, CustomID: "fb:0:" + id, Emoji: &discordgo.ComponentEmoji{Name: "👎"}},
	}}
	if quotes && grounded {
		row.Components = append(row.Components, discordgo.Button{Label: tr(lang, "Quotes"), Style: discordgo.SecondaryButton, CustomID: "quotes:" + id})
	}
	return []discordgo.MessageComponent{row}
}

// checkQuestion returns the question trimmed, or a userError.
func (b *Bot) checkQuestion(q string) (string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", userError{"Ask me a question about Cuba–Azerbaijan cooperation, for example: *How many patients did the Cuban doctors attend in Azerbaijan?*"}
	}
	if n := utf8.RuneCountInString(q); n > b.cfg.MaxQuestion {
		return "", userError{fmt.Sprintf("That question is %d characters long; please keep it under %d.", n, b.cfg.MaxQuestion)}
	}
	return q, nil
}

// admit applies the rate limits and takes a place in the queue for an
// answer slot. The caller acknowledges the person, then waits for the slot
// with ticket.wait, and always calls ticket.release.
func (b *Bot) admit(userID, guildID string) (*ticket, error) {
	now := time.Now()
	if ok, wait := b.userRL.take("u:"+userID, now); !ok {
		b.metrics.Busy()
		return nil, userError{fmt.Sprintf("You're asking quickly. Please try again in %s.", roundUp(wait))}
	}
	if ok, wait := b.guildRL.take("g:"+guildID, now); !ok {
		b.metrics.Busy()
		return nil, userError{fmt.Sprintf("This server is asking a lot right now. Please try again in %s.", roundUp(wait))}
	}
	if b.stopping.Load() {
		return nil, userError{"I'm restarting. Please ask again in a minute."}
	}
	if n := b.waiting.Add(1); n > int64(cap(b.slots)+b.cfg.MaxQueue) {
		b.waiting.Add(-1)
		b.metrics.Busy()
		return nil, errBusy
	}
	b.inflight.Add(1)
	return &ticket{b: b}, nil
}

var errBusy = userError{"I'm answering many questions right now. Please try again in a few seconds."}

// ticket is a place in the queue for an answer slot.
type ticket struct {
	b    *Bot
	held bool
}

// wait takes an answer slot, waiting at most QueueWait.
func (t *ticket) wait() error {
	timer := time.NewTimer(t.b.cfg.QueueWait)
	defer timer.Stop()
	select {
	case t.b.slots <- struct{}{}:
		t.held = true
		return nil
	case <-timer.C:
		t.b.metrics.Busy()
		return errBusy
	}
}

func (t *ticket) release() {
	if t.held {
		t.b.slots.release()
	}
	t.b.waiting.Add(-1)
	t.b.inflight.Done()
}

func roundUp(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s <= 1 {
		return "1 second"
	}
	return fmt.Sprintf("%d seconds", s)
}

// safeMessage returns what a person may be told about err, logging the
// detail once under ref.
func (b *Bot) safeMessage(err error, ref string) string {
	var ue userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	b.log.Error("request failed", "ref", ref, "err", err)
	return fmt.Sprintf(somethingWrong, ref)
}

const somethingWrong = "Sorry, something went wrong on my side. It has been logged (ref %s)."

// safeMessageIn is safeMessage in lang, for the fixed replies that have a
// translation.
func (b *Bot) safeMessageIn(lang string, err error, ref string) string {
	var ue userError
	if errors.As(err, &ue) {
		return tr(lang, ue.msg)
	}
	b.log.Error("request failed", "ref", ref, "err", err)
	return fmt.Sprintf(tr(lang, somethingWrong), ref)
}

func userOf(i *discordgo.InteractionCreate) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

// plainFooter says in plain words where an answer comes from (the mode and
// the time taken are for the logs and metrics, not for members).
func plainFooter(mode string, grounded bool, sources int) string {
	if !grounded {
		return ""
	}
	articles := "1 article"
	if sources != 1 {
		articles = fmt.Sprintf("%d articles", sources)
	}
	if mode == rag.ModeLLM {
		return "Written by a language model from " + articles + "; check the sources"
	}
	return "Quoted from " + articles
}
