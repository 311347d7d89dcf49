package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"cabot/corpus/storage"
)

// SavePreview stores a document preview, replacing one with the same
// token, and deletes the previews that have expired, in one transaction.
func (s *Store) SavePreview(ctx context.Context, p storage.Preview) error {
	doc, err := storage.EncodePreviewDoc(p.Doc)
	if err != nil {
		return fmt.Errorf("save preview: %w", err)
	}
	err = s.inTx(ctx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM previews WHERE expires < $1`, storage.FormatTime(time.Now())); err != nil {
			return fmt.Errorf("delete the expired ones: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO previews (token, user_id, guild_id, doc, expires) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, guild_id = excluded.guild_id, doc = excluded.doc, expires = excluded.expires`,
			p.Token, p.UserID, p.GuildID, doc, storage.FormatTime(p.Expires))
		return err
	})
	if err != nil {
		return fmt.Errorf("save preview: %w", writeErr(err))
	}
	return nil
}

// DeletePreview deletes a preview and reports whether it was there.
func (s *Store) DeletePreview(ctx context.Context, token string) (bool, error) {
	n, err := rowsAffected(s.db.ExecContext(ctx, `DELETE FROM previews WHERE token = $1`, token))
	if err != nil {
		return false, fmt.Errorf("delete preview: %w", writeErr(err))
	}
	return n > 0, nil
}
