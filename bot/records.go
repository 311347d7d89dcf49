package bot

import (
	"cabot/corpus/storage"
	"encoding/json"
	"fmt"
)

// StoredSource is a cited source as kept with an answer record, so that the
// Quotes button can show the quoted passages later, even after a restart.
type StoredSource struct {
	N         int      `json:"n"`
	Title     string   `json:"title"`
	Outlet    string   `json:"outlet,omitempty"`
	URL       string   `json:"url,omitempty"`
	Published string   `json:"published,omitempty"`
	Quotes    []string `json:"quotes"`
}

// RecordSources reads the cited sources the bot kept with an answer record.
func RecordSources(rec storage.AnswerRecord) ([]StoredSource, error) {
	var srcs []StoredSource
	if err := json.Unmarshal([]byte(rec.Sources), &srcs); err != nil {
		return nil, fmt.Errorf("decode the sources of answer %s: %w", rec.ID, err)
	}
	return srcs, nil
}
