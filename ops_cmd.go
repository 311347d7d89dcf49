package main

import (
	"cabot/corpus/storage"
	"cabot/rag"
	"context"
	"fmt"
	"io"
)

func doctorCommand() *command {
	return &command{
		name: "doctor", args: "", opens: needStore,
		summary: "Check the store (integrity, foreign keys, chunks without vectors, documents without\nchunks, embedders) and repair what a crash can leave; exits 1 if something is still wrong.",
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			before, err := a.store.Check(ctx)
			if err != nil {
				return err
			}
			report(e.stdout, "before", before)
			// Opening the service embeds chunks that have no vector.
			if err := a.open(ctx, needService); err != nil {
				return err
			}
			after, err := a.store.Check(ctx)
			if err != nil {
				return err
			}
			if len(before.ChunksWithoutVector) > 0 {
				fmt.Fprintf(e.stdout, "repaired: %d chunks embedded again\n", len(before.ChunksWithoutVector)-len(after.ChunksWithoutVector))
			}
			report(e.stdout, "now", after)
			if !after.OK() {
				return fmt.Errorf("the store still has problems (see above)")
			}
			fmt.Fprintln(e.stdout, "ok")
			return nil
		},
	}
}

// report prints what the check of the store found.
func report(w io.Writer, when string, h storage.Health) {
	fmt.Fprintf(w, "%s: integrity %s; %d documents, %d chunks; %d chunks without vectors; %d documents without chunks; %d foreign-key problems\n",
		when, h.Integrity, h.Documents, h.Chunks, len(h.ChunksWithoutVector), len(h.DocumentsWithoutChunks), h.ForeignKeyProblems)
	for _, p := range h.SchemaProblems {
		fmt.Fprintf(w, "  schema: %s: restore the store from a backup\n", p)
	}
	for _, n := range sortedKeys(h.Embedders) {
		fmt.Fprintf(w, "  vectors by %s: %d\n", n, h.Embedders[n])
	}
	if len(h.Embedders) > 1 {
		fmt.Fprintln(w, "  vectors of several embedders: run cabot reindex")
	}
	for _, id := range h.DocumentsWithoutChunks {
		fmt.Fprintf(w, "  document %s has no chunks: remove it (cabot docs remove %s) and add it again\n", id, id)
	}
}

func reindexCommand() *command {
	return &command{
		name: "reindex", args: "",
		summary: "Embed every document again with the configured embedder (after changing it).",
		run: func(ctx context.Context, e env, a *app, _ []string) error {
			// The embedder comes first: a mistake in its settings leaves the
			// store alone.
			embedder, err := newEmbedder(a.cfg)
			if err != nil {
				return err
			}
			if err := a.open(ctx, needStore); err != nil {
				return err
			}
			bar := newProgress(e.stderr, 0)
			total := 0
			err = rag.Reindex(ctx, a.store, embedder, 64, func(done, n int) {
				bar.total, total = n, n
				bar.show(done, "chunks")
			})
			bar.clear()
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "reindexed %d chunks with %s\n", total, embedder.Name())
			return nil
		},
	}
}

func backupCommand() *command {
	return &command{
		name: "backup", args: "FILE", opens: needStore,
		summary: "Write a consistent copy of the store to FILE, also while the bot runs.\nRestore: stop cabot, then put FILE in place of cabot.db in the data directory.",
		check: func(args []string) error {
			if len(args) != 1 {
				return usagef("backup takes one file name")
			}
			return nil
		},
		run: func(ctx context.Context, e env, a *app, args []string) error {
			if err := a.store.Backup(ctx, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "backed up to %s\n", args[0])
			return nil
		},
	}
}

func configCommand() *command {
	return &command{
		name: "config", args: "",
		summary: "Print the effective configuration (secrets redacted) after the file,\nthe environment and the flags.",
		run: func(_ context.Context, e env, a *app, _ []string) error {
			fmt.Fprint(e.stdout, a.cfg.String())
			return nil
		},
	}
}
