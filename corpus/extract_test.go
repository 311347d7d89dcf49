package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// extractTestdata returns the bytes of a file in testdata/extract.
func extractTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "extract", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return b
}

// checkExtracted checks what every successful Extract promises: a non-empty
// UTF-8 body of trimmed paragraphs separated by one blank line, and the ID of
// that body.
func checkExtracted(t *testing.T, name string, doc Document) {
	t.Helper()
	if strings.TrimSpace(doc.Text) == "" {
		t.Fatalf("Extract(%s) text is empty", name)
	}
	if !utf8.ValidString(doc.Text) {
		t.Errorf("Extract(%s) text is not valid UTF-8", name)
	}
	if want := DocumentID(doc.Text); doc.ID != want {
		t.Errorf("Extract(%s) ID = %q; want DocumentID(Text) = %q", name, doc.ID, want)
	}
	for i, p := range strings.Split(doc.Text, "\n\n") {
		if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") || strings.Contains(p, "  ") {
			t.Errorf("Extract(%s) paragraph %d = %q; want one trimmed line with single spaces", name, i, p)
		}
	}
}

type extractWant struct {
	title, author, outlet, url, language string
	published                            time.Time
}

func checkFields(t *testing.T, name string, doc Document, want extractWant) {
	t.Helper()
	for _, c := range []struct{ field, got, want string }{
		{"title", doc.Title, want.title},
		{"author", doc.Author, want.author},
		{"outlet", doc.Outlet, want.outlet},
		{"URL", doc.URL, want.url},
		{"language", doc.Language, want.language},
	} {
		if c.got != c.want {
			t.Errorf("Extract(%s) %s = %q; want %q", name, c.field, c.got, c.want)
		}
	}
	if !doc.Published.Equal(want.published) {
		t.Errorf("Extract(%s) published = %v; want %v", name, doc.Published, want.published)
	}
}

func TestExtractHTML(t *testing.T) {
	for _, tc := range []struct {
		file, contentType, sourceURL string
		want                         extractWant
		// contains are sentences of the article, verbatim; absent are bits
		// of the page around it.
		contains, absent []string
	}{
		{
			// A news page with everything around the article: title from
			// the h1 (the <title> has " | Caspian Herald"), byline in the
			// page, date from <time>, URL from the canonical link.
			file:      "news-article.html",
			sourceURL: "https://caspianherald.az/health/2023/05/04/cuban-eye-doctors-baku?utm_source=discord",
			want: extractWant{
				title:     "Cuban eye doctors open ophthalmology centre in Baku",
				author:    "Ana Pérez",
				outlet:    "Caspian Herald",
				url:       "https://caspianherald.az/health/2023/05/04/cuban-eye-doctors-baku",
				language:  "en",
				published: time.Date(2023, 5, 4, 0, 0, 0, 0, time.UTC),
			},
			contains: []string{
				"A new ophthalmology centre opened in Baku on Wednesday with 14 Cuban specialists, the Azerbaijani health ministry said.",
				// Entities decoded, inline markup and line breaks gone.
				"The centre, in the capital’s Nasimi district, is the largest project so far under a health cooperation agreement that Havana and Baku signed in 2021.",
				"It has four operating theatres and expects to carry out about 3,000 cataract operations in its first year.",
				"“Our doctors came to share what Cuba has learned in sixty years of community eye care,” said Dr. Raúl Fernández",
				"Azerbaijan's deputy health minister, Leyla Mammadova,",
				"The ministry said a second centre, specialising in retinal diseases, could open in Sumgait in 2024 if the pilot in Baku meets its targets.",
			},
			absent: []string{
				"Opinion & Analysis", "Subscribe for", "Search the Herald", // header and navigation
				"We use cookies", "Accept all cookies", // cookie banner
				"Most read", "Baku metro extends Green Line", "morning briefing", // sidebar
				"Share on Facebook", "Email this story", // share buttons
				"Advertisement",                                         // ad slot
				"Read more:", "Cuban brigade marks ten years in Angola", // links to other articles
				"Sign up for the Health Briefing",            // newsletter box in the body
				"Related articles", "Baku hospitals get new", // related articles
				"3 comments", "great news for my grandmother", "Post comment", // comments
				"All rights reserved", "Contact us", // footer
				"By Ana Pérez", "4 May 2023", // byline and date line are metadata
				"window.dataLayer", "font-family", // scripts and styles
			},
		},
		{
			// Metadata only in meta tags and JSON-LD: og:title, og:site_name,
			// og:url, article:published_time, JSON-LD author and
			// datePublished; language from <html lang="es-ES">.
			file: "metadata-es.html",
			want: extractWant{
				title:     "Médicos cubanos inauguran un centro oftalmológico en Bakú",
				author:    "Carlos Martínez Ortega",
				outlet:    "Diario del Caribe",
				url:       "https://diariodelcaribe.example.com/salud/medicos-cubanos-baku-oftalmologia",
				language:  "es",
				published: time.Date(2023, 5, 5, 0, 0, 0, 0, time.UTC),
			},
			contains: []string{
				"Un nuevo centro oftalmológico abrió sus puertas en Bakú con 14 especialistas cubanos, según informó el ministerio de Salud de Azerbaiyán.",
				"Cuenta con cuatro quirófanos y prevé realizar unas 3.000 operaciones de cataratas durante su primer año.",
				"Los pacientes de las regiones de Ganja y Lankaran serán atendidos de forma gratuita con el seguro médico estatal.",
			},
			absent: []string{"Portada", "Suscríbete", "Etiquetas", "Compartir en", "Todos los derechos reservados", "NewsArticle"},
		},
		{
			// A windows-1252 page declared in a <meta http-equiv> tag, with
			// no lang attribute and no URL of its own.
			file:      "windows-1252.html",
			sourceURL: "https://revistasalud.example.org/2023/05/brigada-cubana",
			want: extractWant{
				title:     "Cooperación médica: la brigada cubana en Azerbaiyán",
				author:    "Mónica Ibáñez",
				outlet:    "Revista Salud Pública",
				url:       "https://revistasalud.example.org/2023/05/brigada-cubana",
				language:  "es", // guessed from the text
				published: time.Date(2023, 5, 6, 0, 0, 0, 0, time.UTC),
			},
			contains: []string{
				"La brigada médica cubana en Azerbaiyán cuenta ya con 14 oftalmólogos, que atienden a pacientes de Bakú, Ganja y Lankaran.",
				"Según el ministerio, el programa costará 2,4 millones de €, financiados por el presupuesto de salud del país.",
				"«Aprendemos cada día de nuestros colegas», dijo la doctora Begoña Núñez, que dirige el equipo en el hospital de Bakú. “La acogida ha sido excelente”, añadió.",
			},
			absent: []string{"Números anteriores", "Todos los derechos reservados", "\uFFFD", "Ã"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := Extract(extractTestdata(t, tc.file), tc.file, tc.contentType, tc.sourceURL, 0)
			if err != nil {
				t.Fatalf("Extract(%s) error: %v", tc.file, err)
			}
			checkExtracted(t, tc.file, doc)
			checkFields(t, tc.file, doc, tc.want)
			for _, s := range tc.contains {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("Extract(%s) text does not contain %q; text:\n%s", tc.file, s, doc.Text)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(doc.Text, s) {
					t.Errorf("Extract(%s) text contains %q, which is not part of the article", tc.file, s)
				}
			}
		})
	}
}

// The paragraphs of the news page, in order and nothing else.
func TestExtractHTMLParagraphs(t *testing.T) {
	doc, err := Extract(extractTestdata(t, "news-article.html"), "news-article.html", "text/html", "", 0)
	if err != nil {
		t.Fatalf("Extract(news-article.html) error: %v", err)
	}
	paras := strings.Split(doc.Text, "\n\n")
	starts := []string{"A new ophthalmology", "The centre, in the capital", "“Our doctors", "Azerbaijan's deputy", "Cuba has sent", "The ministry said"}
	if len(paras) != len(starts) {
		t.Fatalf("Extract(news-article.html) has %d paragraphs; want %d:\n%s", len(paras), len(starts), doc.Text)
	}
	for i, s := range starts {
		if !strings.HasPrefix(paras[i], s) {
			t.Errorf("Extract(news-article.html) paragraph %d = %q; want it to start with %q", i, paras[i], s)
		}
	}
}

func TestExtractHTMLCharset(t *testing.T) {
	// "Médicos cubanos en Bakú" in ISO-8859-1 and in UTF-8.
	latin1 := "<p>M\xe9dicos cubanos en Bak\xfa: el centro abri\xf3 el mi\xe9rcoles con 14 especialistas.</p>"
	utf8Late := "<!doctype html><html><head><title>t</title></head><body><p>" + strings.Repeat("Padding text before the accents. ", 40) +
		"</p><p>Médicos cubanos en Bakú: el centro abrió el miércoles con 14 especialistas.</p></body></html>"
	const want = "Médicos cubanos en Bakú: el centro abrió el miércoles con 14 especialistas."
	for _, tc := range []struct {
		name, contentType, data string
	}{
		// The charset is only in the Content-Type.
		{"content-type charset", "text/html; charset=ISO-8859-1", latin1},
		// No charset anywhere and the first accent after 1 KB: UTF-8, not
		// the windows-1252 guess of x/net/html/charset.
		{"undeclared UTF-8", "text/html", utf8Late},
		// A UTF-8 BOM.
		{"BOM", "", "\xef\xbb\xbf<!DOCTYPE html><p>" + want + "</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract([]byte(tc.data), "page.html", tc.contentType, "", 0)
			if err != nil {
				t.Fatalf("Extract(%s) error: %v", tc.name, err)
			}
			checkExtracted(t, tc.name, doc)
			if !strings.Contains(doc.Text, want) {
				t.Errorf("Extract(%s) text = %q; want it to contain %q", tc.name, doc.Text, want)
			}
		})
	}
}

func TestExtractTextAndMarkdown(t *testing.T) {
	for _, tc := range []struct {
		file, sourceURL string
		want            extractWant
		first, last     string // first and last paragraphs
	}{
		{
			file: "front-matter.md",
			want: extractWant{
				title:     "Cuban doctors in Azerbaijan: two years on",
				author:    "Ana Pérez",
				outlet:    "Caspian Herald",
				url:       "https://caspianherald.az/health/2023/06/01/cuban-doctors-two-years",
				language:  "en",
				published: time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC),
			},
			first: "Two years after the first Cuban medical brigade arrived in Azerbaijan, 14 Cuban specialists now work at the ophthalmology centre in Baku.",
			last:  "Twenty Azerbaijani residents are being trained by the Cuban team, and the first six will qualify next spring.",
		},
		{
			file:      "pasted-article.txt",
			sourceURL: "https://discord.example/attachments/1/pasted-article.txt",
			want: extractWant{
				title:    "Baku eye centre treats its first patients",
				author:   "Ana Pérez",
				outlet:   "Caspian Herald",
				url:      "https://caspianherald.az/health/2023/05/08/baku-eye-centre-first-patients",
				language: "en",
			},
			first: "The ophthalmology centre staffed by 14 Cuban specialists treated its first patients in Baku on Monday, the Azerbaijani health ministry said.",
			last:  "The centre is part of a health cooperation agreement that Havana and Baku signed in 2021.",
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := Extract(extractTestdata(t, tc.file), tc.file, "", tc.sourceURL, 0)
			if err != nil {
				t.Fatalf("Extract(%s) error: %v", tc.file, err)
			}
			checkExtracted(t, tc.file, doc)
			checkFields(t, tc.file, doc, tc.want)
			paras := strings.Split(doc.Text, "\n\n")
			if paras[0] != tc.first || paras[len(paras)-1] != tc.last {
				t.Errorf("Extract(%s) paragraphs = %q ... %q; want %q ... %q", tc.file, paras[0], paras[len(paras)-1], tc.first, tc.last)
			}
		})
	}
}

// Without a URL in the text, the source URL is the document's URL.
func TestExtractTextSourceURL(t *testing.T) {
	const src = "https://example.org/notes.txt"
	doc, err := Extract([]byte("Cuban doctors arrived in Baku.\n\nThey will work there for two years."), "notes.txt", "text/plain", src, 0)
	if err != nil {
		t.Fatalf("Extract(notes.txt) error: %v", err)
	}
	if doc.URL != src {
		t.Errorf("Extract(notes.txt) URL = %q; want %q", doc.URL, src)
	}
}

// testPDFLine is a line of text drawn at (x, y) in Helvetica of the given
// size. With kern, its words are placed with TJ offsets instead of spaces,
// as many PDF producers do.
type testPDFLine struct {
	x, y, size float64
	text       string
	kern       bool
}

// testPDFPage is a page: lines of text, or a drawing when lines is empty.
type testPDFPage struct {
	lines   []testPDFLine
	drawing string
}

// buildTestPDF writes a minimal valid PDF: catalog, page tree, the standard
// Helvetica font in WinAnsiEncoding, one content stream per page with one
// text object per line, and an Info dictionary with /Title when title is not
// empty.
func buildTestPDF(title string, pages []testPDFPage) []byte {
	var kids []string
	for i := range pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+2*i))
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for i, p := range pages {
		var content strings.Builder
		for _, l := range p.lines {
			show := "(" + pdfEscape(l.text) + ") Tj"
			if l.kern {
				var parts []string
				for _, w := range strings.Fields(l.text) {
					parts = append(parts, "("+pdfEscape(w)+")")
				}
				show = "[" + strings.Join(parts, " -250 ") + "] TJ"
			}
			fmt.Fprintf(&content, "BT /F1 %g Tf %g %g Td %s ET\n", l.size, l.x, l.y, show)
		}
		content.WriteString(p.drawing)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
	}
	info := ""
	if title != "" {
		objs = append(objs, "<< /Title ("+pdfEscape(title)+") /Producer (cabot extract test) >>")
		info = fmt.Sprintf("/Info %d 0 R", len(objs))
	}
	return rawTestPDF(info, objs...)
}

// rawTestPDF writes objects 1, 2, ... (object 1 is the catalog), the
// cross-reference table with the byte offset of every object, and the
// trailer with extra entries.
func rawTestPDF(trailerExtra string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o) // 20 bytes a line, as the format wants
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

// pdfEscape writes s as the inside of a PDF literal string in WinAnsi
// (Latin-1 for the letters used here).
func pdfEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Two pages of an article with a word hyphenated across lines, a paragraph
// running over the page break, words placed by TJ offsets, page numbers, and
// an Info title.
var twoPagePDF = []testPDFPage{
	{lines: []testPDFLine{
		{72, 740, 18, "Cuban eye doctors open centre in Baku", false},
		{72, 712, 11, "By Ana Pérez", false},
		{72, 690, 11, "A new ophthalmology centre opened in Baku on Wednesday with 14 Cu-", false},
		{72, 676, 11, "ban specialists, the Azerbaijani health ministry said. The centre", false},
		{72, 662, 11, "has four operating theatres.", false},
		{72, 634, 11, "Dr. Raúl Fernández, who leads the Cuban team, said the specialists", false},
		{72, 620, 11, "would also train twenty Azerbaijani residents over the next two years", false},
		{72, 606, 11, "in Baku and in Ganja. Patients from Ganja and Lankaran will be", false},
		{300, 50, 9, "1", false},
	}},
	{lines: []testPDFLine{
		{72, 740, 11, "treated free of charge under the state medical insurance scheme.", true},
		{72, 712, 11, "The ministry said a second centre could open in Sumgait in 2024.", false},
		{300, 50, 9, "2", false},
	}},
}

func TestExtractPDF(t *testing.T) {
	for _, tc := range []struct {
		name   string
		data   []byte
		want   extractWant
		text   string
		errSub string
	}{
		{
			name: "two pages",
			data: buildTestPDF("Cuban eye doctors open centre in Baku", twoPagePDF),
			want: extractWant{title: "Cuban eye doctors open centre in Baku", author: "Ana Pérez", language: "en"},
			text: "A new ophthalmology centre opened in Baku on Wednesday with 14 Cuban specialists, the Azerbaijani health ministry said. The centre has four operating theatres.\n\n" +
				"Dr. Raúl Fernández, who leads the Cuban team, said the specialists would also train twenty Azerbaijani residents over the next two years in Baku and in Ganja. Patients from Ganja and Lankaran will be treated free of charge under the state medical insurance scheme.\n\n" +
				"The ministry said a second centre could open in Sumgait in 2024.",
		},
		{
			// No Info dictionary: the first short line is the title.
			name: "no info title",
			data: buildTestPDF("", []testPDFPage{{lines: []testPDFLine{
				{72, 740, 16, "Havana and Baku sign a health agreement", false},
				{72, 710, 11, "Cuba and Azerbaijan signed an agreement on health cooperation in", false},
				{72, 696, 11, "Baku on Tuesday, the two governments said.", false},
				{72, 668, 11, "The agreement covers the training of doctors and nurses.", false},
			}}}),
			want: extractWant{title: "Havana and Baku sign a health agreement", language: "en"},
			text: "Cuba and Azerbaijan signed an agreement on health cooperation in Baku on Tuesday, the two governments said.\n\n" +
				"The agreement covers the training of doctors and nurses.",
		},
		{
			// A scan: a page with a picture and no text.
			name:   "no text layer",
			data:   buildTestPDF("Scanned article", []testPDFPage{{drawing: "q 0.2 0.4 0.8 rg 72 400 468 300 re f Q\n"}}),
			errSub: "no text layer",
		},
		{
			name:   "damaged",
			data:   []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
			errSub: "read PDF",
		},
		{
			// The library's Reader.Page never returns on these.
			name: "page tree loop",
			data: rawTestPDF("", "<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>"),
			errSub: "damaged",
		},
		{
			name: "parent loop",
			data: rawTestPDF("", "<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
				"<< /Length 35 >>\nstream\nBT /F1 12 Tf 72 700 Td (Baku) Tj ET\nendstream"),
			errSub: "damaged",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := extractWithin(t, 10*time.Second, tc.data, "article.pdf", "application/pdf")
			if tc.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errSub) {
					t.Fatalf("Extract(%s) error = %v; want an error containing %q", tc.name, err, tc.errSub)
				}
				return
			}
			if err != nil {
				t.Fatalf("Extract(%s) error: %v", tc.name, err)
			}
			checkExtracted(t, tc.name, doc)
			checkFields(t, tc.name, doc, tc.want)
			if doc.Text != tc.text {
				t.Errorf("Extract(%s) text =\n%s\nwant\n%s", tc.name, doc.Text, tc.text)
			}
		})
	}
}

// extractWithin runs Extract and fails the test if it does not return in
// time, rather than hanging the test binary.
func extractWithin(t *testing.T, limit time.Duration, data []byte, name, contentType string) (Document, error) {
	t.Helper()
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := Extract(data, name, contentType, "", 0)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-time.After(limit):
		t.Fatalf("Extract(%s) did not return within %v", name, limit)
		return Document{}, nil
	}
}

// The same PDF bytes named .txt and typed text/plain are still a PDF.
func TestExtractPDFNamedText(t *testing.T) {
	doc, err := Extract(buildTestPDF("Cuban eye doctors open centre in Baku", twoPagePDF), "article.txt", "text/plain", "", 0)
	if err != nil {
		t.Fatalf("Extract(article.txt) error: %v", err)
	}
	if !strings.Contains(doc.Text, "with 14 Cuban specialists") {
		t.Errorf("Extract(article.txt) text = %q; want the PDF's text", doc.Text)
	}
}

func TestDetectFormat(t *testing.T) {
	const accepted = "text, Markdown, HTML and PDF"
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
	docx := "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml PK\x03\x04 word/document.xml"
	for _, tc := range []struct {
		name, contentType, head string
		want                    string // format; "" for an error
		errSub                  string
	}{
		{"article.txt", "", "Cuban doctors arrive in Baku", FormatText, ""},
		{"notes.md", "", "# Cuban doctors\n\nThey arrived.", FormatMarkdown, ""},
		{"notes.markdown", "text/plain", "Cuban doctors", FormatMarkdown, ""},
		{"page.htm", "", "<p>A fragment</p>", FormatHTML, ""},
		{"report.pdf", "application/pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", FormatPDF, ""},
		{"", "text/html; charset=ISO-8859-1", "<p>Hola</p>", FormatHTML, ""},
		{"", "text/markdown; charset=utf-8", "Cuban doctors", FormatMarkdown, ""},
		{"", "TEXT/PLAIN", "Cuban doctors", FormatText, ""},
		{"", "", "Cuban doctors", FormatText, ""},
		{"data.csv", "text/csv", "country,doctors\nAzerbaijan,14", FormatText, ""},
		{"BMW.txt", "", "BMW sales rose in Baku", FormatText, ""},
		{"empty.txt", "", "", FormatText, ""},
		{"", "", "", FormatText, ""},
		// Content wins over a lying name or type.
		{"fake.txt", "text/plain", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", FormatPDF, ""},
		{"page.txt", "text/plain; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\"><head>", FormatHTML, ""},
		{"report.pdf", "application/pdf", "<!doctype html><html><body>Not found</body></html>", FormatHTML, ""},
		{"", "", "\xef\xbb\xbf<!DOCTYPE html>", FormatHTML, ""},
		{"", "", "  \n<?xml version=\"1.0\"?>\n<!-- saved page -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", FormatHTML, ""},
		{"notes.txt", "", "\xff\xfeH\x00i\x00", FormatText, ""}, // UTF-16: Extract explains
		// Refused.
		{"photo.png", "image/png", png, "", "image/png"},
		{"photo.txt", "text/plain", png, "", "image/png"},
		{"animation.gif", "", "GIF89a\x01\x00\x01\x00\x80\x00\x00", "", "image/gif"},
		{"report.docx", "", docx, "", "Word document"},
		{"archive.txt", "", "PK\x03\x04\x14\x00\x00\x00\x08\x00", "", "application/zip"},
		{"program", "", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", "", "executable"},
		{"setup.exe", "", "MZ\x90\x00\x03\x00\x00\x00\x04\x00", "", "Windows program"},
		{"notes.txt", "", "abc\x00\x01\x02\x03def", "", "binary data"},
		{"scan.txt", "image/jpeg", "Cuban doctors", "", "image/jpeg"},
		{"letter.doc", "", "Cuban doctors", "", "Word document (.doc)"},
	} {
		got, err := DetectFormat(tc.name, tc.contentType, []byte(tc.head))
		if tc.want != "" {
			if err != nil || got != tc.want {
				t.Errorf("DetectFormat(%q, %q, %q) = %q, %v; want %q", tc.name, tc.contentType, tc.head, got, err, tc.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("DetectFormat(%q, %q, %q) = %q; want an error", tc.name, tc.contentType, tc.head, got)
			continue
		}
		if !errors.Is(err, ErrUnsupportedFormat) || !strings.Contains(err.Error(), tc.errSub) || !strings.Contains(err.Error(), accepted) {
			t.Errorf("DetectFormat(%q, %q, %q) error = %v; want ErrUnsupportedFormat naming %q and %q", tc.name, tc.contentType, tc.head, err, tc.errSub, accepted)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	navOnly := `<!doctype html><html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
		<footer>© 2023 Caspian Herald</footer></body></html>`
	for _, tc := range []struct {
		name     string
		data     []byte
		file     string
		maxBytes int64
		is       error
		errSubs  []string
	}{
		{"over the limit", bytes.Repeat([]byte("a"), 101), "big.txt", 100, ErrTooLarge, []string{"101 bytes", "100 bytes"}},
		{"over the default limit", bytes.Repeat([]byte("a"), DefaultMaxBytes+1), "big.txt", 0, ErrTooLarge, []string{"10.1 MB", "10 MB"}},
		{"Latin-1 text", []byte("M\xe9dicos cubanos en Bak\xfa"), "latin1.txt", 0, nil, []string{"not UTF-8"}},
		{"UTF-16 text", []byte("\xff\xfeH\x00i\x00"), "utf16.txt", 0, nil, []string{"UTF-16", "UTF-8"}},
		{"NUL in text", []byte("Cuban doctors" + strings.Repeat(" in Baku", 200) + "\x00"), "nul.txt", 0, nil, []string{"binary"}},
		{"empty", nil, "empty.txt", 0, nil, []string{"no article text found", "empty"}},
		{"blank markdown", []byte(" \n\n\t\n"), "blank.md", 0, nil, []string{"no article text found"}},
		{"no article in HTML", []byte(navOnly), "nav.html", 0, nil, []string{"no article text found"}},
		{"image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "photo.png", 0, ErrUnsupportedFormat, []string{"image/png"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Extract(tc.data, tc.file, "", "", tc.maxBytes)
			if err == nil {
				t.Fatalf("Extract(%s) error = nil; want an error", tc.name)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("Extract(%s) error = %v; want errors.Is(err, %v)", tc.name, err, tc.is)
			}
			for _, s := range append(tc.errSubs, tc.file) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("Extract(%s) error = %q; want it to mention %q", tc.name, err, s)
				}
			}
		})
	}
}

// Published dates keep the calendar date the page states, in any zone.
func TestParseHTMLDate(t *testing.T) {
	may4 := time.Date(2023, 5, 4, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2023-05-04", may4},
		{" 2023-05-04T09:30:00Z ", may4},
		{"2023-05-04T00:30:00+02:00", may4}, // 2023-05-03 in UTC, but the page says the 4th
		{"2023-05-04T23:59:59.123-05:00", may4},
		{"2023-05-04T09:30:00", may4},
		{"2023-05-04T09:30:00+0200", may4},
		{"4 May 2023", time.Time{}},
		{"2023-13-04", time.Time{}},
		{"", time.Time{}},
	} {
		got, ok := parseHTMLDate(tc.in)
		if !got.Equal(tc.want) || ok == tc.want.IsZero() {
			t.Errorf("parseHTMLDate(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}

// A site that names itself as the author has no byline: the page's byline
// is used instead.
func TestExtractHTMLAuthorIsOutlet(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><meta name="author" content="Caspian Herald">
<meta property="og:site_name" content="Caspian Herald"></head><body><article>
<p class="byline">By Ana Pérez | 4 May 2023</p>
<p>A new ophthalmology centre opened in Baku on Wednesday with 14 Cuban specialists, the ministry said.</p>
</article></body></html>`
	doc, err := Extract([]byte(page), "page.html", "", "", 0)
	if err != nil {
		t.Fatalf("Extract(page.html) error: %v", err)
	}
	if doc.Author != "Ana Pérez" {
		t.Errorf("Extract(page.html) author = %q; want %q", doc.Author, "Ana Pérez")
	}
	if strings.Contains(doc.Text, "By Ana") {
		t.Errorf("Extract(page.html) text = %q; want it without the byline", doc.Text)
	}
}

func TestHumanBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{1, "1 byte"},
		{100, "100 bytes"},
		{1536, "1.5 KB"},
		{10 << 20, "10 MB"},
		{10<<20 + 1, "10.1 MB"}, // rounded up: over the limit never reads as the limit
	} {
		if got := HumanBytes(tc.n); got != tc.want {
			t.Errorf("HumanBytes(%d) = %q; want %q", tc.n, got, tc.want)
		}
	}
}

func FuzzExtractHTML(f *testing.F) {
	for _, name := range []string{"news-article.html", "metadata-es.html", "windows-1252.html"} {
		f.Add(extractTestdata(f, name))
	}
	f.Add([]byte("<p>Hola</p>"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(data, "x.html", "", "", 0)
		if err != nil {
			return
		}
		if doc.Text == "" || !utf8.ValidString(doc.Text) {
			t.Fatalf("Extract(x.html) text = %q; want non-empty valid UTF-8", doc.Text)
		}
		if doc.ID != DocumentID(doc.Text) {
			t.Fatalf("Extract(x.html) ID = %q; want %q", doc.ID, DocumentID(doc.Text))
		}
	})
}
