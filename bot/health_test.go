package bot_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cabot/bot"
)

// healthClient does not keep connections, so a request after shutdown dials
// anew and fails.
func healthClient() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
}

func healthGet(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// serveHealth starts Serve on 127.0.0.1:0 and stops it at the end of the
// test, checking that it stopped cleanly.
func serveHealth(t *testing.T, m *bot.Metrics, ready func() error) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr, errc, err := m.Serve(ctx, "127.0.0.1:0", ready)
	if err != nil {
		cancel()
		t.Fatalf("Serve(127.0.0.1:0) = %v", err)
	}
	stopped := false
	stop = func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err, ok := <-errc:
			if ok && err != nil {
				t.Errorf("health server stopped with %v; want nil", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("health server did not stop within 10s of its context ending")
		}
	}
	t.Cleanup(stop)
	return "http://" + addr.String(), stop
}

func TestHealthEndpoints(t *testing.T) {
	t.Parallel()
	var up atomic.Bool
	ready := func() error {
		if !up.Load() {
			return errors.New("discord gateway not connected yet")
		}
		return nil
	}
	base, _ := serveHealth(t, bot.NewMetrics(), ready)
	c := healthClient()

	if code, body := healthGet(t, c, base+"/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("GET /healthz = %d %q; want 200 \"ok\"", code, body)
	}
	code, body := healthGet(t, c, base+"/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "discord gateway not connected yet") {
		t.Errorf("GET /readyz before ready = %d %q; want 503 with the reason", code, body)
	}
	up.Store(true)
	if code, body := healthGet(t, c, base+"/readyz"); code != http.StatusOK {
		t.Errorf("GET /readyz when ready = %d %q; want 200", code, body)
	}
	if code, _ := healthGet(t, c, base+"/nope"); code != http.StatusNotFound {
		t.Errorf("GET /nope = %d; want 404", code)
	}
}

func TestMetricsExposition(t *testing.T) {
	t.Parallel()
	m := bot.NewMetrics()
	base, _ := serveHealth(t, m, nil)

	m.Question("slash")
	m.Question("mention")
	m.Question("mention")
	m.Question("bogus") // counted as other, not as a new series
	m.Answer("extractive", true, 200*time.Millisecond)
	m.Answer("extractive", false, 3*time.Millisecond)
	m.Answer("llm", true, 12*time.Second)
	m.Answer("llm", true, 90*time.Second) // beyond the last bucket
	m.Feedback(true)
	m.Ingested("added")
	m.Ingested("duplicate")
	m.Busy()
	m.Gateway(true)

	code, body := healthGet(t, healthClient(), base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics = %d; want 200", code)
	}
	for _, want := range []string{
		`cabot_questions_total{source="slash"} 1`,
		`cabot_questions_total{source="mention"} 2`,
		`cabot_questions_total{source="dm"} 0`,
		`cabot_questions_total{source="other"} 1`,
		`cabot_answer_seconds_bucket{mode="extractive",le="0.001"} 0`,
		`cabot_answer_seconds_bucket{mode="extractive",le="0.005"} 1`,
		`cabot_answer_seconds_bucket{mode="extractive",le="0.25"} 2`,
		`cabot_answer_seconds_bucket{mode="llm",le="60"} 1`,
		`cabot_answer_seconds_bucket{mode="llm",le="+Inf"} 2`,
		`cabot_answer_seconds_count{mode="extractive"} 2`,
		`cabot_answers_total{grounded="true",mode="extractive"} 1`,
		`cabot_answers_total{grounded="false",mode="extractive"} 1`,
		`cabot_answers_total{grounded="true",mode="llm"} 2`,
		`cabot_feedback_total{helpful="true"} 1`,
		`cabot_feedback_total{helpful="false"} 0`,
		`cabot_documents_ingested_total{result="added"} 1`,
		`cabot_documents_ingested_total{result="duplicate"} 1`,
		`cabot_documents_ingested_total{result="failed"} 0`,
		`cabot_busy_total 1`,
		`cabot_gateway_connected 1`,
		`cabot_grounded_ratio 0.75`,
		"# TYPE cabot_answer_seconds histogram",
		"# TYPE cabot_answers_total counter",
		"# TYPE cabot_grounded_ratio gauge",
		"# HELP cabot_busy_total Questions turned away by a rate limit or for want of a free answer slot.",
		`go_goroutines `,
		`process_start_time_seconds `,
	} {
		if !strings.Contains(body, "\n"+want) {
			t.Errorf("GET /metrics lacks %q", want)
		}
	}
	if strings.Contains(body, `source="bogus"`) {
		t.Error(`GET /metrics has source="bogus"; want it counted as "other"`)
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", body)
	}

	m.Gateway(false)
	if _, body := healthGet(t, healthClient(), base+"/metrics"); !strings.Contains(body, "\ncabot_gateway_connected 0\n") {
		t.Error("after Gateway(false), /metrics lacks cabot_gateway_connected 0")
	}
}

func TestMetricsGroundedRatioBeforeAnyAnswer(t *testing.T) {
	t.Parallel()
	base, _ := serveHealth(t, bot.NewMetrics(), nil)
	// NaN, not 0: no answers yet is not "nothing grounded".
	if _, body := healthGet(t, healthClient(), base+"/metrics"); !strings.Contains(body, "\ncabot_grounded_ratio NaN\n") {
		t.Errorf("GET /metrics before any answer lacks cabot_grounded_ratio NaN")
	}
}

func TestHealthServeRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", "10.0.0.1:9000", ":0", "[::]:0", "192.168.1.5:8080", "example.com:9090"} {
		t.Run(addr, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			got, _, err := bot.NewMetrics().Serve(ctx, addr, nil)
			if err == nil {
				t.Fatalf("Serve(%q) listened on %v; want it refused", addr, got)
			}
			if !errors.Is(err, bot.ErrNotLoopback) || !strings.Contains(err.Error(), "loopback-only") {
				t.Errorf("Serve(%q) error = %v; want one saying the listener is loopback-only", addr, err)
			}
		})
	}
}

func TestHealthServeAcceptsLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"127.0.0.1:0", "localhost:0", "[::1]:0"} {
		t.Run(addr, func(t *testing.T) {
			t.Parallel()
			if addr == "[::1]:0" {
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					t.Skipf("no IPv6 loopback here: %v", err)
				}
				ln.Close()
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			got, errc, err := bot.NewMetrics().Serve(ctx, addr, nil)
			if err != nil {
				t.Fatalf("Serve(%q) = %v; want it to listen", addr, err)
			}
			if code, _ := healthGet(t, healthClient(), "http://"+got.String()+"/healthz"); code != http.StatusOK {
				t.Errorf("GET /healthz on %s = %d; want 200", got, code)
			}
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("Serve(%q) stopped with %v; want nil", addr, err)
			}
		})
	}
}

func TestHealthServeStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	base, stop := serveHealth(t, bot.NewMetrics(), nil)
	c := healthClient()
	if code, _ := healthGet(t, c, base+"/healthz"); code != http.StatusOK {
		t.Fatalf("GET /healthz = %d; want 200", code)
	}
	stop() // fails the test unless the error channel yields nil or closes
	if resp, err := c.Get(base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("GET /healthz after shutdown = %d; want the connection refused", resp.StatusCode)
	}
}

func TestMetricsNilIsNoOp(t *testing.T) {
	t.Parallel()
	var m *bot.Metrics
	m.Question("slash")
	m.Answer("extractive", true, time.Second)
	m.Feedback(false)
	m.Ingested("failed")
	m.Busy()
	m.Gateway(true)

	// Without metrics the probes still work; /metrics does not exist.
	base, _ := serveHealth(t, m, func() error { return nil })
	c := healthClient()
	if code, _ := healthGet(t, c, base+"/healthz"); code != http.StatusOK {
		t.Errorf("nil Metrics: GET /healthz = %d; want 200", code)
	}
	if code, _ := healthGet(t, c, base+"/readyz"); code != http.StatusOK {
		t.Errorf("nil Metrics: GET /readyz = %d; want 200", code)
	}
	if code, _ := healthGet(t, c, base+"/metrics"); code != http.StatusNotFound {
		t.Errorf("nil Metrics: GET /metrics = %d; want 404", code)
	}
}

func TestMetricsSetsAreSeparate(t *testing.T) {
	t.Parallel()
	a, b := bot.NewMetrics(), bot.NewMetrics() // would panic on a shared set
	a.Busy()
	base, _ := serveHealth(t, b, nil)
	if _, body := healthGet(t, healthClient(), base+"/metrics"); !strings.Contains(body, "\ncabot_busy_total 0\n") {
		t.Error("an event recorded on one Metrics shows on another")
	}
}
