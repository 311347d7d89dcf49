package storage

import (
	"cabot/corpus"
	"fmt"
)

// NearDuplicateCandidates reads rows of (document ID, MinHash signature
// bytes) and returns the IDs whose signature is close enough to sig that
// the document may be a near-duplicate (the exact similarity decides, in
// BestNearDuplicate). A missing or unreadable signature cannot match.
func NearDuplicateCandidates(rows Rows, sig corpus.Signature) ([]string, error) {
	var candidates []string
	for rows.Next() {
		var id string
		var blob []byte
		if err := rows.Scan(&id, &blob); err != nil {
			return nil, err
		}
		other, err := corpus.SignatureFromBytes(blob)
		if err != nil {
			continue
		}
		if sig.Similarity(other) >= corpus.NearDuplicateThreshold-0.15 {
			candidates = append(candidates, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return candidates, nil
}

// BestNearDuplicate loads each candidate with load and returns the one whose
// shingles' Jaccard similarity with shingles is the highest and at least
// corpus.NearDuplicateThreshold (without its text), nil when none is.
func BestNearDuplicate(shingles map[uint64]struct{}, candidates []string, load func(id string) (corpus.Document, error)) (*corpus.Duplicate, error) {
	var best *corpus.Duplicate
	for _, id := range candidates {
		other, err := load(id)
		if err != nil {
			return nil, fmt.Errorf("read document %s: %w", id, err)
		}
		if j := corpus.Jaccard(shingles, corpus.Shingles(other.Text)); j >= corpus.NearDuplicateThreshold && (best == nil || j > best.Similarity) {
			other.Text = ""
			best = &corpus.Duplicate{Of: other, Reason: "near-duplicate", Similarity: j}
		}
	}
	return best, nil
}

// ScanDuplicateOf reads the document a duplicate look-up found from the
// columns id, title, outlet, url and scope, in that order.
func ScanDuplicateOf(row Row) (corpus.Document, error) {
	var d corpus.Document
	err := row.Scan(&d.ID, &d.Title, &d.Outlet, &d.URL, &d.Scope)
	return d, err
}
