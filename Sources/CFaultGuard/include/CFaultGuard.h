#ifndef GRASSROOTS_FAULT_GUARD_H
#define GRASSROOTS_FAULT_GUARD_H
/*
 * A guard against dying by a signal on a damaged data file.
 *
 * liblmdb trusts the pages of its memory-mapped file: a damaged page can make it read outside the map's
 * pages (SIGSEGV), past the end of a truncated file (SIGBUS), or fail one of its own assertions (abort).
 * The guard turns exactly those into a message and exit status 4, naming the file and the page that was
 * being read; a fault whose instruction is in liblmdb's own code (a damaged node's flags can send it through
 * a null pointer) is reported with the assertion's message. Any other fault is not damage: the handler puts
 * back the handler there was before (the Swift runtime's backtracer) and the process dies by the signal as it
 * would have without the guard (a bug to report). A signal sent by kill(2) is passed on the same way.
 *
 * Everything the handler does is async-signal-safe (write(2), _exit(2), reads of fixed storage).
 */
#include <stddef.h>
#include <stdint.h>

/* Installs the SIGSEGV and SIGBUS handlers. `fault_template` may hold {path}, {page} and {signal};
 * `assert_template` {path} and {reason}. Both are copied (at most 2 KiB each). Call once, early. */
void grassroots_guard_install(const char *fault_template, const char *assert_template);

/* Registers (or re-registers, after the map moved or grew) the map of the file `path`, found in
 * /proc/self/maps; `slot_key` identifies it (the environment's handle). Returns 1 when registered, 0 when the
 * mapping was not found (not Linux) or 16 maps are already registered: that map is then not guarded. */
int grassroots_guard_register(const void *slot_key, size_t page_bytes, const char *path);

/* Forgets the map registered under `slot_key`. */
void grassroots_guard_unregister(const void *slot_key);

/* liblmdb's assert callback (MDB_assert_func's shape, the environment as an opaque pointer): writes the
 * assert template for the environment's registered path and exits 4. */
void grassroots_guard_lmdb_assert(void *env, const char *message);

#endif
