package corpus

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"
)

// DetectFormat decides the format of a document (FormatText, FormatMarkdown,
// FormatHTML or FormatPDF) from its file name, its Content-Type and its first
// bytes (a few KB are enough).
//
// The content wins over the name and the type when they disagree: a ".txt"
// file that starts with "%PDF-" is a PDF, a ".pdf" file that is an HTML page
// is HTML, and binary data is refused whatever its name. A name or type that
// says the file is an image, an archive, an Office document or an executable
// is refused even when the content looks like text. Without any of these
// clues a text-like file is text.
//
// The error wraps ErrUnsupportedFormat and says what the file looks like and
// which formats are accepted.
func DetectFormat(name, contentType string, head []byte) (string, error) {
	switch f, what := sniffFormat(head); f {
	case FormatPDF, FormatHTML:
		return f, nil
	case sniffBinary:
		return "", unsupportedError("looks like " + what)
	}
	f, what := declaredFormat(name, contentType)
	switch f {
	case sniffBinary:
		return "", unsupportedError(what)
	case "":
		return FormatText, nil
	}
	return f, nil
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

// magicNumbers are the magic numbers of common files that are not documents.
var magicNumbers = []struct {
	prefix string
	what   string
	// binaryOnly: the prefix is also a plausible start of a text, so it
	// counts only when the head holds binary bytes.
	binaryOnly bool
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image (image/png)", false},
	{"\xff\xd8\xff", "a JPEG image (image/jpeg)", false},
	{"GIF87a", "a GIF image (image/gif)", false},
	{"GIF89a", "a GIF image (image/gif)", false},
	{"II*\x00", "a TIFF image (image/tiff)", false},
	{"MM\x00*", "a TIFF image (image/tiff)", false},
	{"\x00\x00\x01\x00", "an icon (image/x-icon)", false},
	{"BM", "a BMP image (image/bmp)", true},
	{"PK\x03\x04", "a ZIP archive (application/zip)", false},
	{"PK\x05\x06", "a ZIP archive (application/zip)", false},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (application/msword)", false},
	{`{\rtf`, "an RTF document (application/rtf)", false},
	{"\x7fELF", "an executable program (application/x-executable)", false},
	{"MZ", "a Windows program (application/x-msdownload)", true},
	{"\xfe\xed\xfa\xce", "a macOS program (application/x-mach-binary)", false},
	{"\xfe\xed\xfa\xcf", "a macOS program (application/x-mach-binary)", false},
	{"\xce\xfa\xed\xfe", "a macOS program (application/x-mach-binary)", false},
	{"\xcf\xfa\xed\xfe", "a macOS program (application/x-mach-binary)", false},
	{"\xca\xfe\xba\xbe", "a compiled program (application/octet-stream)", false},
	{"\x00asm", "a WebAssembly module (application/wasm)", false},
	{"\x1f\x8b", "a gzip archive (application/gzip)", false},
	{"BZh", "a bzip2 archive (application/x-bzip2)", true},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (application/x-7z-compressed)", false},
	{"Rar!\x1a\x07", "a RAR archive (application/vnd.rar)", false},
	{"\xfd7zXZ\x00", "an xz archive (application/x-xz)", false},
	{"\x28\xb5\x2f\xfd", "a Zstandard archive (application/zstd)", false},
	{"SQLite format 3\x00", "an SQLite database (application/vnd.sqlite3)", false},
	{"OggS", "an Ogg audio file (audio/ogg)", false},
	{"ID3\x02", "an MP3 audio file (audio/mpeg)", false},
	{"ID3\x03", "an MP3 audio file (audio/mpeg)", false},
	{"ID3\x04", "an MP3 audio file (audio/mpeg)", false},
	{"fLaC", "a FLAC audio file (audio/flac)", false},
	{"\x1aE\xdf\xa3", "a WebM or Matroska video (video/webm)", false},
	{"%!PS", "a PostScript file (application/postscript)", false},
}

// sniffFormat looks at the first bytes of a file. It returns FormatPDF, FormatHTML,
// sniffBinary with a description, or "" when the content looks like text and
// only the name or type can tell more.
func sniffFormat(head []byte) (format, what string) {
	if len(head) == 0 {
		return "", ""
	}
	if bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM) {
		// UTF-16 text has NUL bytes but is not binary; Extract explains that
		// it wants UTF-8.
		if looksLikeHTML(decodeUTF16Head(head)) {
			return FormatHTML, ""
		}
		return "", ""
	}
	binary := hasBinaryBytes(head)
	for _, s := range magicNumbers {
		if bytes.HasPrefix(head, []byte(s.prefix)) && (binary || !s.binaryOnly) {
			if strings.HasPrefix(s.prefix, "PK") {
				return sniffBinary, zipKind(head)
			}
			return sniffBinary, s.what
		}
	}
	if len(head) >= 12 && string(head[:4]) == "RIFF" {
		switch string(head[8:12]) {
		case "WEBP":
			return sniffBinary, "a WebP image (image/webp)"
		case "WAVE":
			return sniffBinary, "a WAV audio file (audio/wav)"
		case "AVI ":
			return sniffBinary, "an AVI video (video/x-msvideo)"
		}
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch string(head[8:12]) {
		case "heic", "heix", "mif1", "avif":
			return sniffBinary, "a HEIC or AVIF image (image/heic)"
		}
		return sniffBinary, "an MP4 video or audio file (video/mp4)"
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n\f")
	if bytes.HasPrefix(text, []byte("%PDF-")) {
		return FormatPDF, ""
	}
	if looksLikeHTML(text) {
		return FormatHTML, ""
	}
	if binary {
		// net/http knows more signatures (fonts, audio, video); it also
		// matches text that happens to start like one ("BM", "ID3"), hence
		// only for binary data.
		if ct := http.DetectContentType(head); !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
			return sniffBinary, "a file of type " + ct
		}
		return sniffBinary, "binary data (application/octet-stream), not text"
	}
	return "", ""
}

// hasBinaryBytes reports whether head holds control bytes that never occur
// in text (the same set as net/http's sniffing).
func hasBinaryBytes(head []byte) bool {
	for _, b := range head[:min(len(head), 1024)] {
		if b <= 0x08 || b == 0x0b || 0x0e <= b && b <= 0x1a || 0x1c <= b && b <= 0x1f {
			return true
		}
	}
	return false
}

// zipKind tells Office documents, OpenDocument files and EPUB books from
// plain ZIP archives by the names of their first entries.
func zipKind(head []byte) string {
	h := string(head)
	switch {
	case strings.Contains(h, "word/"):
		return "a Word document (application/vnd.openxmlformats-officedocument.wordprocessingml.document)"
	case strings.Contains(h, "xl/"):
		return "an Excel spreadsheet (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)"
	case strings.Contains(h, "ppt/"):
		return "a PowerPoint presentation (application/vnd.openxmlformats-officedocument.presentationml.presentation)"
	case strings.Contains(h, "application/epub+zip"):
		return "an EPUB book (application/epub+zip)"
	case strings.Contains(h, "application/vnd.oasis.opendocument"):
		return "an OpenDocument file (application/vnd.oasis.opendocument)"
	case strings.Contains(h, "[Content_Types].xml"):
		return "a Microsoft Office document (application/vnd.openxmlformats-officedocument)"
	}
	return "a ZIP archive (application/zip)"
}

func decodeUTF16Head(head []byte) []byte {
	var out []byte
	be := bytes.HasPrefix(head, utf16BEBOM)
	for i := 2; i+1 < len(head); i += 2 {
		hi, lo := head[i+1], head[i]
		if be {
			hi, lo = lo, hi
		}
		if hi == 0 {
			out = append(out, lo)
		} else {
			out = append(out, '?')
		}
	}
	return bytes.TrimLeft(out, " \t\r\n\f")
}

// looksLikeHTML reports whether text (BOM and leading space removed) starts
// like an HTML page, after any XML declaration and comments.
func looksLikeHTML(text []byte) bool {
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
