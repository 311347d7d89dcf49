package corpus

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parsed is what ParseArticle finds in a text: the Document fields that come
// from the text itself.
type parsed struct {
	Title, Author, Outlet, URL, Language string
	Published                            time.Time
	Text                                 string
}

func parsedOf(d Document) parsed {
	return parsed{d.Title, d.Author, d.Outlet, d.URL, d.Language, d.Published, d.Text}
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

const (
	sourceTitle  = "Interest in deepening cooperation in health"
	sourceAuthor = "Maria Josefina Arce"
	sourceOutlet = "Radio Habana Cuba"
	sourceURL    = "https://www.radiohc.cu/en/especiales/comentarios/315585-interest-in-deepening-cooperation-in-health"
)

// The raw article exactly as it was pasted: heading, byline, body, URL and
// outlet.
func TestParseArticleSourceArticle(t *testing.T) {
	raw := readTestdata(t, "source-article.txt")
	doc, err := ParseArticle(raw)
	if err != nil {
		t.Fatalf("ParseArticle(source-article.txt) error: %v", err)
	}
	for _, c := range []struct{ field, got, want string }{
		{"Title", doc.Title, sourceTitle},
		{"Author", doc.Author, sourceAuthor},
		{"Outlet", doc.Outlet, sourceOutlet},
		{"URL", doc.URL, sourceURL},
		{"Language", doc.Language, "en"},
		{"ID", doc.ID, DocumentID(doc.Text)},
	} {
		if c.got != c.want {
			t.Errorf("ParseArticle(source-article.txt).%s = %q; want %q", c.field, c.got, c.want)
		}
	}
	if !doc.Published.IsZero() {
		t.Errorf("ParseArticle(source-article.txt).Published = %v; want zero (the article states no date)", doc.Published)
	}
	if got := doc.PublishedString(); got != "" {
		t.Errorf("PublishedString() = %q; want \"\"", got)
	}

	const wantStart, wantEnd = "The arrival for the first time", "welfare of both peoples."
	if !strings.HasPrefix(doc.Text, wantStart) {
		t.Errorf("body starts with %q; want it to start with %q", head(doc.Text, 60), wantStart)
	}
	if !strings.HasSuffix(doc.Text, wantEnd) {
		t.Errorf("body ends with %q; want it to end with %q", tail(doc.Text, 60), wantEnd)
	}
	for _, meta := range []string{sourceTitle, "#", "By " + sourceAuthor, sourceAuthor} {
		if strings.HasPrefix(doc.Text, meta) {
			t.Errorf("body starts with metadata %q: %q", meta, head(doc.Text, 60))
		}
	}
	if strings.Contains(doc.Text, sourceURL) || strings.Contains(doc.Text, "https://") {
		t.Errorf("body contains the source URL: ...%q", tail(doc.Text, 150))
	}
	if strings.HasSuffix(strings.TrimSpace(doc.Text), sourceOutlet) {
		t.Errorf("body ends with the outlet line: ...%q", tail(doc.Text, 60))
	}
	if paras := strings.Split(doc.Text, "\n\n"); len(paras) != 10 {
		t.Errorf("body has %d paragraphs; want the article's 10", len(paras))
	}
	for _, want := range []string{
		"Salvador Valdés Mesa",
		"José Ángel Portal Miranda",
		"more than 77,000 patients",
		"An interest reiterated by the Minister of Health of Azerbaijan. Teymur Musayev,",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("body does not contain %q", want)
		}
	}
}

func TestParseArticle(t *testing.T) {
	const (
		p1 = "The two countries signed the agreement in Baku. It covers the training of doctors."
		p2 = "The minister said that the work will start in the spring."
	)
	body := p1 + "\n\n" + p2
	tests := []struct {
		name string
		raw  string
		want parsed
	}{
		{
			name: "markdown heading and byline",
			raw:  "## Cuba and Azerbaijan sign health agreement\n\nBy Ana Pérez\n\n" + body,
			want: parsed{Title: "Cuba and Azerbaijan sign health agreement", Author: "Ana Pérez", Language: "en", Text: body},
		},
		{
			name: "plain first line title",
			raw:  "Cuba and Azerbaijan sign health agreement\n\n" + body,
			want: parsed{Title: "Cuba and Azerbaijan sign health agreement", Language: "en", Text: body},
		},
		{
			name: "plain title with byline on the next line",
			raw:  "Cuba and Azerbaijan sign health agreement\nBy Ana Pérez\n\n" + body,
			want: parsed{Title: "Cuba and Azerbaijan sign health agreement", Author: "Ana Pérez", Language: "en", Text: body},
		},
		{
			name: "spanish byline",
			raw:  "Médicos cubanos en Bakú\n\nPor Ana Pérez\n\nLos médicos cubanos llegaron a la capital con el apoyo de los ministros.",
			want: parsed{Title: "Médicos cubanos en Bakú", Author: "Ana Pérez", Language: "es",
				Text: "Los médicos cubanos llegaron a la capital con el apoyo de los ministros."},
		},
		{
			name: "first line ending with a period is body",
			raw:  p1 + "\n\n" + p2,
			want: parsed{Language: "en", Text: body},
		},
		{
			name: "a single paragraph is body, not a title",
			raw:  "Doctors arrive in Baku",
			want: parsed{Text: "Doctors arrive in Baku"},
		},
		{
			name: "source line",
			raw:  "Health agreement signed\n\n" + body + "\n\nSource: Prensa Latina",
			want: parsed{Title: "Health agreement signed", Outlet: "Prensa Latina", Language: "en", Text: body},
		},
		{
			name: "spanish source line",
			raw:  "Médicos cubanos en Bakú\n\nLos médicos cubanos llegaron a la capital con el apoyo de los ministros.\n\nFuente: Cubadebate",
			want: parsed{Title: "Médicos cubanos en Bakú", Outlet: "Cubadebate", Language: "es",
				Text: "Los médicos cubanos llegaron a la capital con el apoyo de los ministros."},
		},
		{
			name: "url then outlet",
			raw:  "Health agreement signed\n\n" + body + "\n\nhttps://example.org/news/1\n\n\n\nExample News",
			want: parsed{Title: "Health agreement signed", Outlet: "Example News", URL: "https://example.org/news/1", Language: "en", Text: body},
		},
		{
			name: "outlet then url",
			raw:  "Health agreement signed\n\n" + body + "\n\nExample News\n\nhttps://example.org/news/1",
			want: parsed{Title: "Health agreement signed", Outlet: "Example News", URL: "https://example.org/news/1", Language: "en", Text: body},
		},
		{
			name: "outlet and url on consecutive lines",
			raw:  "Health agreement signed\n\n" + body + "\n\nExample News\nhttps://example.org/news/1\n",
			want: parsed{Title: "Health agreement signed", Outlet: "Example News", URL: "https://example.org/news/1", Language: "en", Text: body},
		},
		{
			name: "url in angle brackets",
			raw:  "Health agreement signed\n\n" + body + "\n\n<https://example.org/news/1>",
			want: parsed{Title: "Health agreement signed", URL: "https://example.org/news/1", Language: "en", Text: body},
		},
		{
			name: "hard-wrapped paragraphs are joined with a space",
			raw: "Health agreement signed\n\nThe two countries signed the agreement\nin Baku. It covers the\ntraining of doctors.\n\n" +
				"The minister said that the work\n   will start in the spring.\n",
			want: parsed{Title: "Health agreement signed", Language: "en", Text: body},
		},
		{
			name: "blank lines with spaces separate paragraphs",
			raw:  "Health agreement signed\n \t\n" + p1 + "\n   \n\n" + p2 + "\n\n",
			want: parsed{Title: "Health agreement signed", Language: "en", Text: body},
		},
		{
			name: "last line an ordinary sentence is body, not the outlet",
			raw:  "Health agreement signed\n\n" + p1 + "\n\nThe minister left on Monday.",
			want: parsed{Title: "Health agreement signed", Language: "en", Text: p1 + "\n\nThe minister left on Monday."},
		},
		{
			name: "short last line without a url is body, not the outlet",
			raw:  "Health agreement signed\n\n" + p1 + "\n\nMore to come",
			want: parsed{Title: "Health agreement signed", Language: "en", Text: p1 + "\n\nMore to come"},
		},
		{
			name: "sentence before the url is body, not the outlet",
			raw:  "Health agreement signed\n\n" + p1 + "\n\nThe minister left on Monday.\n\nhttps://example.org/news/1",
			want: parsed{Title: "Health agreement signed", URL: "https://example.org/news/1", Language: "en",
				Text: p1 + "\n\nThe minister left on Monday."},
		},
		{
			name: "front matter wins over the text",
			raw: "---\n" +
				"# a comment\n" +
				"title: Front title\n" +
				"author: Front Author\n" +
				"outlet: Front Outlet\n" +
				"url: https://example.org/front\n" +
				"language: ES\n" +
				"published: 2021-07-15\n" +
				"---\n" +
				"# Parsed title\n\nBy Parsed Author\n\n" + body + "\n\nParsed Outlet\n\nhttps://example.org/parsed\n",
			want: parsed{Title: "Front title", Author: "Front Author", Outlet: "Front Outlet", URL: "https://example.org/front",
				Language: "es", Published: date(2021, 7, 15), Text: body},
		},
		{
			name: "front matter published date only",
			raw:  "---\npublished: 2021-07-15\n---\nHealth agreement signed\n\n" + body,
			want: parsed{Title: "Health agreement signed", Language: "en", Published: date(2021, 7, 15), Text: body},
		},
		{
			name: "front matter rfc 3339 date, aliases and quotes",
			raw:  "---\ndate: 2021-07-15T10:30:00Z\nlang: es\nsource: \"Prensa Latina\"\ntitle: \"Cuba: health\"\n---\n" + body,
			want: parsed{Title: "Cuba: health", Outlet: "Prensa Latina", Language: "es", Published: date(2021, 7, 15), Text: body},
		},
		{
			name: "empty front matter values are ignored",
			raw:  "---\ntitle:\npublished:\n---\nHealth agreement signed\n\n" + body,
			want: parsed{Title: "Health agreement signed", Language: "en", Text: body},
		},
		{
			name: "front matter after leading blank lines",
			raw:  "\n\n---\nauthor: Ana Pérez\n---\n\n" + body,
			want: parsed{Author: "Ana Pérez", Language: "en", Text: body},
		},
		{
			name: "byte order mark",
			raw:  "\ufeffHealth agreement signed\n\n" + body,
			want: parsed{Title: "Health agreement signed", Language: "en", Text: body},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseArticle(tt.raw)
			if err != nil {
				t.Fatalf("ParseArticle(%q) error: %v", tt.raw, err)
			}
			if got := parsedOf(doc); got != tt.want {
				t.Errorf("ParseArticle(%q) =\n  %+v\nwant\n  %+v", tt.raw, got, tt.want)
			}
			if want := DocumentID(tt.want.Text); doc.ID != want {
				t.Errorf("ParseArticle(%q).ID = %q; want DocumentID(text) = %q", tt.raw, doc.ID, want)
			}
		})
	}
}

// Windows and old Mac line endings parse exactly like Unix ones.
func TestParseArticleLineEndings(t *testing.T) {
	bases := map[string]string{
		"source article": readTestdata(t, "source-article.txt"),
		"front matter and hard wraps": "---\ntitle: T\npublished: 2021-07-15\n---\nBy Ana Pérez\n\n" +
			"The two countries signed\nthe agreement in Baku.\n\nThe minister said that\nthe work will start.\n\n" +
			"Example News\nhttps://example.org/a\n",
	}
	for base, lf := range bases {
		want, err := ParseArticle(lf)
		if err != nil {
			t.Fatalf("ParseArticle(%s) error: %v", base, err)
		}
		for _, ending := range []string{"\r\n", "\r"} {
			raw := strings.ReplaceAll(lf, "\n", ending)
			t.Run(fmt.Sprintf("%s %q", base, ending), func(t *testing.T) {
				got, err := ParseArticle(raw)
				if err != nil {
					t.Fatalf("ParseArticle(%q) error: %v", raw, err)
				}
				if got != want {
					t.Errorf("ParseArticle(%q) =\n  %+v\nwant the same as with \\n line endings\n  %+v", raw, parsedOf(got), parsedOf(want))
				}
			})
		}
	}
	// The LF article itself parses as expected.
	doc, _ := ParseArticle(bases["front matter and hard wraps"])
	want := parsed{Title: "T", Author: "Ana Pérez", Outlet: "Example News", URL: "https://example.org/a", Language: "en",
		Published: date(2021, 7, 15),
		Text:      "The two countries signed the agreement in Baku.\n\nThe minister said that the work will start."}
	if got := parsedOf(doc); got != want {
		t.Errorf("ParseArticle(front matter and hard wraps) =\n  %+v\nwant\n  %+v", got, want)
	}
}

func TestParseArticleErrors(t *testing.T) {
	const body = "\nThe two countries signed the agreement in Baku.\n"
	tests := []struct {
		name    string
		raw     string
		wantErr string // a part of the error message
	}{
		{"empty", "", "no body"},
		{"white space only", "  \n\t\r\n \n", "no body"},
		{"title and byline only", "# Health agreement signed\n\nBy Ana Pérez\n", "no body"},
		{"front matter only", "---\ntitle: Health agreement signed\n---\n", "no body"},
		{"unknown front matter key", "---\ntitle: T\nfoo: bar\n---" + body, `"foo"`},
		{"bad date", "---\npublished: 15/07/2021\n---" + body, "15/07/2021"},
		{"impossible date", "---\npublished: 2021-02-30\n---" + body, "2021-02-30"},
		{"ftp url", "---\nurl: ftp://example.org/a\n---" + body, "ftp://example.org/a"},
		{"url that is not an address", "---\nurl: not a url\n---" + body, "not a url"},
		{"url without a host", "---\nurl: https://\n---" + body, "https://"},
		{"front matter line without a colon", "---\ntitle: T\njust some words\n---" + body, "just some words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseArticle(tt.raw)
			if err == nil {
				t.Fatalf("ParseArticle(%q) = %+v, nil; want an error mentioning %q", tt.raw, parsedOf(doc), tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseArticle(%q) error = %q; want it to mention %q", tt.raw, err, tt.wantErr)
			}
			if doc != (Document{}) {
				t.Errorf("ParseArticle(%q) returned %+v with its error; want a zero Document", tt.raw, parsedOf(doc))
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2021-07-15", date(2021, 7, 15)},
		{" 2021-07-15 ", date(2021, 7, 15)},
		{"2021-07-15T10:30:00Z", date(2021, 7, 15)},
		{"2021-07-15T10:30:00+02:00", date(2021, 7, 15)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "15/07/2021", "July 15, 2021", "2021-13-01"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, nil; want an error", in, got)
		}
	}
}

func TestGuessLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The doctors of the brigade worked in the hospitals and the clinics.", "en"},
		{"Los médicos de la brigada trabajaron en los hospitales y las clínicas.", "es"},
		{"Baku, Havana.", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := GuessLanguage(tt.text); got != tt.want {
			t.Errorf("GuessLanguage(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

// The same text always gets the same ID; case and white space do not change
// it, other words do.
func TestDocumentID(t *testing.T) {
	a := DocumentID("Cuba and Azerbaijan maintain friendly ties.")
	if b := DocumentID("  cuba AND azerbaijan\n\nmaintain   friendly ties. "); b != a {
		t.Errorf("DocumentID of the same words in other case and spacing = %q; want %q", b, a)
	}
	if c := DocumentID("Cuba and Azerbaijan maintain close ties."); c == a {
		t.Errorf("DocumentID of different text = %q; want it to differ from %q", c, a)
	}
	if len(a) != 17 || a[0] != 'd' {
		t.Errorf("DocumentID(...) = %q; want \"d\" and 16 hex digits", a)
	}
}

// Regression tests for bugs found while writing these tests.
func TestParseArticleRegressions(t *testing.T) {
	const p1 = "The two countries signed the agreement in Baku. It covers the training of doctors."
	tests := []struct {
		name string
		raw  string
		want parsed
	}{
		{
			// A sentence starting with "Por" or "By" is taken for a byline.
			name: "spanish first sentence starting with Por",
			raw:  "Médicos cubanos en Bakú\n\nPor primera vez, los médicos cubanos llegaron a la capital.\n\nLos ministros de la salud firmaron el acuerdo.",
			want: parsed{Title: "Médicos cubanos en Bakú", Language: "es",
				Text: "Por primera vez, los médicos cubanos llegaron a la capital.\n\nLos ministros de la salud firmaron el acuerdo."},
		},
		{
			name: "english first sentence starting with By",
			raw:  "Health agreement signed\n\nBy July 2021, the Cubans had treated 77,000 patients.\n\n" + p1,
			want: parsed{Title: "Health agreement signed", Language: "en",
				Text: "By July 2021, the Cubans had treated 77,000 patients.\n\n" + p1},
		},
		{
			// A hard-wrapped line that starts with "By" is split off.
			name: "hard-wrapped line starting with By",
			raw:  "Health agreement signed\n\n" + p1 + "\nBy July the work will start in the spring.",
			want: parsed{Title: "Health agreement signed", Language: "en",
				Text: p1 + " By July the work will start in the spring."},
		},
		{
			name: "front matter url in angle brackets keeps the brackets",
			raw:  "---\nurl: <https://example.org/a>\n---\n" + p1,
			want: parsed{URL: "https://example.org/a", Language: "en", Text: p1},
		},
		{
			name: "empty front matter block becomes body text",
			raw:  "---\n---\n" + p1,
			want: parsed{Language: "en", Text: p1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseArticle(tt.raw)
			if err != nil {
				t.Fatalf("ParseArticle(%q) error: %v", tt.raw, err)
			}
			if got := parsedOf(doc); got != tt.want {
				t.Errorf("ParseArticle(%q) =\n  %+v\nwant\n  %+v", tt.raw, got, tt.want)
			}
		})
	}
}

func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// FuzzParseArticle: ParseArticle never panics, and what it returns is
// consistent: a body, valid UTF-8 when the input is, and the ID of its text.
func FuzzParseArticle(f *testing.F) {
	f.Add(readTestdata(f, "source-article.txt"))
	f.Add("---\ntitle: T\nurl: https://example.org/a\npublished: 2021-07-15\n---\n# H\n\nBy A B\n\nBody text here.\n\nhttps://example.org/x\nOutlet\n")
	f.Add("Title\n\nPor Ana Pérez\n\nTexto del artículo.\n\nFuente: Prensa Latina")
	f.Add("---\n---\n")
	f.Add("\ufeff# \n\n\n")
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := ParseArticle(raw)
		if err != nil {
			return
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Fatalf("ParseArticle(%q) returned an empty body without an error", raw)
		}
		if utf8.ValidString(raw) && !utf8.ValidString(d.Text) {
			t.Fatalf("ParseArticle(%q) made invalid UTF-8", raw)
		}
		if d.ID != DocumentID(d.Text) {
			t.Fatalf("ParseArticle(%q).ID = %s; want DocumentID(Text)", raw, d.ID)
		}
	})
}
