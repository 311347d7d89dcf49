package discordtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

const (
	guildID   = "200000000000000001"
	channelID = "200000000000000002"
	userID    = "300000000000000001"
)

func TestReadyAndIdentify(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{HeartbeatInterval: 300 * time.Millisecond})
	// With heartbeats this frequent, discordgo's heartbeat goroutine can
	// race Session.Close and reconnect: keep it from reconnecting.
	s := openSession(t, srv, func(s *discordgo.Session) { s.ShouldReconnectOnError = false })

	if s.State.User == nil || s.State.User.ID != srv.BotID() || !s.State.User.Bot {
		t.Fatalf("State.User = %+v; want bot %s", s.State.User, srv.BotID())
	}
	raw, ok := srv.Identify()
	if !ok {
		t.Fatal("Identify() = false after READY")
	}
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
	}
	if err := json.Unmarshal(raw, &id); err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot x" || id.Intents != int(testIntents) {
		t.Errorf("IDENTIFY token %q intents %d; want %q %d", id.Token, id.Intents, "Bot x", testIntents)
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("Connections() = %d; want 1", n)
	}
	if got := srv.Requests()[0]; got.Method != "GET" || got.Path != "/api/v9/gateway" {
		t.Errorf("first request = %s; want GET /api/v9/gateway", got)
	}
	// discordgo heartbeats at once, then every HeartbeatInterval; each ACK
	// sets LastHeartbeatAck (under the session lock, unlike
	// LastHeartbeatSent, so only the former can be read safely).
	poll(t, "two heartbeats", func() bool { return srv.Heartbeats() >= 2 })
	t2 := time.Now()
	poll(t, "an ACK for the third heartbeat", func() bool {
		s.RLock()
		defer s.RUnlock()
		return s.LastHeartbeatAck.After(t2)
	})
	me, err := s.User("@me")
	if err != nil || me.ID != srv.BotID() {
		t.Errorf("User(@me) = %+v, %v; want the bot", me, err)
	}
}

func TestSlashCommandDeferredAnswer(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := openSession(t, srv)

	cmds := []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask a question",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "question",
			Description: "What to ask", Required: true,
		}},
	}}
	created, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), "", cmds)
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != 1 || created[0].ID == "" || created[0].ApplicationID != srv.AppID() {
		t.Fatalf("bulk overwrite returned %+v; want one command with ID and application ID", created[0])
	}
	stored := srv.Commands("")
	if len(stored) != 1 || stored[0].Name != "ask" || stored[0].ID != created[0].ID {
		t.Fatalf("Commands(\"\") = %+v; want the ask command", stored)
	}
	again, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), "", cmds)
	if err != nil || again[0].ID != created[0].ID {
		t.Errorf("second overwrite ID = %v, %v; want unchanged %s", again[0].ID, err, created[0].ID)
	}
	if len(srv.Commands(guildID)) != 0 {
		t.Errorf("guild commands exist without a guild overwrite")
	}

	got := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	sent, err := srv.SendInteraction(srv.InGuild(
		SlashCommand("ask", StringOption("question", "why is the sky blue?")),
		guildID, channelID, userID, discordgo.PermissionSendMessages))
	if err != nil {
		t.Fatal(err)
	}
	i := recv(t, got, "INTERACTION_CREATE")
	data := i.ApplicationCommandData()
	if data.Name != "ask" || data.ID != created[0].ID {
		t.Errorf("data name %q id %q; want ask %s", data.Name, data.ID, created[0].ID)
	}
	if q := data.GetOption("question"); q == nil || q.StringValue() != "why is the sky blue?" {
		t.Errorf("option question = %+v; want the question", q)
	}
	if i.ID != sent.ID || i.Token != sent.Token || i.Token == "" || i.AppID != srv.AppID() || i.Version != 1 {
		t.Errorf("interaction id %q token %q app %q version %d; want %q %q %q 1",
			i.ID, i.Token, i.AppID, i.Version, sent.ID, sent.Token, srv.AppID())
	}
	if i.GuildID != guildID || i.ChannelID != channelID || i.Member == nil ||
		i.Member.User.ID != userID || i.Member.Permissions != discordgo.PermissionSendMessages || i.User != nil {
		t.Errorf("interaction origin = guild %q channel %q member %+v user %+v", i.GuildID, i.ChannelID, i.Member, i.User)
	}

	// A PATCH before any answer: @original does not exist yet.
	_, err = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: ptr("early")})
	restError(t, err, http.StatusNotFound, discordgo.ErrCodeUnknownMessage)

	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: ptr("Rayleigh scattering.")})
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID == "" || msg.ChannelID != channelID || msg.Content != "Rayleigh scattering." ||
		msg.Author == nil || msg.Author.ID != srv.BotID() {
		t.Errorf("edited message = %+v; want id, channel, content and bot author", msg)
	}

	ctx := waitCtx(t)
	cb, err := srv.WaitRequest(ctx, Route("POST", "/api/v9/interactions/{}/{}/callback"))
	if err != nil {
		t.Fatal(err)
	}
	var resp discordgo.InteractionResponse
	if err := cb.JSON(&resp); err != nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("callback body type = %v, %v; want deferred (5)", resp.Type, err)
	}
	edit, err := srv.WaitRequest(ctx, func(r Request) bool {
		return Route("PATCH", "/api/v9/webhooks/{}/{}/messages/@original")(r) && r.Status == http.StatusOK
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit.Time.Before(cb.Time) {
		t.Errorf("edit at %v before callback at %v", edit.Time, cb.Time)
	}
	if !strings.Contains(edit.Path, "/webhooks/"+srv.AppID()+"/"+sent.Token+"/") {
		t.Errorf("edit path %s; want the app ID and the interaction token", edit.Path)
	}
	order := []string{}
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "/interactions/") || strings.Contains(r.Path, "/webhooks/") {
			order = append(order, r.Method)
		}
	}
	if strings.Join(order, " ") != "PATCH POST PATCH" {
		t.Errorf("interaction requests in order: %v; want PATCH POST PATCH", order)
	}
	ms := srv.Messages(channelID)
	if len(ms) != 1 || ms[0].Content != "Rayleigh scattering." || ms[0].Flags&discordgo.MessageFlagsLoading != 0 {
		t.Errorf("Messages(channel) = %+v; want the answer, no longer loading", ms)
	}

	// Answering twice is an error on Discord.
	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "again"},
	})
	restError(t, err, http.StatusBadRequest, discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged)

	// Followups, with and without wait.
	f, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{
		Content: "sources", Flags: discordgo.MessageFlagsEphemeral,
	})
	if err != nil || f == nil || f.Content != "sources" || f.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("followup = %+v, %v; want an ephemeral message", f, err)
	}
	if f2, err := s.FollowupMessageCreate(i.Interaction, false, &discordgo.WebhookParams{Content: "x"}); err != nil || f2 != nil {
		t.Errorf("followup without wait = %+v, %v; want nil, nil", f2, err)
	}
	if _, err := s.FollowupMessageEdit(i.Interaction, f.ID, &discordgo.WebhookEdit{Content: ptr("sources: none")}); err != nil {
		t.Errorf("edit followup: %v", err)
	}
	if err := s.FollowupMessageDelete(i.Interaction, f.ID); err != nil {
		t.Errorf("delete followup: %v", err)
	}
	if orig, err := s.InteractionResponse(i.Interaction); err != nil || orig.ID != msg.ID {
		t.Errorf("GET @original = %+v, %v; want %s", orig, err, msg.ID)
	}

	// Too long for Discord.
	_, err = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: ptr(strings.Repeat("a", 2001))})
	restError(t, err, http.StatusBadRequest, discordgo.ErrCodeInvalidFormBody)
	// Empty.
	_, err = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: ptr("")})
	restError(t, err, http.StatusBadRequest, discordgo.ErrCodeCannotSendEmptyMessage)
}

func TestWebhookNeedsAppIDAndToken(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := openSession(t, srv)
	i, err := srv.SendInteraction(srv.InDM(SlashCommand("ping"), "400000000000000001", userID))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "pong"},
	}); err != nil {
		t.Fatal(err)
	}
	wrong := *i
	wrong.AppID = srv.BotID() // a classic mix-up
	_, err = s.InteractionResponseEdit(&wrong, &discordgo.WebhookEdit{Content: ptr("x")})
	restError(t, err, http.StatusNotFound, discordgo.ErrCodeUnknownWebhook)

	unknown := *i
	unknown.ID = "1"
	err = s.InteractionRespond(&unknown, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	restError(t, err, http.StatusNotFound, discordgo.ErrCodeUnknownInteraction)

	ch, ok := srv.Channel("400000000000000001")
	if !ok || ch.Type != discordgo.ChannelTypeDM || len(ch.Recipients) != 1 || ch.Recipients[0].ID != userID {
		t.Errorf("DM channel = %+v, %v; want a registered DM with the user", ch, ok)
	}
}

func TestMessageCreateAndThread(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	srv.AddChannel(&discordgo.Channel{ID: channelID, GuildID: guildID, Name: "general", Type: discordgo.ChannelTypeGuildText})
	s := openSession(t, srv)

	// GUILD_CREATE follows READY; discordgo's state picks it up shortly after Open.
	poll(t, "the channel in State after GUILD_CREATE", func() bool {
		c, err := s.State.Channel(channelID)
		return err == nil && c.Name == "general"
	})

	got := make(chan *discordgo.MessageCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { got <- m })

	user := &discordgo.User{ID: userID, Username: "alice"}
	sent, err := srv.SendMessage(&discordgo.Message{
		ChannelID: channelID, Author: user,
		Content: "<@" + srv.BotID() + "> what is a snowflake?",
	})
	if err != nil {
		t.Fatal(err)
	}
	m := recv(t, got, "MESSAGE_CREATE")
	if m.ID != sent.ID || m.GuildID != guildID || m.Author.ID != userID || m.Content != sent.Content {
		t.Errorf("MESSAGE_CREATE = %+v; want %+v", m.Message, sent)
	}
	if len(m.Mentions) != 1 || m.Mentions[0].ID != srv.BotID() {
		t.Errorf("mentions = %+v; want the bot", m.Mentions)
	}

	// Without the MessageContent intent, a guild message that does not
	// mention the bot arrives without content.
	if _, err := srv.SendMessage(&discordgo.Message{ChannelID: channelID, Author: user, Content: "chatter"}); err != nil {
		t.Fatal(err)
	}
	if m := recv(t, got, "MESSAGE_CREATE"); m.Content != "" {
		t.Errorf("content without intent = %q; want blanked", m.Content)
	}

	reply, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content:         "A unique ID.",
		Reference:       sent.Reference(),
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if reply.Type != discordgo.MessageTypeReply || reply.ReferencedMessage == nil || reply.ReferencedMessage.ID != sent.ID {
		t.Errorf("reply = %+v; want a reply to %s", reply, sent.ID)
	}
	if own := recv(t, got, "echo of the bot's message"); own.ID != reply.ID || own.Author.ID != srv.BotID() {
		t.Errorf("echo = %+v; want the bot's reply", own.Message)
	}
	if g, err := s.ChannelMessage(channelID, reply.ID); err != nil || g.Content != "A unique ID." {
		t.Errorf("GET message = %+v, %v", g, err)
	}

	th, err := s.MessageThreadStartComplex(channelID, sent.ID, &discordgo.ThreadStart{Name: "snowflakes", AutoArchiveDuration: 60})
	if err != nil {
		t.Fatal(err)
	}
	if th.ID != sent.ID || th.Type != discordgo.ChannelTypeGuildPublicThread || th.ParentID != channelID ||
		th.OwnerID != srv.BotID() || th.GuildID != guildID || th.Name != "snowflakes" {
		t.Errorf("thread = %+v; want public thread %s in %s", th, sent.ID, channelID)
	}
	if g, err := s.Channel(th.ID); err != nil || g.ID != th.ID || !g.IsThread() {
		t.Errorf("GET thread = %+v, %v", g, err)
	}
	_, err = s.MessageThreadStartComplex(channelID, sent.ID, &discordgo.ThreadStart{Name: "again"})
	restError(t, err, http.StatusBadRequest, discordgo.ErrCodeThreadAlreadyCreatedForThisMessage)
	if _, err := s.ChannelMessageSend(th.ID, "in the thread"); err != nil {
		t.Errorf("post in thread: %v", err)
	}
	if ms := srv.Messages(th.ID); len(ms) != 1 || ms[0].Content != "in the thread" {
		t.Errorf("Messages(thread) = %+v", ms)
	}

	srv.FailNext(Route("POST", "/api/v9/channels/{}/threads"), 1, http.StatusForbidden, "")
	_, err = s.ThreadStartComplex(channelID, &discordgo.ThreadStart{Name: "denied", Type: discordgo.ChannelTypeGuildPublicThread})
	restError(t, err, http.StatusForbidden, discordgo.ErrCodeMissingPermissions)
	th2, err := s.ThreadStartComplex(channelID, &discordgo.ThreadStart{Name: "allowed", Type: discordgo.ChannelTypeGuildPublicThread})
	if err != nil || th2.Type != discordgo.ChannelTypeGuildPublicThread {
		t.Errorf("thread after the failure = %+v, %v", th2, err)
	}

	if err := s.MessageReactionAdd(channelID, sent.ID, "👍"); err != nil {
		t.Errorf("reaction: %v", err)
	}
	restError(t, s.MessageReactionAdd(channelID, sent.ID, ":thumbsup:"), http.StatusBadRequest, discordgo.ErrCodeUnknownEmoji)
	if err := s.ChannelTyping(channelID); err != nil {
		t.Errorf("typing: %v", err)
	}
	_, err = s.Channel("999")
	restError(t, err, http.StatusNotFound, discordgo.ErrCodeUnknownChannel)
	_, err = s.ChannelMessageSend("999", "hello?")
	restError(t, err, http.StatusNotFound, discordgo.ErrCodeUnknownChannel)
	_, err = s.ChannelMessageEdit(channelID, sent.ID, "not mine")
	restError(t, err, http.StatusForbidden, discordgo.ErrCodeCannotEditFromAnotherUser)

	dm, err := s.UserChannelCreate(userID)
	if err != nil || dm.Type != discordgo.ChannelTypeDM || dm.Recipients[0].ID != userID {
		t.Fatalf("UserChannelCreate = %+v, %v", dm, err)
	}
	if again, _ := s.UserChannelCreate(userID); again.ID != dm.ID {
		t.Errorf("second DM channel %s; want the same %s", again.ID, dm.ID)
	}
	if _, err := s.Channel(dm.ID); err != nil {
		t.Errorf("GET DM channel: %v", err)
	}
}

func TestButtonAndAutocomplete(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := openSession(t, srv)
	got := make(chan *discordgo.InteractionCreate, 2)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })

	msg := &discordgo.Message{
		ChannelID: channelID, GuildID: guildID, Content: "answer",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "More", CustomID: "more", Style: discordgo.PrimaryButton},
		}}},
	}
	if _, err := srv.SendInteraction(srv.InGuild(Button("more", msg), guildID, channelID, userID, 0)); err != nil {
		t.Fatal(err)
	}
	i := recv(t, got, "button click")
	if d := i.MessageComponentData(); d.CustomID != "more" || d.ComponentType != discordgo.ButtonComponent {
		t.Errorf("component data = %+v", d)
	}
	if i.Message == nil || i.Message.ID != msg.ID || len(i.Message.Components) != 1 {
		t.Errorf("button message = %+v; want %s with its components", i.Message, msg.ID)
	}
	err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "longer answer", Components: []discordgo.MessageComponent{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := srv.Message(msg.ID); !ok || m.Content != "longer answer" || len(m.Components) != 0 {
		t.Errorf("message after update = %+v", m)
	}

	if _, err := srv.SendInteraction(srv.InGuild(
		Autocomplete("ask", StringOption("topic", "sno")), guildID, channelID, userID, 0)); err != nil {
		t.Fatal(err)
	}
	i = recv(t, got, "autocomplete")
	if i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		t.Fatalf("type = %v; want autocomplete", i.Type)
	}
	if o := i.ApplicationCommandData().Options[0]; !o.Focused || o.StringValue() != "sno" {
		t.Errorf("option = %+v; want focused sno", o)
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 26)
	for k := range choices {
		choices[k] = &discordgo.ApplicationCommandOptionChoice{Name: "c", Value: "c"}
	}
	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	restError(t, err, http.StatusBadRequest, discordgo.ErrCodeInvalidFormBody)
	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices[:25]},
	})
	if err != nil {
		t.Errorf("25 choices: %v", err)
	}
}

func TestFailNextRateLimit(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	srv.AddChannel(&discordgo.Channel{ID: channelID, GuildID: guildID, Type: discordgo.ChannelTypeGuildText})
	s := newSession(t, srv) // REST only
	srv.FailNext(Route("POST", "/api/v9/channels/{}/messages"), 1, http.StatusTooManyRequests,
		`{"retry_after":0.1,"global":false,"message":"You are being rate limited."}`)
	if _, err := s.ChannelMessageSend(channelID, "hi"); err != nil {
		t.Fatalf("send after 429: %v", err)
	}
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 200 {
		t.Errorf("statuses = %v; want [429 200]", statuses)
	}
	if got := srv.Requests()[1].Time.Sub(srv.Requests()[0].Time); got < 90e6 {
		t.Errorf("retried after %v; want about 100ms", got)
	}

	s.ShouldRetryOnRateLimit = false
	srv.FailNext(Route("", "/api/v9/channels/{}/messages"), 1, http.StatusTooManyRequests, "")
	var rl *discordgo.RateLimitError
	if _, err := s.ChannelMessageSend(channelID, "hi"); !errors.As(err, &rl) {
		t.Errorf("error = %v; want *discordgo.RateLimitError", err)
	}

	srv.FailNext(Route("POST", "/api/v9/channels/{}/messages"), 1, http.StatusInternalServerError, "")
	_, err := s.ChannelMessageSend(channelID, "hi")
	restError(t, err, http.StatusInternalServerError, 0)

	if _, err := s.Request("GET", "https://discord.com/api/v9/nowhere", nil); err == nil {
		t.Error("unknown route: no error")
	} else {
		restError(t, err, http.StatusNotFound, 0)
	}
}

func TestCommandValidation(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	opt := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "d", Required: required}
	}
	tests := []struct {
		name string
		cmd  *discordgo.ApplicationCommand
		ok   bool
	}{
		{"valid", &discordgo.ApplicationCommand{Name: "ask", Description: "Ask"}, true},
		{"upper-case name", &discordgo.ApplicationCommand{Name: "Ask", Description: "Ask"}, false},
		{"space in name", &discordgo.ApplicationCommand{Name: "ask me", Description: "Ask"}, false},
		{"no description", &discordgo.ApplicationCommand{Name: "ask"}, false},
		{"required after optional", &discordgo.ApplicationCommand{Name: "ask", Description: "Ask",
			Options: []*discordgo.ApplicationCommandOption{opt("a", false), opt("b", true)}}, false},
		{"context menu", &discordgo.ApplicationCommand{Name: "Ask about this", Type: discordgo.MessageApplicationCommand}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ApplicationCommandBulkOverwrite(srv.AppID(), guildID, []*discordgo.ApplicationCommand{tt.cmd})
			if (err == nil) != tt.ok {
				t.Errorf("ApplicationCommandBulkOverwrite(%+v) error = %v; want ok=%v", tt.cmd, err, tt.ok)
			}
		})
	}
	if _, err := s.ApplicationCommandBulkOverwrite(srv.BotID(), "", nil); err == nil {
		t.Error("overwrite with the bot ID as application ID succeeded")
	}
}

func TestCloseGatewayEndsConnection(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	s.ShouldReconnectOnError = false
	disconnected := make(chan struct{}, 1)
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { disconnected <- struct{}{} })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := srv.WaitReady(waitCtx(t)); err != nil {
		t.Fatal(err)
	}
	srv.CloseGateway(4004, "Authentication failed.")
	recv(t, disconnected, "Disconnect")
	if err := srv.Dispatch("MESSAGE_CREATE", map[string]string{"id": "1"}); !errors.Is(err, ErrNoGateway) {
		t.Errorf("Dispatch after a fatal close = %v; want ErrNoGateway", err)
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("Connections() = %d; want 1 (no reconnect)", n)
	}
}

func TestRejectIdentify(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	srv.RejectIdentifyWith(4014)
	s := newSession(t, srv)
	s.Identify.Intents |= discordgo.IntentsMessageContent
	err := s.Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4014 {
		t.Fatalf("Open() = %v; want close 4014", err)
	}
	if _, ok := srv.Identify(); !ok {
		t.Error("IDENTIFY not recorded")
	}
}

func TestReconnectAfterClose(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := openSession(t, srv)
	got := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })

	srv.CloseGateway(4000, "Unknown error.")
	if err := srv.WaitReady(waitCtx(t)); err != nil {
		t.Fatal(err)
	}
	if n := srv.Connections(); n < 2 {
		t.Errorf("Connections() = %d; want a second connection", n)
	}
	if _, err := srv.SendInteraction(srv.InDM(SlashCommand("ping"), "400000000000000001", userID)); err != nil {
		t.Fatal(err)
	}
	if i := recv(t, got, "interaction after reconnect"); i.ApplicationCommandData().Name != "ping" {
		t.Errorf("got %+v", i)
	}
}

func TestConcurrentDispatch(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := openSession(t, srv)
	const n = 50
	got := make(chan int64, n)
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
		if e.Type == "TYPING_START" {
			got <- e.Sequence
		}
	})
	errs := make(chan error, n)
	for k := 0; k < n; k++ {
		go func() {
			errs <- srv.Dispatch("TYPING_START", map[string]any{"channel_id": channelID, "user_id": userID, "timestamp": 1})
		}()
	}
	for k := 0; k < n; k++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	for k := 0; k < n; k++ {
		seq := recv(t, got, "TYPING_START")
		if seen[seq] {
			t.Fatalf("sequence %d twice", seq)
		}
		seen[seq] = true
	}
}

func TestServerCloseWithOpenGateway(t *testing.T) {
	t.Parallel()
	srv := New(t, Options{})
	s := newSession(t, srv)
	s.ShouldReconnectOnError = false
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	srv.Close() // must not block on the open websocket
	if err := srv.WaitReady(waitCtx(t)); !errors.Is(err, ErrClosed) {
		t.Errorf("WaitReady after Close = %v; want ErrClosed", err)
	}
}

func ptr[T any](v T) *T { return &v }
