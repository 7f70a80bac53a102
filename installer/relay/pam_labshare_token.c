// SPDX-License-Identifier: GPL-3.0-or-later
// pam_labshare_token: asks for the sign-in token (one echo-off prompt, which sshd sends as a
// keyboard-interactive question) and lets labshare-relay-check decide, with the token on its stdin.
//
// Why not pam_exec.so expose_authtok: Linux-PAM 1.5.2 (Debian 12) cuts the token to
// PAM_MAX_RESP_SIZE - 1 = 511 bytes before the program sees it, and OAuth access tokens (JWTs with
// claims) are often several KB. Nothing here limits the token below kMaxToken.
//
//   auth [success=done default=die] pam_labshare_token.so [validator=PATH] [config=PATH] [timeout=SECONDS]
//
// The validator runs without a shell (fork + execve), with a small fixed environment, its stdout on
// /dev/null and stderr inherited; it must exit 0 to admit and 1 to refuse. It is killed when it
// takes longer than the timeout. The token is never logged, never stored as PAM_AUTHTOK, and wiped
// from this module's memory once written.
#define _GNU_SOURCE
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#ifndef LABSHARE_RELAY_VALIDATOR
#define LABSHARE_RELAY_VALIDATOR "/usr/libexec/labshare-relay/labshare-relay-check"
#endif

enum { kMaxToken = 64 * 1024, kDefaultTimeoutSeconds = 20, kMaxTimeoutSeconds = 300 };

struct options {
    const char* validator;
    const char* config; // NULL: the validator's default
    int timeout_seconds;
};

static int parse_options(pam_handle_t* pamh, int argc, const char** argv, struct options* out) {
    out->validator = LABSHARE_RELAY_VALIDATOR;
    out->config = NULL;
    out->timeout_seconds = kDefaultTimeoutSeconds;
    for (int i = 0; i < argc; ++i) {
        if (strncmp(argv[i], "validator=", 10) == 0) {
            out->validator = argv[i] + 10;
        } else if (strncmp(argv[i], "config=", 7) == 0) {
            out->config = argv[i] + 7;
        } else if (strncmp(argv[i], "timeout=", 8) == 0) {
            char* end = NULL;
            const long value = strtol(argv[i] + 8, &end, 10);
            if (!end || *end != '\0' || value < 1 || value > kMaxTimeoutSeconds) {
                pam_syslog(pamh, LOG_ERR, "bad option %s (1..%d seconds)", argv[i], kMaxTimeoutSeconds);
                return 0;
            }
            out->timeout_seconds = (int)value;
        } else {
            pam_syslog(pamh, LOG_ERR, "unknown option %s", argv[i]);
            return 0;
        }
    }
    if (out->validator[0] != '/' || (out->config && out->config[0] != '/')) {
        pam_syslog(pamh, LOG_ERR, "validator= and config= must be absolute paths");
        return 0;
    }
    return 1;
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int remaining_ms(long long deadline) {
    const long long left = deadline - now_ms();
    return left <= 0 ? 0 : (left > 1000 ? 1000 : (int)left);
}

static const char* item_or_empty(pam_handle_t* pamh, int type) {
    const void* value = NULL;
    return pam_get_item(pamh, type, &value) == PAM_SUCCESS && value ? (const char*)value : "";
}

// What the validator may log besides its decision: who asked, from where, through which service.
struct environment {
    char user[256], rhost[256], service[128];
};

static void fill_environment(pam_handle_t* pamh, const char* user, struct environment* env) {
    snprintf(env->user, sizeof env->user, "PAM_USER=%s", user);
    snprintf(env->rhost, sizeof env->rhost, "PAM_RHOST=%s", item_or_empty(pamh, PAM_RHOST));
    snprintf(env->service, sizeof env->service, "PAM_SERVICE=%s", item_or_empty(pamh, PAM_SERVICE));
}

// In the child: stdin = the socket carrying the token, stdout = /dev/null, stderr as inherited;
// every other descriptor closed, default signal handling, then execve. Never returns.
static void exec_validator(const struct options* opt, int token_fd, struct environment* env) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < NSIG; ++sig)
        signal(sig, SIG_DFL);
    const int devnull = open("/dev/null", O_RDWR);
    if (token_fd != 0 && dup2(token_fd, 0) != 0)
        _exit(127);
    if (devnull < 0 || dup2(devnull, 1) != 1)
        _exit(127);
    if (fcntl(2, F_GETFD) < 0 && dup2(devnull, 2) != 2)
        _exit(127);
    if (close_range(3, ~0U, 0) != 0)
        for (int fd = 3; fd < 1024; ++fd)
            close(fd);

    char* const envp[] = {
        "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C.UTF-8", env->user, env->rhost, env->service, NULL};
    const char* argv[] = {opt->validator, opt->config ? "--config" : NULL, opt->config, NULL};
    execve(opt->validator, (char* const*)argv, envp);
    _exit(126);
}

// Writes the whole token, or gives up at the deadline. MSG_NOSIGNAL: a validator that exits early
// must not kill sshd's PAM process with SIGPIPE.
static int send_token(int fd, const char* token, size_t length, long long deadline) {
    size_t sent = 0;
    while (sent < length) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        const int wait = remaining_ms(deadline);
        if (wait == 0)
            return 0;
        if (poll(&p, 1, wait) < 0 && errno != EINTR)
            return 0;
        const ssize_t n = send(fd, token + sent, length - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return 0;
        if (n > 0)
            sent += (size_t)n;
    }
    return 1;
}

// Waits for the validator until the deadline, then kills it. Returns its exit code, or -1 (killed,
// crashed, timed out). The socket wakes us when the validator exits (its end closes).
static int wait_validator(pid_t pid, int fd, long long deadline, int* timed_out) {
    int status = 0;
    int watch_socket = 1;
    *timed_out = 0;
    for (;;) {
        const pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        const int wait = remaining_ms(deadline);
        if (wait == 0) {
            *timed_out = 1;
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return -1;
        }
        if (watch_socket) {
            struct pollfd p = {.fd = fd, .events = POLLIN};
            if (poll(&p, 1, wait < 50 ? wait : 50) > 0) {
                char byte;
                if (recv(fd, &byte, 1, MSG_DONTWAIT) <= 0)
                    watch_socket = 0; // closed: from now on just nap between checks
            }
        } else {
            poll(NULL, 0, wait < 20 ? wait : 20);
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run_validator(pam_handle_t* pamh, const struct options* opt, const char* user, const char* token,
                         size_t length) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        pam_syslog(pamh, LOG_ERR, "socketpair: %s", strerror(errno));
        return PAM_AUTHINFO_UNAVAIL;
    }
    // Reap our own child even when the caller ignores SIGCHLD (as pam_unix does around its helper).
    struct sigaction dfl = {.sa_handler = SIG_DFL}, old;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGCHLD, &dfl, &old);
    struct environment env;
    fill_environment(pamh, user, &env);
    const long long deadline = now_ms() + (long long)opt->timeout_seconds * 1000;
    const pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        exec_validator(opt, sv[1], &env);
    }
    close(sv[1]);
    int rc = PAM_AUTHINFO_UNAVAIL;
    if (pid < 0) {
        pam_syslog(pamh, LOG_ERR, "fork: %s", strerror(errno));
    } else {
        const int written = send_token(sv[0], token, length, deadline);
        shutdown(sv[0], SHUT_WR);
        int timed_out = 0;
        const int code = wait_validator(pid, sv[0], deadline, &timed_out);
        if (timed_out)
            pam_syslog(pamh, LOG_ERR, "%s took longer than %d s for user %s: refused", opt->validator,
                       opt->timeout_seconds, user);
        else if (!written)
            pam_syslog(pamh, LOG_ERR, "could not hand the token to %s: refused", opt->validator);
        else if (code == 0)
            rc = PAM_SUCCESS;
        else if (code == 1)
            rc = PAM_AUTH_ERR;
        else
            pam_syslog(pamh, LOG_ERR, "%s failed (exit %d) for user %s: refused", opt->validator, code, user);
    }
    close(sv[0]);
    sigaction(SIGCHLD, &old, NULL);
    return rc;
}

PAM_EXTERN int pam_sm_authenticate(pam_handle_t* pamh, int flags, int argc, const char** argv) {
    (void)flags;
    struct options opt;
    if (!parse_options(pamh, argc, argv, &opt))
        return PAM_SERVICE_ERR;
    const char* user = NULL;
    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || !user || !*user)
        return PAM_USER_UNKNOWN;

    char* token = NULL;
    if (pam_prompt(pamh, PAM_PROMPT_ECHO_OFF, &token, "LabShare token: ") != PAM_SUCCESS || !token)
        return PAM_AUTH_ERR;
    const size_t length = strnlen(token, kMaxToken + 1);
    int rc = PAM_AUTH_ERR;
    if (length == 0)
        pam_syslog(pamh, LOG_NOTICE, "empty token for user %s: refused", user);
    else if (length > kMaxToken)
        pam_syslog(pamh, LOG_NOTICE, "token over %d bytes for user %s: refused", kMaxToken, user);
    else
        rc = run_validator(pamh, &opt, user, token, length);
    explicit_bzero(token, length);
    free(token);
    if (rc == PAM_SUCCESS)
        pam_syslog(pamh, LOG_INFO, "token of %zu bytes admitted for user %s", length, user);
    else if (rc == PAM_AUTH_ERR && length > 0 && length <= kMaxToken)
        pam_syslog(pamh, LOG_NOTICE, "token of %zu bytes refused for user %s", length, user);
    return rc;
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t* pamh, int flags, int argc, const char** argv) {
    (void)pamh;
    (void)flags;
    (void)argc;
    (void)argv;
    return PAM_SUCCESS; // no credentials to set; sshd treats a failing setcred after login as fatal
}
