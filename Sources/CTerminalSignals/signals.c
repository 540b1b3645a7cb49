#include "CTerminalSignals.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

/* What a crash handler writes, prepared before the screen is touched: a handler may only call
   async-signal-safe functions (write, tcsetattr, sigaction, raise), so nothing is computed in it. */
static char restore_bytes[512];
static size_t restore_length = 0;
static struct termios saved_modes;
static int have_saved_modes = 0;

static const int crash_signals[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
/* The handlers that were there before ours (the Swift runtime's backtracer, which prints the
   crash report): called after the terminal is restored, so the report lands on a sane screen. */
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];

static void restore_then_chain(int signal_number, siginfo_t *info, void *context) {
    if (restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, restore_bytes, restore_length);
        (void)ignored;
    }
    if (have_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] != signal_number) continue;
        struct sigaction previous = previous_actions[i];
        sigaction(signal_number, &previous, NULL);
        if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
            previous.sa_sigaction(signal_number, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(signal_number);
        }
    }
    /* Whatever ran before returned: die of the signal as the crash would have (default action). */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    raise(signal_number);
}

void cts_install_crash_handlers(const char *restore, size_t length) {
    if (length > sizeof restore_bytes) length = sizeof restore_bytes;
    memcpy(restore_bytes, restore, length);
    restore_length = length;
    have_saved_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = restore_then_chain;
    sigemptyset(&action.sa_mask);
    /* SA_NODEFER: the raise at the end is delivered at once, not held until the handler returns. */
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) sigaction(crash_signals[i], &action, &previous_actions[i]);
}

void cts_remove_crash_handlers(void) {
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) sigaction(crash_signals[i], &previous_actions[i], NULL);
    restore_length = 0;
    have_saved_modes = 0;
}
