#include "CSQLiteSettings.h"
#include <sqlite3.h>

// In C because sqlite3_config is variadic, and Swift does not import variadic C functions.
int csq_memory_statistics_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
