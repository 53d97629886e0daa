#define _GNU_SOURCE
#include "lantern_spawn.h"

#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

int lantern_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int lantern_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                  int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int status = posix_spawn_file_actions_init(&actions);
    if (status != 0) return status;
    status = posix_spawnattr_init(&attributes);
    if (status != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return status;
    }
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    // Without this a daemon the child starts (a tmux server, say) keeps every inherited
    // descriptor of the parent open for its whole life.
    if (status == 0) status = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (status == 0 && directory != NULL) status = posix_spawn_file_actions_addchdir_np(&actions, directory);

    // The child starts with default signal dispositions and an empty mask, whatever the parent
    // ignores or blocks (SIGPIPE, typically).
    sigset_t all, none;
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    sigemptyset(&none);
    if (status == 0) status = posix_spawnattr_setsigdefault(&attributes, &all);
    if (status == 0) status = posix_spawnattr_setsigmask(&attributes, &none);
    if (status == 0) status = posix_spawnattr_setpgroup(&attributes, 0);
    if (status == 0) {
        status = posix_spawnattr_setflags(&attributes,
            POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    }
    if (status == 0) status = posix_spawn(pid, path, &actions, &attributes, argv, envp);

    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return status;
}

static const int guarded_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
enum { guarded_count = sizeof(guarded_signals) / sizeof(guarded_signals[0]) };
static volatile sig_atomic_t guarded_group = 0;
static struct sigaction saved_actions[guarded_count];
static int installed[guarded_count];

static void guard_handler(int signal_number) {
    pid_t group = (pid_t)guarded_group;
    if (group > 0) kill(-group, SIGKILL);
    for (int i = 0; i < guarded_count; i++) {
        if (guarded_signals[i] == signal_number) sigaction(signal_number, &saved_actions[i], NULL);
    }
    raise(signal_number);
}

void lantern_child_guard_begin(pid_t group) {
    guarded_group = group;
    for (int i = 0; i < guarded_count; i++) {
        installed[i] = 0;
        if (sigaction(guarded_signals[i], NULL, &saved_actions[i]) != 0) continue;
        // A handler someone else installed (the terminal UI's) stays in charge.
        if (saved_actions[i].sa_handler != SIG_DFL || (saved_actions[i].sa_flags & SA_SIGINFO)) continue;
        struct sigaction action;
        action.sa_handler = guard_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;
        if (sigaction(guarded_signals[i], &action, NULL) == 0) installed[i] = 1;
    }
}

void lantern_child_guard_end(void) {
    for (int i = 0; i < guarded_count; i++) {
        if (installed[i]) sigaction(guarded_signals[i], &saved_actions[i], NULL);
        installed[i] = 0;
    }
    guarded_group = 0;
}
