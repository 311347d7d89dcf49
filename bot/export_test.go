package bot

import "time"

// SetTypingEvery makes keepTyping renew the typing indicator every d, for
// tests, and returns a function that restores the interval.
func SetTypingEvery(d time.Duration) (restore func()) {
	old := typingEvery.Swap(int64(d))
	return func() { typingEvery.Store(old) }
}

// SetIdentifyGap sets the wait between two shards' connections, for tests,
// and returns a function that restores it.
func SetIdentifyGap(d time.Duration) (restore func()) {
	old := identifyGap
	identifyGap = d
	return func() { identifyGap = old }
}
