package discordtest

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// These tests speak the gateway protocol directly, to reach what discordgo
// does not do on its own (resuming a dropped connection, protocol errors).

type frame struct {
	Op int             `json:"op"`
	S  int64           `json:"s"`
	T  string          `json:"t"`
	D  json.RawMessage `json:"d"`
}

func dial(t *testing.T, srv *Server) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.DefaultDialer.Dial(srv.GatewayURL()+"/?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if f := readFrame(t, c); f.Op != 10 {
		t.Fatalf("first frame op %d; want HELLO (10)", f.Op)
	}
	return c
}

func readFrame(t *testing.T, c *websocket.Conn) frame {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var f frame
	if err := c.ReadJSON(&f); err != nil {
		t.Fatalf("read gateway frame: %v", err)
	}
	return f
}

func writeFrame(t *testing.T, c *websocket.Conn, op int, d any) {
	t.Helper()
	if err := c.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		t.Fatal(err)
	}
}

func expectClose(t *testing.T, c *websocket.Conn, code int) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err := c.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != code {
		t.Fatalf("read = %v; want close %d", err, code)
	}
}

func TestGatewayResumeReplaysMissedEvents(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	c := dial(t, srv)

	writeFrame(t, c, 1, nil)
	if f := readFrame(t, c); f.Op != 11 {
		t.Fatalf("answer to heartbeat: op %d; want 11", f.Op)
	}
	writeFrame(t, c, 6, map[string]any{"token": "Bot x", "session_id": "nope", "seq": 0})
	if f := readFrame(t, c); f.Op != 9 || string(f.D) != "false" {
		t.Fatalf("answer to RESUME of an unknown session: %+v; want op 9, d false", f)
	}
	writeFrame(t, c, 2, map[string]any{"token": "Bot x", "intents": discordgo.IntentsGuilds, "properties": map[string]string{}})
	ready := readFrame(t, c)
	var r struct {
		SessionID string          `json:"session_id"`
		User      *discordgo.User `json:"user"`
		App       struct {
			ID string `json:"id"`
		} `json:"application"`
	}
	if err := json.Unmarshal(ready.D, &r); err != nil || ready.T != "READY" || ready.S != 1 ||
		r.SessionID == "" || r.User.ID != srv.BotID() || !r.User.Bot || r.App.ID != srv.AppID() {
		t.Fatalf("READY = %+v (%v); want s 1, session, bot user and application", ready, err)
	}

	if err := srv.Dispatch("CUSTOM", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	if f := readFrame(t, c); f.S != 2 || f.T != "CUSTOM" {
		t.Fatalf("dispatch = %+v; want s 2", f)
	}

	// Drop the connection without a close frame; the session survives.
	c.UnderlyingConn().Close()
	poll(t, "the server to notice the dropped connection", func() bool {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		return len(srv.conns) == 0
	})
	if err := srv.Dispatch("CUSTOM", map[string]int{"n": 2}); err != nil {
		t.Fatalf("Dispatch to a resumable session: %v", err)
	}

	c2 := dial(t, srv)
	writeFrame(t, c2, 6, map[string]any{"token": "Bot x", "session_id": r.SessionID, "seq": 2})
	if f := readFrame(t, c2); f.S != 3 || f.T != "CUSTOM" || string(f.D) != `{"n":2}` {
		t.Fatalf("replayed = %+v; want the missed event as s 3", f)
	}
	if f := readFrame(t, c2); f.S != 4 || f.T != "RESUMED" {
		t.Fatalf("after replay = %+v; want RESUMED as s 4", f)
	}
	if err := srv.WaitReady(waitCtx(t)); err != nil {
		t.Fatal(err)
	}

	// A modal submit carries its components, which discordgo does not marshal.
	modal := &discordgo.Interaction{
		Type: discordgo.InteractionModalSubmit,
		Data: discordgo.ModalSubmitInteractionData{CustomID: "ask", Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "question", Value: "why?"},
			}},
		}},
	}
	if _, err := srv.SendInteraction(srv.InGuild(modal, guildID, channelID, userID, 0)); err != nil {
		t.Fatal(err)
	}
	f := readFrame(t, c2)
	var i discordgo.Interaction
	if err := json.Unmarshal(f.D, &i); err != nil || f.T != "INTERACTION_CREATE" {
		t.Fatalf("frame %+v: %v", f, err)
	}
	rows := i.ModalSubmitData().Components
	if len(rows) != 1 || rows[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput).Value != "why?" {
		t.Errorf("modal components = %+v; want the text input", rows)
	}

	writeFrame(t, c2, 2, map[string]any{"token": "Bot x", "intents": 0})
	expectClose(t, c2, 4005)
}

func TestGatewayProtocolErrors(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	tests := []struct {
		name string
		send func(*websocket.Conn) error
		code int
	}{
		{"op before identify", func(c *websocket.Conn) error { return c.WriteJSON(map[string]any{"op": 3, "d": nil}) }, 4003},
		{"unknown op", func(c *websocket.Conn) error { return c.WriteJSON(map[string]any{"op": 42, "d": nil}) }, 4001},
		{"not JSON", func(c *websocket.Conn) error { return c.WriteMessage(websocket.TextMessage, []byte("{")) }, 4002},
		{"no token", func(c *websocket.Conn) error {
			return c.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"intents": 0}})
		}, 4004},
		{"no intents", func(c *websocket.Conn) error {
			return c.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot x"}})
		}, 4013},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dial(t, srv)
			if err := tt.send(c); err != nil {
				t.Fatal(err)
			}
			expectClose(t, c, tt.code)
		})
	}
}

func TestGatewayRoutesGuildsToTheirShard(t *testing.T) {
	srv := New(t, Options{Shards: 2})
	gb, err := newSession(t, srv).GatewayBot()
	if err != nil || gb.Shards != 2 {
		t.Fatalf("GET /gateway/bot: %+v, %v; want 2 shards", gb, err)
	}
	// Guild IDs whose (id >> 22) % 2 is 0 and 1.
	g0, g1 := strconv.FormatUint(10<<22, 10), strconv.FormatUint(11<<22, 10)
	if ShardOf(g0, 2) != 0 || ShardOf(g1, 2) != 1 || ShardOf("", 2) != 0 || ShardOf(g1, 1) != 0 {
		t.Fatal("ShardOf does not follow (guild_id >> 22) % shard_count")
	}
	srv.AddChannel(&discordgo.Channel{ID: "200000000000000010", GuildID: g0, Type: discordgo.ChannelTypeGuildText})
	srv.AddChannel(&discordgo.Channel{ID: "200000000000000011", GuildID: g1, Type: discordgo.ChannelTypeGuildText})

	got := [2]chan string{make(chan string, 10), make(chan string, 10)}
	guilds := [2]chan string{make(chan string, 10), make(chan string, 10)}
	for shard := range 2 {
		s := newSession(t, srv)
		s.ShardID, s.ShardCount = shard, 2
		s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
			got[shard] <- i.GuildID + "/" + i.ChannelID
		})
		s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds[shard] <- g.ID })
		if err := s.Open(); err != nil {
			t.Fatalf("Open shard %d: %v", shard, err)
		}
		t.Cleanup(func() { s.Close() })
		if err := srv.WaitShard(waitCtx(t), shard, 2); err != nil {
			t.Fatal(err)
		}
	}
	for shard, want := range []string{g0, g1} {
		if g := recv(t, guilds[shard], "GUILD_CREATE"); g != want {
			t.Errorf("shard %d got GUILD_CREATE for %s; want %s only", shard, g, want)
		}
	}
	for _, tc := range []struct {
		i     *discordgo.Interaction
		shard int
	}{
		{srv.InGuild(SlashCommand("ask"), g1, "200000000000000011", "300000000000000001", 0), 1},
		{srv.InGuild(SlashCommand("ask"), g0, "200000000000000010", "300000000000000001", 0), 0},
		{srv.InDM(SlashCommand("ask"), "200000000000000012", "300000000000000001"), 0},
	} {
		if _, err := srv.SendInteraction(tc.i); err != nil {
			t.Fatal(err)
		}
		where := recv(t, got[tc.shard], "the interaction on its shard")
		if where != tc.i.GuildID+"/"+tc.i.ChannelID {
			t.Errorf("shard %d got %s; want %s/%s", tc.shard, where, tc.i.GuildID, tc.i.ChannelID)
		}
	}
	time.Sleep(100 * time.Millisecond)
	for shard := range 2 {
		select {
		case e := <-got[shard]:
			t.Errorf("shard %d also got %s", shard, e)
		case g := <-guilds[shard]:
			t.Errorf("shard %d also got GUILD_CREATE for %s", shard, g)
		default:
		}
	}
}
