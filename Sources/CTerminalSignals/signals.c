#include "CTerminalSignals.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received_signal = 0;

static void record_signal(int signal_number) { received_signal = signal_number; }

void cts_install_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

int cts_take_signal(void) {
    int value = received_signal;
    received_signal = 0;
    return value;
}
