package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Addresses the tests pretend are on the internet. Nothing ever dials them:
// the fake network routes them to local test servers.
var (
	fetchPublicAddr  = netip.MustParseAddr("93.184.215.14")
	fetchPublicAddr6 = netip.MustParseAddr("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
)

// fetchTestResolver answers from a fixed table and counts lookups. Unknown
// names fail, so no test depends on real DNS.
type fetchTestResolver struct {
	names map[string][]netip.Addr
	calls atomic.Int64
}

func (r *fetchTestResolver) resolve(_ context.Context, host string) ([]netip.Addr, error) {
	r.calls.Add(1)
	if addrs, ok := r.names[host]; ok {
		return addrs, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func fetchAddrs(s ...string) []netip.Addr {
	addrs := make([]netip.Addr, len(s))
	for i, a := range s {
		addrs[i] = netip.MustParseAddr(a)
	}
	return addrs
}

// fetchFakeNet stands in for the network below the address checks: it
// records every dial and connects to a local test server instead. An
// address with no route fails, so a test can never reach a real network.
type fetchFakeNet struct {
	mu       sync.Mutex
	routes   map[netip.AddrPort]string // address dialled → real listener address
	fallback string                    // listener for any other address, or ""
	dialed   []netip.AddrPort
}

func (n *fetchFakeNet) dial(ctx context.Context, _ string, addr netip.AddrPort) (net.Conn, error) {
	n.mu.Lock()
	n.dialed = append(n.dialed, addr)
	target, ok := n.routes[addr]
	if !ok {
		target = n.fallback
	}
	n.mu.Unlock()
	if target == "" {
		return nil, fmt.Errorf("fake network: no route to %s", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", target)
}

func (n *fetchFakeNet) dials() []netip.AddrPort {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]netip.AddrPort(nil), n.dialed...)
}

// fetchTestServer is an httptest server that counts the requests it got.
type fetchTestServer struct {
	*httptest.Server
	requests atomic.Int64
}

func newFetchTestServer(t *testing.T, h http.Handler) *fetchTestServer {
	t.Helper()
	s := &fetchTestServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// addrPort is the server's listening address.
func (s *fetchTestServer) addrPort() netip.AddrPort {
	return netip.MustParseAddrPort(s.Listener.Addr().String())
}

func newTestFetcher(t *testing.T, opt FetchOptions) *Fetcher {
	t.Helper()
	f := NewFetcher(opt)
	t.Cleanup(f.transport.CloseIdleConnections)
	return f
}

func TestFetch(t *testing.T) {
	var gotUA, gotAccept atomic.Value
	srv := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.UserAgent())
		gotAccept.Store(r.Header.Get("Accept"))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "path %s", r.URL.Path)
	}))
	port := strconv.Itoa(int(srv.addrPort().Port()))

	tests := []struct {
		name     string
		url      string
		ua       string
		wantURL  string
		wantName string
		wantBody string
		wantUA   string
	}{
		{"file", srv.URL + "/files/report.txt", "", srv.URL + "/files/report.txt", "report.txt", "path /files/report.txt", defaultFetchUserAgent},
		{"root", srv.URL + "/", "", srv.URL + "/", "", "path /", defaultFetchUserAgent},
		{"no path", srv.URL, "", srv.URL, "", "path /", defaultFetchUserAgent},
		{"directory", srv.URL + "/dir/", "", srv.URL + "/dir/", "", "path /dir/", defaultFetchUserAgent},
		{"escaped name and query", srv.URL + "/a%20b.pdf?dl=1#page=2", "", srv.URL + "/a%20b.pdf?dl=1", "a b.pdf", "path /a b.pdf", defaultFetchUserAgent},
		{"localhost", "http://localhost:" + port + "/x.md", "", "http://localhost:" + port + "/x.md", "x.md", "path /x.md", defaultFetchUserAgent},
		{"custom user agent", srv.URL + "/ua", "test-agent/2", srv.URL + "/ua", "ua", "path /ua", "test-agent/2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newTestFetcher(t, FetchOptions{AllowLoopback: true, UserAgent: tt.ua})
			got, err := f.Fetch(context.Background(), tt.url)
			if err != nil {
				t.Fatalf("Fetch(%q) error: %v", tt.url, err)
			}
			if string(got.Body) != tt.wantBody {
				t.Errorf("Fetch(%q).Body = %q; want %q", tt.url, got.Body, tt.wantBody)
			}
			if got.URL != tt.wantURL {
				t.Errorf("Fetch(%q).URL = %q; want %q", tt.url, got.URL, tt.wantURL)
			}
			if got.Name != tt.wantName {
				t.Errorf("Fetch(%q).Name = %q; want %q", tt.url, got.Name, tt.wantName)
			}
			if want := "text/plain; charset=utf-8"; got.ContentType != want {
				t.Errorf("Fetch(%q).ContentType = %q; want %q", tt.url, got.ContentType, want)
			}
			if ua := gotUA.Load(); ua != tt.wantUA {
				t.Errorf("Fetch(%q) sent User-Agent %q; want %q", tt.url, ua, tt.wantUA)
			}
			if accept := gotAccept.Load(); accept != fetchAccept {
				t.Errorf("Fetch(%q) sent Accept %q; want %q", tt.url, accept, fetchAccept)
			}
		})
	}
}

func TestFetchRefused(t *testing.T) {
	resolver := &fetchTestResolver{names: map[string][]netip.Addr{
		"internal.test": fetchAddrs("10.1.2.3"),
		"mixed.test":    fetchAddrs(fetchPublicAddr.String(), "10.0.0.1"),
		"mixed6.test":   fetchAddrs(fetchPublicAddr6.String(), "fd00::1"),
		"metadata.test": fetchAddrs("169.254.169.254"),
		"loop.test":     fetchAddrs("127.0.0.1"),
		"example.org":   fetchAddrs(fetchPublicAddr.String()),
	}}
	long := "http://example.org/" + strings.Repeat("a", 3000-len("http://example.org/"))

	tests := []struct {
		url      string
		loopback bool // allowed when AllowLoopback is set
		wantErr  error
		wantMsg  string
	}{
		{"http://127.0.0.1/", true, ErrForbiddenAddress, "127.0.0.1 is a loopback address"},
		{"http://127.0.0.2:8080/", true, ErrForbiddenAddress, "127.0.0.2 is a loopback address"},
		{"http://[::1]/", true, ErrForbiddenAddress, "::1 is a loopback address"},
		{"http://[::ffff:127.0.0.1]/", true, ErrForbiddenAddress, "::ffff:127.0.0.1 is a loopback address"},
		{"http://localhost/", true, ErrForbiddenAddress, "localhost resolves to 127.0.0.1, a loopback address"},
		{"http://LocalHost./", true, ErrForbiddenAddress, "a loopback address"},
		{"http://app.localhost/", true, ErrForbiddenAddress, "a loopback address"},
		{"http://loop.test/", true, ErrForbiddenAddress, "loop.test resolves to 127.0.0.1, a loopback address"},

		{"http://10.0.0.1/", false, ErrForbiddenAddress, "10.0.0.1 is a private address"},
		{"http://172.16.0.1/", false, ErrForbiddenAddress, "172.16.0.1 is a private address"},
		{"http://192.168.1.1/", false, ErrForbiddenAddress, "192.168.1.1 is a private address"},
		{"http://169.254.169.254/latest/meta-data/", false, ErrForbiddenAddress, "169.254.169.254 is a link-local address"},
		{"https://metadata.test/latest/meta-data/", false, ErrForbiddenAddress, "metadata.test resolves to 169.254.169.254, a link-local address"},
		{"http://[::ffff:10.0.0.1]/", false, ErrForbiddenAddress, "::ffff:10.0.0.1 is a private address"},
		{"http://0.0.0.0/", false, ErrForbiddenAddress, "0.0.0.0 is an unspecified address"},
		{"http://0.1.2.3/", false, ErrForbiddenAddress, "0.1.2.3 is a reserved address"},
		{"http://[::]/", false, ErrForbiddenAddress, ":: is an unspecified address"},
		{"http://100.64.0.1/", false, ErrForbiddenAddress, "100.64.0.1 is a shared (carrier-grade NAT) address"},
		{"http://[fe80::1]/", false, ErrForbiddenAddress, "fe80::1 is a link-local address"},
		{"http://[fe80::1%25eth0]/", false, ErrForbiddenAddress, "a link-local address"},
		{"http://[fc00::1]/", false, ErrForbiddenAddress, "fc00::1 is a private address"},
		{"http://[64:ff9b::a00:1]/", false, ErrForbiddenAddress, "64:ff9b::a00:1 is a NAT64 address for 10.0.0.1, a private address"},
		{"http://[64:ff9b::7f00:1]/", false, ErrForbiddenAddress, "a NAT64 address for 127.0.0.1, a loopback address"},
		{"http://[2002:a00:1::]/", false, ErrForbiddenAddress, "2002:a00:1:: is a 6to4 address for 10.0.0.1, a private address"},
		{"http://[::a00:1]/", false, ErrForbiddenAddress, "::a00:1 is a deprecated IPv4-compatible address"},
		{"http://[2001:db8::1]/", false, ErrForbiddenAddress, "2001:db8::1 is a documentation address"},
		{"http://224.0.0.1/", false, ErrForbiddenAddress, "224.0.0.1 is a multicast address"},
		{"http://[ff02::1]/", false, ErrForbiddenAddress, "ff02::1 is a multicast address"},
		{"http://255.255.255.255/", false, ErrForbiddenAddress, "255.255.255.255 is the broadcast address"},
		{"http://240.0.0.1/", false, ErrForbiddenAddress, "240.0.0.1 is a reserved address"},
		{"http://192.0.2.1/", false, ErrForbiddenAddress, "192.0.2.1 is a documentation address"},
		{"http://198.18.0.1/", false, ErrForbiddenAddress, "198.18.0.1 is a benchmarking address"},
		{"http://internal.test/", false, ErrForbiddenAddress, "internal.test resolves to 10.1.2.3, a private address"},
		{"http://mixed.test/", false, ErrForbiddenAddress, "mixed.test resolves to 10.0.0.1, a private address"},
		{"http://mixed6.test/", false, ErrForbiddenAddress, "mixed6.test resolves to fd00::1, a private address"},

		{"ftp://example.org/", false, ErrBadURL, "only http and https links can be added"},
		{"file:///etc/passwd", false, ErrBadURL, "only http and https links can be added"},
		{"javascript:alert(1)", false, ErrBadURL, "only http and https links can be added"},
		{"example.org/page", false, ErrBadURL, "only http and https links can be added"},
		{"http://user:pass@example.org/", false, ErrBadURL, "links with a user name or password cannot be added"},
		{"http://user@example.org/", false, ErrBadURL, "links with a user name or password cannot be added"},
		{"http:///path", false, ErrBadURL, "the link has no host name"},
		{"http:example.org", false, ErrBadURL, "not a valid URL"},
		{"http://exa mple.org/", false, ErrBadURL, "not a valid URL"},
		{"http://example.org:0/", false, ErrBadURL, "invalid port"},
		{"http://example.org:70000/", false, ErrBadURL, "invalid port"},
		{"   ", false, ErrBadURL, "the link is empty"},
		{long, false, ErrBadURL, "longer than 2048 characters"},
		{"http://127.1/", false, ErrBadURL, "127.1 is not a valid host name"},
		{"http://2130706433/", false, ErrBadURL, "2130706433 is not a valid host name"},
		{"http://0x7f000001/", false, ErrBadURL, "0x7f000001 is not a valid host name"},
		{"http://10.0.0.1./", false, ErrBadURL, "not a valid host name"},
	}
	for _, allowLoopback := range []bool{false, true} {
		t.Run(fmt.Sprintf("AllowLoopback=%v", allowLoopback), func(t *testing.T) {
			// Every address the fetcher might dial leads to this server: it
			// must see nothing.
			sink := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, "secret")
			}))
			fakeNet := &fetchFakeNet{fallback: sink.Listener.Addr().String()}
			f := newTestFetcher(t, FetchOptions{AllowLoopback: allowLoopback, Resolver: resolver.resolve, Timeout: 5 * time.Second})
			f.dialAddr = fakeNet.dial
			for _, tt := range tests {
				if allowLoopback && tt.loopback {
					continue
				}
				got, err := f.Fetch(context.Background(), tt.url)
				if err == nil {
					t.Errorf("Fetch(%.60q) = %q; want error %v", tt.url, got.Body, tt.wantErr)
					continue
				}
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("Fetch(%.60q) error = %v; want %v", tt.url, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) || !strings.HasPrefix(err.Error(), "refused: ") {
					t.Errorf("Fetch(%.60q) error = %q; want \"refused: ...%s...\"", tt.url, err, tt.wantMsg)
				}
			}
			if n := sink.requests.Load(); n != 0 {
				t.Errorf("test server got %d requests; want 0", n)
			}
			if d := fakeNet.dials(); len(d) != 0 {
				t.Errorf("dialled %v; want no dial", d)
			}
		})
	}
}

// TestFetchLiteralRefusedBeforeDial checks that IP literals in a link are
// refused before the transport even tries to connect.
func TestFetchLiteralRefusedBeforeDial(t *testing.T) {
	urls := []string{
		"http://10.0.0.1/",
		"https://169.254.169.254/latest/meta-data/",
		"http://[::ffff:10.0.0.1]:8080/",
		"http://[fd00::1]/",
	}
	for _, allowLoopback := range []bool{false, true} {
		f := newTestFetcher(t, FetchOptions{AllowLoopback: allowLoopback})
		var dials atomic.Int64
		f.transport.DialContext = func(context.Context, string, string) (net.Conn, error) {
			dials.Add(1)
			return nil, errors.New("test: no dialling")
		}
		for _, u := range urls {
			if _, err := f.Fetch(context.Background(), u); !errors.Is(err, ErrForbiddenAddress) {
				t.Errorf("AllowLoopback=%v: Fetch(%q) error = %v; want %v", allowLoopback, u, err, ErrForbiddenAddress)
			}
		}
		if n := dials.Load(); n != 0 {
			t.Errorf("AllowLoopback=%v: transport dialled %d times; want 0", allowLoopback, n)
		}
	}
}

func TestFetchForbiddenReason(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" means allowed
	}{
		// Public unicast, including the neighbours of refused ranges.
		{"1.1.1.1", ""},
		{"8.8.8.8", ""},
		{"9.255.255.255", ""},
		{"11.0.0.0", ""},
		{"100.63.255.255", ""},
		{"100.128.0.0", ""},
		{"126.255.255.255", ""},
		{"128.0.0.0", ""},
		{"169.253.255.255", ""},
		{"172.15.255.255", ""},
		{"172.32.0.0", ""},
		{"192.0.1.255", ""},
		{"192.167.255.255", ""},
		{"198.17.255.255", ""},
		{"198.20.0.0", ""},
		{"223.255.255.255", ""},
		{"2606:4700::1111", ""},
		{"2001:4860:4860::8888", ""},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::808:808", ""},
		{"2002:808:808::1", ""},

		{"0.0.0.0", "an unspecified address"},
		{"0.255.255.255", "a reserved address"},
		{"10.0.0.0", "a private address"},
		{"10.255.255.255", "a private address"},
		{"100.64.0.0", "a shared (carrier-grade NAT) address"},
		{"100.127.255.255", "a shared (carrier-grade NAT) address"},
		{"127.0.0.1", "a loopback address"},
		{"127.255.255.255", "a loopback address"},
		{"169.254.0.1", "a link-local address"},
		{"169.254.169.254", "a link-local address"},
		{"172.16.0.0", "a private address"},
		{"172.31.255.255", "a private address"},
		{"192.0.0.8", "a reserved address"},
		{"192.0.2.1", "a documentation address"},
		{"192.88.99.1", "a reserved address"},
		{"192.168.0.1", "a private address"},
		{"198.18.0.0", "a benchmarking address"},
		{"198.19.255.255", "a benchmarking address"},
		{"198.51.100.7", "a documentation address"},
		{"203.0.113.7", "a documentation address"},
		{"224.0.0.1", "a multicast address"},
		{"239.255.255.250", "a multicast address"},
		{"240.0.0.1", "a reserved address"},
		{"255.255.255.254", "a reserved address"},
		{"255.255.255.255", "the broadcast address"},

		{"::", "an unspecified address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"::ffff:169.254.169.254", "a link-local address"},
		{"::ffff:0.0.0.0", "an unspecified address"},
		{"::127.0.0.1", "a deprecated IPv4-compatible address"},
		{"64:ff9b::a9fe:a9fe", "a NAT64 address for 169.254.169.254, a link-local address"},
		{"64:ff9b::7f00:1", "a NAT64 address for 127.0.0.1, a loopback address"},
		{"64:ff9b:1::1", "a reserved address"},
		{"100::1", "a reserved address"},
		{"2001::1", "a reserved address"},
		{"2001:2::1", "a benchmarking address"},
		{"2001:db8::1", "a documentation address"},
		{"2002:7f00:1::", "a 6to4 address for 127.0.0.1, a loopback address"},
		{"2002:c0a8:101::1", "a 6to4 address for 192.168.1.1, a private address"},
		{"3fff::1", "a documentation address"},
		{"5f00::1", "a reserved address"},
		{"fc00::1", "a private address"},
		{"fdff:ffff::1", "a private address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"fec0::1", "a site-local address"},
		{"ff02::1", "a multicast address"},
		{"2606:4700::1111%eth0", "an address scoped to a network interface"},
		{"4000::1", "a reserved address"},
	}
	for _, tt := range tests {
		addr := netip.MustParseAddr(tt.addr)
		if got := fetchForbiddenReason(addr, false); got != tt.want {
			t.Errorf("fetchForbiddenReason(%s, false) = %q; want %q", tt.addr, got, tt.want)
		}
		// AllowLoopback lets plain loopback through and nothing else.
		want := tt.want
		if want == "a loopback address" {
			want = ""
		}
		if got := fetchForbiddenReason(addr, true); got != want {
			t.Errorf("fetchForbiddenReason(%s, true) = %q; want %q", tt.addr, got, want)
		}
	}
	if got := fetchForbiddenReason(netip.Addr{}, true); got == "" {
		t.Errorf("fetchForbiddenReason(zero Addr, true) = \"\"; want a reason")
	}
}

// TestFetchDialerControl checks the last line of defence: the real dialer
// refuses a forbidden address even when called directly.
func TestFetchDialerControl(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	addr := srv.Listener.Addr().String()

	tests := []struct {
		allowLoopback bool
		addr          string
		wantErr       bool
	}{
		{false, addr, true},
		{false, "10.0.0.1:80", true},
		{false, "[::ffff:127.0.0.1]:80", true},
		{true, "10.0.0.1:80", true},
		{true, "169.254.169.254:80", true},
		{true, addr, false},
	}
	for _, tt := range tests {
		f := newTestFetcher(t, FetchOptions{AllowLoopback: tt.allowLoopback, Timeout: 2 * time.Second})
		// Only loopback dials can succeed; the others must fail before
		// connecting, so nothing here leaves the machine.
		conn, err := f.dialer.DialContext(context.Background(), "tcp", tt.addr)
		if conn != nil {
			// Kept open until the server has accepted it: a connection
			// closed while still in the listen backlog is never counted.
			defer conn.Close()
			for deadline := time.Now().Add(10 * time.Second); conns.Load() == 0 && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
		}
		if tt.wantErr {
			if !errors.Is(err, ErrForbiddenAddress) {
				t.Errorf("AllowLoopback=%v: dial %s error = %v; want %v", tt.allowLoopback, tt.addr, err, ErrForbiddenAddress)
			}
		} else if err != nil {
			t.Errorf("AllowLoopback=%v: dial %s error = %v; want nil", tt.allowLoopback, tt.addr, err)
		}
	}
	f := newTestFetcher(t, FetchOptions{})
	if err := f.control("tcp4", "not an address", nil); !errors.Is(err, ErrForbiddenAddress) {
		t.Errorf("control(%q) = %v; want %v", "not an address", err, ErrForbiddenAddress)
	}
	srv.Close() // waits for the accepted connection to be counted
	if n := conns.Load(); n != 1 {
		t.Errorf("test server accepted %d connections; want 1 (the allowed loopback dial)", n)
	}
}

func TestFetchNoProxy(t *testing.T) {
	f := newTestFetcher(t, FetchOptions{})
	if f.transport.Proxy != nil {
		t.Errorf("transport.Proxy is set; want nil so that no proxy dials an unchecked address")
	}
}

func TestFetchRedirects(t *testing.T) {
	// stand-in for the private service at 10.0.0.1 and internal.test.
	internal := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	// stand-in for a public site.
	public := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "public document")
	}))
	origin := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if to := r.URL.Query().Get("to"); to != "" {
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
		if n, ok := strings.CutPrefix(r.URL.Path, "/chain/"); ok {
			i, _ := strconv.Atoi(n)
			if i > 0 {
				http.Redirect(w, r, fmt.Sprintf("/chain/%d", i-1), http.StatusMovedPermanently)
				return
			}
		}
		fmt.Fprint(w, "end of chain")
	}))
	resolver := &fetchTestResolver{names: map[string][]netip.Addr{
		"internal.test": fetchAddrs("10.0.0.1"),
		"public.test":   {fetchPublicAddr},
	}}
	fakeNet := &fetchFakeNet{routes: map[netip.AddrPort]string{
		origin.addrPort(): origin.Listener.Addr().String(),
		netip.AddrPortFrom(netip.MustParseAddr("10.0.0.1"), 80):        internal.Listener.Addr().String(),
		netip.AddrPortFrom(netip.MustParseAddr("169.254.169.254"), 80): internal.Listener.Addr().String(),
		netip.AddrPortFrom(fetchPublicAddr, 80):                        public.Listener.Addr().String(),
	}}

	tests := []struct {
		name         string
		path         string
		maxRedirects int
		wantErr      error // nil: success
		wantMsg      string
		wantURL      string
		wantBody     string
	}{
		{name: "private literal", path: "/?to=http://10.0.0.1/secret", wantErr: ErrForbiddenAddress,
			wantMsg: "refused: the link redirects to 10.0.0.1: 10.0.0.1 is a private address"},
		{name: "name resolving to private", path: "/?to=http://internal.test/secret", wantErr: ErrForbiddenAddress,
			wantMsg: "refused: the link redirects to internal.test: internal.test resolves to 10.0.0.1, a private address"},
		{name: "mapped private", path: "/?to=http://[::ffff:10.0.0.1]/secret", wantErr: ErrForbiddenAddress,
			wantMsg: "::ffff:10.0.0.1 is a private address"},
		{name: "metadata", path: "/?to=http://169.254.169.254/latest/meta-data/", wantErr: ErrForbiddenAddress,
			wantMsg: "169.254.169.254 is a link-local address"},
		{name: "ftp", path: "/?to=ftp://example.org/file", wantErr: ErrBadURL,
			wantMsg: "refused: the link redirects to example.org: only http and https links can be added"},
		{name: "credentials", path: "/?to=http://user:pw@public.test/", wantErr: ErrBadURL,
			wantMsg: "links with a user name or password cannot be added"},
		{name: "public", path: "/?to=http://public.test/doc.txt",
			wantURL: "http://public.test/doc.txt", wantBody: "public document"},
		{name: "5 redirects", path: "/chain/5",
			wantURL: origin.URL + "/chain/0", wantBody: "end of chain"},
		{name: "6 redirects", path: "/chain/6", wantErr: ErrBadURL,
			wantMsg: "refused: too many redirects (more than 5)"},
		{name: "MaxRedirects 2, 2 redirects", path: "/chain/2", maxRedirects: 2,
			wantURL: origin.URL + "/chain/0", wantBody: "end of chain"},
		{name: "MaxRedirects 2, 3 redirects", path: "/chain/3", maxRedirects: 2, wantErr: ErrBadURL,
			wantMsg: "too many redirects (more than 2)"},
		{name: "MaxRedirects negative", path: "/chain/1", maxRedirects: -1, wantErr: ErrBadURL,
			wantMsg: "too many redirects (more than 0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newTestFetcher(t, FetchOptions{AllowLoopback: true, Resolver: resolver.resolve,
				MaxRedirects: tt.maxRedirects, Timeout: 5 * time.Second})
			f.dialAddr = fakeNet.dial
			before := internal.requests.Load()
			got, err := f.Fetch(context.Background(), origin.URL+tt.path)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Fetch(%s) error: %v", tt.path, err)
				}
				if got.URL != tt.wantURL || string(got.Body) != tt.wantBody {
					t.Errorf("Fetch(%s) = %s %q; want %s %q", tt.path, got.URL, got.Body, tt.wantURL, tt.wantBody)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) || !strings.Contains(fmt.Sprint(err), tt.wantMsg) {
				t.Errorf("Fetch(%s) error = %v; want %v with %q", tt.path, err, tt.wantErr, tt.wantMsg)
			}
			if n := internal.requests.Load() - before; n != 0 {
				t.Errorf("Fetch(%s): the private server got %d requests; want 0", tt.path, n)
			}
		})
	}
	for _, d := range fakeNet.dials() {
		if fetchForbiddenReason(d.Addr(), true) != "" {
			t.Errorf("dialled forbidden address %s", d)
		}
	}
}

func TestFetchDNSRebinding(t *testing.T) {
	internal := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	public := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "public document")
	}))
	// The first answer is public, every later one is loopback.
	var calls atomic.Int64
	resolver := func(_ context.Context, host string) ([]netip.Addr, error) {
		if calls.Add(1) == 1 {
			return []netip.Addr{fetchPublicAddr}, nil
		}
		return fetchAddrs("127.0.0.1"), nil
	}
	fakeNet := &fetchFakeNet{routes: map[netip.AddrPort]string{
		netip.AddrPortFrom(fetchPublicAddr, 80):                  public.Listener.Addr().String(),
		netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), 80): internal.Listener.Addr().String(),
	}}
	f := newTestFetcher(t, FetchOptions{Resolver: resolver, Timeout: 5 * time.Second})
	f.dialAddr = fakeNet.dial

	steps := []struct {
		name    string
		wantErr error
	}{
		{"first fetch: public answer", nil},
		{"second connection: loopback answer", ErrForbiddenAddress},
	}
	for _, step := range steps {
		// A new connection for every step, so that each one resolves.
		f.transport.CloseIdleConnections()
		got, err := f.Fetch(context.Background(), "http://rebind.test/doc.txt")
		switch {
		case step.wantErr == nil && err != nil:
			t.Errorf("%s: Fetch error: %v", step.name, err)
		case step.wantErr == nil && string(got.Body) != "public document":
			t.Errorf("%s: Fetch body = %q; want %q", step.name, got.Body, "public document")
		case step.wantErr != nil && !errors.Is(err, step.wantErr):
			t.Errorf("%s: Fetch error = %v; want %v", step.name, err, step.wantErr)
		}
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("resolver called %d times for 2 connections; want 2 (one lookup per connection)", n)
	}
	if n := internal.requests.Load(); n != 0 {
		t.Errorf("loopback server got %d requests; want 0", n)
	}
	want := []netip.AddrPort{netip.AddrPortFrom(fetchPublicAddr, 80)}
	if got := fakeNet.dials(); len(got) != 1 || got[0] != want[0] {
		t.Errorf("dialled %v; want %v", got, want)
	}
}

func TestFetchSizeLimit(t *testing.T) {
	srv := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		body := bytes.Repeat([]byte("a"), n)
		switch r.URL.Path {
		case "/plain":
			w.Header().Set("Content-Length", strconv.Itoa(n))
			w.Write(body)
		case "/chunked":
			// Flushing before the body drops Content-Length.
			w.(http.Flusher).Flush()
			w.Write(body)
		case "/gzip":
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write(body)
			zw.Close()
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("X-Compressed-Length", strconv.Itoa(buf.Len()))
			w.Write(buf.Bytes())
		case "/endless":
			// Never ends: only a bounded read gets out before the timeout.
			chunk := bytes.Repeat([]byte("a"), 1024)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/claim":
			// Announces n bytes, sends a few, then waits: a fetcher that
			// reads the body instead of refusing runs into its timeout.
			w.Header().Set("Content-Length", strconv.Itoa(n))
			w.Write([]byte("start"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
	}))

	tests := []struct {
		path     string
		maxBytes int64
		wantErr  bool
		wantMsg  string
	}{
		{"/plain?n=1000", 1000, false, ""},
		{"/plain?n=1001", 1000, true, "the document is larger than 1000 bytes"},
		{"/chunked?n=1000", 1000, false, ""},
		{"/chunked?n=1001", 1000, true, "the document is larger than 1000 bytes"},
		{"/chunked?n=3000", 2048, true, "the document is larger than 2 KB"},
		{"/endless", 1000, true, "the document is larger than 1000 bytes"},
		{"/gzip?n=1000", 1000, false, ""},
		{"/gzip?n=100000", 1000, true, "the document is larger than 1000 bytes"},
		{"/claim?n=1001", 1000, true, "the document is larger than 1000 bytes"},
		{"/claim?n=" + strconv.Itoa(10<<20+1), 0, true, "the document is larger than 10 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := newTestFetcher(t, FetchOptions{AllowLoopback: true, MaxBytes: tt.maxBytes, Timeout: 3 * time.Second})
			start := time.Now()
			got, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Fetch(%s) error: %v", tt.path, err)
				}
				if want := bytes.Repeat([]byte("a"), int(f.opt.MaxBytes)); !bytes.Equal(got.Body, want) {
					t.Errorf("Fetch(%s) body has %d bytes; want %d bytes of %q", tt.path, len(got.Body), len(want), "a")
				}
				return
			}
			if !errors.Is(err, ErrFetchTooLarge) || err.Error() != tt.wantMsg {
				t.Errorf("Fetch(%s) error = %v; want %v %q", tt.path, err, ErrFetchTooLarge, tt.wantMsg)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Fetch(%s) took %v; want an early refusal", tt.path, d)
			}
		})
	}

	// The gzip case only proves something if the compressed body fits.
	resp, err := http.Get(srv.URL + "/gzip?n=100000")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n, _ := strconv.Atoi(resp.Header.Get("X-Compressed-Length")); n == 0 || n >= 1000 {
		t.Errorf("compressed test body is %d bytes; want fewer than 1000", n)
	}
}

func TestFetchTimeout(t *testing.T) {
	srv := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stalled-body" {
			w.Header().Set("Content-Length", "100")
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	tests := []struct {
		path   string
		cancel bool // the caller cancels instead
		want   error
		msg    string
	}{
		{"/no-answer", false, context.DeadlineExceeded, "the page did not answer within 200ms"},
		{"/stalled-body", false, context.DeadlineExceeded, "the page did not answer within 200ms"},
		{"/no-answer", true, context.Canceled, "the fetch was cancelled"},
	}
	for _, tt := range tests {
		ctx, cancel := context.WithCancel(context.Background())
		opt := FetchOptions{AllowLoopback: true, Timeout: 200 * time.Millisecond}
		if tt.cancel {
			opt.Timeout = 5 * time.Second
			time.AfterFunc(100*time.Millisecond, cancel)
		}
		f := newTestFetcher(t, opt)
		start := time.Now()
		_, err := f.Fetch(ctx, srv.URL+tt.path)
		cancel()
		if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.msg) {
			t.Errorf("Fetch(%s) cancel=%v error = %v; want %v with %q", tt.path, tt.cancel, err, tt.want, tt.msg)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Fetch(%s) cancel=%v took %v; want well under 2s", tt.path, tt.cancel, d)
		}
	}
}

func TestFetchStatus(t *testing.T) {
	srv := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.WriteHeader(code)
		fmt.Fprint(w, "body")
	}))
	tests := []struct {
		code int
		want string // "" means success
	}{
		{200, ""},
		{203, ""},
		{301, "the server answered 301 Moved Permanently"}, // no Location
		{403, "the server answered 403 Forbidden"},
		{404, "the server answered 404 Not Found"},
		{500, "the server answered 500 Internal Server Error"},
		{503, "the server answered 503 Service Unavailable"},
	}
	f := newTestFetcher(t, FetchOptions{AllowLoopback: true})
	for _, tt := range tests {
		got, err := f.Fetch(context.Background(), fmt.Sprintf("%s/%d", srv.URL, tt.code))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Fetch(/%d) error: %v", tt.code, err)
		case tt.want == "" && string(got.Body) != "body":
			t.Errorf("Fetch(/%d) body = %q; want %q", tt.code, got.Body, "body")
		case tt.want != "" && fmt.Sprint(err) != tt.want:
			t.Errorf("Fetch(/%d) error = %v; want %q", tt.code, err, tt.want)
		}
	}
}

func TestFetchUnknownHost(t *testing.T) {
	resolver := &fetchTestResolver{}
	f := newTestFetcher(t, FetchOptions{Resolver: resolver.resolve})
	f.dialAddr = (&fetchFakeNet{}).dial
	_, err := f.Fetch(context.Background(), "https://nosuch.test/")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !strings.HasPrefix(fmt.Sprint(err), "could not find the server nosuch.test") {
		t.Errorf("Fetch(unknown host) error = %v; want \"could not find the server nosuch.test\" wrapping a *net.DNSError", err)
	}
	if errors.Is(err, ErrForbiddenAddress) || errors.Is(err, ErrBadURL) {
		t.Errorf("Fetch(unknown host) error = %v; want neither refusal", err)
	}
}

func TestFetchConcurrent(t *testing.T) {
	srv := newFetchTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.URL.Path)
	}))
	f := newTestFetcher(t, FetchOptions{AllowLoopback: true})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			path := fmt.Sprintf("/doc%d", i)
			got, err := f.Fetch(context.Background(), srv.URL+path)
			if err != nil {
				t.Errorf("Fetch(%s) error: %v", path, err)
				return
			}
			if string(got.Body) != path {
				t.Errorf("Fetch(%s) body = %q; want %q", path, got.Body, path)
			}
		})
	}
	wg.Wait()
}

func TestFetchOptionsDefaults(t *testing.T) {
	got := NewFetcher(FetchOptions{}).opt
	want := FetchOptions{Timeout: 20 * time.Second, MaxBytes: 10 << 20, MaxRedirects: 5, UserAgent: "cabot/1 (+document fetcher)"}
	if got.Timeout != want.Timeout || got.MaxBytes != want.MaxBytes || got.MaxRedirects != want.MaxRedirects || got.UserAgent != want.UserAgent || got.AllowLoopback {
		t.Errorf("NewFetcher(FetchOptions{}) options = %+v; want %+v", got, want)
	}
}

func TestHumanBytesFetchLimits(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{1, "1 byte"},
		{1000, "1000 bytes"},
		{1024, "1 KB"},
		{1536, "1.5 KB"},
		{10 << 20, "10 MB"},
		{3 << 19, "1.5 MB"},
	}
	for _, tt := range tests {
		if got := HumanBytes(tt.n); got != tt.want {
			t.Errorf("HumanBytes(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}
