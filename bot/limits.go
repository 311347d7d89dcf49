package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimits keeps one token bucket per key (a user, a guild). Buckets idle
// for more than ten minutes are dropped by a sweep that take runs at most
// once every ten minutes.
type rateLimits struct {
	perMinute int
	burst     int

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newRateLimits(perMinute, burst int) *rateLimits {
	return &rateLimits{perMinute: perMinute, burst: max(burst, 1), buckets: map[string]*bucket{}}
}

// take spends one token of key's bucket, or returns how long until one is
// available (spending nothing). A limit of zero per minute means no limit.
func (r *rateLimits) take(key string, now time.Time) (ok bool, wait time.Duration) {
	if r == nil || r.perMinute <= 0 || key == "" {
		return true, 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if now.Sub(r.swept) > 10*time.Minute {
		for k, b := range r.buckets {
			if now.Sub(b.last) > 10*time.Minute {
				delete(r.buckets, k)
			}
		}
		r.swept = now
	}
	b := r.buckets[key]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(r.perMinute)/60), r.burst)}
		r.buckets[key] = b
	}
	b.last = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// slots bounds the answers computed at once.
type slots chan struct{}

// newSlots returns n slots; New checks that MaxConcurrent is at least 1.
func newSlots(n int) slots { return make(slots, n) }

func (s slots) release() { <-s }
