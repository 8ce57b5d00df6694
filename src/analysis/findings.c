// SPDX-License-Identifier: MIT
// The findings list: append, relate, sort, free. Messages are formatted once, at creation, and
// shared by a finding's copies.
#include "reviewls/analysis.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A finding's strings (message, replacement, related messages) never change once made, and
// are shared by the copies of the finding: an incremental analysis keeps its findings and hands
// the document copies of all of them after every keystroke. Each string is preceded by its
// count of holders; the last to let go frees it.
struct shared {
    size_t holders;
    char text[];
};

static char *shared_new(size_t len) {
    struct shared *sh = rv_xmalloc(sizeof(struct shared) + len + 1);
    sh->holders = 1;
    return sh->text;
}

static char *shared_dup(const char *s) {
    size_t len = strlen(s);
    char *t = shared_new(len);
    memcpy(t, s, len + 1);
    return t;
}

static char *shared_hold(char *s) {
    if (s) {
        rv_container_of(s, struct shared, text)->holders++;
    }
    return s;
}

static void shared_release(char *s) {
    if (s) {
        struct shared *sh = rv_container_of(s, struct shared, text);
        if (--sh->holders == 0) {
            free(sh);
        }
    }
}

// The formatted message, shared: formatted once on the stack (a message is a line or two),
// again into a buffer of its size only when it is longer.
static char *format_message(const char *fmt, va_list ap) RV_PRINTF(1, 0);

static char *format_message(const char *fmt, va_list ap) {
    char buf[320];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(buf, sizeof(buf), fmt, copy);
    va_end(copy);
    if (n < 0) {
        return shared_dup("");
    }
    char *s = shared_new((size_t)n);
    if ((size_t)n < sizeof(buf)) {
        memcpy(s, buf, (size_t)n + 1);
    } else {
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    }
    return s;
}

struct rv_finding *rv_findings_add(struct rv_findings *out, uint16_t code, uint32_t start_byte,
                                   uint32_t end_byte, const char *fmt, ...) {
    struct rv_finding f = {0};
    f.code = code;
    f.severity = (enum rv_severity)0; // the catalogue default, unless a rule says otherwise
    f.start_byte = start_byte;
    f.end_byte = end_byte < start_byte ? start_byte : end_byte;
    va_list ap;
    va_start(ap, fmt);
    f.message = format_message(fmt, ap);
    va_end(ap);
    rv_vec_push(&out->list, f);
    return &out->list.items[out->list.len - 1];
}

void rv_finding_relate(struct rv_finding *f, uint32_t start_byte, uint32_t end_byte,
                       const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    struct rv_related rel = {start_byte, end_byte, format_message(fmt, ap)};
    va_end(ap);
    rv_vec_push(&f->related, rel);
}

void rv_finding_reword(struct rv_finding *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *message = format_message(fmt, ap); // may quote the old message
    va_end(ap);
    shared_release(f->message);
    f->message = message;
}

void rv_finding_set_fix(struct rv_finding *f, enum rv_fix_kind kind, const char *replacement) {
    f->fix = kind;
    char *old = f->replacement;
    f->replacement = replacement ? shared_dup(replacement) : NULL;
    shared_release(old);
}

static int compare(const void *pa, const void *pb) {
    const struct rv_finding *a = pa;
    const struct rv_finding *b = pb;
    if (a->start_byte != b->start_byte) {
        return a->start_byte < b->start_byte ? -1 : 1;
    }
    if (a->code != b->code) {
        return a->code < b->code ? -1 : 1;
    }
    if (a->end_byte != b->end_byte) {
        return a->end_byte < b->end_byte ? -1 : 1;
    }
    return strcmp(a->message, b->message);
}

// Adaptive: the list is often sorted up to a few findings appended at its end (an incremental
// analysis keeps the sorted findings of the statements it did not examine again, then adds
// those of the edited ones). The sorted prefix stays, the rest is sorted and merged in from
// the back; both steps are stable, as glibc's qsort (a merge sort) is, so the order is the one a
// stable sort of the whole list gives.
void rv_findings_sort(struct rv_findings *out) {
    struct rv_finding *a = out->list.items;
    size_t n = out->list.len;
    size_t p = 1;
    while (p < n && compare(&a[p - 1], &a[p]) <= 0) {
        p++;
    }
    if (p >= n) {
        return;
    }
    qsort(a + p, n - p, sizeof(struct rv_finding), compare);
    if (compare(&a[p - 1], &a[p]) <= 0) {
        return;
    }
    size_t m = n - p;
    struct rv_finding *tail = rv_xmalloc(m * sizeof(struct rv_finding));
    memcpy(tail, a + p, m * sizeof(struct rv_finding));
    size_t i = p;
    size_t k = n;
    while (m > 0) { // on a tie the tail's finding goes last: it came last
        if (i > 0 && compare(&a[i - 1], &tail[m - 1]) > 0) {
            a[--k] = a[--i];
        } else {
            a[--k] = tail[--m];
        }
    }
    free(tail);
}

void rv_findings_take(struct rv_findings *dst, struct rv_findings *src) {
    for (size_t i = 0; i < src->list.len; i++) {
        rv_vec_push(&dst->list, src->list.items[i]);
    }
    src->list.len = 0;
}

static void finding_finish(struct rv_finding *f) {
    shared_release(f->message);
    shared_release(f->replacement);
    for (size_t i = 0; i < f->related.len; i++) {
        shared_release(f->related.items[i].message);
    }
    rv_vec_finish(&f->related);
}

void rv_findings_clear(struct rv_findings *out) {
    for (size_t i = 0; i < out->list.len; i++) {
        finding_finish(&out->list.items[i]);
    }
    out->list.len = 0;
}

void rv_findings_finish(struct rv_findings *out) {
    rv_findings_clear(out);
    rv_vec_finish(&out->list);
}

struct rv_finding rv_finding_copy(const struct rv_finding *f) {
    struct rv_finding g = *f;
    g.message = shared_hold(f->message);
    g.replacement = shared_hold(f->replacement);
    memset(&g.related, 0, sizeof(g.related));
    if (f->related.len) {
        rv_vec_reserve(&g.related, f->related.len);
    }
    for (size_t i = 0; i < f->related.len; i++) {
        struct rv_related r = f->related.items[i];
        r.message = shared_hold(r.message);
        rv_vec_push(&g.related, r);
    }
    return g;
}
