package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request is one REST request received by the fake.
type Request struct {
	Time   time.Time   // arrival
	Method string      // "GET", "POST", ...
	Path   string      // decoded path, e.g. "/api/v9/channels/1/messages"
	Query  url.Values  // query parameters, e.g. wait=true
	Header http.Header // request headers (Authorization, Content-Type, ...)
	Body   []byte      // raw body: JSON, or multipart/form-data with files
	Status int         // the status code the fake answered with
}

type entry struct {
	req  Request
	done bool // answered; only done requests are visible to tests
}

// JSON unmarshals the request's JSON body into v. For a multipart body it
// unmarshals the "payload_json" part. It returns an error when there is no
// body or it does not decode.
func (r Request) JSON(v any) error {
	payload, _, err := splitBody(r.Header.Get("Content-Type"), r.Body)
	if err != nil {
		return err
	}
	if len(payload) == 0 {
		return fmt.Errorf("%s %s: empty body", r.Method, r.Path)
	}
	if err := json.Unmarshal(payload, v); err != nil {
		return fmt.Errorf("%s %s: decode body: %w", r.Method, r.Path, err)
	}
	return nil
}

// Files returns the files uploaded in a multipart body, by file name.
func (r Request) Files() map[string][]byte {
	_, files, _ := splitBody(r.Header.Get("Content-Type"), r.Body)
	out := map[string][]byte{}
	for _, f := range files {
		out[f.filename] = f.data
	}
	return out
}

func (r Request) String() string {
	s := r.Method + " " + r.Path
	if len(r.Query) > 0 {
		s += "?" + r.Query.Encode()
	}
	return s + " -> " + strconv.Itoa(r.Status)
}

type upload struct {
	field, filename, contentType string
	data                         []byte
}

// splitBody returns the JSON payload of a request body and its files.
func splitBody(contentType string, body []byte) (json.RawMessage, []upload, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		return body, nil, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var payload json.RawMessage
	var files []upload
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read multipart body: %w", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read multipart body: %w", err)
		}
		switch {
		case p.FormName() == "payload_json":
			payload = data
		case p.FileName() != "":
			files = append(files, upload{
				field:       p.FormName(),
				filename:    p.FileName(),
				contentType: p.Header.Get("Content-Type"),
				data:        data,
			})
		}
	}
	return payload, files, nil
}

func (r Request) clone() Request {
	c := r
	c.Header = r.Header.Clone()
	c.Query = url.Values{}
	for k, v := range r.Query {
		c.Query[k] = append([]string(nil), v...)
	}
	c.Body = bytes.Clone(r.Body)
	return c
}

// Requests returns every answered REST request so far, in order of arrival.
// Gateway (websocket) traffic is not included.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, e := range s.requests {
		if e.done {
			out = append(out, e.req.clone())
		}
	}
	return out
}

// WaitRequest returns the first request, in order of arrival, that matches,
// waiting for it if it has not come yet. A request counts once the fake has
// answered it, so its effects (stored messages, threads) are visible. When
// ctx ends it returns an error listing the requests received.
func (s *Server) WaitRequest(ctx context.Context, match func(Request) bool) (Request, error) {
	var found Request
	var seen int
	err := s.waitFor(ctx, func() bool {
		seen = 0
		for _, e := range s.requests {
			if !e.done {
				continue
			}
			seen++
			if match(e.req) {
				found = e.req.clone()
				return true
			}
		}
		return false
	})
	if err != nil {
		return Request{}, fmt.Errorf("wait for request: %w; received %d:\n%s", err, seen, s.summary())
	}
	return found, nil
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		b.WriteString("  " + r.String() + "\n")
	}
	if b.Len() == 0 {
		return "  (none)\n"
	}
	return b.String()
}

// Route returns a matcher for requests with this method (any method if
// empty) and path pattern. In the pattern, "{}" matches any one path
// segment: Route("PATCH", "/api/v9/webhooks/{}/{}/messages/@original").
func Route(method, pathPattern string) func(Request) bool {
	return func(r Request) bool {
		return (method == "" || method == r.Method) && matchPath(pathPattern, r.Path, nil)
	}
}

// matchPath reports whether path matches pattern, appending the segments
// matched by "{}" to params.
func matchPath(pattern, path string, params *[]string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return false
	}
	var got []string
	for i, p := range ps {
		switch {
		case p == "{}":
			if xs[i] == "" {
				return false
			}
			got = append(got, xs[i])
		case p != xs[i]:
			return false
		}
	}
	if params != nil {
		*params = got
	}
	return true
}

type failure struct {
	match  func(Request) bool
	left   int
	status int
	body   string
}

// FailNext makes the next n requests that match get this status and body
// instead of being served; they have no other effect. An empty body gets
// Discord's usual one for the status. A 429 also gets the headers discordgo
// reads (Retry-After, X-RateLimit-*), taken from the body's retry_after
// (seconds) and global fields, e.g.
//
//	srv.FailNext(Route("POST", "/api/v9/channels/{}/messages"), 1, 429,
//		`{"retry_after":0.1,"global":false,"message":"You are being rate limited."}`)
//
// discordgo retries a 429 after retry_after by itself, and a 502 up to
// MaxRestRetries times.
func (s *Server) FailNext(match func(Request) bool, n int, status int, body string) {
	if body == "" {
		body = defaultErrorBody(status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &failure{match: match, left: n, status: status, body: body})
}

// takeFailureLocked returns the injected failure for req, if any.
func (s *Server) takeFailureLocked(req Request) *failure {
	for _, f := range s.failures {
		if f.left > 0 && f.match(req) {
			f.left--
			return f
		}
	}
	return nil
}

func (f *failure) response() response {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	if f.status == http.StatusTooManyRequests {
		var rl struct {
			RetryAfter float64 `json:"retry_after"`
			Global     bool    `json:"global"`
		}
		_ = json.Unmarshal([]byte(f.body), &rl)
		after := strconv.FormatFloat(rl.RetryAfter, 'f', 3, 64)
		reset := float64(time.Now().UnixMilli())/1000 + rl.RetryAfter
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(rl.RetryAfter))))
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", after)
		h.Set("X-RateLimit-Bucket", "discordtest")
		if rl.Global {
			h.Set("X-RateLimit-Global", "true")
			h.Set("X-RateLimit-Scope", "global")
		} else {
			h.Set("X-RateLimit-Scope", "user")
		}
	}
	return response{status: f.status, header: h, body: []byte(f.body)}
}

func defaultErrorBody(status int) string {
	switch status {
	case http.StatusBadRequest:
		return `{"message": "400: Bad Request", "code": 0}`
	case http.StatusUnauthorized:
		return `{"message": "401: Unauthorized", "code": 0}`
	case http.StatusForbidden:
		return `{"message": "Missing Permissions", "code": 50013}`
	case http.StatusNotFound:
		return `{"message": "404: Not Found", "code": 0}`
	case http.StatusTooManyRequests:
		return `{"message": "You are being rate limited.", "retry_after": 0.1, "global": false}`
	case http.StatusBadGateway:
		return `{"message": "502: Bad Gateway", "code": 0}`
	default:
		return fmt.Sprintf(`{"message": "%d: %s", "code": 0}`, status, http.StatusText(status))
	}
}
