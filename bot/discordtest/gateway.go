package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

const (
	writeTimeout  = 5 * time.Second
	closeGrace    = 2 * time.Second // how long to wait for the client's close frame
	replayLogSize = 1000
)

// gwSession is a gateway session: created by IDENTIFY, continued by RESUME.
type gwSession struct {
	id      string
	intents int64
	// shard and shards are the session's shard ID and shard count (0 and
	// 1 when it identified without a shard).
	shard, shards int

	mu   sync.Mutex // orders sequence numbers and writes of dispatches
	seq  int64
	conn *gwConn // current connection, nil while disconnected
	log  []seqFrame
}

type seqFrame struct {
	seq   int64
	frame []byte
}

// sendLocked sends a dispatch (op 0) with the next sequence number. Frames
// are kept for replay on RESUME, so a write error only loses the frame
// until the client resumes. sess.mu must be held.
func (sess *gwSession) sendLocked(event string, data []byte) {
	sess.seq++
	frame := make([]byte, 0, len(data)+64)
	frame = append(frame, `{"op":0,"s":`...)
	frame = strconv.AppendInt(frame, sess.seq, 10)
	frame = append(frame, `,"t":`...)
	frame = append(frame, mustJSON(event)...)
	frame = append(frame, `,"d":`...)
	frame = append(frame, data...)
	frame = append(frame, '}')
	sess.log = append(sess.log, seqFrame{sess.seq, frame})
	if len(sess.log) > replayLogSize {
		sess.log = sess.log[len(sess.log)-replayLogSize:]
	}
	if sess.conn != nil {
		_ = sess.conn.write(frame)
	}
}

// gwConn is one websocket connection.
type gwConn struct {
	ws  *websocket.Conn
	wmu sync.Mutex // one writer at a time

	// guarded by Server.mu
	sess       *gwSession
	ready      bool // READY or RESUMED sent
	closing    bool // close frame sent; draining until the client closes
	heartbeats int
}

func (c *gwConn) write(frame []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// WaitReady waits until a client is connected and has received READY (or
// RESUMED). After CloseGateway it waits for the client to come back.
func (s *Server) WaitReady(ctx context.Context) error {
	err := s.waitFor(ctx, func() bool {
		for c := range s.conns {
			if c.ready && !c.closing {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("wait for gateway READY: %w", err)
	}
	return nil
}

// WaitShard waits until a client identified as shard id of shards is
// connected and has received READY (or RESUMED).
func (s *Server) WaitShard(ctx context.Context, id, shards int) error {
	err := s.waitFor(ctx, func() bool {
		for c := range s.conns {
			if c.ready && !c.closing && c.sess != nil && c.sess.shard == id && c.sess.shards == shards {
				return true
			}
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("wait for gateway READY of shard %d of %d: %w", id, shards, err)
	}
	return nil
}

// Identify returns the "d" of the last IDENTIFY received (token, intents,
// properties, ...), and false if there was none.
func (s *Server) Identify() (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.identify == nil {
		return nil, false
	}
	return append(json.RawMessage(nil), s.identify...), true
}

// Connections returns how many gateway connections were accepted so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connCount
}

// RejectIdentifyWith makes the gateway answer every later IDENTIFY and
// RESUME with a close frame of this code (4004 authentication failed, 4014
// disallowed intents, ...) instead of READY. Code 0 restores READY.
func (s *Server) RejectIdentifyWith(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectCode = code
}

// Heartbeats returns how many heartbeats (op 1) clients have sent so far.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// CloseGateway sends a close frame with this code and reason to every
// connected client and drops the connections. discordgo then reconnects
// unless Session.ShouldReconnectOnError is false. Fatal codes (4004, 4007,
// 4009-4014) also end the sessions.
//
// It first waits (up to two seconds) for every ready connection to have
// sent its first heartbeat: discordgo v0.29 sends it from a goroutine
// started by Open, and if the connection is closed before that send, the
// failing heartbeat closes the next connection too, and so on, in a
// reconnect loop that never settles.
func (s *Server) CloseGateway(code int, reason string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.waitFor(ctx, func() bool {
		for c := range s.conns {
			if c.ready && !c.closing && c.heartbeats == 0 {
				return false
			}
		}
		return true
	})
	s.mu.Lock()
	var conns []*gwConn
	for c := range s.conns {
		if !c.closing {
			conns = append(conns, c)
		}
	}
	s.mu.Unlock()
	for _, c := range conns {
		s.closeConn(c, code, reason)
	}
}

// Dispatch sends {"op":0,"s":N,"t":event,"d":data} to every gateway session,
// N being the session's next sequence number. data is marshalled with
// encoding/json (pass a json.RawMessage to send JSON as is). Events for a
// session whose connection is down are replayed when it resumes. It returns
// ErrNoGateway when no client has identified.
func (s *Server) Dispatch(event string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("dispatch %s: %w", event, err)
	}
	return s.broadcast(event, nil, func(int64) ([]byte, bool) { return d, true })
}

// ShardOf returns the shard that receives the events of a guild among
// shards, by Discord's formula (guild_id >> 22) % shards; DMs (guildID "")
// and unparsable IDs go to shard 0.
func ShardOf(guildID string, shards int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || shards <= 1 {
		return 0
	}
	return int((id >> 22) % uint64(shards))
}

// shardRoute returns a filter that keeps the sessions whose shard receives
// the events of guildID ("" for DMs: shard 0).
func (s *Server) shardRoute(guildID string) func(*gwSession) bool {
	return func(sess *gwSession) bool { return ShardOf(guildID, sess.shards) == sess.shard }
}

// broadcast sends an event to every session that route keeps (nil: every
// session); payload decides, from the session's intents, what it gets and
// whether it gets anything. It returns ErrNoGateway when no session is
// kept.
func (s *Server) broadcast(event string, route func(*gwSession) bool, payload func(intents int64) ([]byte, bool)) error {
	s.mu.Lock()
	sessions := make([]*gwSession, 0, len(s.sessions))
	for _, sess := range s.sessions {
		if route == nil || route(sess) {
			sessions = append(sessions, sess)
		}
	}
	s.mu.Unlock()
	if len(sessions) == 0 {
		return ErrNoGateway
	}
	for _, sess := range sessions {
		if d, ok := payload(sess.intents); ok {
			sess.mu.Lock()
			sess.sendLocked(event, d)
			sess.mu.Unlock()
		}
	}
	return nil
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.wg.Add(1)
	s.conns[c] = struct{}{}
	s.connCount++
	s.notifyLocked()
	s.mu.Unlock()
	defer s.wg.Done()
	defer s.dropConn(c)

	ws.SetReadLimit(1 << 20)
	if v := r.URL.Query().Get("v"); v != "" && v != "9" && v != "10" {
		s.closeConn(c, 4012, "Invalid API version.")
	} else if e := r.URL.Query().Get("encoding"); e != "" && e != "json" {
		s.closeConn(c, 4002, "Error while decoding payload.")
	} else {
		hello := `{"op":10,"s":null,"t":null,"d":{"heartbeat_interval":` +
			strconv.FormatInt(s.opts.HeartbeatInterval.Milliseconds(), 10) + `}}`
		if err := c.write([]byte(hello)); err != nil {
			return
		}
	}

	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
				s.endSession(c) // Discord invalidates a session closed with 1000/1001
			}
			return
		}
		s.mu.Lock()
		closing, identified := c.closing, c.sess != nil
		s.mu.Unlock()
		if closing {
			continue
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			s.logf("gateway: undecodable payload %q", data)
			s.closeConn(c, 4002, "Error while decoding payload.")
			continue
		}
		switch p.Op {
		case 1: // heartbeat
			s.mu.Lock()
			c.heartbeats++
			s.heartbeats++
			s.notifyLocked()
			s.mu.Unlock()
			if err := c.write([]byte(`{"op":11,"s":null,"t":null,"d":null}`)); err != nil {
				return
			}
		case 2:
			s.handleIdentify(c, p.D)
		case 6:
			s.handleResume(c, p.D)
		case 3, 4, 8, 14, 31: // presence, voice, request members, lazy requests, soundboard
			if !identified {
				s.closeConn(c, 4003, "Not authenticated.")
			}
		default:
			s.logf("gateway: unknown opcode %d", p.Op)
			s.closeConn(c, 4001, "Unknown opcode.")
		}
	}
}

// dropConn forgets a connection whose reader has ended.
func (s *Server) dropConn(c *gwConn) {
	s.mu.Lock()
	delete(s.conns, c)
	c.ready = false
	sess := c.sess
	s.notifyLocked()
	s.mu.Unlock()
	if sess != nil {
		sess.mu.Lock()
		if sess.conn == c {
			sess.conn = nil
		}
		sess.mu.Unlock()
	}
	c.ws.Close()
}

// endSession makes c's session unresumable.
func (s *Server) endSession(c *gwConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.sess != nil {
		delete(s.sessions, c.sess.id)
	}
}

// closeConn sends a close frame and lets the reader drain until the client
// closes too (or closeGrace passes), so that the frame is not lost to a
// TCP reset.
func (s *Server) closeConn(c *gwConn, code int, reason string) {
	s.mu.Lock()
	if c.closing {
		s.mu.Unlock()
		return
	}
	c.closing = true
	c.ready = false
	if c.sess != nil && fatalCloseCode(code) {
		delete(s.sessions, c.sess.id)
	}
	s.notifyLocked()
	s.mu.Unlock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason),
		time.Now().Add(time.Second))
	_ = c.ws.UnderlyingConn().SetReadDeadline(time.Now().Add(closeGrace))
}

// fatalCloseCode reports whether Discord ends the session with this code.
func fatalCloseCode(code int) bool {
	switch code {
	case 4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014:
		return true
	}
	return false
}

func closeReason(code int) string {
	switch code {
	case 4000:
		return "Unknown error."
	case 4004:
		return "Authentication failed."
	case 4007:
		return "Invalid seq."
	case 4008:
		return "Rate limited."
	case 4009:
		return "Session timed out."
	case 4010:
		return "Invalid shard."
	case 4011:
		return "Sharding required."
	case 4012:
		return "Invalid API version."
	case 4013:
		return "Invalid intent(s)."
	case 4014:
		return "Disallowed intent(s)."
	}
	return ""
}

func (s *Server) handleIdentify(c *gwConn, d json.RawMessage) {
	s.mu.Lock()
	already := c.sess != nil
	if !already {
		s.identify = append(json.RawMessage(nil), d...)
	}
	reject := s.rejectCode
	s.notifyLocked()
	s.mu.Unlock()
	if already {
		s.closeConn(c, 4005, "Already authenticated.")
		return
	}
	if reject != 0 {
		s.closeConn(c, reject, closeReason(reject))
		return
	}
	var id struct {
		Token   string  `json:"token"`
		Intents *int64  `json:"intents"`
		Shard   *[2]int `json:"shard"`
	}
	if err := json.Unmarshal(d, &id); err != nil || id.Token == "" {
		s.closeConn(c, 4004, "Authentication failed.")
		return
	}
	if id.Intents == nil {
		s.closeConn(c, 4013, "Invalid intent(s).")
		return
	}
	if id.Shard != nil && (id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1]) {
		s.closeConn(c, 4010, "Invalid shard.")
		return
	}
	sess := &gwSession{id: randomHex(16), intents: *id.Intents, shards: 1}
	if id.Shard != nil {
		sess.shard, sess.shards = id.Shard[0], id.Shard[1]
	}

	s.mu.Lock()
	var guilds []*discordgo.Guild
	for _, g := range s.guildsLocked() {
		if ShardOf(g.ID, sess.shards) == sess.shard {
			guilds = append(guilds, g)
		}
	}
	s.mu.Unlock()
	unavailable := make([]map[string]any, 0, len(guilds))
	for _, g := range guilds {
		unavailable = append(unavailable, map[string]any{"id": g.ID, "unavailable": true})
	}
	user := map[string]any{
		"id": s.opts.BotID, "username": s.opts.BotName, "discriminator": "0",
		"global_name": nil, "avatar": nil, "bot": true, "verified": true,
		"mfa_enabled": false, "flags": 0, "email": nil,
	}
	ready := map[string]any{
		"v":                   9,
		"user":                user,
		"user_settings":       map[string]any{},
		"guilds":              unavailable,
		"session_id":          sess.id,
		"session_type":        "normal",
		"resume_gateway_url":  s.GatewayURL(),
		"private_channels":    []any{},
		"relationships":       []any{},
		"presences":           []any{},
		"guild_join_requests": []any{},
		"application":         map[string]any{"id": s.opts.AppID, "flags": 0},
		"_trace":              []string{`["discordtest"]`},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}

	// Register the session before READY goes out: once the client has
	// READY, a test may dispatch events to it at any moment.
	sess.mu.Lock()
	sess.conn = c
	s.mu.Lock()
	c.sess = sess
	s.sessions[sess.id] = sess
	s.mu.Unlock()
	sess.sendLocked("READY", mustJSON(ready))
	if sess.intents&int64(discordgo.IntentsGuilds) != 0 {
		for _, g := range guilds {
			sess.sendLocked("GUILD_CREATE", mustJSON(g))
		}
	}
	sess.mu.Unlock()

	s.mu.Lock()
	if !c.closing {
		c.ready = true
	}
	s.notifyLocked()
	s.mu.Unlock()
}

func (s *Server) handleResume(c *gwConn, d json.RawMessage) {
	var rp struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &rp); err != nil {
		s.closeConn(c, 4002, "Error while decoding payload.")
		return
	}
	s.mu.Lock()
	already := c.sess != nil
	reject := s.rejectCode
	sess := s.sessions[rp.SessionID]
	s.mu.Unlock()
	switch {
	case already:
		s.closeConn(c, 4005, "Already authenticated.")
		return
	case reject != 0:
		s.closeConn(c, reject, closeReason(reject))
		return
	case rp.Token == "":
		s.closeConn(c, 4004, "Authentication failed.")
		return
	case sess == nil:
		_ = c.write([]byte(`{"op":9,"s":null,"t":null,"d":false}`))
		return
	}

	sess.mu.Lock()
	if rp.Seq > sess.seq {
		sess.mu.Unlock()
		s.closeConn(c, 4007, "Invalid seq.")
		return
	}
	old := sess.conn
	sess.conn = c
	for _, f := range sess.log {
		if f.seq > rp.Seq {
			_ = c.write(f.frame)
		}
	}
	sess.sendLocked("RESUMED", []byte(`{"_trace":["[\"discordtest\"]"]}`))
	sess.mu.Unlock()
	if old != nil && old != c {
		s.closeConn(old, 4000, "Session resumed elsewhere.")
	}

	s.mu.Lock()
	c.sess = sess
	if !c.closing {
		c.ready = true
	}
	s.notifyLocked()
	s.mu.Unlock()
}

// guildsLocked returns a GUILD_CREATE payload for every guild that has a
// registered channel.
func (s *Server) guildsLocked() []*discordgo.Guild {
	byID := map[string]*discordgo.Guild{}
	var ids []string
	now := time.Now().UTC()
	for _, id := range s.chanOrder {
		ch := s.channels[id]
		if ch.GuildID == "" {
			continue
		}
		g, ok := byID[ch.GuildID]
		if !ok {
			g = &discordgo.Guild{
				ID:              ch.GuildID,
				Name:            "guild" + suffix(ch.GuildID),
				OwnerID:         "100000000000000003",
				JoinedAt:        now,
				MemberCount:     2,
				PreferredLocale: "en-US",
				Roles: []*discordgo.Role{{
					ID: ch.GuildID, Name: "@everyone",
					Permissions: defaultEveryonePermissions,
				}},
				Members: []*discordgo.Member{{
					GuildID: ch.GuildID, User: s.botUser(), JoinedAt: now, Roles: []string{},
				}},
				Channels: []*discordgo.Channel{},
				Threads:  []*discordgo.Channel{},
			}
			byID[ch.GuildID] = g
			ids = append(ids, ch.GuildID)
		}
		cc := copyChannel(ch)
		if cc.IsThread() {
			g.Threads = append(g.Threads, cc)
		} else {
			g.Channels = append(g.Channels, cc)
		}
	}
	sort.Strings(ids)
	out := make([]*discordgo.Guild, 0, len(ids))
	for _, id := range ids {
		out = append(out, byID[id])
	}
	return out
}

func suffix(id string) string {
	if len(id) > 4 {
		return id[len(id)-4:]
	}
	return id
}
