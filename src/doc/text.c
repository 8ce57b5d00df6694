// SPDX-License-Identifier: MIT
// Document text and its line index. Edits rescan only the lines they touch and shift the rest,
// so a keystroke in a large file costs O(lines after it) integer adds, not a byte rescan.
#include "reviewls/text.h"

#include "reviewls/util.h"

#include <stdlib.h>
#include <string.h>

size_t rv_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid) {
    *valid = false;
    *cp = 0xFFFD;
    if (len == 0) {
        return 0;
    }
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        *valid = true;
        return 1;
    }
    size_t need;
    uint32_t v;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
        need = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 1;
    }
    if (len < need) {
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 1;
    }
    *cp = v;
    *valid = true;
    return need;
}

bool rv_utf8_valid(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        bool ok;
        size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
        if (!ok) {
            return false;
        }
        i += n;
    }
    return true;
}

size_t rv_utf8_count(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    size_t count = 0;
    while (i < len) {
        uint32_t cp;
        bool ok;
        i += p[i] < 0x80 ? 1 : rv_utf8_decode(p + i, len - i, &cp, &ok);
        count++;
    }
    return count;
}

// The starts of the lines that begin in (from, to) of `b` (`len` bytes), and at `to` itself when
// `include_to`, appended to `*out` (`*n` of them so far, room for `*cap`, at least 1): `stack`
// at first, moved to the heap when it fills (NULL: `*out` is on the heap already).
static void scan_into(const char *b, size_t len, size_t from, size_t to, bool include_to,
                      uint32_t *stack, uint32_t **out, size_t *n, size_t *cap) {
    for (size_t i = from; i < to; i++) {
        if (b[i] != '\n' && b[i] != '\r') {
            continue;
        }
        if (b[i] == '\r' && i + 1 < len && b[i + 1] == '\n') {
            continue; // the LF ends this line
        }
        if (i + 1 < to || include_to) {
            if (*n == *cap) {
                *cap *= 2;
                if (*out == stack) {
                    *out = rv_xmalloc(*cap * sizeof(uint32_t));
                    memcpy(*out, stack, *n * sizeof(uint32_t));
                } else {
                    *out = rv_xrealloc(*out, *cap * sizeof(uint32_t));
                }
            }
            (*out)[(*n)++] = (uint32_t)(i + 1);
        }
    }
}

// Is byte `i` of `b` (`len` long) a '\r' that no '\n' follows?
static bool lone_cr_at(const char *b, size_t len, size_t i) {
    return i < len && b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n');
}

// The lone CRs among bytes [from, to) of `b`.
static size_t count_lone_crs(const char *b, size_t len, size_t from, size_t to) {
    size_t n = 0;
    for (const char *p = memchr(b + from, '\r', to - from); p != NULL;
         p = memchr(p + 1, '\r', to - (size_t)(p + 1 - b))) {
        n += lone_cr_at(b, len, (size_t)(p - b));
    }
    return n;
}

int rv_text_init(struct rv_text *t, const char *bytes, size_t len) {
    memset(t, 0, sizeof(*t));
    if (len > RV_TEXT_MAX_BYTES) {
        return -1;
    }
    t->bytes = rv_xmalloc(len + 1);
    t->cap = len + 1;
    if (len) {
        memcpy(t->bytes, bytes, len);
    }
    t->bytes[len] = '\0';
    t->len = len;
    t->line_cap = 64;
    t->line_starts = rv_xmalloc(t->line_cap * sizeof(uint32_t));
    t->line_starts[t->line_count++] = 0;
    scan_into(t->bytes, len, 0, len, true, NULL, &t->line_starts, &t->line_count, &t->line_cap);
    t->lone_crs = count_lone_crs(t->bytes, len, 0, len);
    return 0;
}

void rv_text_finish(struct rv_text *t) {
    free(t->bytes ? t->bytes - t->front : NULL);
    free(t->line_starts);
    memset(t, 0, sizeof(*t));
}

// The line of `byte` among lines [lo, hi): line_starts[lo] <= byte < line_starts[hi] (or hi is
// the line count).
static size_t search_lines(const struct rv_text *t, size_t byte, size_t lo, size_t hi) {
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_starts[mid] <= byte) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

size_t rv_text_line_of(const struct rv_text *t, size_t byte) {
    return search_lines(t, byte > t->len ? t->len : byte, 0, t->line_count);
}

size_t rv_text_line_of_guess(const struct rv_text *t, size_t byte, size_t row) {
    if (byte > t->len || row >= t->line_count || t->line_starts[row] > byte) {
        return rv_text_line_of(t, byte);
    }
    // At or after the guess (a publish walks its diagnostics in order): lines ahead, a step
    // that doubles, then a binary search in the last step.
    size_t lo = row;
    size_t step = 1;
    while (lo + step < t->line_count && t->line_starts[lo + step] <= byte) {
        lo += step;
        step *= 2;
    }
    return search_lines(t, byte, lo, RV_MIN(lo + step, t->line_count));
}

size_t rv_text_line_end(const struct rv_text *t, size_t line) {
    if (line >= t->line_count) {
        return t->len;
    }
    size_t end = line + 1 < t->line_count ? t->line_starts[line + 1] : t->len;
    size_t start = t->line_starts[line];
    if (end > start && line + 1 < t->line_count) {
        if (t->bytes[end - 1] == '\n') {
            end--;
            if (end > start && t->bytes[end - 1] == '\r') {
                end--;
            }
        } else if (t->bytes[end - 1] == '\r') {
            end--;
        }
    }
    return end;
}

static uint32_t units_of(uint32_t cp, size_t nbytes, enum rv_encoding enc) {
    switch (enc) {
    case RV_ENC_UTF8:
        return (uint32_t)nbytes;
    case RV_ENC_UTF16:
        return cp >= 0x10000 ? 2 : 1;
    case RV_ENC_UTF32:
        return 1;
    }
    return 1;
}

size_t rv_text_offset_of(const struct rv_text *t, struct rv_lsp_pos pos, enum rv_encoding enc) {
    if (pos.line >= t->line_count) {
        return t->len;
    }
    size_t i = t->line_starts[pos.line];
    size_t end = rv_text_line_end(t, pos.line);
    const unsigned char *p = (const unsigned char *)t->bytes;
    uint32_t col = 0;
    while (i < end && col < pos.character) {
        uint32_t cp;
        bool ok;
        size_t n = p[i] < 0x80 ? (cp = p[i], 1) : rv_utf8_decode(p + i, end - i, &cp, &ok);
        uint32_t u = units_of(cp, n, enc);
        if (col + u > pos.character) {
            break; // inside a code point: snap to its start
        }
        col += u;
        i += n;
    }
    return i;
}

struct rv_lsp_pos rv_text_pos_of(const struct rv_text *t, size_t byte, enum rv_encoding enc) {
    return rv_text_pos_near(t, byte, enc, SIZE_MAX);
}

struct rv_lsp_pos rv_text_pos_near(const struct rv_text *t, size_t byte, enum rv_encoding enc,
                                   size_t line) {
    if (byte > t->len) {
        byte = t->len;
    }
    line = rv_text_line_of_guess(t, byte, line);
    size_t i = t->line_starts[line];
    const unsigned char *p = (const unsigned char *)t->bytes;
    uint32_t col = 0;
    if (enc == RV_ENC_UTF8) {
        col = (uint32_t)(byte - i);
    } else {
        // ASCII counts one unit a byte in every encoding: most lines are ASCII up to the byte.
        size_t k = i;
        while (k < byte && p[k] < 0x80) {
            k++;
        }
        col = (uint32_t)(k - i);
        i = k;
        while (i < byte) {
            uint32_t cp;
            bool ok;
            size_t n = p[i] < 0x80 ? (cp = p[i], 1) : rv_utf8_decode(p + i, t->len - i, &cp, &ok);
            if (i + n > byte) {
                break;
            }
            col += units_of(cp, n, enc);
            i += n;
        }
    }
    return (struct rv_lsp_pos){(uint32_t)line, col};
}

int rv_text_replace(struct rv_text *t, size_t start, size_t end, const char *repl,
                    size_t repl_len) {
    if (start > end || end > t->len) {
        return -1;
    }
    size_t new_len = t->len - (end - start) + repl_len;
    if (new_len > RV_TEXT_MAX_BYTES) {
        return -1;
    }
    // Lines to rescan: from the line before the edit (a CR there may pair with a new LF) to the
    // first line that starts more than one byte after the old end (its break is untouched).
    size_t first = rv_text_line_of(t, start);
    if (first > 0) {
        first--;
    }
    size_t tail = first + 1;
    while (tail < t->line_count && t->line_starts[tail] <= end + 1) {
        tail++;
    }
    // Binary search would be faster, but the loop above stops after the edited lines.
    long delta = (long)repl_len - (long)(end - start);

    // An edit changes which CRs are lone among the bytes it replaces and at the byte before
    // them (whose next byte it changes), nowhere else.
    size_t before = start > 0 ? start - 1 : 0;
    t->lone_crs -= count_lone_crs(t->bytes, t->len, before, end);
    // The shorter side moves: the bytes before the edit into the room before the text (half a
    // long module's bytes per keystroke on average, where moving those after it was half).
    char *bytes;
    if (start < t->len - end && (delta <= 0 || (size_t)delta <= t->front)) {
        bytes = t->bytes - delta;
        memmove(bytes, t->bytes, start);
        t->front = (size_t)((long)t->front - delta);
        t->cap = (size_t)((long)t->cap + delta);
        t->bytes = bytes;
    } else {
        // Room for the typing to come, on both sides: reallocating for every inserted byte
        // copied the whole text whenever the allocator could not grow it in place.
        if (new_len + 1 > t->cap) {
            size_t cap = new_len + 1 + new_len / 16 + 256;
            size_t front = new_len / 32 + 256;
            char *base = rv_xmalloc(front + cap);
            memcpy(base + front, t->bytes, t->len + 1);
            free(t->bytes - t->front);
            t->bytes = base + front;
            t->front = front;
            t->cap = cap;
        }
        bytes = t->bytes;
        memmove(bytes + start + repl_len, bytes + end, t->len - end);
        bytes[new_len] = '\0';
    }
    if (repl_len) {
        memcpy(bytes + start, repl, repl_len);
    }
    t->len = new_len;
    t->lone_crs += count_lone_crs(bytes, new_len, before, start + repl_len);

    // The lines that start in the rescanned bytes (a few), then the lines after them, moved in
    // place by delta: no copy of the line index per keystroke.
    size_t tail_count = t->line_count - tail;
    size_t scan_to = tail_count ? (size_t)((long)t->line_starts[tail] + delta) : new_len;
    uint32_t local[16];
    uint32_t *found = local;
    size_t found_n = 0;
    size_t found_cap = RV_ARRAY_LEN(local);
    scan_into(bytes, new_len, t->line_starts[first], scan_to, tail_count == 0, local, &found,
              &found_n, &found_cap);
    size_t count = first + 1 + found_n + tail_count;
    if (count > t->line_cap) {
        t->line_cap = count + count / 8 + 64;
        t->line_starts = rv_xrealloc(t->line_starts, t->line_cap * sizeof(uint32_t));
    }
    uint32_t *ls = t->line_starts;
    memmove(ls + first + 1 + found_n, ls + tail, tail_count * sizeof(uint32_t));
    uint32_t shift = (uint32_t)delta; // modulo 2^32: may go back
    for (size_t i = first + 1 + found_n; i < count; i++) {
        ls[i] += shift;
    }
    memcpy(ls + first + 1, found, found_n * sizeof(uint32_t));
    if (found != local) {
        free(found);
    }
    t->line_count = count;
    return 0;
}
