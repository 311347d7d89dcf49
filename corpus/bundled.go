package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed bundled/*.md
var bundledFS embed.FS

// Bundled returns the articles that ship inside the binary, parsed, in file
// name order. Their Source is "bundled" and their Scope is global.
func Bundled() ([]Document, error) {
	names, err := fs.Glob(bundledFS, "bundled/*.md")
	if err != nil {
		return nil, fmt.Errorf("list bundled articles: %w", err)
	}
	sort.Strings(names)
	docs := make([]Document, 0, len(names))
	for _, name := range names {
		raw, err := bundledFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read bundled article %s: %w", name, err)
		}
		doc, err := ParseArticle(string(raw))
		if err != nil {
			return nil, fmt.Errorf("bundled article %s: %w", name, err)
		}
		doc.Source = "bundled"
		docs = append(docs, doc)
	}
	return docs, nil
}
