//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package corpus

import "syscall"

// childProcAttr puts a child in a process group of its own, which the
// deadline kills.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
