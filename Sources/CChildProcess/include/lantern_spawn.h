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

/// Makes SIGINT, SIGTERM, SIGHUP and SIGQUIT first SIGKILL the process group `group`, then end
/// this process as the signal would have. Only signals with their default action are changed.
/// A child started in its own group thus never outlives an interrupted parent. One group at a time.
void lantern_child_guard_begin(pid_t group);

/// Restores the signal actions `lantern_child_guard_begin` replaced.
void lantern_child_guard_end(void);

#endif
