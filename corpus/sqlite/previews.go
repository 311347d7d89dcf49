package sqlite

import (
	"context"
	"database/sql"
	"errors"
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

// Preview returns a stored preview, or an error wrapping
// storage.ErrNotFound.
func (s *Store) Preview(ctx context.Context, token string) (storage.Preview, error) {
	p := storage.Preview{Token: token}
	var doc, expires string
	err := s.db.QueryRowContext(ctx, `SELECT user_id, guild_id, doc, expires FROM previews WHERE token = ?`, token).
		Scan(&p.UserID, &p.GuildID, &doc, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("preview: %w", storage.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("read preview: %w", err)
	}
	if p.Doc, err = storage.DecodePreviewDoc(doc); err != nil {
		return p, fmt.Errorf("read preview: %w", err)
	}
	p.Expires = storage.ParseTime(expires)
	return p, nil
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
