package corpus

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sharedPagesPDF is n pages that share one content stream and one font.
func sharedPagesPDF(n int) []byte {
	var kids []string
	objs := onePageObjects()
	for i := 0; i < n; i++ {
		objs[10+i] = "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
		kids = append(kids, strconv.Itoa(10+i)+" 0 R")
	}
	objs[2] = "<< /Type /Pages /Kids [" + strings.Join(kids, " ") + "] /Count " + strconv.Itoa(n) + " >>"
	objs[3] = "<< /Type /Pages /Kids [] /Count 0 >>" // unused: objects 10 and up are the pages
	return hostilePDF(objs, false)
}

// Long documents within the limits are read whole.
func TestExtractPDFManyPages(t *testing.T) {
	var pages []testPDFPage
	for i := 0; i < 300; i++ {
		pages = append(pages, testPDFPage{lines: []testPDFLine{{72, 700, 11, "Cuban doctors worked in Baku and Ganja that year.", false}}})
	}
	doc, err := Extract(buildTestPDF("Report", pages), "report.pdf", "", "", 0)
	if err != nil || strings.Count(doc.Text, "Ganja") != 300 {
		t.Fatalf("Extract(report.pdf) = %d pages of text, %v; want 300 pages", strings.Count(doc.Text, "Ganja"), err)
	}
	doc, err = Extract(sharedPagesPDF(500), "shared.pdf", "", "", 0)
	if err != nil || strings.Count(doc.Text, "Baku") != 500 {
		t.Fatalf("Extract(shared.pdf) = %d pages of text, %v; want 500 pages", strings.Count(doc.Text, "Baku"), err)
	}
}

// The bounds that need no child process: the page tree, the inflated
// streams, the pages, the sentences and the chunks. Each refusal comes in
// one line and wraps ErrLimit when it is about a limit.
func TestExtractBounds(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     []byte
		maxBytes int64
		limit    bool
		errSub   string
	}{
		// It took 22 s: the walk re-read the 10,000-entry /Kids array for
		// every page.
		{"pages_10000.pdf", manyKidsPDF(10000), 0, false, "page tree loops or lists a page twice"},
		// 64 MB of spaces in an 80 KB stream, for a 1 MB limit (4 MB of
		// inflated text).
		{"flate_bomb.pdf", flateBombPDF(t, 64<<20), 1 << 20, true, "inflate to more than 4 MB, the limit for one document"},
		{"long.pdf", sharedPagesPDF(2001), 0, true, "it has more than 2,000 pages; the limit is 2,000"},
		{"many_sentences.txt", manySentencesText(100000, 0), 0, true, "has 100,000 sentences; the limit is 20,000"},
		// Few sentences, long ones: many chunks.
		{"long.txt", longText(), 0, true, "is too long: 12,000 chunks of text; the limit is 5,000"},
	} {
		start := time.Now()
		_, err := Extract(tc.data, tc.name, "", "", tc.maxBytes)
		took := time.Since(start)
		if err == nil || !strings.Contains(err.Error(), tc.errSub) || strings.Contains(err.Error(), "\n") || errors.Is(err, ErrLimit) != tc.limit {
			t.Errorf("Extract(%s) error = %v; want one line with %q (ErrLimit: %v)", tc.name, err, tc.errSub, tc.limit)
		}
		// Only a refusal that never comes fails here; how fast it comes is
		// BenchmarkExtractBounds' (a shared, race-instrumented machine
		// took 6 s for what takes 0.4 s alone).
		if took > time.Minute {
			t.Errorf("Extract(%s) took %v; want a refusal", tc.name, took)
		}
	}
}

// BenchmarkExtractBounds is how long each refusal of TestExtractBounds
// takes: go test -run '^$' -bench ExtractBounds ./corpus/
func BenchmarkExtractBounds(b *testing.B) {
	for _, tc := range []struct {
		name     string
		data     []byte
		maxBytes int64
	}{
		{"pages_10000.pdf", manyKidsPDF(10000), 0},
		{"flate_bomb.pdf", flateBombPDF(b, 64<<20), 1 << 20},
		{"long.pdf", sharedPagesPDF(2001), 0},
		{"many_sentences.txt", manySentencesText(100000, 0), 0},
		{"long.txt", longText(), 0},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for range b.N {
				if _, err := Extract(tc.data, tc.name, "", "", tc.maxBytes); err == nil {
					b.Fatal("no refusal")
				}
			}
		})
	}
}

// longText is 6,000 paragraphs of one long sentence each.
func longText() []byte {
	return []byte(strings.Repeat("Cuban doctors worked in Baku and Ganja "+strings.Repeat("and the regions ", 60)+"that year.\n\n", 6000))
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20000: "20,000", 1500000: "1,500,000", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q; want %q", n, got, want)
		}
	}
}
