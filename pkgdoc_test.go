package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestPackageDocs fails for every package of the module (every directory
// with Go files, testdata and hidden directories left out, as the go command
// does) that has no package doc comment in any of its non-test files, and
// for a library package whose doc does not begin "Package name".
func TestPackageDocs(t *testing.T) {
	type pkg struct {
		name string
		docs []string // files with a package doc comment
	}
	pkgs := map[string]*pkg{} // directory -> its package
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		p := pkgs[dir]
		if p == nil {
			p = &pkg{name: f.Name.Name}
			pkgs[dir] = p
		}
		if f.Doc != nil && strings.TrimSpace(f.Doc.Text()) != "" {
			p.docs = append(p.docs, f.Doc.Text())
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk the module: %v", err)
	}
	if len(pkgs) < 2 {
		t.Fatalf("found %d packages; want every package of the module (is the test run from the module root?)", len(pkgs))
	}
	dirs := make([]string, 0, len(pkgs))
	for dir := range pkgs {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		p := pkgs[dir]
		switch {
		case len(p.docs) == 0:
			t.Errorf("package %s (%s) has no package doc comment; add one in a doc.go or above the package clause of its main file", p.name, dir)
		case p.name != "main" && !slices.ContainsFunc(p.docs, func(doc string) bool {
			rest, ok := strings.CutPrefix(doc, "Package "+p.name)
			return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\n')
		}):
			t.Errorf("package %s (%s) doc begins %q; want \"Package %s ...\"", p.name, dir, firstLine(p.docs[0]), p.name)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
