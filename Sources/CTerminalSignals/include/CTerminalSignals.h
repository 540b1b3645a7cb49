#ifndef CTERMINALSIGNALS_H
#define CTERMINALSIGNALS_H

#include <stddef.h>

/* Records SIGINT, SIGTERM and SIGHUP instead of dying, so the browser can restore the
   terminal before it exits. The handlers only store the signal number (async-signal-safe);
   the main loop polls it. No SA_RESTART: a blocked read returns at once. */
void cts_install_handlers(void);
/* The last signal received, or 0; clears it. */
int cts_take_signal(void);

/* On a crash (a Swift trap is SIGILL or SIGTRAP; also SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGQUIT): write
   `restore` (the escape sequences that leave the alternate screen and mouse mode, prepared
   beforehand), put back the terminal modes saved now, then hand the signal to the handler that was
   there before (the Swift runtime's backtracer prints its crash report on the restored screen) or,
   without one, die of it. Install after setupterm and before newterm changes the modes; a second
   install does nothing. */
void cts_install_crash_handlers(const char *restore, size_t length);
/* After a normal teardown: the handlers that were there before (nothing if none was installed). */
void cts_remove_crash_handlers(void);

#endif
