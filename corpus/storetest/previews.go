package storetest

import (
	"cabot/corpus/storage"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testPreviews checks that a preview comes back as it was saved, is
// replaced by a save with the same token, and is gone once deleted.
func testPreviews(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	doc := textDoc(1, serverA, "A document waiting for its moderator's Confirm.")
	doc.Published = time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	doc.AddedAt = time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)
	expires := time.Now().Add(10 * time.Minute).UTC().Truncate(time.Microsecond)
	want := storage.Preview{Token: "tok1", UserID: "400000000000000001", GuildID: serverA, Doc: doc, Expires: expires}
	if _, err := s.Preview(ctx, "tok1"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("Preview of an unknown token: %v; want ErrNotFound", err)
	}
	if err := s.SavePreview(ctx, want); err != nil {
		t.Fatalf("SavePreview error: %v", err)
	}
	got, err := s.Preview(ctx, "tok1")
	if err != nil {
		t.Fatalf("Preview error: %v", err)
	}
	if got.Token != want.Token || got.UserID != want.UserID || got.GuildID != want.GuildID || !got.Expires.Equal(want.Expires) ||
		got.Doc.ID != doc.ID || got.Doc.Text != doc.Text || got.Doc.Scope != doc.Scope || got.Doc.Title != doc.Title ||
		!got.Doc.Published.Equal(doc.Published) || !got.Doc.AddedAt.Equal(doc.AddedAt) {
		t.Errorf("Preview = %+v; want %+v", got, want)
	}
	other := want
	other.Token, other.UserID = "tok2", "400000000000000002"
	if err := s.SavePreview(ctx, other); err != nil {
		t.Fatalf("SavePreview of a second preview error: %v", err)
	}
	want.GuildID = serverB
	if err := s.SavePreview(ctx, want); err != nil {
		t.Fatalf("SavePreview again with the same token error: %v", err)
	}
	if got, err := s.Preview(ctx, "tok1"); err != nil || got.GuildID != serverB {
		t.Errorf("after a second save: guild %q (%v); want %q, the second save's", got.GuildID, err, serverB)
	}
	if ok, err := s.DeletePreview(ctx, "tok1"); err != nil || !ok {
		t.Errorf("DeletePreview = %v, %v; want true", ok, err)
	}
	if _, err := s.Preview(ctx, "tok1"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Preview after DeletePreview: %v; want ErrNotFound", err)
	}
	if ok, err := s.DeletePreview(ctx, "tok1"); err != nil || ok {
		t.Errorf("DeletePreview again = %v, %v; want false", ok, err)
	}
	if got, err := s.Preview(ctx, "tok2"); err != nil || got.UserID != other.UserID {
		t.Errorf("the other preview: %+v (%v); want it untouched", got, err)
	}
}

// testPreviewsExpire checks that an expired preview is still returned
// until the next save deletes it.
func testPreviewsExpire(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	old := storage.Preview{Token: "old", UserID: "u", GuildID: serverA, Doc: textDoc(1, serverA, "An old preview."), Expires: time.Now().Add(-time.Second)}
	if err := s.SavePreview(ctx, old); err != nil {
		t.Fatalf("SavePreview error: %v", err)
	}
	if got, err := s.Preview(ctx, "old"); err != nil || !got.Expires.Before(time.Now()) {
		t.Fatalf("Preview of an expired preview = %+v, %v; want it, expired", got, err)
	}
	fresh := storage.Preview{Token: "fresh", UserID: "u", GuildID: serverA, Doc: textDoc(2, serverA, "A fresh preview."), Expires: time.Now().Add(time.Minute)}
	if err := s.SavePreview(ctx, fresh); err != nil {
		t.Fatalf("SavePreview error: %v", err)
	}
	if _, err := s.Preview(ctx, "old"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the expired preview after another save: %v; want ErrNotFound (deleted)", err)
	}
	if _, err := s.Preview(ctx, "fresh"); err != nil {
		t.Errorf("the fresh preview: %v; want it kept", err)
	}
}

// testPreviewConsumedOnce checks that of many deletions of one preview at
// once exactly one reports it was there.
func testPreviewConsumedOnce(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	p := storage.Preview{Token: "once", UserID: "u", GuildID: serverA, Doc: textDoc(1, serverA, "Confirmed twice at once."), Expires: time.Now().Add(time.Minute)}
	if err := s.SavePreview(ctx, p); err != nil {
		t.Fatalf("SavePreview error: %v", err)
	}
	var wg sync.WaitGroup
	var deleted atomic.Int64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.DeletePreview(ctx, "once")
			if err != nil {
				t.Errorf("DeletePreview error: %v", err)
			}
			if ok {
				deleted.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := deleted.Load(); n != 1 {
		t.Errorf("%d of 8 concurrent DeletePreview calls reported the preview; want exactly 1", n)
	}
}
