package bot

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"cabot/bot/discordmd"

	"github.com/bwmarrin/discordgo"
)

// stopper cancels an answer being written; only its asker may.
type stopper struct {
	cancel context.CancelFunc
	userID string
}

// stream shows an answer as a language model writes it: it edits the
// deferred response with the text so far, never more often than
// StreamEditInterval, and makes sure the final edit also waits that long
// after the last one.
type stream struct {
	b *Bot
	i *discordgo.InteractionCreate
	// style and question make the edits look like the final answer (one
	// layout from the first edit to the last).
	style, question string

	mu       sync.Mutex
	latest   string
	shown    string
	lastEdit time.Time
	stop     chan struct{}
	done     chan struct{}
	once     sync.Once
}

func newStream(b *Bot, i *discordgo.InteractionCreate, style, question string) *stream {
	s := &stream{b: b, i: i, style: style, question: question, stop: make(chan struct{}), done: make(chan struct{})}
	go s.loop()
	return s
}

// update receives the text so far.
func (s *stream) update(text string) {
	s.mu.Lock()
	s.latest = text
	s.mu.Unlock()
}

func (s *stream) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latest
}

func (s *stream) loop() {
	defer close(s.done)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		s.mu.Lock()
		text, due := s.latest, time.Since(s.lastEdit) >= s.b.cfg.StreamEditInterval
		s.mu.Unlock()
		if text == "" || text == s.shown || !due {
			continue
		}
		s.edit(text)
	}
}

func (s *stream) edit(text string) {
	components := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Stop", Style: discordgo.DangerButton, CustomID: "stop:" + s.i.ID},
	}}}
	edit := &discordgo.WebhookEdit{Components: &components, AllowedMentions: NoMentions()}
	if s.style == StyleText {
		head := "**" + TitleGrounded + "**"
		if q := questionLine(s.question); q != "" {
			head += "\n> " + strings.ReplaceAll(q, "://", ":/\u200b/")
		}
		content := head + "\n" + tail(text, MaxMessage-utf8.RuneCountInString(head)-40) + "\n-# ✍️ writing…"
		edit.Content = &content
	} else {
		embed := &discordgo.MessageEmbed{Title: TitleGrounded, Color: ColorGrounded, Description: tail(text, MaxEmbedDescription),
			Footer: &discordgo.MessageEmbedFooter{Text: "✍️ writing…"}}
		if q := questionLine(s.question); q != "" {
			embed.Author = &discordgo.MessageEmbedAuthor{Name: q}
		}
		empty, embeds := "", []*discordgo.MessageEmbed{embed}
		edit.Content, edit.Embeds = &empty, &embeds
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := s.b.session.InteractionResponseEdit(s.i.Interaction, edit, discordgo.WithContext(ctx))
	s.mu.Lock()
	s.shown, s.lastEdit = text, time.Now()
	s.mu.Unlock()
	if err != nil {
		s.b.log.Debug("stream edit", "ref", s.i.ID, "err", err)
	}
}

// finish stops the edits and, if any was made, waits until the final edit
// may follow. Calling it again does nothing.
func (s *stream) finish() {
	s.once.Do(func() { close(s.stop) })
	<-s.done
	s.mu.Lock()
	last := s.lastEdit
	s.mu.Unlock()
	if !last.IsZero() {
		if wait := s.b.cfg.StreamEditInterval - time.Since(last); wait > 0 {
			time.Sleep(wait)
		}
	}
}

// tail is the end of text, neutralized, in at most n runes: a text being
// written is read at its end.
func tail(text string, n int) string {
	r := []rune(discordmd.Neutralize(strings.TrimSpace(text)))
	if len(r) > n {
		r = append([]rune("…"), r[len(r)-(n-1):]...)
	}
	return string(r)
}
