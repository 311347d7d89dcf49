//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package corpus

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall"
)

func childSupported() error {
	return fmt.Errorf("cabot cannot bound a child process on %s", runtime.GOOS)
}

func killGroup(p *os.Process) error { return p.Kill() }

func limitMemory(int64) error { return errors.New("no memory limit on " + runtime.GOOS) }

func childProcAttr() *syscall.SysProcAttr { return nil }
