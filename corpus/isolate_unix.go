//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package corpus

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

func childSupported() error { return nil }

// killGroup kills a child and its process group.
func killGroup(p *os.Process) error {
	if err := syscall.Kill(-p.Pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return p.Kill()
	}
	return nil
}

// limitMemory bounds this process's data segment (the heap, thread stacks
// and other private writable memory) and turns off core dumps. RLIMIT_AS
// would not do: the Go runtime reserves about a gigabyte of address space at
// start-up, which RLIMIT_DATA does not count until it is used.
func limitMemory(maxMemory int64) error {
	if err := syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{}); err != nil {
		return fmt.Errorf("set RLIMIT_CORE: %w", err)
	}
	var lim syscall.Rlimit
	setRlim(&lim.Cur, maxMemory)
	setRlim(&lim.Max, maxMemory)
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return fmt.Errorf("set RLIMIT_DATA to %d bytes: %w", maxMemory, err)
	}
	return nil
}

// setRlim sets a field of syscall.Rlimit, an int64 on some systems and a
// uint64 on others.
func setRlim[T int64 | uint64](f *T, v int64) { *f = T(v) }
