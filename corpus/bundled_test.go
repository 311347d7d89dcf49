package corpus

import "testing"

func TestBundled(t *testing.T) {
	doc := bundledArticle(t)
	for _, c := range []struct{ field, got, want string }{
		{"Title", doc.Title, sourceTitle},
		{"Author", doc.Author, sourceAuthor},
		{"Outlet", doc.Outlet, sourceOutlet},
		{"URL", doc.URL, sourceURL},
		{"Language", doc.Language, "en"},
		{"Source", doc.Source, "bundled"},
		{"Scope", doc.Scope, ""},
		{"ID", doc.ID, DocumentID(doc.Text)},
	} {
		if c.got != c.want {
			t.Errorf("Bundled()[0].%s = %q; want %q", c.field, c.got, c.want)
		}
	}
	if !doc.Published.IsZero() {
		t.Errorf("Bundled()[0].Published = %v; want zero (the article states no date)", doc.Published)
	}

	// The front matter only adds metadata: the body is the source article's.
	src, err := ParseArticle(readTestdata(t, "source-article.txt"))
	if err != nil {
		t.Fatalf("ParseArticle(source-article.txt) error: %v", err)
	}
	if doc.Text != src.Text {
		t.Errorf("Bundled()[0].Text =\n%q\nwant the parsed source article's\n%q", doc.Text, src.Text)
	}
	if doc.ID != src.ID {
		t.Errorf("Bundled()[0].ID = %q; want the source article's %q", doc.ID, src.ID)
	}

	// The ID does not change from one call to the next.
	again := bundledArticle(t)
	if again.ID != doc.ID || again.Text != doc.Text {
		t.Errorf("second Bundled()[0] = {ID: %q, ...}; want the same as the first, {ID: %q, ...}", again.ID, doc.ID)
	}
}
