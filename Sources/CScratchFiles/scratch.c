#include "CScratchFiles.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// A handler may only call async-signal-safe functions: unlink, sigaction and raise are. The paths
// are copied into static storage beforehand, and a guard is marked in use only once its paths are
// complete, so the handler never reads a half-written path.
#define CSF_GUARDS 8
#define CSF_PATHS 8
#define CSF_LENGTH 4096

static char guarded[CSF_GUARDS][CSF_PATHS][CSF_LENGTH];
static volatile sig_atomic_t guarded_count[CSF_GUARDS];
static volatile sig_atomic_t in_use[CSF_GUARDS];
static const int guarded_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction previous[3];
static int taken[3];
static int active = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void remove_and_reraise(int signal_number) {
    for (int g = 0; g < CSF_GUARDS; g++) {
        if (!in_use[g]) continue;
        for (int i = 0; i < guarded_count[g]; i++) unlink(guarded[g][i]);
    }
    for (int i = 0; i < 3; i++) {
        if (guarded_signals[i] == signal_number) sigaction(signal_number, &previous[i], NULL);
    }
    raise(signal_number);
}

int csf_guard(const char *const *paths, int count) {
    if (count > CSF_PATHS) return -1;
    for (int i = 0; i < count; i++) {
        if (strlen(paths[i]) >= CSF_LENGTH) return -1;
    }
    pthread_mutex_lock(&lock);
    int slot = -1;
    for (int g = 0; g < CSF_GUARDS && slot < 0; g++) {
        if (!in_use[g]) slot = g;
    }
    if (slot < 0) {
        pthread_mutex_unlock(&lock);
        return -1;
    }
    for (int i = 0; i < count; i++) strcpy(guarded[slot][i], paths[i]);
    guarded_count[slot] = count;
    in_use[slot] = 1;
    if (active++ == 0) {
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
    }
    pthread_mutex_unlock(&lock);
    return slot;
}

void csf_release(int guard) {
    if (guard < 0 || guard >= CSF_GUARDS) return;
    pthread_mutex_lock(&lock);
    if (in_use[guard]) {
        in_use[guard] = 0;
        guarded_count[guard] = 0;
        if (--active == 0) {
            for (int i = 0; i < 3; i++) {
                if (taken[i]) sigaction(guarded_signals[i], &previous[i], NULL);
                taken[i] = 0;
            }
        }
    }
    pthread_mutex_unlock(&lock);
}
