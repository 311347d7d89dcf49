package rag

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cabot/corpus"
	"cabot/corpus/storage"
)

// syncPage is how many changes Sync reads from the feed at a time.
const syncPage = 256

// Sync brings the indexes up to date with the store's change feed: the
// documents that other processes (cabot ingest, cabot docs remove, another
// bot) added become answerable, and those they removed stop being. The
// Library's own writes are in the feed too and cost one look-up each.
//
// Each changed document is reconciled with what the store holds now, so
// applying a change twice, or late, does no harm. A failure to read the
// store stops Sync where it was (the next call goes on from there); a
// document that cannot be indexed (vectors of another embedder) is skipped,
// and Sync returns an error naming it once.
func (l *Library) Sync(ctx context.Context) error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	var skipped []error
	for {
		page, err := l.store.Changes(ctx, l.applied, syncPage)
		if err != nil {
			return errors.Join(append(skipped, fmt.Errorf("sync: %w", err))...)
		}
		done := map[string]bool{} // reconciled in this page already
		for _, c := range page {
			if !done[c.DocID] {
				err := l.reconcile(ctx, c.DocID)
				switch {
				case errors.Is(err, ErrEmbedderMismatch):
					skipped = append(skipped, fmt.Errorf("sync: change %d (%s %s): %w", c.Seq, c.Kind, c.DocID, err))
				case err != nil:
					return errors.Join(append(skipped, fmt.Errorf("sync: change %d (%s %s): %w", c.Seq, c.Kind, c.DocID, err))...)
				}
				done[c.DocID] = true
			}
			l.applied = c.Seq
		}
		if len(page) < syncPage {
			return errors.Join(skipped...)
		}
	}
}

// reconcile makes the indexes hold document id as the store holds it now:
// indexed with its stored metadata, or not at all. The caller holds
// writeMu.
func (l *Library) reconcile(ctx context.Context, id string) error {
	l.mu.RLock()
	have, indexed := l.docs[id]
	l.mu.RUnlock()
	doc, err := l.store.Document(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		if !indexed {
			return nil
		}
		if err := l.unindex(ctx, id, have.Scope); err != nil {
			return err
		}
		l.log.Info("document removed by another process", "id", id, "title", have.Title, "scope", have.Scope)
		return nil
	}
	if err != nil {
		return err
	}
	info := infoOf(doc)
	if indexed && sameInfo(have, info) {
		return nil // this Library's own write, or applied already
	}
	stored, err := l.store.DocumentChunks(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return l.reconcile(ctx, id) // removed in between
	}
	if err != nil {
		return err
	}
	chunks := make([]corpus.Chunk, 0, len(stored))
	vectors := make([]storage.Vector, 0, len(stored))
	var missing []corpus.Chunk
	for _, c := range stored {
		switch c.Vector.Embedder {
		case l.embedder.Name():
			chunks = append(chunks, c.Chunk)
			vectors = append(vectors, c.Vector)
		case "":
			missing = append(missing, c.Chunk)
		default:
			return fmt.Errorf("%w: document %s has vectors of %q, the configured embedder is %q: run \"cabot reindex\" and restart",
				ErrEmbedderMismatch, id, c.Vector.Embedder, l.embedder.Name())
		}
	}
	if indexed { // its metadata changed: index it afresh
		if err := l.unindex(ctx, id, have.Scope); err != nil {
			return err
		}
	}
	if err := l.index(ctx, info, chunks, vectors); err != nil {
		return err
	}
	if err := l.repair(ctx, missing); err != nil {
		return err
	}
	l.log.Info("document added by another process", "id", id, "title", info.Title, "scope", info.Scope, "chunks", len(stored))
	return nil
}

// sameInfo reports whether two descriptions of a document agree.
func sameInfo(a, b DocInfo) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Author == b.Author && a.Outlet == b.Outlet && a.URL == b.URL &&
		a.Language == b.Language && corpus.FormatDate(a.Published) == corpus.FormatDate(b.Published) && a.Scope == b.Scope && a.Source == b.Source &&
		a.AddedAt.Equal(b.AddedAt)
}

// Follow keeps the indexes current with the changes other processes make
// to the store: it calls Sync every interval until ctx ends. A failure is
// logged when it starts (and once a minute while it lasts) and Sync is
// tried again at the next tick. An interval that is not positive means one
// second.
func (s *Service) Follow(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var failingSince, lastLogged time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := s.lib.Sync(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			now := time.Now()
			if failingSince.IsZero() {
				failingSince = now
			}
			if now.Sub(lastLogged) >= time.Minute {
				s.log.Error("following the store's changes failed; trying again", "err", err, "every", every,
					"failing_for", now.Sub(failingSince).Round(time.Second))
				lastLogged = now
			}
		case !failingSince.IsZero():
			s.log.Info("following the store's changes again", "after", time.Since(failingSince).Round(time.Second))
			failingSince, lastLogged = time.Time{}, time.Time{}
		}
	}
}

// Sync applies the store's newer changes to the indexes now (see
// Library.Sync).
func (s *Service) Sync(ctx context.Context) error { return s.lib.Sync(ctx) }
