package discordtest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Defaults for Options.
const (
	DefaultBotID             = "100000000000000001"
	DefaultBotName           = "cabot"
	DefaultAppID             = "100000000000000002"
	DefaultHeartbeatInterval = 45 * time.Second
)

// ErrNoGateway is returned by Dispatch, SendInteraction and SendMessage when
// no client has identified on the gateway, so the event would reach nobody.
var ErrNoGateway = errors.New("discordtest: no gateway session")

// ErrClosed is returned by the Wait methods once the server is closed.
var ErrClosed = errors.New("discordtest: server closed")

// Options configures a Server. Zero values take the defaults.
type Options struct {
	// BotID is the ID of the bot user (default DefaultBotID).
	BotID string
	// BotName is the bot's username (default DefaultBotName).
	BotName string
	// AppID is the application ID, which differs from BotID by default so
	// that a bot mixing them up fails (default DefaultAppID).
	AppID string
	// HeartbeatInterval is sent in HELLO (default 45s).
	HeartbeatInterval time.Duration
	// Shards is the shard count GET /gateway/bot recommends (default 1).
	// Whatever it is, each guild's events go to the session whose shard
	// matches (guild_id >> 22) % shard_count, DMs to shard 0.
	Shards int
}

// Server is a fake Discord: REST API, gateway and an in-memory store of
// channels, messages, commands and interactions. All methods are safe for
// concurrent use.
type Server struct {
	opts     Options
	t        testing.TB
	srv      *httptest.Server
	upgrader websocket.Upgrader
	lastID   atomic.Uint64
	wg       sync.WaitGroup // gateway connections

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change, see notifyLocked
	closed   bool
	requests []*entry
	failures []*failure

	// gateway
	conns      map[*gwConn]struct{}
	sessions   map[string]*gwSession
	connCount  int
	heartbeats int
	identify   json.RawMessage
	rejectCode int

	// store
	users        map[string]*discordgo.User
	channels     map[string]*discordgo.Channel
	chanOrder    []string
	messages     map[string]*storedMsg   // by message ID
	chanMsgs     map[string][]*storedMsg // by channel ID, in creation order
	interactions map[string]*interState  // by token
	commands     map[string][]json.RawMessage
}

// New starts a fake Discord on a loopback port. t.Cleanup closes it.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.BotID == "" {
		opts.BotID = DefaultBotID
	}
	if opts.BotName == "" {
		opts.BotName = DefaultBotName
	}
	if opts.AppID == "" {
		opts.AppID = DefaultAppID
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = DefaultHeartbeatInterval
	}
	s := &Server{
		opts:         opts,
		t:            t,
		changed:      make(chan struct{}),
		conns:        map[*gwConn]struct{}{},
		sessions:     map[string]*gwSession{},
		users:        map[string]*discordgo.User{},
		channels:     map[string]*discordgo.Channel{},
		messages:     map[string]*storedMsg{},
		chanMsgs:     map[string][]*storedMsg{},
		interactions: map[string]*interState{},
		commands:     map[string][]json.RawMessage{},
		upgrader: websocket.Upgrader{
			CheckOrigin: func(*http.Request) bool { return true },
		},
	}
	s.users[opts.BotID] = s.botUser()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.Close)
	return s
}

// URL returns the server's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.srv.URL }

// APIBase returns URL()+"/api/v9", the prefix of every REST route.
func (s *Server) APIBase() string { return s.srv.URL + "/api/v9" }

// GatewayURL returns the websocket URL handed out by GET /api/v9/gateway.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/ws"
}

// BotID returns the bot user's ID.
func (s *Server) BotID() string { return s.opts.BotID }

// AppID returns the application ID.
func (s *Server) AppID() string { return s.opts.AppID }

// Close closes every gateway connection, waits for their goroutines and
// stops the HTTP server. It is safe to call more than once. Clients that
// reconnect afterwards get connection errors.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()

	for _, c := range conns {
		_ = c.ws.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseGoingAway, "server closed"),
			time.Now().Add(100*time.Millisecond))
		c.ws.Close()
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	s.srv.Close()
}

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor calls cond under s.mu until it returns true, ctx ends or the
// server closes.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		closed, ch := s.closed, s.changed
		s.mu.Unlock()
		if closed {
			return ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// logf reports fake-side surprises (unknown routes, bad gateway payloads)
// in the test log while the server is open.
func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if !closed {
		s.t.Logf("discordtest: "+format, args...)
	}
}

const discordEpochMillis = 1420070400000

// newID returns a fresh snowflake that encodes the current time and is
// larger than every ID returned before.
func (s *Server) newID() string {
	for {
		last := s.lastID.Load()
		next := uint64(time.Now().UnixMilli()-discordEpochMillis) << 22
		if next <= last {
			next = last + 1
		}
		if s.lastID.CompareAndSwap(last, next) {
			return strconv.FormatUint(next, 10)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func randomToken() string {
	b := make([]byte, 48)
	_, _ = rand.Read(b)
	return "aW50ZXJhY3Rpb246" + base64.RawURLEncoding.EncodeToString(b)
}

// botUser returns the bot user as Discord describes it.
func (s *Server) botUser() *discordgo.User {
	return &discordgo.User{
		ID:            s.opts.BotID,
		Username:      s.opts.BotName,
		Discriminator: "0",
		Bot:           true,
		Verified:      true,
	}
}

// userLocked returns the known user with this ID, or a made-up one.
func (s *Server) userLocked(id string) *discordgo.User {
	if u, ok := s.users[id]; ok {
		c := *u
		return &c
	}
	name := id
	if len(name) > 4 {
		name = name[len(name)-4:]
	}
	return &discordgo.User{ID: id, Username: "user" + name, Discriminator: "0"}
}

// rememberUserLocked records a user seen in an event, for mentions and
// GET /users/{id}.
func (s *Server) rememberUserLocked(u *discordgo.User) {
	if u == nil || u.ID == "" {
		return
	}
	c := *u
	s.users[u.ID] = &c
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordtest: marshal: " + err.Error())
	}
	return b
}

// timestamp formats t the way Discord does.
func timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000-07:00")
}
