// SPDX-License-Identifier: MIT
// Small shared helpers: aborting allocators, a growable string buffer, a typed vector and
// logging. Nothing here knows about JSON, libuv or tree-sitter.
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define RV_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define RV_MIN(a, b) ((a) < (b) ? (a) : (b))
#define RV_MAX(a, b) ((a) > (b) ? (a) : (b))
#define rv_container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#if defined(__GNUC__)
#define RV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define RV_UNREACHABLE() __builtin_unreachable()
#else
#define RV_PRINTF(f, a)
#define RV_UNREACHABLE() ((void)0)
#endif

/** FNV-1a over `len` bytes, started from `seed`; never 0, so 0 can mark an empty slot. */
static inline uint64_t rv_hash_bytes(const char *s, size_t len, uint64_t seed) {
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    return h ? h : 1;
}

/** Allocators that abort with a message on exhaustion; results are never NULL. */
void *rv_xmalloc(size_t size);
void *rv_xcalloc(size_t count, size_t size);
void *rv_xrealloc(void *ptr, size_t size);
/** Returns a heap copy of `s` (caller frees). */
char *rv_xstrdup(const char *s);
/** Returns a NUL-terminated heap copy of `len` bytes of `s` (caller frees). */
char *rv_xstrndup(const char *s, size_t len);
/** Returns a heap string formatted like printf (caller frees). */
char *rv_xasprintf(const char *fmt, ...) RV_PRINTF(1, 2);

/** A growable byte buffer, always NUL-terminated. Zero-initialised is empty and valid. */
struct rv_strbuf {
    char *data;
    size_t len;
    size_t cap;
};

/** Makes room for `extra` more bytes and the NUL (the slow path of the appends below). */
void rv_strbuf_grow(struct rv_strbuf *sb, size_t extra);

// The appends are inline: the publish path writes a dozen short pieces per diagnostic, and
// inlined, a literal's length is a constant and its copy a few stores.
static inline void rv_strbuf_append(struct rv_strbuf *sb, const char *bytes, size_t len) {
    if (sb->cap - sb->len <= len) {
        rv_strbuf_grow(sb, len);
    }
    if (len) {
        memcpy(sb->data + sb->len, bytes, len);
    }
    sb->len += len;
    sb->data[sb->len] = '\0';
}

static inline void rv_strbuf_puts(struct rv_strbuf *sb, const char *s) {
    rv_strbuf_append(sb, s, strlen(s));
}

static inline void rv_strbuf_putc(struct rv_strbuf *sb, char c) {
    rv_strbuf_append(sb, &c, 1);
}

void rv_strbuf_printf(struct rv_strbuf *sb, const char *fmt, ...) RV_PRINTF(2, 3);
void rv_strbuf_vprintf(struct rv_strbuf *sb, const char *fmt, va_list ap) RV_PRINTF(2, 0);
/** Appends `v` in decimal (no printf: the publish path writes thousands of numbers). */
void rv_strbuf_put_u64(struct rv_strbuf *sb, uint64_t v);
/** Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF). */
void rv_strbuf_put_utf8(struct rv_strbuf *sb, uint32_t cp);
/** Returns the buffer's heap string and resets `sb` (caller frees; never NULL). */
char *rv_strbuf_take(struct rv_strbuf *sb);
void rv_strbuf_reset(struct rv_strbuf *sb);
void rv_strbuf_finish(struct rv_strbuf *sb);

/** A typed growable array: `RV_VEC(int) v = {0};`. */
#define RV_VEC(T)                                                                                  \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t len;                                                                                \
        size_t cap;                                                                                \
    }
#define rv_vec_push(v, x)                                                                          \
    do {                                                                                           \
        if ((v)->len == (v)->cap) {                                                                \
            (v)->cap = (v)->cap ? (v)->cap * 2 : 8;                                                \
            (v)->items = rv_xrealloc((v)->items, (v)->cap * sizeof(*(v)->items));                  \
        }                                                                                          \
        (v)->items[(v)->len++] = (x);                                                              \
    } while (0)
/** Makes room for at least `n` items in all (no-op when there is). */
#define rv_vec_reserve(v, n)                                                                       \
    do {                                                                                           \
        if ((v)->cap < (n)) {                                                                      \
            (v)->cap = (n);                                                                        \
            (v)->items = rv_xrealloc((v)->items, (v)->cap * sizeof(*(v)->items));                  \
        }                                                                                          \
    } while (0)
#define rv_vec_finish(v)                                                                           \
    do {                                                                                           \
        free((v)->items);                                                                          \
        (v)->items = NULL;                                                                         \
        (v)->len = (v)->cap = 0;                                                                   \
    } while (0)

enum rv_log_level {
    RV_LOG_ERROR = 1,
    RV_LOG_WARN = 2,
    RV_LOG_INFO = 3,
    RV_LOG_DEBUG = 4,
};

/** A sink that receives every log line at or below the level (for window/logMessage). */
typedef void rv_log_sink_fn(void *userdata, enum rv_log_level level, const char *line);

void rv_log_set_level(enum rv_log_level level);
enum rv_log_level rv_log_level_get(void);
/** Parses "error", "warn", "info" or "debug"; returns false on anything else. */
bool rv_log_level_parse(const char *name, enum rv_log_level *out);
/** Logs also go to this file (opened for append); returns 0 or -errno. */
int rv_log_open_file(const char *path);
void rv_log_set_sink(rv_log_sink_fn *sink, void *userdata);
void rv_log(enum rv_log_level level, const char *fmt, ...) RV_PRINTF(2, 3);
#define rv_log_error(...) rv_log(RV_LOG_ERROR, __VA_ARGS__)
#define rv_log_warn(...) rv_log(RV_LOG_WARN, __VA_ARGS__)
#define rv_log_info(...) rv_log(RV_LOG_INFO, __VA_ARGS__)
#define rv_log_debug(...) rv_log(RV_LOG_DEBUG, __VA_ARGS__)

/**
 * Lists the entries of `dir` worth walking for Python sources, sorted by name: hidden entries,
 * __pycache__ and node_modules are left out. On success returns 0 and a heap array of heap
 * names in *names (caller frees each and the array); else -errno.
 */
int rv_list_dir(const char *dir, char ***names, size_t *count);

/** Reads a whole file into a heap buffer (caller frees *out). Returns 0 or -errno. */
int rv_read_file(const char *path, char **out, size_t *out_len);

/** CLOCK_MONOTONIC in nanoseconds (util/helper.c): the clock the server's logs and a client on
 *  the same machine read too. */
uint64_t rv_monotonic_ns(void);

/**
 * A second thread for work that one caller splits in two (util/helper.c): rv_helper_start
 * hands it `fn(arg)` and returns at once; rv_helper_wait returns once that call has returned
 * (making it itself when the thread has not taken it yet).
 * One job at a time, from one caller. rv_helper_create returns NULL when no thread could start;
 * rv_helper_destroy waits for a job still running and accepts NULL.
 */
struct rv_helper;
struct rv_helper *rv_helper_create(void);
void rv_helper_start(struct rv_helper *h, void (*fn)(void *), void *arg);
void rv_helper_wait(struct rv_helper *h);
/**
 * Keeps the helper polling for jobs for the next `ns` nanoseconds instead of sleeping (and
 * wakes it now if it sleeps), so that a job handed over meanwhile starts at once and its
 * caller polls for the end too: for work known to come soon (an edit's analysis, once its
 * change arrives). rv_helper_cool ends it early, though the thread goes on polling for a
 * millisecond (the next keystroke of a burst then warms it without a system call to wake it);
 * rv_helper_warm_now says whether the warmth holds. All accept NULL.
 */
void rv_helper_warm(struct rv_helper *h, uint64_t ns);
void rv_helper_cool(struct rv_helper *h);
bool rv_helper_warm_now(const struct rv_helper *h);
/** How many jobs `h` was handed (0 for NULL): tests and logs tell whether work was shared. */
size_t rv_helper_jobs(const struct rv_helper *h);
/** Of those, how many the caller ran itself: rv_helper_wait runs a job the thread has not
 *  taken yet (it may have no core), rather than wait for it. */
size_t rv_helper_taken_back(struct rv_helper *h);
/** How many times the thread woke from its sleep (tests tell whether it lingered). */
size_t rv_helper_wakeups(struct rv_helper *h);
/** Whether the thread polls for jobs now (warm, or lingering after it cooled). */
bool rv_helper_polling(const struct rv_helper *h);
void rv_helper_destroy(struct rv_helper *h);
