package corpus

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Generators of the hostile files of issue 12, as
// /work/shared/hostile/make_pdfs.py writes them, with their sizes as
// parameters so that the tests stay fast.

// hostileText is the content stream of the one page of the hostile PDFs.
const hostileText = "BT /F1 12 Tf 72 720 Td (Cuba and Azerbaijan signed a health cooperation agreement in Baku.) Tj ET"

// hostilePDF writes objects 1..n (object 1 is the catalog) and the
// cross-reference table; with prevSelf, the trailer's /Prev is the offset of
// that same table, which ledongthuc/pdf follows forever.
func hostilePDF(objs map[int]string, prevSelf bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	n := 0
	for k := range objs {
		n = max(n, k)
	}
	offsets := make([]int, n+1)
	for i := 1; i <= n; i++ {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", n+1)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[i])
	}
	prev := ""
	if prevSelf {
		prev = fmt.Sprintf(" /Prev %d", xref)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", n+1, prev, xref)
	return b.Bytes()
}

func pdfStream(data, extra string) string {
	return fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// onePageObjects is a valid one-page document.
func onePageObjects() map[int]string {
	return map[int]string{
		1: "<< /Type /Catalog /Pages 2 0 R >>",
		2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		3: "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		4: pdfStream(hostileText, ""),
		5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
}

// xrefPrevLoopPDF is xref_prev_loop.pdf.
func xrefPrevLoopPDF() []byte { return hostilePDF(onePageObjects(), true) }

// manyKidsPDF is pages_10000.pdf with n /Kids that all name the one page.
func manyKidsPDF(n int) []byte {
	objs := onePageObjects()
	objs[2] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Repeat("3 0 R ", n), n)
	objs[6] = pdfStream("%"+strings.Repeat("P", 16*n), "")
	return hostilePDF(objs, false)
}

// flateBombPDF is flate_bomb9g.pdf with a content stream of spaces that
// inflates to about inflated bytes.
func flateBombPDF(t testing.TB, inflated int64) []byte {
	t.Helper()
	var z bytes.Buffer
	w, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := int64(0); n < inflated; n += int64(len(chunk)) {
		w.Write(chunk)
	}
	w.Write([]byte(hostileText))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	objs := onePageObjects()
	objs[4] = pdfStream(z.String(), " /Filter /FlateDecode")
	return hostilePDF(objs, false)
}

// manyShowsPDF is one page with n text-showing operators (9 MB for 600,000):
// the library keeps one record per glyph.
func manyShowsPDF(n int) []byte {
	var c strings.Builder
	c.WriteString("BT /F1 12 Tf 72 720 Td ")
	for i := 0; i < n; i++ {
		c.WriteString("(Baku Cuba) Tj ")
	}
	c.WriteString("ET")
	objs := onePageObjects()
	objs[4] = pdfStream(c.String(), "")
	return hostilePDF(objs, false)
}

// manySentencesText is many_sentences.txt with n one-word sentences, cut at
// limit bytes after the heading when limit > 0.
func manySentencesText(n, limit int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "S%d.", i)
	}
	if limit > 0 && b.Len() > limit {
		b.Truncate(limit)
	}
	return append([]byte("# Many\n\n"), b.Bytes()...)
}

// TestWriteHostileFiles writes the full-size hostile files into
// $CABOT_HOSTILE_DIR, for measuring the binary by hand:
//
//	CABOT_HOSTILE_DIR=/tmp/hostile go test ./corpus -run TestWriteHostileFiles
func TestWriteHostileFiles(t *testing.T) {
	dir := os.Getenv("CABOT_HOSTILE_DIR")
	if dir == "" {
		t.Skip("set CABOT_HOSTILE_DIR to write the hostile files there")
	}
	for name, data := range map[string][]byte{
		"xref_prev_loop.pdf": xrefPrevLoopPDF(),
		"pages_10000.pdf":    manyKidsPDF(10000),
		"flate_bomb1g.pdf":   flateBombPDF(t, 1<<30),
		"many_shows.pdf":     manyShowsPDF(600000),
		"many_sentences.txt": manySentencesText(1500000, 9<<20),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
