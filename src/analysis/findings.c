// SPDX-License-Identifier: MIT
// The findings list: append, relate, sort, free. Messages are formatted once, at creation.
#include "reviewls/analysis.h"

#include <stdlib.h>
#include <string.h>

struct rv_finding *rv_findings_add(struct rv_findings *out, uint16_t code, uint32_t start_byte,
                                   uint32_t end_byte, const char *fmt, ...) {
    struct rv_finding f = {0};
    f.code = code;
    f.severity = (enum rv_severity)0; // the catalogue default, unless a rule says otherwise
    f.start_byte = start_byte;
    f.end_byte = end_byte < start_byte ? start_byte : end_byte;
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    f.message = rv_strbuf_take(&sb);
    rv_vec_push(&out->list, f);
    return &out->list.items[out->list.len - 1];
}

void rv_finding_relate(struct rv_finding *f, uint32_t start_byte, uint32_t end_byte,
                       const char *fmt, ...) {
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    struct rv_related rel = {start_byte, end_byte, rv_strbuf_take(&sb)};
    rv_vec_push(&f->related, rel);
}

void rv_finding_set_fix(struct rv_finding *f, enum rv_fix_kind kind, const char *replacement) {
    f->fix = kind;
    free(f->replacement);
    f->replacement = replacement ? rv_xstrdup(replacement) : NULL;
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

void rv_findings_sort(struct rv_findings *out) {
    if (out->list.len > 1) {
        qsort(out->list.items, out->list.len, sizeof(struct rv_finding), compare);
    }
}

void rv_findings_take(struct rv_findings *dst, struct rv_findings *src) {
    for (size_t i = 0; i < src->list.len; i++) {
        rv_vec_push(&dst->list, src->list.items[i]);
    }
    src->list.len = 0;
}

static void finding_finish(struct rv_finding *f) {
    free(f->message);
    free(f->replacement);
    for (size_t i = 0; i < f->related.len; i++) {
        free(f->related.items[i].message);
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
    g.message = f->message ? rv_xstrdup(f->message) : NULL;
    g.replacement = f->replacement ? rv_xstrdup(f->replacement) : NULL;
    memset(&g.related, 0, sizeof(g.related));
    for (size_t i = 0; i < f->related.len; i++) {
        struct rv_related r = f->related.items[i];
        r.message = r.message ? rv_xstrdup(r.message) : NULL;
        rv_vec_push(&g.related, r);
    }
    return g;
}
