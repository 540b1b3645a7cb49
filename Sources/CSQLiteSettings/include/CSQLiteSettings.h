#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for the process (SQLITE_CONFIG_MEMSTATUS): then no
/// allocation of SQLite's takes its global mutex. Returns SQLite's result code.
int csq_memory_statistics_off(void);

/// Makes connections multi-thread rather than serialized (SQLITE_CONFIG_MULTITHREAD): a
/// connection then takes no mutex of its own on each call, which is safe when one thread at a
/// time uses each connection. Returns SQLite's result code.
int csq_multithread(void);

// Both take effect only before SQLite is initialized (its first connection); later they change
// nothing and return SQLITE_MISUSE.

#endif
