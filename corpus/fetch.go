package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	defaultFetchTimeout      = 20 * time.Second
	defaultFetchMaxBytes     = 10 << 20
	defaultFetchMaxRedirects = 5
	defaultFetchUserAgent    = "cabot/1 (+document fetcher)"
	fetchAccept              = "text/html, application/pdf, text/plain, text/markdown, */*;q=0.1"
	maxFetchURLLength        = 2048
)

// FetchOptions bounds a fetch. Zero values mean the defaults.
type FetchOptions struct {
	// Timeout bounds the whole request, body included; default 20s.
	Timeout time.Duration
	// MaxBytes is the largest body accepted, after decompression; default
	// 10 MB.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; default 5. A negative
	// value follows none.
	MaxRedirects int
	// UserAgent is sent with every request; default "cabot/1 (+document
	// fetcher)".
	UserAgent string
	// AllowLoopback lets tests fetch from httptest servers on 127.0.0.1/::1
	// ONLY (never private, link-local etc.). It is for tests: no
	// configuration setting or user input sets it.
	AllowLoopback bool
	// Resolver, when set, replaces DNS lookups (tests use it to make a name
	// resolve to a private address).
	Resolver func(ctx context.Context, host string) ([]netip.Addr, error)
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.Timeout <= 0 {
		o.Timeout = defaultFetchTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = defaultFetchMaxBytes
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = defaultFetchMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = defaultFetchUserAgent
	}
	return o
}

// Fetched is what a fetch returned.
type Fetched struct {
	URL         string // final URL after redirects
	ContentType string // the Content-Type header
	// Name is a file name for format detection: the last path segment of the
	// final URL, or "". It comes from the server's side and is not sanitised
	// for use as a file system path.
	Name string
	Body []byte
}

var (
	// ErrForbiddenAddress is returned (wrapped) when the URL, a redirect, or
	// the address actually dialled is not a public unicast address.
	ErrForbiddenAddress = errors.New("forbidden address")
	// ErrFetchTooLarge is returned (wrapped) when the body, after
	// decompression, is over FetchOptions.MaxBytes.
	ErrFetchTooLarge = errors.New("document too large")
	// ErrBadURL is returned (wrapped) when the link, or a redirect, is not
	// an acceptable http or https URL, or when it redirects too many times.
	ErrBadURL = errors.New("bad link")
)

// fetchError is an error whose message a moderator can read. kind is the
// sentinel it matches; cause, when set, is printed after the reason.
type fetchError struct {
	kind   error
	reason string
	cause  error
	// described is set when the reason already says the refusal happened on
	// a redirect.
	described bool
}

func (e *fetchError) Error() string {
	msg := e.reason
	if e.kind == ErrForbiddenAddress || e.kind == ErrBadURL {
		msg = "refused: " + msg
	}
	if e.cause != nil {
		msg += ": " + e.cause.Error()
	}
	return msg
}

func (e *fetchError) Unwrap() []error {
	var errs []error
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

func badURL(format string, args ...any) error {
	return &fetchError{kind: ErrBadURL, reason: fmt.Sprintf(format, args...)}
}

// addressRefusal says why addr, which host is or resolves to, is refused.
func addressRefusal(host string, addr netip.Addr, literal bool, reason string) error {
	if literal {
		return &fetchError{kind: ErrForbiddenAddress, reason: fmt.Sprintf("%s is %s", addr, reason)}
	}
	return &fetchError{kind: ErrForbiddenAddress, reason: fmt.Sprintf("%s resolves to %s, %s", host, addr, reason)}
}

// Fetcher fetches documents safely: only http and https, only public unicast
// addresses (checked on the address actually dialled), with bounded time,
// size and redirects, and without proxies. Safe for concurrent use.
type Fetcher struct {
	opt       FetchOptions
	dialer    *net.Dialer
	transport *http.Transport
	// dialAddr dials one address that has been checked. Tests replace it
	// with a fake network so that they never reach a real one.
	dialAddr func(ctx context.Context, network string, addr netip.AddrPort) (net.Conn, error)
}

// NewFetcher returns a Fetcher with opt, zero values replaced by defaults.
func NewFetcher(opt FetchOptions) *Fetcher {
	f := &Fetcher{opt: opt.withDefaults()}
	// Control sees the address the socket is about to connect to: the last
	// line of defence should anything upstream dial an unchecked address.
	f.dialer = &net.Dialer{Timeout: f.opt.Timeout, Control: f.control}
	f.dialAddr = func(ctx context.Context, network string, addr netip.AddrPort) (net.Conn, error) {
		return f.dialer.DialContext(ctx, network, addr.String())
	}
	f.transport = &http.Transport{
		// No proxy from the environment: a proxy would make the connection
		// for us, to an address we never checked.
		Proxy:                  nil,
		DialContext:            f.dialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           16,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	return f
}

// Fetch gets rawURL, following redirects, and returns the body. It returns
// ErrBadURL for a link that is not plain http(s), too long, or redirects too
// often; ErrForbiddenAddress when the link, a redirect or a resolved address
// is not a public unicast address; ErrFetchTooLarge for a body over
// MaxBytes; context.DeadlineExceeded when Timeout runs out; and an error with
// the status for any non-2xx answer. Error messages are written for the
// moderator who added the link.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Fetched, error) {
	u, err := parseFetchURL(rawURL, f.opt.AllowLoopback)
	if err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &fetchError{kind: ErrBadURL, reason: "the link is not a valid URL", cause: err}
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", fetchAccept)
	// No Accept-Encoding: the transport then asks for gzip itself and
	// decompresses, so the size limit below applies to the decompressed body.

	var redirectedTo string
	client := &http.Client{
		Transport: f.transport,
		Timeout:   f.opt.Timeout,
		CheckRedirect: func(next *http.Request, via []*http.Request) error {
			if len(via) > f.opt.MaxRedirects {
				return &fetchError{kind: ErrBadURL, described: true,
					reason: fmt.Sprintf("too many redirects (more than %d)", f.opt.MaxRedirects)}
			}
			redirectedTo = next.URL.Hostname()
			if err := checkFetchURL(next.URL, f.opt.AllowLoopback); err != nil {
				return onRedirect(redirectedTo, err)
			}
			return nil
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, f.describe(parent, ctx, u.Hostname(), redirectedTo, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The status text is ours, not the server's: moderators see it.
		return nil, &fetchError{reason: fmt.Sprintf("the server answered %d %s",
			resp.StatusCode, http.StatusText(resp.StatusCode))}
	}
	tooLarge := &fetchError{kind: ErrFetchTooLarge,
		reason: "the document is larger than " + HumanBytes(f.opt.MaxBytes)}
	if resp.ContentLength > f.opt.MaxBytes {
		return nil, tooLarge
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, f.opt.MaxBytes+1)); err != nil {
		return nil, f.describe(parent, ctx, resp.Request.URL.Hostname(), "", fmt.Errorf("read body: %w", err))
	}
	if int64(buf.Len()) > f.opt.MaxBytes {
		return nil, tooLarge
	}
	return &Fetched{
		URL:         resp.Request.URL.String(),
		ContentType: resp.Header.Get("Content-Type"),
		Name:        fetchName(resp.Request.URL),
		Body:        buf.Bytes(),
	}, nil
}

// onRedirect says that a refusal happened on a redirect to host.
func onRedirect(host string, err error) error {
	var fe *fetchError
	if !errors.As(err, &fe) || fe.described {
		return err
	}
	return &fetchError{kind: fe.kind, described: true, cause: fe.cause,
		reason: fmt.Sprintf("the link redirects to %s: %s", host, fe.reason)}
}

// describe turns an error from the request or the body into one a moderator
// can read.
func (f *Fetcher) describe(parent, ctx context.Context, host, redirectedTo string, err error) error {
	var fe *fetchError
	if errors.As(err, &fe) {
		if redirectedTo != "" {
			return onRedirect(redirectedTo, fe)
		}
		return fe
	}
	if parent.Err() != nil {
		return &fetchError{reason: "the fetch was cancelled", cause: parent.Err()}
	}
	var ne net.Error
	if ctx.Err() != nil || (errors.As(err, &ne) && ne.Timeout()) {
		return &fetchError{kind: context.DeadlineExceeded,
			reason: fmt.Sprintf("the page did not answer within %s", f.opt.Timeout)}
	}
	if redirectedTo != "" {
		host = redirectedTo
	}
	return &fetchError{reason: "could not fetch the page from " + host, cause: err}
}

// parseFetchURL parses and checks a link given by a user.
func parseFetchURL(rawURL string, allowLoopback bool) (*url.URL, error) {
	rawURL = strings.TrimSpace(rawURL)
	if rawURL == "" {
		return nil, badURL("the link is empty")
	}
	if len(rawURL) > maxFetchURLLength {
		return nil, badURL("the link is longer than %d characters", maxFetchURLLength)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, badURL("the link is not a valid URL")
	}
	u.Fragment, u.RawFragment = "", ""
	if err := checkFetchURL(u, allowLoopback); err != nil {
		return nil, err
	}
	return u, nil
}

// checkFetchURL checks a link or a redirect target before any connection:
// scheme, credentials, host, port and, when the host is an IP literal, the
// address.
func checkFetchURL(u *url.URL, allowLoopback bool) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return badURL("only http and https links can be added")
	}
	if u.Opaque != "" {
		return badURL("the link is not a valid URL")
	}
	if u.User != nil {
		return badURL("links with a user name or password cannot be added")
	}
	if len(u.String()) > maxFetchURLLength {
		return badURL("the link is longer than %d characters", maxFetchURLLength)
	}
	host := u.Hostname()
	if host == "" {
		return badURL("the link has no host name")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return badURL("the link has an invalid port %q", p)
		}
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		// The transport is given the same literal, and dialContext checks it
		// again; refusing here means no connection is even attempted.
		if reason := fetchForbiddenReason(addr, allowLoopback); reason != "" {
			return addressRefusal(host, addr, true, reason)
		}
		return nil
	}
	if looksNumericHost(host) {
		// 127.1, 2130706433, 0x7f000001: resolvers read these as IPv4
		// addresses; no real name ends in a number.
		return badURL("%s is not a valid host name", host)
	}
	return nil
}

// looksNumericHost reports whether host's last label is a decimal or hex
// number, as in the shorthand IPv4 forms some resolvers accept.
func looksNumericHost(host string) bool {
	host = strings.TrimSuffix(host, ".")
	last := strings.ToLower(host[strings.LastIndex(host, ".")+1:])
	if last == "" {
		return false
	}
	digits := "0123456789"
	if rest, ok := strings.CutPrefix(last, "0x"); ok {
		last, digits = rest, "0123456789abcdef"
	}
	for _, r := range last {
		if !strings.ContainsRune(digits, r) {
			return false
		}
	}
	return true
}

// isLocalhostName reports whether host is "localhost" or a name under it,
// which always mean the loopback interface (RFC 6761).
func isLocalhostName(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// dialContext resolves the host once, refuses the connection if any of its
// addresses is forbidden, and dials the checked addresses literally, so that
// a second DNS answer (rebinding) can never be used.
func (f *Fetcher) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(address)
	if err != nil {
		return nil, &fetchError{reason: "the link has an invalid address", cause: err}
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, &fetchError{reason: "the link has an invalid port", cause: err}
	}
	addrs, literal, err := f.lookup(ctx, host)
	if err != nil {
		return nil, err
	}
	// Any forbidden address refuses the whole name: a name that mixes public
	// and private addresses is not one we want to half-trust.
	for _, a := range addrs {
		if reason := fetchForbiddenReason(a, f.opt.AllowLoopback); reason != "" {
			return nil, addressRefusal(host, a, literal, reason)
		}
	}
	var firstErr error
	for _, a := range addrs {
		conn, err := f.dialAddr(ctx, network, netip.AddrPortFrom(a.Unmap(), uint16(port)))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}

// lookup returns the addresses of host, and whether host was an IP literal.
func (f *Fetcher) lookup(ctx context.Context, host string) ([]netip.Addr, bool, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, true, nil
	}
	if isLocalhostName(host) {
		return []netip.Addr{netip.AddrFrom4([4]byte{127, 0, 0, 1}), netip.IPv6Loopback()}, false, nil
	}
	var addrs []netip.Addr
	var err error
	if f.opt.Resolver != nil {
		addrs, err = f.opt.Resolver(ctx, host)
	} else {
		addrs, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	}
	if err != nil {
		return nil, false, &fetchError{reason: "could not find the server " + host, cause: err}
	}
	if len(addrs) == 0 {
		return nil, false, &fetchError{reason: "could not find the server " + host}
	}
	return addrs, false, nil
}

// control is the dialer's last check, on the address the socket connects to.
func (f *Fetcher) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &fetchError{kind: ErrForbiddenAddress, reason: fmt.Sprintf("%q is not an address that can be checked", address)}
	}
	if reason := fetchForbiddenReason(ap.Addr(), f.opt.AllowLoopback); reason != "" {
		return addressRefusal("", ap.Addr(), true, reason)
	}
	return nil
}

// fetchRange is an address range that is never fetched from.
type fetchRange struct {
	prefix netip.Prefix
	reason string
}

// fetchRefusedRanges lists the refused ranges, most specific first. Loopback,
// IPv4-mapped, NAT64 and 6to4 addresses are handled in
// fetchForbiddenReason, and so is any IPv6 address outside 2000::/3.
var fetchRefusedRanges = func() []fetchRange {
	list := []struct{ prefix, reason string }{
		{"0.0.0.0/32", "an unspecified address"},
		{"255.255.255.255/32", "the broadcast address"},
		{"0.0.0.0/8", "a reserved address"},
		{"10.0.0.0/8", "a private address"},
		{"100.64.0.0/10", "a shared (carrier-grade NAT) address"},
		{"127.0.0.0/8", "a loopback address"},
		{"169.254.0.0/16", "a link-local address"},
		{"172.16.0.0/12", "a private address"},
		{"192.0.0.0/24", "a reserved address"},
		{"192.0.2.0/24", "a documentation address"},
		{"192.88.99.0/24", "a reserved address"},
		{"192.168.0.0/16", "a private address"},
		{"198.18.0.0/15", "a benchmarking address"},
		{"198.51.100.0/24", "a documentation address"},
		{"203.0.113.0/24", "a documentation address"},
		{"224.0.0.0/4", "a multicast address"},
		{"240.0.0.0/4", "a reserved address"},

		{"::/128", "an unspecified address"},
		{"::1/128", "a loopback address"},
		{"::/96", "a deprecated IPv4-compatible address"},
		{"64:ff9b:1::/48", "a reserved address"},
		{"100::/64", "a reserved address"},
		{"2001:2::/48", "a benchmarking address"},
		{"2001:db8::/32", "a documentation address"},
		{"2001::/23", "a reserved address"},
		{"3fff::/20", "a documentation address"},
		{"fc00::/7", "a private address"},
		{"fe80::/10", "a link-local address"},
		{"fec0::/10", "a site-local address"},
		{"ff00::/8", "a multicast address"},
	}
	ranges := make([]fetchRange, len(list))
	for i, r := range list {
		ranges[i] = fetchRange{netip.MustParsePrefix(r.prefix), r.reason}
	}
	return ranges
}()

var (
	fetchNAT64Prefix    = netip.MustParsePrefix("64:ff9b::/96")
	fetch6to4Prefix     = netip.MustParsePrefix("2002::/16")
	fetchGlobalUnicast6 = netip.MustParsePrefix("2000::/3")
)

// fetchForbiddenReason returns why addr must not be fetched from, such as "a
// private address", or "" when it is a public unicast address. With
// allowLoopback, 127.0.0.0/8 and ::1 (and nothing else) are allowed.
func fetchForbiddenReason(addr netip.Addr, allowLoopback bool) string {
	if !addr.IsValid() {
		return "not a valid address"
	}
	zone := addr.Zone()
	addr = addr.WithZone("") // netip.Prefix.Contains never matches a zoned address
	if addr.Is4In6() {
		return fetchForbiddenReason(addr.Unmap(), allowLoopback)
	}
	if addr.IsLoopback() && allowLoopback && zone == "" {
		return ""
	}
	for _, r := range fetchRefusedRanges {
		if r.prefix.Contains(addr) {
			return r.reason
		}
	}
	if zone != "" {
		return "an address scoped to a network interface"
	}
	if addr.Is4() {
		return ""
	}
	// Addresses that carry an IPv4 address are as good as that address.
	b := addr.As16()
	switch {
	case fetchNAT64Prefix.Contains(addr):
		v4 := netip.AddrFrom4([4]byte(b[12:16]))
		if reason := fetchForbiddenReason(v4, false); reason != "" {
			return fmt.Sprintf("a NAT64 address for %s, %s", v4, reason)
		}
		return ""
	case fetch6to4Prefix.Contains(addr):
		v4 := netip.AddrFrom4([4]byte(b[2:6]))
		if reason := fetchForbiddenReason(v4, false); reason != "" {
			return fmt.Sprintf("a 6to4 address for %s, %s", v4, reason)
		}
		return ""
	case !fetchGlobalUnicast6.Contains(addr):
		return "a reserved address"
	}
	return ""
}

// fetchName returns the last path segment of u, or "" when the path ends in
// a slash.
func fetchName(u *url.URL) string {
	name := u.Path[strings.LastIndex(u.Path, "/")+1:]
	if name == "." || name == ".." {
		return ""
	}
	return name
}
