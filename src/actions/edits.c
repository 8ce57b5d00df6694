// SPDX-License-Identifier: MIT
// Edit lists: the currency between the fix builders and the LSP layer. Applying a list is
// also how the tests check that a fix re-parses cleanly.
#include "reviewls/actions.h"

#include <stdlib.h>
#include <string.h>

void rv_edits_add(struct rv_edits *edits, uint32_t start_byte, uint32_t end_byte,
                  const char *text) {
    struct rv_edit e = {start_byte, end_byte, rv_xstrdup(text ? text : "")};
    rv_vec_push(&edits->list, e);
}

static int cmp_edit(const void *a, const void *b) {
    const struct rv_edit *x = a;
    const struct rv_edit *y = b;
    if (x->start_byte != y->start_byte) {
        return x->start_byte < y->start_byte ? -1 : 1;
    }
    if (x->end_byte != y->end_byte) {
        return x->end_byte < y->end_byte ? -1 : 1;
    }
    return strcmp(x->new_text, y->new_text);
}

void rv_edits_sort(struct rv_edits *edits) {
    if (edits->list.len < 2) {
        return;
    }
    if (edits->list.len > 1) {
        qsort(edits->list.items, edits->list.len, sizeof(edits->list.items[0]), cmp_edit);
    }
    size_t out = 1;
    for (size_t i = 1; i < edits->list.len; i++) {
        struct rv_edit *prev = &edits->list.items[out - 1];
        struct rv_edit *cur = &edits->list.items[i];
        if (cmp_edit(prev, cur) == 0) {
            free(cur->new_text);
            continue;
        }
        edits->list.items[out++] = *cur;
    }
    edits->list.len = out;
}

static bool edits_touch(const struct rv_edit *a, const struct rv_edit *b) {
    // Two insertions at one point, or ranges sharing a byte, conflict; adjacent ranges do not.
    if (a->start_byte == b->start_byte) {
        return true;
    }
    return a->start_byte < b->end_byte && b->start_byte < a->end_byte;
}

bool rv_edits_overlap(const struct rv_edits *a, const struct rv_edits *b) {
    for (size_t i = 0; i < a->list.len; i++) {
        for (size_t j = 0; j < b->list.len; j++) {
            if (edits_touch(&a->list.items[i], &b->list.items[j])) {
                return true;
            }
        }
    }
    return false;
}

void rv_edits_take(struct rv_edits *dst, struct rv_edits *src) {
    for (size_t i = 0; i < src->list.len; i++) {
        rv_vec_push(&dst->list, src->list.items[i]);
    }
    src->list.len = 0;
}

char *rv_edits_apply(const char *bytes, size_t len, const struct rv_edits *edits, size_t *out_len) {
    struct rv_strbuf sb = {0};
    size_t at = 0;
    for (size_t i = 0; i < edits->list.len; i++) {
        const struct rv_edit *e = &edits->list.items[i];
        size_t start = RV_MIN((size_t)e->start_byte, len);
        size_t end = RV_MIN((size_t)e->end_byte, len);
        if (start < at) {
            continue; // overlapping: a caller bug, skipped rather than corrupting the text
        }
        rv_strbuf_append(&sb, bytes + at, start - at);
        rv_strbuf_puts(&sb, e->new_text);
        at = RV_MAX(end, start);
    }
    rv_strbuf_append(&sb, bytes + at, len - at);
    if (out_len) {
        *out_len = sb.len;
    }
    return rv_strbuf_take(&sb);
}

void rv_edits_clear(struct rv_edits *edits) {
    for (size_t i = 0; i < edits->list.len; i++) {
        free(edits->list.items[i].new_text);
    }
    edits->list.len = 0;
}

void rv_edits_finish(struct rv_edits *edits) {
    if (edits == NULL) {
        return;
    }
    rv_edits_clear(edits);
    rv_vec_finish(&edits->list);
}
