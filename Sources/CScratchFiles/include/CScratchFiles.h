#ifndef CSCRATCHFILES_H
#define CSCRATCHFILES_H

/// Files an unfinished write must not leave behind when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP): the handler unlinks them, then lets the signal do what it would have done.
/// Only signals left at their default action are taken over; at most 8 paths of under 4 KB.
/// Returns 0 when the paths were registered, -1 when there were too many or too long.
int csf_guard(const char *const *paths, int count);

/// The write is over (finished or failed): the signals get their previous actions back.
void csf_release(void);

#endif
