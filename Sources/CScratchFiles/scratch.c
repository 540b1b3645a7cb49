#include "CScratchFiles.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>

// A handler may only call async-signal-safe functions: unlink, sigaction and raise are; the paths
// are copied into static storage beforehand so that it reads no Swift memory.
#define CSF_MAX_PATHS 8
#define CSF_MAX_LENGTH 4096

static char guarded[CSF_MAX_PATHS][CSF_MAX_LENGTH];
static volatile sig_atomic_t guarded_count = 0;
static const int guarded_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction previous[3];
static int taken[3];

static void remove_and_reraise(int signal_number) {
    for (int i = 0; i < guarded_count; i++) unlink(guarded[i]);
    for (int i = 0; i < 3; i++) {
        if (guarded_signals[i] == signal_number) sigaction(signal_number, &previous[i], NULL);
    }
    raise(signal_number);
}

int csf_guard(const char *const *paths, int count) {
    if (count > CSF_MAX_PATHS) return -1;
    for (int i = 0; i < count; i++) {
        if (strlen(paths[i]) >= CSF_MAX_LENGTH) return -1;
    }
    guarded_count = 0;
    for (int i = 0; i < count; i++) strcpy(guarded[i], paths[i]);
    guarded_count = count;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remove_and_reraise;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; i++) {
        taken[i] = 0;
        struct sigaction current;
        if (sigaction(guarded_signals[i], NULL, &current) != 0 || current.sa_handler != SIG_DFL) continue;
        if (sigaction(guarded_signals[i], &action, &previous[i]) == 0) taken[i] = 1;
    }
    return 0;
}

void csf_release(void) {
    for (int i = 0; i < 3; i++) {
        if (taken[i]) sigaction(guarded_signals[i], &previous[i], NULL);
        taken[i] = 0;
    }
    guarded_count = 0;
}
