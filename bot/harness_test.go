package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/config"
	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
	"github.com/tmc/langchaingo/llms"
)

const (
	guildID    = "200000000000000001"
	channelID  = "300000000000000001"
	userID     = "400000000000000001"
	otherUser  = "400000000000000002"
	dmChannel  = "300000000000000009"
	articleURL = "https://www.radiohc.cu/en/especiales/comentarios/315585-interest-in-deepening-cooperation-in-health"
)

// ragConfig is the service's configuration in the default settings.
func ragConfig(t testing.TB) rag.Config {
	t.Helper()
	bundled, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	d := config.Default()
	return rag.Config{
		Answer:           rag.AnswerOptions{MinRelevance: d.Answer.MinRelevance, MaxSentences: d.Answer.MaxSentences, Passages: d.Answer.Passages},
		MaxDocumentBytes: d.Documents.MaxBytes,
		Seed:             bundled,
	}
}

// syncBuffer collects the bot's logs; they are printed when a test fails.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type harness struct {
	t      *testing.T
	srv    *discordtest.Server
	bot    *bot.Bot
	svc    *rag.Service
	store  *sqlite.Store
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// testConfig returns the bot's settings as the cabot command gives them
// with the default configuration (config.Default), without a token or an
// API base URL. MaxConcurrent, automatic in config, is set to 8, what the
// cabot command gives with a language model; the answer mode is extractive.
func testConfig() bot.Config {
	def := config.Default()
	d := def.Discord
	return bot.Config{
		MaxConcurrent: 8, MaxQueue: d.MaxQueue, QueueWait: d.QueueWait,
		UserPerMinute: d.UserPerMinute, GuildPerMinute: d.GuildPerMinute,
		AnswerTimeout: d.AnswerTimeout, ShutdownTimeout: d.ShutdownTimeout,
		AnswerMode: rag.ModeExtractive, MaxQuestion: d.MaxQuestion,
		MaxDocumentBytes: def.Documents.MaxBytes, MaxDocumentsPerServer: def.Documents.MaxPerServer,
		PreviewTTL: d.PreviewTTL, StreamEditInterval: d.StreamEditInterval,
	}
}

type options struct {
	config  func(*bot.Config)
	know    func(bot.Knowledge) bot.Knowledge // wraps the real knowledge
	library func(bot.Library) bot.Library     // wraps the real library
	model   llms.Model                        // answers with this model when set
	llm     rag.LLMOptions                    // with model
	docs    []corpus.Document                 // added besides the bundled article
	before  func(*discordtest.Server)         // runs before the bot connects
	noWait  bool                              // do not wait for READY
	discord discordtest.Options               // the fake Discord's options
}

func start(t *testing.T, o options) *harness {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	rc := ragConfig(t)
	rc.Seed = append(rc.Seed, o.docs...)
	rc.Model, rc.LLM, rc.ModelName = o.model, o.llm, "test model"
	svc, err := rag.New(ctx, store, rag.NewHashEmbedder(), rc)
	if err != nil {
		t.Fatal(err)
	}
	srv := discordtest.New(t, o.discord)
	srv.AddChannel(&discordgo.Channel{ID: channelID, GuildID: guildID, Type: discordgo.ChannelTypeGuildText, Name: "general"})
	srv.AddChannel(&discordgo.Channel{ID: dmChannel, Type: discordgo.ChannelTypeDM})
	if o.before != nil {
		o.before(srv)
	}
	cfg := testConfig()
	cfg.Token = "test-token"
	cfg.APIBaseURL = srv.APIBase()
	cfg.ShutdownTimeout = 5 * time.Second
	if o.config != nil {
		o.config(&cfg)
	}
	var know bot.Knowledge = svc
	if o.know != nil {
		know = o.know(know)
	}
	var library bot.Library = svc
	if o.library != nil {
		library = o.library(library)
	}
	logs := &syncBuffer{}
	deps := bot.Deps{
		Knowledge: know, Records: store, Library: library,
		// Attachments come from a loopback "CDN" in tests: only tests can
		// allow loopback addresses.
		Fetcher: corpus.NewFetcher(corpus.FetchOptions{AllowLoopback: true, Timeout: 5 * time.Second}),
	}
	b, err := bot.New(cfg, deps, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	h := &harness{t: t, srv: srv, bot: b, svc: svc, store: store, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- b.Run(runCtx) }()
	t.Cleanup(func() {
		h.stop()
		if t.Failed() {
			t.Logf("bot logs:\n%s", logs.String())
		}
	})
	if !o.noWait {
		select {
		case <-b.Ready():
		case err := <-h.done:
			t.Fatalf("bot stopped before it was ready: %v", err)
		case <-time.After(10 * time.Second):
			t.Fatalf("bot not ready after 10 s; requests: %v", srv.Requests())
		}
	}
	return h
}

// stop shuts the bot down and returns what Run returned.
func (h *harness) stop() error {
	h.cancel()
	select {
	case err, ok := <-h.done:
		if ok {
			close(h.done)
		}
		return err
	case <-time.After(15 * time.Second):
		h.t.Errorf("bot did not stop within 15 s")
		return nil
	}
}

func (h *harness) wait(match func(discordtest.Request) bool) discordtest.Request {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := h.srv.WaitRequest(ctx, match)
	if err != nil {
		h.t.Fatalf("waiting for a request: %v", err)
	}
	return r
}

// none fails if a request matching arrives within d.
func (h *harness) none(match func(discordtest.Request) bool, d time.Duration, what string) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if r, err := h.srv.WaitRequest(ctx, match); err == nil {
		h.t.Errorf("%s: got %s %s %s", what, r.Method, r.Path, r.Body)
	}
}

func (h *harness) slash(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	h.t.Helper()
	return h.slashAs(userID, name, opts...)
}

func (h *harness) slashAs(user, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	h.t.Helper()
	i, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand(name, opts...), guildID, channelID, user, 0))
	if err != nil {
		h.t.Fatal(err)
	}
	return i
}

func (h *harness) message(m *discordgo.Message) *discordgo.Message {
	h.t.Helper()
	if m.Author == nil {
		m.Author = &discordgo.User{ID: userID, Username: "ann"}
	}
	sent, err := h.srv.SendMessage(m)
	if err != nil {
		h.t.Fatal(err)
	}
	return sent
}

func callback(i *discordgo.Interaction) func(discordtest.Request) bool {
	return discordtest.Route("POST", "/api/v9/interactions/"+i.ID+"/"+i.Token+"/callback")
}

func original(i *discordgo.Interaction) func(discordtest.Request) bool {
	return discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original")
}

func postTo(channel string) func(discordtest.Request) bool {
	return discordtest.Route("POST", "/api/v9/channels/"+channel+"/messages")
}

// sent is what the bot sent in a message, an edit or a response's data.
type sent struct {
	Content          string                    `json:"content"`
	Embeds           []*discordgo.MessageEmbed `json:"embeds"`
	Components       []json.RawMessage         `json:"components"`
	Flags            int                       `json:"flags"`
	AllowedMentions  *struct{ Parse []string } `json:"allowed_mentions"`
	MessageReference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
}

// text is everything a person would read in the message.
func (s sent) text() string {
	var b strings.Builder
	b.WriteString(s.Content)
	for _, e := range s.Embeds {
		if e.Author != nil {
			b.WriteString("\n" + e.Author.Name)
		}
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

func decodeSent(t *testing.T, r discordtest.Request) sent {
	t.Helper()
	var s sent
	if err := r.JSON(&s); err != nil {
		t.Fatalf("decode %s %s: %v (%s)", r.Method, r.Path, err, r.Body)
	}
	return s
}

// decodeCallback returns the type and data of an interaction response.
func decodeCallback(t *testing.T, r discordtest.Request) (int, sent) {
	t.Helper()
	var cb struct {
		Type int  `json:"type"`
		Data sent `json:"data"`
	}
	if err := r.JSON(&cb); err != nil {
		t.Fatalf("decode callback: %v (%s)", err, r.Body)
	}
	return cb.Type, cb.Data
}

func noPings(t *testing.T, s sent, where string) {
	t.Helper()
	if s.AllowedMentions == nil || s.AllowedMentions.Parse == nil || len(s.AllowedMentions.Parse) != 0 {
		t.Errorf("%s: allowed_mentions = %+v; want parse: [] so that nobody is pinged", where, s.AllowedMentions)
	}
}

func followups(i *discordgo.Interaction) func(discordtest.Request) bool {
	return discordtest.Route("POST", "/api/v9/webhooks/{}/"+i.Token)
}

// answerParts waits for the response to i and its n-1 followups, and
// returns them in order.
func answerParts(t *testing.T, h *harness, i *discordgo.Interaction, n int) []sent {
	t.Helper()
	parts := []sent{decodeSent(t, h.wait(original(i)))}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var more []sent
		for _, r := range h.srv.Requests() {
			if followups(i)(r) {
				more = append(more, decodeSent(t, r))
			}
		}
		if len(more) >= n-1 {
			return append(parts, more...)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d followups to the response; want %d", len(more), n-1)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
