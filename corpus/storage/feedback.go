package storage

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// FeedbackKeyName names the random key of the feedback hashes in a store's
// meta table (the same in every store, so that a backup keeps counting
// votes once).
const FeedbackKeyName = "feedback_hash_key"

// NewSecret returns 32 random bytes, hex-encoded, for a store to keep under
// name (named in the error).
func NewSecret(name string) (string, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return "", fmt.Errorf("make %s: %w", name, err)
	}
	return hex.EncodeToString(fresh), nil
}

// DecodeSecret reads a secret NewSecret made and a store kept under name.
func DecodeSecret(name, value string) ([]byte, error) {
	key, err := hex.DecodeString(value)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return key, nil
}

// UserHash is the keyed hash (HMAC-SHA-256, hex) that a store keeps in place
// of a user ID.
func UserHash(key []byte, userID string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))
}

// The reasons a member can give for finding an answer not helpful, as the
// stores keep them.
const (
	ReasonWrong        = "wrong"          // the answer is wrong
	ReasonOutdated     = "outdated"       // it was true once
	ReasonNotInSources = "not_in_sources" // the library lacks the answer
	ReasonDidNotAnswer = "did_not_answer" // the reply is beside the question
)

// FeedbackReasons are the reasons, in the order they are offered.
var FeedbackReasons = []string{ReasonWrong, ReasonOutdated, ReasonNotInSources, ReasonDidNotAnswer}

// ValidReason reports whether reason is one of FeedbackReasons.
func ValidReason(reason string) bool {
	for _, r := range FeedbackReasons {
		if r == reason {
			return true
		}
	}
	return false
}
