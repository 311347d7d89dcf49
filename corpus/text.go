package corpus

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// extractText reads a text or Markdown file as a pasted article.
func extractText(data []byte) (Document, error) {
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return Document{}, errors.New("the file is UTF-16 text, not UTF-8 text; save it as UTF-8 and send it again")
	}
	if !utf8.Valid(data) {
		return Document{}, errors.New("the file is not UTF-8 text (it may be in an older encoding such as Windows-1252 or Latin-1); save it as UTF-8 and send it again")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return Document{}, errors.New("the file holds binary data (NUL bytes), not text")
	}
	return ParseArticle(string(data))
}
