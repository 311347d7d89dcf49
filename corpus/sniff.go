package corpus

import (
	"bytes"
	"fmt"
	"mime"
	"path"
	"strings"

	"github.com/gabriel-vasile/mimetype"
	"golang.org/x/text/encoding/unicode"
)

// DetectFormat decides the format of a document (FormatText, FormatMarkdown,
// FormatHTML or FormatPDF) from its file name, its Content-Type and its first
// bytes (a few KB are enough).
//
// The content, as github.com/gabriel-vasile/mimetype reads it, wins over the
// name and the type when they disagree: a ".txt" file that starts with
// "%PDF-" is a PDF, a ".pdf" file that is an HTML page is HTML, and binary
// data is refused whatever its name. A file named or typed as text or
// Markdown is HTML only when it starts like a whole page (<!doctype html>,
// <html>, <head> or <body>), not merely with a tag or a comment. A name or type that
// says the file is an image, an archive, an Office document or an executable
// is refused even when the content looks like text. Without any of these
// clues a text-like file is text.
//
// The error wraps ErrUnsupportedFormat and says what the file looks like and
// which formats are accepted.
func DetectFormat(name, contentType string, head []byte) (string, error) {
	declared, what := declaredFormat(name, contentType)
	strict := declared == FormatText || declared == FormatMarkdown
	switch f, looks := sniffFormat(head, strict); f {
	case FormatPDF, FormatHTML:
		return f, nil
	case sniffBinary:
		return "", unsupportedError("looks like " + looks)
	}
	switch declared {
	case sniffBinary:
		return "", unsupportedError(what)
	case "":
		return FormatText, nil
	}
	return declared, nil
}

// sniffBinary is the pseudo-format of a file cabot cannot read.
const sniffBinary = "binary"

func unsupportedError(what string) error {
	return fmt.Errorf("%w: the file %s; %s", ErrUnsupportedFormat, what, acceptedFormats)
}

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	utf16LEBOM = []byte("\xff\xfe")
	utf16BEBOM = []byte("\xfe\xff")
)

// sniffFormat looks at the first bytes of a file with mimetype. It returns
// FormatPDF, FormatHTML, sniffBinary with a description, or "" when the
// content looks like text and only the name or type can tell more. A page
// counts as HTML only when it starts like a whole page (doctype, <html>,
// <head>, <body>) or when strict is false: mimetype also calls HTML a text
// that starts with "<b>" or "<!--", which a Markdown file may well do.
func sniffFormat(head []byte, strict bool) (format, what string) {
	if len(head) == 0 {
		return "", ""
	}
	if bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM) {
		// UTF-16 text is text; Extract explains that it wants UTF-8. It
		// may be a page, though, which decodeHTML reads.
		u, _ := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(head)
		if looksLikeHTML(u) {
			return FormatHTML, ""
		}
		return "", ""
	}
	m := mimetype.Detect(head)
	switch {
	case m.Is("application/pdf"):
		return FormatPDF, ""
	case m.Is("text/html") || m.Is("application/xhtml+xml"):
		if !strict || looksLikeHTML(head) {
			return FormatHTML, ""
		}
		return "", ""
	case m.Is("text/rtf"): // text, but not text to read as it is
		return sniffBinary, "an RTF document (text/rtf)"
	}
	for p := m; p != nil; p = p.Parent() {
		if p.Is("text/plain") {
			return "", ""
		}
	}
	return sniffBinary, describeType(m, head)
}

// typeNames name common files that are not documents, by their type or the
// type of an ancestor in mimetype's tree.
var typeNames = map[string]string{
	"application/vnd.microsoft.portable-executable":                             "a Windows program",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   "a Word document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "an Excel spreadsheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "a PowerPoint presentation",

	"application/x-elf": "an executable program", "application/x-mach-binary": "a macOS program",
	"application/wasm": "a WebAssembly module", "application/java-archive": "a Java archive",
	"application/x-ole-storage": "an old Microsoft Office document", "application/epub+zip": "an EPUB book",
	"application/gzip": "a gzip archive", "application/x-bzip2": "a bzip2 archive", "application/x-xz": "an xz archive",
	"application/x-7z-compressed": "a 7-Zip archive", "application/x-rar-compressed": "a RAR archive",
	"application/zstd": "a Zstandard archive", "application/x-tar": "a tar archive",
	"application/vnd.sqlite3": "an SQLite database", "application/postscript": "a PostScript file",
}

// describeType says what a file of type m is, for the user: "an image
// (image/png)".
func describeType(m *mimetype.MIME, head []byte) string {
	mt := m.String()
	name := ""
	for p := m; p != nil && name == ""; p = p.Parent() {
		name = typeNames[p.String()]
	}
	major, _, _ := strings.Cut(mt, "/")
	switch {
	case m.Is("application/octet-stream"):
		return "binary data (application/octet-stream), not text"
	case m.Is("application/zip"):
		// mimetype found no entry it knows; the head may be cut short.
		name = zipKind(head)
	case name != "":
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument"):
		name = "an OpenDocument file"
	case major == "image":
		name = "an image"
	case major == "audio":
		name = "an audio file"
	case major == "video":
		name = "a video"
	case major == "font":
		name = "a font"
	default:
		return "a file of type " + mt
	}
	return name + " (" + mt + ")"
}

// zipMarkers name ZIP archives by a name among their first entries, in the
// order zipKind tries them.
var zipMarkers = []struct{ marker, kind string }{
	{"word/", "a Word document"},
	{"xl/", "an Excel spreadsheet"},
	{"ppt/", "a PowerPoint presentation"},
	{"application/epub+zip", "an EPUB book"},
	{"application/vnd.oasis.opendocument", "an OpenDocument file"},
	{"[Content_Types].xml", "a Microsoft Office document"},
}

// zipKind tells Office documents, OpenDocument files and EPUB books from
// plain ZIP archives by the names of their first entries.
func zipKind(head []byte) string {
	for _, z := range zipMarkers {
		if bytes.Contains(head, []byte(z.marker)) {
			return z.kind
		}
	}
	return "a ZIP archive"
}

// looksLikeHTML reports whether text starts like a whole HTML page, after a
// BOM, white space, an XML declaration and comments.
func looksLikeHTML(text []byte) bool {
	text = bytes.TrimLeft(bytes.TrimPrefix(text, utf8BOM), " \t\r\n\f")
	for {
		switch {
		case bytes.HasPrefix(text, []byte("<?")):
			i := bytes.Index(text, []byte("?>"))
			if i < 0 {
				return false
			}
			text = text[i+2:]
		case bytes.HasPrefix(text, []byte("<!--")):
			i := bytes.Index(text[4:], []byte("-->"))
			if i < 0 {
				return false
			}
			text = text[4+i+3:]
		default:
			for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
				if len(text) > len(p) && strings.EqualFold(string(text[:len(p)]), p) {
					switch text[len(p)] {
					case ' ', '>', '\t', '\n', '\r', '\f', '/':
						return true
					}
				}
			}
			return false
		}
		text = bytes.TrimLeft(text, " \t\r\n\f")
	}
}

var (
	extFormats = map[string]string{
		".txt": FormatText, ".text": FormatText,
		".md": FormatMarkdown, ".markdown": FormatMarkdown, ".mdown": FormatMarkdown, ".mkd": FormatMarkdown, ".mkdn": FormatMarkdown,
		".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML, ".shtml": FormatHTML,
		".pdf": FormatPDF,
	}
	extUnsupported = map[string]string{
		".doc": "a Word document", ".docx": "a Word document", ".odt": "an OpenDocument text",
		".rtf": "an RTF document", ".pages": "a Pages document", ".epub": "an EPUB book",
		".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ods": "a spreadsheet",
		".ppt": "a presentation", ".pptx": "a presentation", ".odp": "a presentation", ".key": "a presentation",
		".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image",
		".bmp": "an image", ".tif": "an image", ".tiff": "an image", ".heic": "an image", ".svg": "an image",
		".mp3": "an audio file", ".wav": "an audio file", ".ogg": "an audio file", ".m4a": "an audio file", ".flac": "an audio file",
		".mp4": "a video", ".mov": "a video", ".webm": "a video", ".avi": "a video", ".mkv": "a video",
		".zip": "an archive", ".gz": "an archive", ".tgz": "an archive", ".7z": "an archive", ".rar": "an archive", ".tar": "an archive",
		".exe": "a program", ".dll": "a program", ".so": "a program", ".dylib": "a program", ".apk": "a program", ".msi": "a program", ".bin": "binary data",
	}
	typeFormats = map[string]string{
		"text/html": FormatHTML, "application/xhtml+xml": FormatHTML,
		"text/markdown": FormatMarkdown, "text/x-markdown": FormatMarkdown,
		"application/pdf": FormatPDF, "application/x-pdf": FormatPDF,
	}
	binaryTypes = map[string]bool{
		"application/zip": true, "application/x-zip-compressed": true, "application/gzip": true, "application/x-gzip": true,
		"application/x-tar": true, "application/x-7z-compressed": true, "application/x-rar-compressed": true,
		"application/msword": true, "application/rtf": true, "application/epub+zip": true, "application/x-msdownload": true,
		"application/x-executable": true, "application/x-elf": true, "application/x-mach-binary": true,
		"application/java-archive": true, "application/wasm": true, "application/x-shockwave-flash": true,
		"application/postscript": true,
	}
)

// declaredFormat reads the format from the name and the type. A specific type
// wins over the extension, which wins over a generic text/plain. It returns
// sniffBinary with a description for names and types of files cabot cannot
// read, and "" when neither tells.
func declaredFormat(name, contentType string) (format, what string) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	if f, ok := typeFormats[mt]; ok {
		return f, ""
	}
	major, _, _ := strings.Cut(mt, "/")
	if binaryTypes[mt] || strings.HasPrefix(mt, "application/vnd.") ||
		major == "image" || major == "audio" || major == "video" || major == "font" {
		return sniffBinary, "is declared as " + mt
	}

	base := name[strings.LastIndexAny(name, `/\`)+1:]
	ext := strings.ToLower(path.Ext(base))
	if f, ok := extFormats[ext]; ok {
		return f, ""
	}
	if w, ok := extUnsupported[ext]; ok {
		return sniffBinary, fmt.Sprintf("is named as %s (%s)", w, ext)
	}
	if major == "text" {
		return FormatText, ""
	}
	return "", ""
}
