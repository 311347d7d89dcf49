package bot_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"

	"github.com/bwmarrin/discordgo"
)

// TestLoad200Questions: 200 questions at once. Every one is acknowledged
// within 3 seconds and then answered, or told the bot is busy; none is
// lost; goroutines stay bounded; none of the bot's is left after shutdown.
func TestLoad200Questions(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	h := start(t, options{config: func(c *bot.Config) {
		c.UserPerMinute, c.GuildPerMinute = 0, 0
		c.ShutdownTimeout = 60 * time.Second // a loaded, race-instrumented machine is slow
	}})
	const n = 200
	sent := make([]*discordgo.Interaction, n)
	at := make([]time.Time, n)
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("5%017d", k)
			i, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("ask",
				discordtest.StringOption("question", "How many aid workers were in the second brigade?")), guildID, channelID, user, 0))
			// Discord's 3 seconds run from when the interaction is sent to
			// the bot: the fake's queueing of 200 sends on one connection
			// is not the bot's time.
			at[k] = time.Now()
			if err != nil {
				t.Error(err)
				return
			}
			sent[k] = i
		}()
	}
	wg.Wait()
	peak := 0
	answered, busy := 0, 0
	deadline := time.Now().Add(60 * time.Second)
	for k, i := range sent {
		if i == nil {
			continue
		}
		cb := h.wait(callback(i))
		if d := cb.Time.Sub(at[k]); d > 3*time.Second {
			t.Errorf("question %d acknowledged after %v; want within 3 s", k, d)
		}
		peak = max(peak, runtime.NumGoroutine())
		typ, data := decodeCallback(t, cb)
		switch {
		case typ == 4 && strings.Contains(data.Content, "many questions"):
			busy++
		case typ == 5:
			for time.Now().Before(deadline) {
				if r, ok := find(h, original(i)); ok {
					if !strings.Contains(decodeSent(t, r).text(), "120") {
						t.Errorf("question %d answered %q", k, decodeSent(t, r).text())
					}
					answered++
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
		default:
			t.Errorf("question %d: response type %d %q", k, typ, data.Content)
		}
	}
	if answered+busy != n || answered == 0 {
		t.Errorf("%d answered + %d told busy; want all %d accounted for, some answered", answered, busy, n)
	}
	t.Logf("%d answered, %d told busy, peak %d goroutines", answered, busy, peak)
	if peak > 2000 {
		t.Errorf("peak of %d goroutines; want it bounded", peak)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	// The bot's own goroutines end with it.
	var left string
	for wait := 0; wait < 50; wait++ {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		left = ""
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "cabot/bot.(*") && !strings.Contains(g, "_test.go") {
				left = g
			}
		}
		if left == "" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if left != "" {
		t.Errorf("a bot goroutine is left after shutdown:\n%s", left)
	}
}

func find(h *harness, match func(discordtest.Request) bool) (discordtest.Request, bool) {
	for _, r := range h.srv.Requests() {
		if match(r) {
			return r, true
		}
	}
	return discordtest.Request{}, false
}
