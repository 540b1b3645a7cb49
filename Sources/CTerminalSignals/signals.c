#include "CTerminalSignals.h"
#include <pthread.h>
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
   async-signal-safe functions (write, tcsetattr, sigaction, pthread_sigmask, raise), so nothing is
   computed in it. */
static char restore_bytes[512];
static size_t restore_length = 0;
static struct termios saved_modes;
static int have_saved_modes = 0;
static int installed = 0;

/* The signals the Swift runtime's crash handler takes (SIGQUIT too: Ctrl-\ in the browser). */
static const int crash_signals[] = {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
/* The handlers that were there before ours (the Swift runtime's backtracer, which prints the
   crash report): called after the terminal is restored, so the report lands on a sane screen. */
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];
/* A stack for the handler when the thread has none: a stack overflow cannot run it otherwise. */
static char alternate_stack[1 << 16];

static void restore_terminal(void) {
    if (restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, restore_bytes, restore_length);
        (void)ignored;
    }
    if (have_saved_modes) {
        /* From a background process group tcsetattr would raise SIGTTOU and stop the process. */
        sigset_t ttou, old;
        sigemptyset(&ttou);
        sigaddset(&ttou, SIGTTOU);
        pthread_sigmask(SIG_BLOCK, &ttou, &old);
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
}

static void restore_then_chain(int signal_number, siginfo_t *info, void *context) {
    restore_terminal();
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] != signal_number) continue;
        struct sigaction previous = previous_actions[i];
        sigaction(signal_number, &previous, NULL);
        if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
            pthread_sigmask(SIG_BLOCK, &previous.sa_mask, NULL);
            previous.sa_sigaction(signal_number, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            pthread_sigmask(SIG_BLOCK, &previous.sa_mask, NULL);
            previous.sa_handler(signal_number);
        }
    }
    /* Whatever ran before returned: die of the signal as the crash would have (default action). */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    /* A fault the kernel raised happens again on return, with its own address in the core; one
       sent by kill or raise is sent again. */
    if (info == NULL || info->si_code <= 0) raise(signal_number);
}

void cts_install_crash_handlers(const char *restore, size_t length) {
    if (installed) return;  /* a second install would chain to itself */
    if (length > sizeof restore_bytes) length = sizeof restore_bytes;
    memcpy(restore_bytes, restore, length);
    restore_length = length;
    have_saved_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t stack;
        memset(&stack, 0, sizeof stack);
        stack.ss_sp = alternate_stack;
        stack.ss_size = sizeof alternate_stack;
        sigaltstack(&stack, NULL);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = restore_then_chain;
    sigemptyset(&action.sa_mask);
    /* SA_NODEFER: the raise at the end is delivered at once; SA_ONSTACK: a stack overflow still
       runs the handler, as it runs the runtime's. */
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) sigaction(crash_signals[i], &action, &previous_actions[i]);
    installed = 1;
}

void cts_remove_crash_handlers(void) {
    if (!installed) return;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) sigaction(crash_signals[i], &previous_actions[i], NULL);
    restore_length = 0;
    have_saved_modes = 0;
    installed = 0;
}
