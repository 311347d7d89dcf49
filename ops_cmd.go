package main

import (
	"cabot/corpus/storage"
	"context"
	"flag"
	"fmt"
	"sort"
)

func doctorCommand() *command {
	return &command{
		name: "doctor", args: "",
		summary: "Check the store (integrity, foreign keys, chunks without vectors, documents without\nchunks, embedders) and repair what a crash can leave; exits 1 if something is still wrong.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() > 0 {
				return usagef("doctor takes no arguments")
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			store, err := openStore(ctx, cfg)
			if err != nil {
				return err
			}
			before, err := store.Check(ctx)
			store.Close()
			if err != nil {
				return err
			}
			report(e, "before", before)
			// Opening the library embeds chunks that have no vector.
			a, err := openAppWith(ctx, cfg, newLogger(e.stderr, cfg.LogLevel, "warn"))
			if err != nil {
				return err
			}
			defer a.Close()
			after, err := a.store.Check(ctx)
			if err != nil {
				return err
			}
			if len(before.ChunksWithoutVector) > 0 {
				fmt.Fprintf(e.stdout, "repaired: %d chunks embedded again\n", len(before.ChunksWithoutVector)-len(after.ChunksWithoutVector))
			}
			report(e, "now", after)
			if !after.OK() {
				return fmt.Errorf("the store still has problems (see above)")
			}
			fmt.Fprintln(e.stdout, "ok")
			return nil
		},
	}
}

func report(e env, when string, h storage.Health) {
	fmt.Fprintf(e.stdout, "%s: integrity %s; %d documents, %d chunks; %d chunks without vectors; %d documents without chunks; %d foreign-key problems\n",
		when, h.Integrity, h.Documents, h.Chunks, len(h.ChunksWithoutVector), len(h.DocumentsWithoutChunks), h.ForeignKeyProblems)
	var names []string
	for n := range h.Embedders {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stdout, "  vectors by %s: %d\n", n, h.Embedders[n])
	}
	if len(h.Embedders) > 1 {
		fmt.Fprintln(e.stdout, "  vectors of several embedders: run cabot reindex")
	}
	for _, id := range h.DocumentsWithoutChunks {
		fmt.Fprintf(e.stdout, "  document %s has no chunks: remove it (cabot docs remove %s) and add it again\n", id, id)
	}
}

func backupCommand() *command {
	return &command{
		name: "backup", args: "FILE",
		summary: "Write a consistent copy of the store to FILE, also while the bot runs.\nRestore: stop cabot, then put FILE in place of cabot.db in the data directory.",
		run: func(ctx context.Context, e env, fs *flag.FlagSet) error {
			if fs.NArg() != 1 {
				return usagef("backup takes one file name")
			}
			cfg, err := loadConfig(e)
			if err != nil {
				return err
			}
			store, err := openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer store.Close()
			if err := store.Backup(ctx, fs.Arg(0)); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "backed up to %s\n", fs.Arg(0))
			return nil
		},
	}
}
