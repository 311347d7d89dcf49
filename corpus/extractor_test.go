package corpus

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestMain lets this test binary serve as the extraction child of the
// Extractor tests.
func TestMain(m *testing.M) {
	RunChildIfRequested()
	os.Exit(m.Run())
}

// requireChild skips a test on systems where Extractor reads in process.
func requireChild(t *testing.T) {
	t.Helper()
	if err := (Extractor{}).Isolation(context.Background()); err != nil {
		if runtime.GOOS == "linux" {
			t.Fatalf("Isolation() = %v; want extraction children on linux", err)
		}
		t.Skipf("no extraction child: %v", err)
	}
}

// extractBounded runs x.Extract and fails the test if it does not return
// within limit.
func extractBounded(t *testing.T, x Extractor, limit time.Duration, data []byte, name string, maxBytes int64) (Document, time.Duration, error) {
	t.Helper()
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	x.MaxBytes = maxBytes
	go func() {
		doc, err := x.Extract(context.Background(), data, name, "", "")
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, time.Since(start), r.err
	case <-time.After(limit):
		t.Fatalf("Extractor.Extract(%s) did not return within %v", name, limit)
		return Document{}, 0, nil
	}
}

// Issue 12: each hostile file ends within the deadline and 2 s with a
// one-line error that names the file and says why.
func TestExtractorHostileFiles(t *testing.T) {
	requireChild(t)
	const timeout = 3 * time.Second
	for _, tc := range []struct {
		name     string
		data     func(t *testing.T) []byte
		maxBytes int64
		mem      int64
		errSubs  []string
	}{
		// ledongthuc/pdf follows the /Prev chain forever: the deadline
		// kills the child.
		{name: "xref_prev_loop.pdf", data: func(*testing.T) []byte { return xrefPrevLoopPDF() },
			errSubs: []string{"could not be read within 3s"}},
		// 10,000 /Kids naming one page: refused at the second.
		{name: "pages_10000.pdf", data: func(*testing.T) []byte { return manyKidsPDF(10000) },
			errSubs: []string{"damaged", "page tree"}},
		// 32 MB of spaces in a 40 KB stream; 1 MB documents may inflate
		// to 4 MB.
		{name: "flate_bomb.pdf", data: func(t *testing.T) []byte { return flateBombPDF(t, 32<<20) }, maxBytes: 1 << 20,
			errSubs: []string{"inflate to more than 4 MB"}},
		// 100,000 one-word sentences.
		{name: "many_sentences.txt", data: func(*testing.T) []byte { return manySentencesText(100000, 0) },
			errSubs: []string{"has 100,000 sentences; the limit is 20,000"}},
		// 300,000 Tj operators (4.5 MB): the library keeps a record of 64
		// bytes per glyph, far more than 200 MB.
		{name: "many_shows.pdf", data: func(*testing.T) []byte { return manyShowsPDF(300000) }, mem: 200 << 20,
			errSubs: []string{"could not be read within 200 MB of memory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := Extractor{Timeout: timeout, MaxMemory: tc.mem}
			_, took, err := extractBounded(t, x, timeout+10*time.Second, tc.data(t), tc.name, tc.maxBytes)
			if took > timeout+2*time.Second {
				t.Errorf("Extractor.Extract(%s) took %v; want at most %v", tc.name, took, timeout+2*time.Second)
			}
			if err == nil {
				t.Fatalf("Extractor.Extract(%s) error = nil; want a refusal", tc.name)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("Extractor.Extract(%s) error = %q; want one line", tc.name, msg)
			}
			if !errors.Is(err, ErrLimit) && tc.name != "pages_10000.pdf" {
				t.Errorf("Extractor.Extract(%s) error = %v; want errors.Is(err, ErrLimit)", tc.name, err)
			}
			for _, s := range append(tc.errSubs, tc.name) {
				if !strings.Contains(msg, s) {
					t.Errorf("Extractor.Extract(%s) error = %q; want it to contain %q", tc.name, msg, s)
				}
			}
			t.Logf("%s: %v in %v", tc.name, err, took.Round(time.Millisecond))
		})
	}
}

// The child gives the same Documents and the same errors as Extract.
func TestExtractorMatchesExtract(t *testing.T) {
	requireChild(t)
	inputs := []struct {
		name string
		data []byte
	}{
		{"news-article.html", extractTestdata(t, "news-article.html")},
		{"windows-1252.html", extractTestdata(t, "windows-1252.html")},
		{"front-matter.md", extractTestdata(t, "front-matter.md")},
		{"two-pages.pdf", buildTestPDF("Cuban eye doctors open centre in Baku", twoPagePDF)},
		{"scan.pdf", buildTestPDF("Scanned article", []testPDFPage{{drawing: "q 0 0 1 rg 72 400 468 300 re f Q\n"}})},
		{"nav.html", []byte(`<!doctype html><html><body><nav><a href="/">Home</a></nav></body></html>`)},
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
	}
	for _, in := range inputs {
		want, wantErr := Extract(in.data, in.name, "", "https://example.org/a", 0)
		got, err := Extractor{}.Extract(context.Background(), in.data, in.name, "", "https://example.org/a")
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Errorf("Extractor.Extract(%s) error = %v; want %v", in.name, err, wantErr)
		}
		if wantErr != nil && errors.Is(wantErr, errNoText) != errors.Is(err, errNoText) {
			t.Errorf("Extractor.Extract(%s) error = %v; want errors.Is(err, errNoText) = %v", in.name, err, errors.Is(wantErr, errNoText))
		}
		if wantErr != nil && errors.Is(wantErr, ErrUnsupportedFormat) != errors.Is(err, ErrUnsupportedFormat) {
			t.Errorf("Extractor.Extract(%s) error = %v; want errors.Is(err, ErrUnsupportedFormat)", in.name, err)
		}
		if got.ID != want.ID || got.Text != want.Text || got.Title != want.Title || got.Author != want.Author ||
			got.Outlet != want.Outlet || got.URL != want.URL || got.Language != want.Language || !got.Published.Equal(want.Published) {
			t.Errorf("Extractor.Extract(%s) = %+v; want %+v", in.name, got, want)
		}
	}
}

// Cancelling the context kills the child at once.
func TestExtractorCancel(t *testing.T) {
	requireChild(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := Extractor{Timeout: time.Minute}.Extract(ctx, xrefPrevLoopPDF(), "loop.pdf", "", "")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Extract after cancel took %v; want it to end within 2 s", took)
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "loop.pdf") {
		t.Errorf("Extract after cancel error = %v; want context.Canceled naming the file", err)
	}
}

// In process, the deadline still returns; the work goes on behind.
func TestExtractorInProcess(t *testing.T) {
	x := Extractor{Timeout: 500 * time.Millisecond, InProcess: true}
	if err := x.Isolation(context.Background()); err == nil || !strings.Contains(err.Error(), "InProcess") {
		t.Errorf("Isolation() with InProcess = %v; want the reason", err)
	}
	_, took, err := extractBounded(t, x, 5*time.Second, xrefPrevLoopPDF(), "loop.pdf", 0)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "within 500ms") || took > 2*time.Second {
		t.Errorf("in-process Extract(loop.pdf) = %v after %v; want the deadline's refusal", err, took)
	}
}

// The Extractor's limits replace the defaults.
func TestExtractorLimits(t *testing.T) {
	long := longText()
	if _, err := (Extractor{MaxChunks: 20_000}).Extract(context.Background(), long, "long.txt", "", ""); err != nil {
		t.Errorf("Extractor{MaxChunks: 20,000}.Extract(long.txt) error = %v; want none", err)
	}
	if _, err := (Extractor{MaxSentences: 10}).Extract(context.Background(), manySentencesText(11, 0), "s.txt", "", ""); err == nil ||
		!strings.Contains(err.Error(), "has 11 sentences; the limit is 10") {
		t.Errorf("Extractor{MaxSentences: 10}.Extract(s.txt) error = %v; want the sentence limit", err)
	}
}
