// posix_spawn with the glibc extensions Swift's Glibc module does not expose.
#ifndef LANTERN_SPAWN_H
#define LANTERN_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-terminated) in `directory` (NULL for the
/// current one), standard streams on `stdin_fd`, `stdout_fd` and `stderr_fd`, every other
/// descriptor closed, and in a new process group, so a timeout can stop what the child forks.
/// Returns 0 and sets `*pid`, or an errno value.
int lantern_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                  int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid);

/// pipe2(fds, O_CLOEXEC), which Swift's Glibc module does not expose.
int lantern_pipe_cloexec(int fds[2]);

#endif
