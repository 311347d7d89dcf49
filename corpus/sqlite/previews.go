package sqlite

import (
	"context"
	"fmt"
	"time"

	"cabot/corpus/storage"
)

// SavePreview stores a document preview, replacing one with the same
// token, and deletes the previews that have expired, in one transaction.
func (s *Store) SavePreview(ctx context.Context, p storage.Preview) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	doc, err := storage.EncodePreviewDoc(p.Doc)
	if err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM previews WHERE expires < ?`, storage.FormatTime(time.Now())); err != nil {
		return fmt.Errorf("save preview: delete the expired ones: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO previews (token, user_id, guild_id, doc, expires) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, guild_id = excluded.guild_id, doc = excluded.doc, expires = excluded.expires`,
		p.Token, p.UserID, p.GuildID, doc, storage.FormatTime(p.Expires)); err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	return nil
}

// DeletePreview deletes a preview and reports whether it was there.
func (s *Store) DeletePreview(ctx context.Context, token string) (bool, error) {
	if err := s.refuseWrite(); err != nil {
		return false, fmt.Errorf("delete preview: %w", err)
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM previews WHERE token = ?`, token)
	if err != nil {
		return false, fmt.Errorf("delete preview: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("delete preview: %w", err)
	}
	return n > 0, nil
}
