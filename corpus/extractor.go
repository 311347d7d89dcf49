package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Bounds of one extraction by an Extractor.
const (
	DefaultExtractTimeout = 20 * time.Second
	DefaultExtractMemory  = 512 << 20
)

// Extractor reads untrusted documents as Extract does, under bounds that
// really stop the work: PDF and HTML are read in a child process (this
// program, started again through RunChildIfRequested) that is killed, with
// its process group, at the deadline or when the context ends, and whose
// memory the kernel bounds (RLIMIT_DATA). Text and Markdown are read in this
// process: their reading is linear in their size, which maxBytes bounds.
//
// The zero Extractor uses the defaults. Build one from the settings and
// share it: it holds no state.
type Extractor struct {
	// MaxBytes is the size limit of a document (DefaultMaxBytes when 0).
	MaxBytes int64
	// Timeout bounds the reading of one document (DefaultExtractTimeout
	// when 0).
	Timeout time.Duration
	// MaxMemory bounds the memory of the reading process, in bytes,
	// including the 100 MB or so that the Go runtime of this program
	// starts with (DefaultExtractMemory when 0).
	MaxMemory int64
	// MaxSentences and MaxChunks bound the size of a document's text
	// (DefaultMaxSentences and DefaultMaxChunks when 0).
	MaxSentences, MaxChunks int
	// InProcess reads every format in this process. Only the bounds that
	// need no process apply then: pages, inflated streams, sentences and
	// chunks; at the deadline Extract returns, but the reading goes on in
	// the background until it ends.
	InProcess bool
}

// Extract reads a document as the package's Extract function does, with
// the same arguments (the size limit is MaxBytes) and errors, and more: the errors wrap ErrLimit for a
// document that cannot be read within the Extractor's time or memory or
// that is over one of its limits, and wrap ctx.Err() when ctx ends first.
// Every error is one line, prefixed with the document's name.
//
// When this program cannot start itself again (see Isolation), PDF and HTML
// are read in this process, as with InProcess.
func (e Extractor) Extract(ctx context.Context, data []byte, name, contentType, sourceURL string) (Document, error) {
	maxBytes := orDefault(e.MaxBytes, DefaultMaxBytes)
	format, err := checkDocument(data, name, contentType, maxBytes)
	if err != nil {
		return Document{}, err
	}
	req := childRequest{
		Format: format, Data: data, ContentType: contentType, SourceURL: sourceURL, MaxBytes: maxBytes,
		Limits:    limits{Sentences: orDefault(e.MaxSentences, DefaultMaxSentences), Chunks: orDefault(e.MaxChunks, DefaultMaxChunks)},
		MaxMemory: orDefault(e.MaxMemory, DefaultExtractMemory),
	}
	timeout := orDefault(e.Timeout, DefaultExtractTimeout)
	var doc Document
	switch {
	case ctx.Err() != nil:
		err = ctx.Err()
	case format == FormatText || format == FormatMarkdown:
		doc, err = req.extract()
	case e.InProcess || noChild() != nil:
		doc, err = extractInProcess(ctx, timeout, req)
	default:
		doc, err = runChild(ctx, timeout, req)
		if errors.Is(err, errNoChild) {
			doc, err = extractInProcess(ctx, timeout, req)
		}
	}
	if err != nil {
		return Document{}, fmt.Errorf("extract %s: %w", quoteName(name), err)
	}
	return doc, nil
}

// Isolation reports whether Extract reads PDF and HTML in a child process:
// nil if it does, else an error that says why it reads them in this process
// (InProcess is set, the system has no process groups, or the program does
// not call RunChildIfRequested). It may start a child process to find out.
func (e Extractor) Isolation(ctx context.Context) error {
	if e.InProcess {
		return errors.New("documents are read in this process: Extractor.InProcess is set")
	}
	if err := noChild(); err != nil {
		return err
	}
	if _, err := runChild(ctx, 10*time.Second, childRequest{Ping: true}); err != nil {
		if errors.Is(err, errNoChild) {
			return noChild()
		}
		return fmt.Errorf("start the reading process: %w", err)
	}
	return nil
}

// childFlag is the argument that starts this program as an extraction
// child. It looks like a flag so that a program that does not know it (a
// test binary without TestMain, another version of cabot) stops with a
// usage error instead of doing what it usually does.
const childFlag = "-cabot-extract-child"

// childHello is the first thing a child writes: a program that does not
// write it is not an extraction child (of this version).
const childHello = "cabot-extract-child/1\n"

// RunChildIfRequested makes this process an extraction child, and exits,
// when Extractor started it as one; otherwise it returns at once. Call it
// first thing in main, and in TestMain of any test binary whose code
// extracts through an Extractor, before anything reads flags or writes to
// standard output:
//
//	func main() {
//		corpus.RunChildIfRequested()
//		...
//	}
//
// The child reads one request on standard input and writes the Document or
// the error on standard output.
func RunChildIfRequested() {
	if len(os.Args) != 2 || os.Args[1] != childFlag {
		return
	}
	os.Exit(serveChild(os.Stdin, os.Stdout, os.Stderr))
}

// childRequest is what the parent sends a child.
type childRequest struct {
	Ping                           bool // answer at once: Isolation's probe
	Format, ContentType, SourceURL string
	Data                           []byte
	MaxBytes, MaxMemory            int64
	Limits                         limits
}

// childResponse is what a child sends back.
type childResponse struct {
	Doc Document
	Err string
	// Limit and NoText say that Err wraps ErrLimit or errNoText.
	Limit, NoText bool
}

// extract reads the request's document; a panic becomes an error.
func (r childRequest) extract() (doc Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = Document{}, fmt.Errorf("the file is damaged or uses features cabot cannot read (%v)", p)
		}
	}()
	return extractFormat(r.Format, r.Data, r.ContentType, r.SourceURL, r.MaxBytes, r.Limits)
}

func serveChild(stdin io.Reader, stdout, stderr io.Writer) int {
	if _, err := io.WriteString(stdout, childHello); err != nil {
		return 3
	}
	var req childRequest
	if err := gob.NewDecoder(bufio.NewReader(stdin)).Decode(&req); err != nil {
		fmt.Fprintf(stderr, "cabot extract child: read request: %v\n", err)
		return 3
	}
	var resp childResponse
	if !req.Ping {
		if err := limitMemory(req.MaxMemory); err != nil {
			fmt.Fprintf(stderr, "cabot extract child: %v\n", err)
			return 3
		}
		// The collector works harder before the kernel's limit is hit.
		debug.SetMemoryLimit(req.MaxMemory / 4 * 3)
		doc, err := req.extract()
		resp.Doc = doc
		if err != nil {
			resp.Err, resp.Limit, resp.NoText = err.Error(), errors.Is(err, ErrLimit), errors.Is(err, errNoText)
		}
	}
	if err := gob.NewEncoder(stdout).Encode(resp); err != nil {
		fmt.Fprintf(stderr, "cabot extract child: write response: %v\n", err)
		return 3
	}
	return 0
}

// errNoChild is returned by runChild when this program does not run as an
// extraction child; noChild then says why.
var errNoChild = errors.New("no extraction child")

var (
	noChildMu      sync.Mutex
	noChildChecked bool
	noChildReason  error
)

// noChild returns why PDF and HTML are read in this process, or nil.
func noChild() error {
	noChildMu.Lock()
	defer noChildMu.Unlock()
	if !noChildChecked {
		noChildChecked = true
		err := childSupported()
		if err == nil {
			_, err = os.Executable()
		}
		if err != nil && noChildReason == nil {
			noChildReason = fmt.Errorf("documents are read in this process: %w", err)
		}
	}
	return noChildReason
}

// setNoChild records why this program cannot run extraction children.
func setNoChild(err error) {
	noChildMu.Lock()
	defer noChildMu.Unlock()
	if noChildReason == nil {
		noChildReason = err
	}
}

// runChild reads a document in a child process.
func runChild(ctx context.Context, timeout time.Duration, req childRequest) (Document, error) {
	exe, err := os.Executable()
	if err != nil {
		setNoChild(fmt.Errorf("documents are read in this process: %w", err))
		return Document{}, errNoChild
	}
	var in bytes.Buffer
	if err := gob.NewEncoder(&in).Encode(req); err != nil {
		return Document{}, fmt.Errorf("encode extraction request: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe, childFlag)
	cmd.Env = childEnv()
	cmd.Stdin = &in
	stdout := &cappedBuffer{max: 4*max(req.MaxBytes, 1<<20) + 1<<20}
	stderr := &cappedBuffer{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = childProcAttr()
	cmd.Cancel = func() error { return killGroup(cmd.Process) }
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return Document{}, ctx.Err()
	case cctx.Err() != nil:
		return Document{}, limitErrorf("could not be read within %v; the file may be damaged, or built to stall readers", timeout)
	case cmd.Process == nil:
		// Not started at all.
		if errors.Is(runErr, fs.ErrNotExist) || errors.Is(runErr, fs.ErrPermission) {
			setNoChild(fmt.Errorf("documents are read in this process: cannot start %s: %w", exe, runErr))
			return Document{}, errNoChild
		}
		return Document{}, fmt.Errorf("start the reading process: %w", runErr)
	}
	body, ok := bytes.CutPrefix(stdout.Bytes(), []byte(childHello))
	if !ok {
		setNoChild(fmt.Errorf("documents are read in this process: %s does not run extraction children (its main must call corpus.RunChildIfRequested first)", exe))
		return Document{}, errNoChild
	}
	var resp childResponse
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&resp); err != nil {
		msg := stderr.String()
		switch {
		case isOutOfMemory(msg):
			return Document{}, limitErrorf("could not be read within %s of memory; the file may be damaged, or built to exhaust readers", HumanBytes(req.MaxMemory))
		case stdout.over:
			return Document{}, errors.New("the reading process wrote more than it may")
		}
		if line, _, _ := strings.Cut(strings.TrimSpace(msg), "\n"); line != "" {
			return Document{}, fmt.Errorf("the reading process failed: %s", line)
		}
		return Document{}, fmt.Errorf("the reading process failed: %v", runErr)
	}
	switch {
	case resp.Err == "":
		return resp.Doc, nil
	case resp.Limit:
		return Document{}, &limitError{resp.Err}
	case resp.NoText:
		return Document{}, fmt.Errorf("%w%s", errNoText, strings.TrimPrefix(resp.Err, errNoText.Error()))
	}
	return Document{}, errors.New(resp.Err)
}

// isOutOfMemory reports whether a child's standard error says that it ran
// out of memory: the Go runtime's messages, a thread that could not be
// created, or the race detector's.
func isOutOfMemory(stderr string) bool {
	for _, s := range []string{"out of memory", "cannot allocate", "pthread_create failed", "failed to allocate"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// childEnv is the environment of a child: none of this process's (which may
// hold tokens and keys), only what the Go runtime needs to stay small, and
// what tests under the race detector or coverage need.
func childEnv() []string {
	env := []string{"GOMAXPROCS=2", "GOGC=100"}
	for _, k := range []string{"GORACE", "GOCOVERDIR", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// extractInProcess reads a document in a goroutine of this process and
// returns at the deadline or when ctx ends; the goroutine cannot be stopped
// and goes on until it ends.
func extractInProcess(ctx context.Context, timeout time.Duration, req childRequest) (Document, error) {
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := req.extract()
		done <- result{doc, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-ctx.Done():
		return Document{}, ctx.Err()
	case <-t.C:
		return Document{}, limitErrorf("could not be read within %v; the file may be damaged, or built to stall readers", timeout)
	}
}

// cappedBuffer keeps the first max bytes written to it and drops the rest,
// so that a child cannot fill this process's memory. (It must not have a
// ReadFrom method, which io.Copy would use instead of Write.)
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int64
	over bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - int64(b.buf.Len()); int64(len(p)) > room {
		b.over = true
		b.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *cappedBuffer) Bytes() []byte  { return b.buf.Bytes() }
func (b *cappedBuffer) String() string { return b.buf.String() }
