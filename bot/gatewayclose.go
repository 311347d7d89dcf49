package bot

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Fatal gateway close codes: reconnecting cannot fix them, so cabot stops
// with a message that says what to change. discordgo itself reconnects
// forever on every close code.
var fatalCloseCodes = map[int]string{
	4004: "Discord rejected the token (close code 4004): check CABOT_DISCORD_TOKEN",
	4010: "invalid shard (close code 4010)",
	4011: "sharding required (close code 4011): the bot is in too many servers for one connection",
	4012: "invalid gateway API version (close code 4012)",
	4013: "invalid intents (close code 4013)",
	4014: "disallowed intents (close code 4014): enable them for the application in the Discord developer portal, or turn discord.message_content off",
}

// GatewayError is a fatal close of the Discord gateway.
type GatewayError struct {
	Code int
	Msg  string
}

func (e *GatewayError) Error() string { return e.Msg }

// closeWatchingDialer returns a websocket dialer whose connections report
// the first fatal close frame the server sends. It sees the frames because
// it owns the connection below the websocket layer (and does the TLS
// handshake itself for wss://).
func closeWatchingDialer(onFatal func(*GatewayError)) *websocket.Dialer {
	var d net.Dialer
	wrap := func(c net.Conn) net.Conn { return &closeSniffer{Conn: c, onFatal: onFatal} }
	return &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 30 * time.Second,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return wrap(c), nil
		},
		NetDialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			raw, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				host = addr
			}
			tc := tls.Client(raw, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
			if err := tc.HandshakeContext(ctx); err != nil {
				raw.Close()
				return nil, fmt.Errorf("tls handshake with %s: %w", addr, err)
			}
			return wrap(tc), nil
		},
	}
}

// closeSniffer follows the websocket frames the server sends (after the
// HTTP upgrade response) and reports a close frame with a fatal code.
// Server frames are never masked.
type closeSniffer struct {
	net.Conn
	onFatal func(*GatewayError)

	mu       sync.Mutex
	upgraded bool   // past the HTTP response headers
	head     []byte // bytes of the HTTP response, or of a frame header
	skip     uint64 // payload bytes of the current frame still to pass
	closing  bool   // the current frame is a close frame
	payload  []byte // its payload so far
	reported bool
}

func (c *closeSniffer) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		c.feed(p[:n])
		c.mu.Unlock()
	}
	return n, err
}

func (c *closeSniffer) feed(b []byte) {
	for len(b) > 0 && !c.reported {
		if !c.upgraded {
			c.head = append(c.head, b[0])
			b = b[1:]
			if l := len(c.head); l >= 4 && string(c.head[l-4:]) == "\r\n\r\n" {
				c.upgraded, c.head = true, c.head[:0]
			} else if l > 64*1024 {
				c.reported = true // not a websocket stream we understand; stop looking
			}
			continue
		}
		if c.skip > 0 {
			k := min(uint64(len(b)), c.skip)
			if c.closing {
				c.payload = append(c.payload, b[:k]...)
			}
			b, c.skip = b[k:], c.skip-k
			if c.skip == 0 && c.closing {
				c.closed()
			}
			continue
		}
		c.head = append(c.head, b[0])
		b = b[1:]
		need := 2
		if len(c.head) >= 2 {
			switch c.head[1] & 0x7f {
			case 126:
				need = 4
			case 127:
				need = 10
			}
		}
		if len(c.head) < need {
			continue
		}
		opcode := c.head[0] & 0x0f
		var size uint64
		switch need {
		case 2:
			size = uint64(c.head[1] & 0x7f)
		case 4:
			size = uint64(binary.BigEndian.Uint16(c.head[2:4]))
		case 10:
			size = binary.BigEndian.Uint64(c.head[2:10])
		}
		c.head = c.head[:0]
		c.closing, c.payload, c.skip = opcode == websocket.CloseMessage, nil, size
		if c.skip == 0 && c.closing {
			c.closed()
		}
	}
}

func (c *closeSniffer) closed() {
	c.closing = false
	if len(c.payload) < 2 {
		return
	}
	code := int(binary.BigEndian.Uint16(c.payload[:2]))
	msg, fatal := fatalCloseCodes[code]
	if !fatal {
		return
	}
	c.reported = true
	if reason := string(c.payload[2:]); reason != "" {
		msg += " (Discord said: " + reason + ")"
	}
	c.onFatal(&GatewayError{Code: code, Msg: msg})
}
