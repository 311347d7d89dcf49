package bot_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"cabot/bot"
	"cabot/bot/discordtest"
)

// otherShardGuild returns a guild ID that Discord puts on the other shard
// of two than guildID.
func otherShardGuild(t *testing.T) string {
	t.Helper()
	for n := uint64(1); n < 100; n++ {
		g := strconv.FormatUint(n<<22|1, 10)
		if discordtest.ShardOf(g, 2) != discordtest.ShardOf(guildID, 2) {
			return g
		}
	}
	t.Fatal("no guild ID on the other shard")
	return ""
}

// commandRegistrations counts the bulk overwrites of the slash commands.
func commandRegistrations(srv *discordtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/commands") {
			n++
		}
	}
	return n
}

func TestAutoShardsRunsOneSessionPerRecommendedShard(t *testing.T) {
	defer bot.SetIdentifyGap(0)()
	other := otherShardGuild(t)
	h := start(t, options{
		discord: discordtest.Options{Shards: 2},
		config:  func(c *bot.Config) { c.AutoShards = true },
	})
	if ids, count := h.bot.Shards(); len(ids) != 2 || count != 2 {
		t.Fatalf("Shards() = %v of %d; want 0 and 1 of 2", ids, count)
	}
	if err := h.bot.Connected(); err != nil {
		t.Errorf("Connected() = %v; want nil with both shards up", err)
	}
	if n := commandRegistrations(h.srv); n != 1 {
		t.Errorf("slash commands registered %d times; want once, by shard 0", n)
	}
	// A question in a guild of each shard is answered: each reaches only
	// its own shard's session.
	for g, ch := range map[string]string{guildID: channelID, other: "300000000000000077"} {
		i, err := h.srv.SendInteraction(h.srv.InGuild(discordtest.SlashCommand("ask",
			discordtest.StringOption("question", "How many patients did the Cuban health workers attend in Azerbaijan?")),
			g, ch, userID, 0))
		if err != nil {
			t.Fatal(err)
		}
		if text := decodeSent(t, h.wait(original(i))).text(); !strings.Contains(text, "77,000") {
			t.Errorf("answer in guild %s (shard %d) = %q; want the fact", g, discordtest.ShardOf(g, 2), text)
		}
	}
}

func TestShardOtherThanZeroDoesNotRegisterCommands(t *testing.T) {
	h := start(t, options{config: func(c *bot.Config) { c.ShardID, c.ShardCount = 1, 2 }, noWait: true})
	select {
	case <-h.bot.Ready():
	case err := <-h.done:
		t.Fatalf("bot stopped: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("shard 1 not ready after 10 s")
	}
	var ident struct {
		Shard *[2]int `json:"shard"`
	}
	raw, _ := h.srv.Identify()
	if err := json.Unmarshal(raw, &ident); err != nil || ident.Shard == nil || *ident.Shard != [2]int{1, 2} {
		t.Errorf("IDENTIFY shard = %v (%v); want [1 2]", ident.Shard, err)
	}
	if n := commandRegistrations(h.srv); n != 0 {
		t.Errorf("shard 1 registered the slash commands %d times; want never (shard 0 does)", n)
	}
	// A DM goes to shard 0, which is not this process: nothing reaches it.
	if _, err := h.srv.SendInteraction(h.srv.InDM(discordtest.SlashCommand("about"), dmChannel, userID)); !errors.Is(err, discordtest.ErrNoGateway) {
		t.Errorf("a DM with only shard 1 connected: %v; want ErrNoGateway", err)
	}
}
