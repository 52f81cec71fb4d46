#define _GNU_SOURCE
#include "CFaultGuard.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <stdio.h>
#include <limits.h>
#include <pthread.h>
#include <ucontext.h>

#define SLOTS 16
#define TEMPLATE_MAX 2048
#define PATH_MAX_BYTES 1024
/* A read up to one page past a map's end (a node read at a damaged offset near the end) still counts as the
 * ledger's; anything further is whatever else is mapped there, and not the ledger's to blame. */
#define SLACK_PAGES 1

struct slot {
    volatile sig_atomic_t used;
    const void *key;
    uintptr_t start;
    size_t bytes;
    size_t page_bytes;
    char path[PATH_MAX_BYTES];
};

static struct slot slots[SLOTS];
/* Serialises registration (environments open on several threads); the handler never takes it. */
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static char fault_text[TEMPLATE_MAX];
static char assert_text[TEMPLATE_MAX];
/* The handlers there were before (the Swift runtime's backtracer, or the default action). */
static struct sigaction previous_segv, previous_bus;
static volatile sig_atomic_t installed;
/* liblmdb's code in memory, found at install time: a fault whose instruction is there (a null or wild pointer
 * that a damaged node's flags or sizes led liblmdb to follow) is damage too, though its address is not in a map. */
static uintptr_t lmdb_text_start, lmdb_text_end;

static uintptr_t fault_pc(void *context) {
#if defined(__x86_64__)
    return (uintptr_t)((ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)((ucontext_t *)context)->uc_mcontext.pc;
#else
    (void)context;
    return 0;
#endif
}

static void copy(char *to, size_t cap, const char *from) {
    size_t n = from ? strlen(from) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(to, from, n);
    to[n] = 0;
}

static void put(const char *s, size_t n) {
    while (n > 0) {
        ssize_t w = write(2, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void put_string(const char *s) { put(s, strlen(s)); }

static void put_number(uint64_t v) {
    char digits[24];
    int i = sizeof digits;
    do { digits[--i] = (char)('0' + v % 10); v /= 10; } while (v && i > 0);
    put(digits + i, sizeof digits - (size_t)i);
}

/* Writes `template`, expanding {path}, {page}, {signal} and {reason}. */
static void expand(const char *template, const char *path, uint64_t page, const char *signal_name, const char *reason) {
    const char *p = template;
    while (*p) {
        if (*p == '{') {
            if (!strncmp(p, "{path}", 6)) { put_string(path); p += 6; continue; }
            if (!strncmp(p, "{page}", 6)) { put_number(page); p += 6; continue; }
            if (!strncmp(p, "{signal}", 8)) { put_string(signal_name); p += 8; continue; }
            if (!strncmp(p, "{reason}", 8)) { put_string(reason ? reason : ""); p += 8; continue; }
        }
        put(p, 1);
        p += 1;
    }
    put("\n", 1);
}

static void on_fault(int sig, siginfo_t *info, void *context) {
    uintptr_t at = (uintptr_t)info->si_addr;
    /* Only a fault of the memory itself: a signal sent by kill(2) (si_code <= 0) or another kind of fault is
     * not damage to a file. */
    int memory_fault = sig == SIGSEGV ? (info->si_code == SEGV_MAPERR || info->si_code == SEGV_ACCERR)
                                      : (info->si_code == BUS_ADRERR || info->si_code == BUS_OBJERR);
    for (int i = 0; memory_fault && i < SLOTS; i++) {
        struct slot *s = &slots[i];
        if (!__atomic_load_n(&s->used, __ATOMIC_ACQUIRE)) continue;
        if (at >= s->start && at - s->start < s->bytes + SLACK_PAGES * s->page_bytes) {
            uint64_t page = s->page_bytes ? (uint64_t)((at - s->start) / s->page_bytes) : 0;
            expand(fault_text, s->path, page, sig == SIGBUS ? "SIGBUS" : "SIGSEGV", 0);
            _exit(4);
        }
    }
    uintptr_t pc = fault_pc(context);
    if (memory_fault && pc && pc >= lmdb_text_start && pc < lmdb_text_end) {
        for (int i = 0; i < SLOTS; i++) {
            if (__atomic_load_n(&slots[i].used, __ATOMIC_ACQUIRE)) {
                expand(assert_text, slots[i].path, 0, "", sig == SIGBUS ? "SIGBUS in liblmdb" : "SIGSEGV in liblmdb");
                _exit(4);
            }
        }
    }
    /* Not in a ledger's map: the handler there was before is put back, and the faulting instruction runs again
     * and meets it (a backtrace, then death by the signal), as it would have without the guard. */
    sigaction(sig, sig == SIGBUS ? &previous_bus : &previous_segv, 0);
    if (info->si_code <= 0) raise(sig); /* sent, not a fault: returning would not repeat it */
}

/* Finds liblmdb's executable mapping in /proc/self/maps (not from the handler: fopen is not signal-safe). */
static void find_lmdb_text(void) {
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps) return;
    char line[PATH_MAX_BYTES + 256];
    while (fgets(line, sizeof line, maps)) {
        unsigned long long lo, hi;
        char perms[8] = {0};
        if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) != 3 || perms[2] != 'x') continue;
        if (!strstr(line, "/liblmdb")) continue;
        lmdb_text_start = (uintptr_t)lo;
        lmdb_text_end = (uintptr_t)hi;
        break;
    }
    fclose(maps);
}

void grassroots_guard_install(const char *fault_template, const char *assert_template) {
    copy(fault_text, sizeof fault_text, fault_template);
    copy(assert_text, sizeof assert_text, assert_template);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (installed) return;
    installed = 1;
    find_lmdb_text();
    sigaction(SIGSEGV, &action, &previous_segv);
    sigaction(SIGBUS, &action, &previous_bus);
}

static int taken_by_other(const void *key, uintptr_t start) {
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].used && slots[i].key != key && slots[i].start == start) return 1;
    }
    return 0;
}

static struct slot *slot_for(const void *slot_key, int allocate) {
    struct slot *free_slot = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].used && slots[i].key == slot_key) return &slots[i];
        if (!slots[i].used && !free_slot) free_slot = &slots[i];
    }
    return allocate ? free_slot : 0;
}

int grassroots_guard_register(const void *slot_key, size_t page_bytes, const char *path) {
    /* liblmdb does not say where it mapped the file (mdb_env_info's me_mapaddr is set only for MDB_FIXEDMAP),
     * so the mapping is found in /proc/self/maps by the file's real path. Elsewhere the guard is off. */
    char real[PATH_MAX_BYTES];
    uintptr_t found_start = 0, found_end = 0;
    pthread_mutex_lock(&slots_lock);
    FILE *maps = realpath(path, real) ? fopen("/proc/self/maps", "r") : 0;
    if (maps) {
        char line[PATH_MAX_BYTES + 256];
        while (fgets(line, sizeof line, maps)) {
            unsigned long long lo, hi, offset;
            int name_at = 0;
            if (sscanf(line, "%llx-%llx %*s %llx %*s %*s %n", &lo, &hi, &offset, &name_at) < 3 || name_at == 0) continue;
            char *name = line + name_at;
            size_t n = strlen(name);
            while (n > 0 && (name[n - 1] == '\n' || name[n - 1] == ' ')) name[--n] = 0;
            if (offset != 0 || strcmp(name, real) != 0) continue;
            found_start = (uintptr_t)lo;
            found_end = (uintptr_t)hi;
            if (!taken_by_other(slot_key, found_start)) break;
        }
        fclose(maps);
    }
    struct slot *slot = slot_for(slot_key, found_start != 0);
    if (slot) {
        /* Off while it changes; and off for good when the mapping was not found, so that a range the map has
         * left is never blamed on the ledger. */
        __atomic_store_n(&slot->used, 0, __ATOMIC_RELEASE);
        if (found_start) {
            slot->key = slot_key;
            slot->start = found_start;
            slot->bytes = found_end - found_start;
            slot->page_bytes = page_bytes;
            copy(slot->path, sizeof slot->path, path);
            __atomic_store_n(&slot->used, 1, __ATOMIC_RELEASE);
        }
    }
    pthread_mutex_unlock(&slots_lock);
    return found_start != 0 && slot != 0;
}

void grassroots_guard_unregister(const void *slot_key) {
    pthread_mutex_lock(&slots_lock);
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].used && slots[i].key == slot_key) __atomic_store_n(&slots[i].used, 0, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&slots_lock);
}

void grassroots_guard_lmdb_assert(void *env, const char *message) {
    const char *path = "data.mdb";
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].used && slots[i].key == env) { path = slots[i].path; break; }
    }
    if (!assert_text[0]) return; /* not installed: liblmdb prints and aborts as it always did */
    expand(assert_text, path, 0, "", message);
    _exit(4);
}
