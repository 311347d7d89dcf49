package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// Cases that the move to mimetype could change: HTML fragments, Markdown
// that starts with markup, UTF-16 pages, and types mimetype knows that the
// old table did not.
func TestDetectFormatMimetype(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, head string
		want                    string // format; "" for an error
		errSub                  string
	}{
		// A Markdown or text file that starts with markup stays what its
		// name says; a whole page does not.
		{"notes.md", "", "<!-- toc -->\n# Cuban doctors\n\nThey arrived.", FormatMarkdown, ""},
		{"pasted.txt", "text/plain", "<b>Cuban doctors</b> arrived in Baku.", FormatText, ""},
		{"notes.md", "", "<!-- saved -->\n<html><body><p>Hi</p></body></html>", FormatHTML, ""},
		// Without a name or a type, a fragment is HTML.
		{"", "", "<p>Cuban doctors arrived in Baku.</p>", FormatHTML, ""},
		// A UTF-16 page.
		{"page.txt", "", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", FormatHTML, ""},
		{"page.txt", "", "\xfe\xff\x00<\x00h\x00t\x00m\x00l\x00>", FormatHTML, ""},
		// Text in an older encoding is text: Extract explains.
		{"latin1.txt", "", "M\xe9dicos cubanos en Bak\xfa", FormatText, ""},
		{"data.json", "", `{"doctors": 14}`, FormatText, ""},
		// Refused by content.
		{"notes.txt", "", "{\\rtf1\\ansi Cuban doctors}", "", "RTF document"},
		{"song.txt", "", "ID3\x03\x00\x00\x00\x00\x00\x00", "", "binary data"},
		{"photo.txt", "", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "", "image/heic"},
		{"a.txt", "", "\x1f\x8b\x08\x00\x00\x00\x00\x00", "", "gzip archive"},
		{"a.txt", "", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "", "old Microsoft Office document"},
		{"a.txt", "", "SQLite format 3\x00\x10\x00", "", "SQLite database"},
		{"a.txt", "", "%!PS-Adobe-3.0\n", "", "PostScript"},
	} {
		got, err := DetectFormat(tc.name, tc.contentType, []byte(tc.head))
		if tc.want != "" {
			if err != nil || got != tc.want {
				t.Errorf("DetectFormat(%q, %q, %q) = %q, %v; want %q", tc.name, tc.contentType, tc.head, got, err, tc.want)
			}
			continue
		}
		if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), tc.errSub) {
			t.Errorf("DetectFormat(%q, %q, %q) = %q, %v; want ErrUnsupportedFormat naming %q", tc.name, tc.contentType, tc.head, got, err, tc.errSub)
		}
	}
}

// Real Office files and EPUB books, as archive/zip writes them.
func TestDetectFormatZipKinds(t *testing.T) {
	for _, tc := range []struct {
		entries  []string
		mimetype string // the first entry's content, for EPUB
		want     string
	}{
		{[]string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"}, "", "Word document"},
		{[]string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"}, "", "Excel spreadsheet"},
		{[]string{"mimetype", "META-INF/container.xml"}, "application/epub+zip", "EPUB book"},
		{[]string{"notes.txt"}, "", "ZIP archive"},
	} {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for i, name := range tc.entries {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			content := "<x/>"
			if i == 0 && tc.mimetype != "" {
				content = tc.mimetype
			}
			w.Write([]byte(content))
		}
		zw.Close()
		_, err := DetectFormat("upload.txt", "", b.Bytes())
		if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("DetectFormat(zip of %v) error = %v; want ErrUnsupportedFormat naming %q", tc.entries, err, tc.want)
		}
	}
}
