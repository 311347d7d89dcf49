package bot_test

// A benchmark of the Discord path: a burst of /ask questions sent at once
// through the loopback Discord (bot/discordtest), answered by the bot from a
// library of about 10,000 chunks. See BENCHMARKS.md.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"
	"cabot/config"
	"cabot/corpus"
	"cabot/corpus/sqlite"
	"cabot/corpus/storage"
	"cabot/rag"

	"github.com/bwmarrin/discordgo"
)

const (
	benchGuild   = "210000000000000001"
	benchChannel = "310000000000000001"
	// benchChunks is the size of the benchmark library (the size of the
	// offline ask target in BENCHMARKS.md).
	benchChunks = 10_000
)

// benchLibrary is the bundled article plus synthetic articles up to
// benchChunks chunks, built once per test process. The indexes live in
// memory: the store it was built from is closed and deleted once loaded
// (answering reads only the indexes).
var benchLibrary = sync.OnceValues(func() (*rag.Service, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "cabot-botbench-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	store, err := sqlite.Open(ctx, filepath.Join(dir, "cabot.db"))
	if err != nil {
		return nil, err
	}
	defer store.Close()
	emb := rag.NewHashEmbedder()
	bundled, err := corpus.Bundled()
	if err != nil {
		return nil, err
	}
	total := 0
	for _, d := range bundled {
		total += len(corpus.Split(d.ID, d.Text, corpus.DefaultChunkOptions()))
	}
	for i := 0; total < benchChunks; i++ {
		d := benchArticle(i)
		chunks := corpus.Split(d.ID, d.Text, corpus.DefaultChunkOptions())
		texts := make([]string, len(chunks))
		for k, c := range chunks {
			texts[k] = c.Text
		}
		vs, err := emb.EmbedDocuments(ctx, texts)
		if err != nil {
			return nil, err
		}
		vecs := make([]storage.Vector, len(vs))
		for k, v := range vs {
			vecs[k] = storage.Vector{Embedder: emb.Name(), Values: v}
		}
		if err := store.Add(ctx, d, chunks, vecs); err != nil {
			return nil, err
		}
		total += len(chunks)
	}
	d := config.Default()
	return rag.New(ctx, store, emb, rag.Config{
		Answer:           rag.AnswerOptions{MinRelevance: d.Answer.MinRelevance, MaxSentences: d.Answer.MaxSentences, Passages: d.Answer.Passages},
		MaxDocumentBytes: d.Documents.MaxBytes,
		Seed:             bundled,
	})
})

// Words of the synthetic articles: cooperation-domain and common words,
// drawn with a Zipf distribution, function words mixed in. (rag's
// benchmarks have a fuller generator; test files cannot share code across
// packages.)
var (
	benchContent = strings.Fields(`Cuba Cuban Azerbaijan Baku Havana Caribbean health brigade doctors nurses
		patients hospital biotechnology vaccine Abdala medicine pharmaceutical trade exports investment
		agreement memorandum commission education scholarships students university teachers cooperation
		bilateral relations embassy ambassador minister delegation president government visit forum
		solidarity Henry Reeve contingent pandemic COVID sugar tobacco nickel energy tourism culture sport
		agriculture water construction transport credit specialists engineers researchers interferon
		year country nation region program project development support experience members meeting
		community history economy important major new first strengthen develop expand signed held
		visited attended received provided offered continued promoted discussed agreed expressed
		officials leaders institutions companies center school city capital population workers experts
		partners ties framework initiative efforts progress potential interest priority sector industry
		market products technology science research innovation emergency disaster relief assistance
		treatment procedures prevention campaign mission exchange friendship dialogue statement`)
	benchFunction = strings.Fields(`the the the of of and and in in to a for on with by as at from that which its their was were has had will also between during after`)
)

// benchArticle returns synthetic article i: 6 to 20 paragraphs of 2 to 5
// sentences of 12 to 35 words, from its own PCG stream.
func benchArticle(i int) corpus.Document {
	r := rand.New(rand.NewPCG(0xb07, uint64(i)))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(benchContent)-1))
	sentence := func() string {
		n := 12 + r.IntN(24)
		w := make([]string, n)
		for k := range w {
			switch x := r.Float64(); {
			case x < 0.4:
				w[k] = benchFunction[r.IntN(len(benchFunction))]
			case x < 0.96:
				w[k] = benchContent[z.Uint64()]
			default:
				w[k] = strconv.Itoa(1959 + r.IntN(67))
			}
			if k > 0 && k < n-3 && r.IntN(8) == 0 {
				w[k-1] += ","
			}
		}
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		return strings.Join(w, " ") + "."
	}
	paras := make([]string, 6+r.IntN(15))
	for p := range paras {
		s := make([]string, 2+r.IntN(4))
		for k := range s {
			s[k] = sentence()
		}
		paras[p] = strings.Join(s, " ")
	}
	title := fmt.Sprintf("%s %s and %s", benchContent[z.Uint64()], benchContent[z.Uint64()], benchContent[z.Uint64()])
	return corpus.Document{
		ID: fmt.Sprintf("botbench-%05d", i), Title: title, Outlet: "Bench News",
		URL:       fmt.Sprintf("https://news.example.org/bench/%05d", i),
		Language:  "en",
		Published: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(4000)),
		Text:      strings.Join(paras, "\n\n"), Source: "bench", AddedBy: "bench",
		AddedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
	}
}

// benchQuestions are the questions of a burst: about the bundled article
// (answered, quoting it) and made of the articles' words.
var benchQuestions = sync.OnceValue(func() []string {
	qs := []string{
		"How many patients did the Cuban health workers attend in Azerbaijan?",
		"Who led the Cuban delegation?",
		"How many aid workers were in the second brigade?",
		"When did Cuban health professionals first arrive in Azerbaijan?",
		"What areas is Azerbaijan interested in strengthening with Cuba?",
	}
	r := rand.New(rand.NewPCG(0xb07, 1<<40))
	for len(qs) < 200 {
		w := func() string { return benchContent[r.IntN(len(benchContent))] }
		switch r.IntN(3) {
		case 0:
			qs = append(qs, fmt.Sprintf("What did the %s of %s say about %s %s?", w(), w(), w(), w()))
		case 1:
			qs = append(qs, fmt.Sprintf("How many %s did %s send to %s in %d?", w(), w(), w(), 2000+r.IntN(26)))
		default:
			qs = append(qs, fmt.Sprintf("%s %s %s", w(), w(), w()))
		}
	}
	return qs
})

// benchBot is a running bot connected to a loopback Discord.
type benchBot struct {
	srv *discordtest.Server
}

// startBenchBot starts the bot on the shared library with room for n
// answers at once and no rate limits; b.Cleanup stops it.
func startBenchBot(b *testing.B, svc *rag.Service, n int) *benchBot {
	b.Helper()
	ctx := context.Background()
	records, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "records.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { records.Close() })
	srv := discordtest.New(b, discordtest.Options{})
	srv.AddChannel(&discordgo.Channel{ID: benchChannel, GuildID: benchGuild, Type: discordgo.ChannelTypeGuildText, Name: "general"})
	cfg := testConfig()
	cfg.Token = "bench-token"
	cfg.APIBaseURL = srv.APIBase()
	cfg.MaxConcurrent = benchSlots
	cfg.UserPerMinute, cfg.GuildPerMinute = 0, 0
	cfg.ShutdownTimeout = 10 * time.Second
	deps := bot.Deps{
		Knowledge: svc, Records: records, Library: svc,
		Fetcher: corpus.NewFetcher(corpus.FetchOptions{Timeout: 5 * time.Second}),
	}
	bt, err := bot.New(cfg, deps, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- bt.Run(runCtx) }()
	b.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			b.Errorf("bot did not stop within 20 s")
		}
	})
	select {
	case <-bt.Ready():
	case err := <-done:
		b.Fatalf("bot stopped before it was ready: %v", err)
	case <-time.After(10 * time.Second):
		b.Fatal("bot not ready after 10 s")
	}
	return &benchBot{srv: srv}
}

// burst sends n /ask questions at once, from n different users, and returns
// for each the time from sending the interaction to the arrival of the
// deferred acknowledgement, and to the arrival of the answer (the PATCH of
// @original), as the loopback Discord recorded them.
func (h *benchBot) burst(b *testing.B, n, round int) (acks, answers []time.Duration) {
	b.Helper()
	qs := benchQuestions()
	prepared := make([]*discordgo.Interaction, n)
	for k := range prepared {
		user := fmt.Sprintf("4200%014d", round*n+k)
		q := qs[(round*n+k)%len(qs)]
		prepared[k] = h.srv.InGuild(discordtest.SlashCommand("ask", discordtest.StringOption("question", q)), benchGuild, benchChannel, user, 0)
	}
	sent := make([]*discordgo.Interaction, n)
	at := make([]time.Time, n)
	errs := make([]error, n)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			<-gate
			at[k] = time.Now()
			sent[k], errs[k] = h.srv.SendInteraction(prepared[k])
		})
	}
	close(gate)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for k, i := range sent {
		ans, err := h.srv.WaitRequest(ctx, discordtest.Route("PATCH", "/api/v9/webhooks/{}/"+i.Token+"/messages/@original"))
		if err != nil {
			b.Fatalf("question %d: no answer: %v", k, err)
		}
		ack, err := h.srv.WaitRequest(ctx, discordtest.Route("POST", "/api/v9/interactions/"+i.ID+"/"+i.Token+"/callback"))
		if err != nil {
			b.Fatalf("question %d: no acknowledgement: %v", k, err)
		}
		var cb struct {
			Type int `json:"type"`
		}
		if err := ack.JSON(&cb); err != nil || cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
			b.Fatalf("question %d: acknowledged with %s (%v); want a deferred response", k, ack.Body, err)
		}
		if strings.Contains(string(ans.Body), "try again") {
			b.Fatalf("question %d: answered %s", k, ans.Body)
		}
		acks = append(acks, ack.Time.Sub(at[k]))
		answers = append(answers, ans.Time.Sub(at[k]))
	}
	return acks, answers
}

// BenchmarkDiscordAsk sends 100 /ask questions at once through the loopback
// Discord; one iteration is one burst, answered in full. It reports the
// median and 99th percentile of the time to the deferred acknowledgement
// (ack-p50-ms, ack-p99-ms; Discord allows 3 s) and to the answer
// (answer-p50-ms, answer-p99-ms), over every question of every burst.
// Use a small fixed count: -benchtime=3x.
func BenchmarkDiscordAsk(b *testing.B) {
	const n = 100
	lib, err := benchLibrary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
		h := startBenchBot(b, lib, n)
		var acks, answers []time.Duration
		round := 0
		for b.Loop() {
			a, f := h.burst(b, n, round)
			acks = append(acks, a...)
			answers = append(answers, f...)
			round++
		}
		slices.Sort(acks)
		slices.Sort(answers)
		b.ReportMetric(benchMillis(acks, 0.50), "ack-p50-ms")
		b.ReportMetric(benchMillis(acks, 0.99), "ack-p99-ms")
		b.ReportMetric(benchMillis(answers, 0.50), "answer-p50-ms")
		b.ReportMetric(benchMillis(answers, 0.99), "answer-p99-ms")
	})
}

// benchMillis is the nearest-rank percentile p of sorted durations, in ms.
func benchMillis(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := max(0, min(int(math.Ceil(p*float64(len(sorted))))-1, len(sorted)-1))
	return float64(sorted[k]) / float64(time.Millisecond)
}

// benchSlots is the answer pool of the Discord benchmark: the CPUs, as an
// extractive deployment would set discord.max_concurrent; every question
// waits in the queue (MaxQueue covers the burst), none is turned away.
var benchSlots = runtime.GOMAXPROCS(0)
