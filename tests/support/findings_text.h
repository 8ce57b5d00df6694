// SPDX-License-Identifier: MIT
// Findings as text, for tests that compare one analysis's with another's.
#ifndef RV_TEST_FINDINGS_TEXT_H
#define RV_TEST_FINDINGS_TEXT_H

#include "reviewls/analysis.h"
#include "reviewls/util.h"

// Each finding's code, bytes and message on a line, then its related information: two
// analyses agree when their texts are equal (caller frees).
static inline char *findings_text(const struct rv_findings *out) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < out->list.len; i++) {
        const struct rv_finding *f = &out->list.items[i];
        rv_strbuf_printf(&sb, "%u %u-%u %s\n", f->code, f->start_byte, f->end_byte, f->message);
        for (size_t r = 0; r < f->related.len; r++) {
            rv_strbuf_printf(&sb, "  related %u-%u %s\n", f->related.items[r].start_byte,
                             f->related.items[r].end_byte, f->related.items[r].message);
        }
    }
    return sb.data ? rv_strbuf_take(&sb) : rv_xstrdup("");
}

#endif
