#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for the process (SQLITE_CONFIG_MEMSTATUS): then no
/// allocation of SQLite's takes its global mutex. It takes effect only before SQLite is initialized
/// (its first connection, or any other call that initializes it); later it changes nothing and
/// returns SQLITE_MISUSE. Returns SQLite's result code.
int csq_memory_statistics_off(void);

#endif
