package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"
)

// metricSources and metricResults are the label values that
// cabot_questions_total and cabot_documents_ingested_total accept; anything
// else is counted as metricOther, so that a wiring mistake cannot create
// unbounded series.
var (
	metricSources = []string{"slash", "mention", "thread", "dm", "reply"}
	metricResults = []string{"added", "duplicate", "failed"}
)

const metricOther = "other"

// metricAnswerBuckets cover answers from 1 ms (a cached or refused answer) to 60 s
// (a slow language model), in seconds.
var metricAnswerBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60}

// metricHelp is the # HELP text of each of the bot's metrics.
var metricHelp = map[string]string{
	"cabot_questions_total":          "Questions received, by where they were asked (slash, mention, thread, dm, reply).",
	"cabot_answer_seconds":           "Time taken to compute an answer, by answer mode.",
	"cabot_answers_total":            "Answers given, by answer mode and whether they were grounded in the documents.",
	"cabot_feedback_total":           "Feedback on answers, by whether the answer was rated helpful.",
	"cabot_documents_ingested_total": "Documents offered to the library, by result (added, duplicate, failed).",
	"cabot_busy_total":               "Questions turned away by a rate limit or for want of a free answer slot.",
	"cabot_gateway_connected":        "1 while the Discord gateway connection is up, else 0.",
	"cabot_grounded_ratio": "Share of answers since start that were grounded in the documents (NaN before the first answer); " +
		"for a recent share use rate() over cabot_answers_total.",
}

// healthShutdownGrace bounds the wait for requests in flight when Serve stops.
const healthShutdownGrace = 5 * time.Second

// Metrics are the bot's Prometheus metrics, in a set of their own (never
// the library's global one, so that tests and several bots in one process
// count apart).
//
// Every method is safe on a nil *Metrics: recording methods do nothing, and
// Handler and Serve still answer /healthz and /readyz but not /metrics.
type Metrics struct {
	set *metrics.Set

	busy          *metrics.Counter
	gateway       *metrics.Gauge
	groundedRatio *metrics.Gauge

	// mu keeps the two counts and the ratio derived from them consistent.
	mu               sync.Mutex
	answered, ground uint64
}

// NewMetrics returns metrics in a new set; /metrics also shows the Go
// runtime and process metrics.
func NewMetrics() *Metrics {
	// Process-wide: the library writes # HELP and # TYPE lines only when
	// told to, for every set.
	metrics.ExposeMetadata(true)
	set := metrics.NewSet()
	m := &Metrics{
		set:           set,
		busy:          set.NewCounter("cabot_busy_total"),
		gateway:       set.NewGauge("cabot_gateway_connected", nil),
		groundedRatio: set.NewGauge("cabot_grounded_ratio", nil),
	}
	m.groundedRatio.Set(math.NaN())
	// Series that exist from the start make rate() and absence alerts work
	// before the first event.
	for _, s := range metricSources {
		set.GetOrCreateCounter(series("cabot_questions_total", "source", s))
	}
	for _, r := range metricResults {
		set.GetOrCreateCounter(series("cabot_documents_ingested_total", "result", r))
	}
	for _, h := range []string{"true", "false"} {
		set.GetOrCreateCounter(series("cabot_feedback_total", "helpful", h))
	}
	return m
}

// labelEscaper escapes a label value for the text exposition format.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// series names the series of metric name with the given label names and
// values (in pairs, sorted by name as Prometheus writes them).
func series(name string, labels ...string) string {
	var b strings.Builder
	b.WriteString(name)
	for i := 0; i+1 < len(labels); i += 2 {
		if i == 0 {
			b.WriteByte('{')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(labels[i] + `="` + labelEscaper.Replace(labels[i+1]) + `"`)
	}
	if len(labels) > 0 {
		b.WriteByte('}')
	}
	return b.String()
}

// Question counts a question received from source: "slash", "mention",
// "thread", "dm" or "reply" (anything else is counted as "other").
func (m *Metrics) Question(source string) {
	if m == nil {
		return
	}
	m.set.GetOrCreateCounter(series("cabot_questions_total", "source", metricLabel(source, metricSources))).Inc()
}

// Answer records an answer given in mode ("extractive", "llm", ...) after d,
// and whether it was grounded in the documents. It also updates
// cabot_grounded_ratio.
func (m *Metrics) Answer(mode string, grounded bool, d time.Duration) {
	if m == nil {
		return
	}
	if mode == "" {
		mode = "unknown"
	}
	m.set.GetOrCreatePrometheusHistogramExt(series("cabot_answer_seconds", "mode", mode), metricAnswerBuckets).Update(d.Seconds())
	m.set.GetOrCreateCounter(series("cabot_answers_total", "grounded", strconv.FormatBool(grounded), "mode", mode)).Inc()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answered++
	if grounded {
		m.ground++
	}
	m.groundedRatio.Set(float64(m.ground) / float64(m.answered))
}

// Feedback counts a rating of an answer.
func (m *Metrics) Feedback(helpful bool) {
	if m == nil {
		return
	}
	m.set.GetOrCreateCounter(series("cabot_feedback_total", "helpful", strconv.FormatBool(helpful))).Inc()
}

// Ingested counts a document offered to the library, by result: "added",
// "duplicate" or "failed" (anything else is counted as "other").
func (m *Metrics) Ingested(result string) {
	if m == nil {
		return
	}
	m.set.GetOrCreateCounter(series("cabot_documents_ingested_total", "result", metricLabel(result, metricResults))).Inc()
}

// Busy counts a question turned away by a rate limit or for want of a free
// answer slot.
func (m *Metrics) Busy() {
	if m == nil {
		return
	}
	m.busy.Inc()
}

// Gateway records whether the Discord gateway connection is up.
func (m *Metrics) Gateway(connected bool) {
	if m == nil {
		return
	}
	if connected {
		m.gateway.Set(1)
	} else {
		m.gateway.Set(0)
	}
}

func metricLabel(v string, set []string) string {
	if slices.Contains(set, v) {
		return v
	}
	return metricOther
}

// Handler serves /healthz (200 "ok" while the process runs), /readyz (200
// when ready() returns nil, else 503 with the reason as text) and /metrics
// (Prometheus text format: the Metrics set, then the Go runtime and process
// metrics). A nil ready counts as always ready; on a nil
// *Metrics, /metrics is 404.
func (m *Metrics) Handler(ready func() error) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		healthText(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ready != nil {
			if err := ready(); err != nil {
				healthText(w, http.StatusServiceUnavailable, err.Error())
				return
			}
		}
		healthText(w, http.StatusOK, "ready")
	})
	if m != nil {
		mux.HandleFunc("GET /metrics", m.serveMetrics)
	}
	return mux
}

// serveMetrics writes the set, with the help text of each metric, then the
// Go runtime and process metrics.
func (m *Metrics) serveMetrics(w http.ResponseWriter, _ *http.Request) {
	var buf bytes.Buffer
	m.set.WritePrometheus(&buf)
	metrics.WriteProcessMetrics(&buf)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	for line := range strings.Lines(buf.String()) {
		// The library writes "# HELP name" without text.
		if name, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "# HELP "); ok && metricHelp[name] != "" {
			line = "# HELP " + name + " " + metricHelp[name] + "\n"
		}
		if _, err := io.WriteString(w, line); err != nil {
			return
		}
	}
}

func healthText(w http.ResponseWriter, code int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = fmt.Fprintln(w, text)
}

// ErrNotLoopback is returned by Serve for an address that is not on the
// loopback interface: the health and metrics listener is loopback-only.
var ErrNotLoopback = errors.New("health listener is loopback-only: use 127.0.0.1:PORT, [::1]:PORT or localhost:PORT")

// Serve listens on addr, which must be a loopback address (127.0.0.1:PORT,
// [::1]:PORT or localhost:PORT; port 0 picks a free port), and serves
// Handler(ready) until ctx ends, then shuts the server down gracefully. It
// returns the bound address, and a channel that yields the error that
// stopped the server, if any, and is closed once the server has stopped.
// Serve returns an error wrapping ErrNotLoopback for any other address, and
// the listen error when addr cannot be bound.
func (m *Metrics) Serve(ctx context.Context, addr string, ready func() error) (net.Addr, <-chan error, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, fmt.Errorf("health listener address %q: %w", addr, err)
	}
	if !healthLoopbackHost(host) {
		return nil, nil, fmt.Errorf("health listener address %q: %w", addr, ErrNotLoopback)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("health listener: %w", err)
	}
	// localhost is resolved by the system; make sure it meant loopback.
	if tcp, ok := ln.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		_ = ln.Close()
		return nil, nil, fmt.Errorf("health listener address %q bound %s: %w", addr, ln.Addr(), ErrNotLoopback)
	}
	srv := &http.Server{
		Handler:           m.Handler(ready),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	errc := make(chan error, 2)
	go func() {
		defer close(errc)
		select {
		case err := <-served:
			// Serve stopped on its own: only Shutdown makes it return
			// ErrServerClosed, so this is a failure.
			errc <- fmt.Errorf("health server: %w", err)
			return
		case <-ctx.Done():
		}
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), healthShutdownGrace)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			_ = srv.Close()
			errc <- fmt.Errorf("shut down health server: %w", err)
		}
		if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("health server: %w", err)
		}
	}()
	return ln.Addr(), errc, nil
}

// healthLoopbackHost reports whether host names the loopback interface:
// localhost or a loopback IP address. An empty host (every interface) is not.
func healthLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}
