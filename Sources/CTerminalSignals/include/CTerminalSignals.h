#ifndef CTERMINALSIGNALS_H
#define CTERMINALSIGNALS_H

/* Records SIGINT, SIGTERM and SIGHUP instead of dying, so the browser can restore the
   terminal before it exits. The handlers only store the signal number (async-signal-safe);
   the main loop polls it. No SA_RESTART: a blocked read returns at once. */
void cts_install_handlers(void);
/* The last signal received, or 0; clears it. */
int cts_take_signal(void);

#endif
