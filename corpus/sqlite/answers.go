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

// SaveFeedback records whether a user found an answer helpful; a second
// vote by the same user replaces the first. The user ID is stored only as a
// keyed hash (HMAC-SHA-256 with a random key kept in the store), so that
// votes can be counted once per person without keeping who they are.
func (s *Store) SaveFeedback(ctx context.Context, answerID, userID string, helpful bool) error {
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("save feedback on %s: %w", answerID, err)
	}
	key, err := storage.Secret(ctx, s.read(), storage.FeedbackKeyName)
	if err != nil {
		return err
	}
	hash := storage.UserHash(key, userID)
	_, err = s.db.ExecContext(ctx, `INSERT INTO feedback (answer_id, user_hash, helpful, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (answer_id, user_hash) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at, reason = ''`,
		answerID, hash, helpful, storage.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save feedback on answer %s: %w", answerID, err)
	}
	return nil
}

// SaveFeedbackReason records why a user found an answer not helpful; it
// fails with an error wrapping storage.ErrNotFound when that user's vote on
// the answer is not "not helpful".
func (s *Store) SaveFeedbackReason(ctx context.Context, answerID, userID, reason string) error {
	if !storage.ValidReason(reason) {
		return fmt.Errorf("save feedback reason on answer %s: unknown reason %q", answerID, reason)
	}
	if err := s.refuseWrite(); err != nil {
		return fmt.Errorf("save feedback reason on answer %s: %w", answerID, err)
	}
	key, err := storage.Secret(ctx, s.read(), storage.FeedbackKeyName)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE feedback SET reason = ? WHERE answer_id = ? AND user_hash = ? AND NOT helpful`,
		reason, answerID, storage.UserHash(key, userID))
	if err != nil {
		return fmt.Errorf("save feedback reason on answer %s: %w", answerID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("save feedback reason on answer %s: no \"not helpful\" vote by this user: %w", answerID, storage.ErrNotFound)
	}
	return nil
}
