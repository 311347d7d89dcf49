package sqlite

import (
	"cabot/corpus/storage"
	"context"
	"fmt"
	"time"
)

// SaveAnswer stores an answer record.
func (s *Store) SaveAnswer(ctx context.Context, a storage.AnswerRecord) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("save answer %s: %w", a.ID, err)
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now().UTC()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO answers (id, question, answer, grounded, mode, sources, scope, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.Question, a.Answer, a.Grounded, a.Mode, a.Sources, a.Scope,
		storage.FormatTime(a.CreatedAt))
	if err != nil {
		return fmt.Errorf("save answer %s: %w", a.ID, err)
	}
	return nil
}

// Answer returns a stored answer, or an error wrapping storage.ErrNotFound.
func (s *Store) Answer(ctx context.Context, id string) (storage.AnswerRecord, error) {
	return storage.GetAnswer(ctx, s.read(), id)
}

// SaveFeedback records whether a user found an answer helpful; a second
// vote by the same user replaces the first. The user ID is stored only as a
// keyed hash (HMAC-SHA-256 with a random key kept in the store), so that
// votes can be counted once per person without keeping who they are.
func (s *Store) SaveFeedback(ctx context.Context, answerID, userID string, helpful bool) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("save feedback on %s: %w", answerID, err)
	}
	key, err := s.secret(ctx, storage.FeedbackKeyName)
	if err != nil {
		return err
	}
	hash := storage.UserHash(key, userID)
	_, err = s.db.ExecContext(ctx, `INSERT INTO feedback (answer_id, user_hash, helpful, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (answer_id, user_hash) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at`,
		answerID, hash, helpful, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save feedback on answer %s: %w", answerID, err)
	}
	return nil
}

// FeedbackCounts returns how many users found an answer helpful and not.
func (s *Store) FeedbackCounts(ctx context.Context, answerID string) (helpful, unhelpful int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(helpful), 0), coalesce(sum(1 - helpful), 0) FROM feedback WHERE answer_id = ?`,
		answerID).Scan(&helpful, &unhelpful)
	if err != nil {
		return 0, 0, fmt.Errorf("count feedback on answer %s: %w", answerID, err)
	}
	return helpful, unhelpful, nil
}

// secret returns a random 32-byte value stored under name, creating it once.
func (s *Store) secret(ctx context.Context, name string) ([]byte, error) {
	fresh, err := storage.NewSecret(name)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		name, fresh); err != nil {
		return nil, fmt.Errorf("store %s: %w", name, err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, name).Scan(&v); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return storage.DecodeSecret(name, v)
}
