#ifndef CSCRATCHFILES_H
#define CSCRATCHFILES_H

/// Files an unfinished write must not leave behind when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP): the handler unlinks them, then lets the signal do what it would have done.
/// Only signals left at their default action are taken over. Several writes may be guarded at
/// once (up to 8, each with up to 8 paths of under 4 KB).
/// Returns the guard's number for `csf_release`, or -1 when no guard could be made.
int csf_guard(const char *const *paths, int count);

/// The write `guard` is over (finished or failed): its files are no longer removed on a signal;
/// when no write is guarded any more, the signals get their previous actions back.
void csf_release(int guard);

#endif
