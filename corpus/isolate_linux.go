package corpus

import "syscall"

// childProcAttr puts a child in a process group of its own, which the
// deadline kills, and has the kernel kill it if this process dies first.
func childProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
