package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"cabot/corpus"
	"cabot/rag"
)

func ingestCommand() *command {
	var title, outlet, published, language, guild string
	var pub time.Time
	return &command{
		name: "ingest", args: "PATH|URL|- ...", opens: needService,
		summary: "Add documents: files (text, Markdown, HTML, PDF), folders (read recursively), http(s)\n" +
			"links, or - for standard input. Duplicates are reported and skipped; it ends with a\n" +
			"summary line, and exits 1 if any input failed.",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&title, "title", "", "title of the document (one input only)")
			fs.StringVar(&outlet, "outlet", "", "outlet of the document(s)")
			fs.StringVar(&published, "published", "", "publication date, YYYY-MM-DD (one input only)")
			fs.StringVar(&language, "language", "", "language code, e.g. en or es")
			fs.StringVar(&guild, "guild", "", "server `ID` whose members alone see the documents (default: every server)")
		},
		check: func(inputs []string) error {
			if len(inputs) == 0 {
				return usagef("nothing to ingest: give files, folders, links or -")
			}
			if (title != "" || published != "") && len(inputs) > 1 {
				return usagef("--title and --published apply to one document: give one input")
			}
			if err := checkGuild(guild); err != nil {
				return err
			}
			if err := checkLength("title", title, maxTitle); err != nil {
				return err
			}
			if err := checkLength("outlet", outlet, maxOutlet); err != nil {
				return err
			}
			if published != "" {
				t, err := corpus.ParseDate(published)
				if err != nil {
					return usagef("--published: %v", err)
				}
				pub = t
			}
			return nil
		},
		run: func(ctx context.Context, e env, a *app, inputs []string) error {
			fetcher := a.fetcher()
			sources, err := expandInputs(inputs)
			if err != nil {
				return err
			}
			actor := "cli:" + currentUser()
			bar := newProgress(e.stderr, len(sources))
			if len(sources) > 0 {
				bar.show(0, sources[0])
			}
			var added, dups, failed int
			// Inputs are read and embedded on every core and stored several
			// to a transaction; each line is printed, in input order, once
			// its document is stored (or refused).
			read := func(ctx context.Context, n int) (rag.Input, error) {
				in, err := readSource(ctx, sources[n], e.stdin, fetcher, a.cfg.Documents.MaxBytes)
				if err != nil {
					return rag.Input{}, err
				}
				in.Overrides = rag.Overrides{Title: title, Outlet: outlet, Language: language, Published: pub}
				in.Scope, in.Origin, in.Actor = guild, "cli", actor
				return in, nil
			}
			a.svc.IngestAll(ctx, len(sources), read, func(n int, doc corpus.Document, err error) {
				src := sources[n]
				bar.clear()
				var dup *corpus.DuplicateError
				switch {
				case errors.As(err, &dup):
					dups++
					fmt.Fprintf(e.stdout, "duplicate: %s: %s\n", src, dup.Error())
				case err != nil:
					failed++
					fmt.Fprintf(e.stdout, "failed: %s: %s\n", src, oneLine(err.Error()))
				default:
					added++
					fmt.Fprintf(e.stdout, "added: %s: %q (%s)\n", src, shortTitle(doc.Title), doc.ID)
				}
				if n+1 < len(sources) {
					bar.show(n+1, sources[n+1])
				}
			})
			bar.clear()
			fmt.Fprintf(e.stdout, "%d added, %d duplicates, %d failed\n", added, dups, failed)
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted after %d of %d inputs", added+dups+failed, len(sources))
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d inputs failed (see above)", failed, len(sources))
			}
			return nil
		},
	}
}

// expandInputs replaces folders by the files in them (recursively, in name
// order, hidden ones left out).
func expandInputs(inputs []string) ([]string, error) {
	var out []string
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			out = append(out, in)
			continue
		}
		st, err := os.Stat(in)
		if err != nil {
			return nil, usagef("%s: %v", in, errors.Unwrap(err))
		}
		if !st.IsDir() {
			out = append(out, in)
			continue
		}
		files, err := filesIn(in)
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", in, err)
		}
		out = append(out, files...)
	}
	return out, nil
}

// filesIn lists the regular files below dir, recursively and in name
// order, leaving out hidden files and folders (dir itself may be hidden).
func filesIn(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

// isURL reports whether an input names a link rather than a file; the
// fetcher refuses every scheme but http and https, with the reason.
func isURL(s string) bool {
	return strings.Contains(s, "://")
}

// readSource reads one input: standard input, a link or a file.
func readSource(ctx context.Context, src string, stdin io.Reader, fetcher *corpus.Fetcher, maxBytes int64) (rag.Input, error) {
	switch {
	case src == "-":
		data, err := io.ReadAll(io.LimitReader(stdin, maxBytes+1))
		if err != nil {
			return rag.Input{}, fmt.Errorf("read standard input: %w", err)
		}
		return rag.Input{Data: data, Name: "stdin.txt"}, nil
	case isURL(src):
		f, err := fetcher.Fetch(ctx, src)
		if err != nil {
			return rag.Input{}, err
		}
		return rag.Input{Data: f.Body, Name: f.Name, ContentType: f.ContentType, URL: f.URL}, nil
	default:
		st, err := os.Stat(src)
		if err != nil {
			return rag.Input{}, err
		}
		if st.Size() > maxBytes {
			return rag.Input{}, fmt.Errorf("%w: %d bytes; the limit is %d (documents.max_bytes)", corpus.ErrTooLarge, st.Size(), maxBytes)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return rag.Input{}, err
		}
		return rag.Input{Data: data, Name: filepath.Base(src), TitleFromName: true}, nil
	}
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// progress draws a one-line progress bar on a terminal, and nothing
// elsewhere.
type progress struct {
	w     io.Writer
	total int
	on    bool
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, on: isTerminal(w)}
}

func (p *progress) show(done int, what string) {
	if !p.on || p.total == 0 {
		return
	}
	const width = 30
	fill := width * done / p.total
	if r := []rune(what); len(r) > 40 {
		what = "…" + string(r[len(r)-39:])
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, p.total, what)
}

func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func docsCommand() *command {
	var asJSON, all bool
	var guild string
	return &command{
		name: "docs", args: "list | show ID | remove ID... | history", opens: needService,
		summary: "List, show or remove documents, or show the audit log of who added or removed what.",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&asJSON, "json", false, "print JSON")
			fs.StringVar(&guild, "guild", "", "only the global documents and those of this server `ID`")
			fs.BoolVar(&all, "all", true, "every document of every server (list, history)")
		},
		check: func(args []string) error {
			if len(args) == 0 {
				return usagef("say what to do: list, show ID, remove ID..., or history")
			}
			if err := checkGuild(guild); err != nil {
				return err
			}
			switch sub, rest := args[0], args[1:]; sub {
			case "list", "history":
				if len(rest) > 0 {
					return usagef("%s takes no arguments", sub)
				}
			case "show":
				if len(rest) != 1 {
					return usagef("show takes one document ID")
				}
			case "remove":
				if len(rest) == 0 {
					return usagef("remove takes document IDs (see cabot docs list)")
				}
			default:
				return usagef("unknown docs command %q: use list, show, remove or history", sub)
			}
			return nil
		},
		run: func(ctx context.Context, e env, a *app, args []string) error {
			if guild != "" {
				all = false
			}
			switch sub, rest := args[0], args[1:]; sub {
			case "list":
				docs := a.svc.Documents(guild, all)
				if asJSON {
					out := make([]jsonDoc, 0, len(docs))
					for _, d := range docs {
						out = append(out, toJSONDoc(d))
					}
					return writeJSON(e.stdout, out)
				}
				for _, d := range docs {
					fmt.Fprintf(e.stdout, "%s  %s — %s, %s%s\n", d.ID, shortTitle(d.Title), orDash(d.Outlet), orUnknown(corpus.FormatDate(d.Published)), scopeNote(d.Scope))
				}
				fmt.Fprintf(e.stdout, "%d documents\n", len(docs))
			case "show":
				d, ok := a.svc.Document(rest[0])
				if !ok {
					return fmt.Errorf("no document %s (see cabot docs list)", rest[0])
				}
				if asJSON {
					return writeJSON(e.stdout, toJSONDoc(d))
				}
				fmt.Fprintf(e.stdout, "%s\n  id: %s\n  author: %s\n  outlet: %s\n  published: %s\n  language: %s\n  url: %s\n  scope: %s\n  source: %s\n  added: %s\n",
					shortTitle(d.Title), d.ID, orDash(d.Author), orDash(d.Outlet), orUnknown(corpus.FormatDate(d.Published)), orDash(d.Language),
					orDash(d.URL), orGlobal(d.Scope), d.Source, d.AddedAt.Format(time.RFC3339))
			case "remove":
				for _, id := range rest {
					d, err := a.svc.Remove(ctx, id, "cli:"+currentUser())
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "removed: %s %q\n", d.ID, shortTitle(d.Title))
				}
			case "history":
				entries, err := a.store.Audit(ctx, guild, all, 200)
				if err != nil {
					return err
				}
				if asJSON {
					type jsonEntry struct {
						At     time.Time `json:"at"`
						Action string    `json:"action"`
						DocID  string    `json:"doc_id"`
						Title  string    `json:"title"`
						Scope  string    `json:"scope"`
						Actor  string    `json:"actor"`
						Detail string    `json:"detail"`
					}
					out := make([]jsonEntry, 0, len(entries))
					for _, en := range entries {
						out = append(out, jsonEntry(en))
					}
					return writeJSON(e.stdout, out)
				}
				for _, en := range entries {
					fmt.Fprintf(e.stdout, "%s  %-6s %s %q by %s%s\n", en.At.Format("2006-01-02 15:04:05"), en.Action, en.DocID, shortTitle(en.Title), en.Actor, scopeNote(en.Scope))
				}
			}
			return nil
		},
	}
}

type jsonDoc struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Author    string `json:"author"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Language  string `json:"language"`
	Published string `json:"published"`
	Scope     string `json:"scope"`
	Source    string `json:"source"`
	AddedAt   string `json:"added_at"`
}

func toJSONDoc(d rag.DocInfo) jsonDoc {
	return jsonDoc{ID: d.ID, Title: d.Title, Author: d.Author, Outlet: d.Outlet, URL: d.URL, Language: d.Language,
		Published: corpus.FormatDate(d.Published), Scope: d.Scope, Source: d.Source, AddedAt: d.AddedAt.UTC().Format(time.RFC3339)}
}

// checkGuild refuses a --guild that is not a Discord server ID (a
// snowflake: 17 to 20 digits); empty is every server.
func checkGuild(id string) error {
	if id == "" {
		return nil
	}
	ok := len(id) >= 17 && len(id) <= 20
	for _, c := range id {
		ok = ok && c >= '0' && c <= '9'
	}
	if !ok {
		return usagef("--guild %q is not a server ID: 17 to 20 digits (with developer mode on, right-click the server, Copy Server ID)", id)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "date unknown"
	}
	return s
}

func orGlobal(s string) string {
	if s == "" {
		return "every server"
	}
	return "server " + s
}

func scopeNote(scope string) string {
	if scope == "" {
		return ""
	}
	return " [server " + scope + "]"
}
