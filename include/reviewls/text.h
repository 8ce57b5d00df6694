// SPDX-License-Identifier: MIT
// A document's bytes plus a line index, and every conversion between byte offsets and LSP
// positions. Bytes are kept exactly as the user sent them: invalid UTF-8 is never rewritten.
// Line ends are LF, CRLF and lone CR, as the LSP specification defines them.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** How LSP positions count columns. Values are ours, not LSP's. */
enum rv_encoding {
    RV_ENC_UTF8 = 0,
    RV_ENC_UTF16 = 1,
    RV_ENC_UTF32 = 2,
};

/** The largest document accepted: tree-sitter offsets are 32-bit. */
#define RV_TEXT_MAX_BYTES ((size_t)1 << 30)

struct rv_text {
    char *bytes;           /* owned; NUL-terminated for convenience, len excludes it */
    size_t len;            /* in bytes */
    uint32_t *line_starts; /* byte offset of each line; line_starts[0] == 0 */
    size_t line_count;     /* >= 1 */
    size_t line_cap;
    size_t cap;      /* bytes allocated from `bytes` on, NUL included: edits grow the text by more
                      * than they need */
    size_t front;    /* bytes allocated before `bytes`: an edit nearer the start moves the bytes
                      * before it into them, not those after it */
    size_t lone_crs; /* '\r' not followed by '\n': with none, the lines are tree-sitter's rows */
};

/** A position as LSP sends it, in the negotiated encoding's code units. */
struct rv_lsp_pos {
    uint32_t line;
    uint32_t character;
};

/** Copies `len` bytes into `t`. Returns 0, or -1 when len exceeds RV_TEXT_MAX_BYTES. */
int rv_text_init(struct rv_text *t, const char *bytes, size_t len);
/** Frees what `t` owns; accepts a zeroed struct. */
void rv_text_finish(struct rv_text *t);

/** Returns the 0-based line that contains byte offset `byte` (clamped to the text). */
size_t rv_text_line_of(const struct rv_text *t, size_t byte);
/** rv_text_line_of given a guess, `row`: tree-sitter's row of the byte, which is the line unless
 *  the text ends a line before it with a lone CR (tree-sitter counts LF only). The guess is
 *  checked in O(1); a wrong one falls back to the search. */
size_t rv_text_line_of_guess(const struct rv_text *t, size_t byte, size_t row);
/** Returns the byte offset where `line`'s content ends (before its line break). */
size_t rv_text_line_end(const struct rv_text *t, size_t line);

/**
 * Converts an LSP position to a byte offset. Out-of-range positions are clamped as the LSP
 * specification says: a character past the line's end means the line's end, a line past the
 * last line means the end of the text. A column inside a code point snaps to its start.
 */
size_t rv_text_offset_of(const struct rv_text *t, struct rv_lsp_pos pos, enum rv_encoding enc);
/** Converts a byte offset (clamped) to an LSP position in `enc`. */
struct rv_lsp_pos rv_text_pos_of(const struct rv_text *t, size_t byte, enum rv_encoding enc);
/** rv_text_pos_of given a guess of the line (rv_text_line_of_guess): positions converted in
 *  order, the last one's line. */
struct rv_lsp_pos rv_text_pos_near(const struct rv_text *t, size_t byte, enum rv_encoding enc,
                                   size_t line);

/**
 * Replaces bytes [start, end) with `repl` and updates the line index incrementally.
 * Returns 0, or -1 (text unchanged) if the range is invalid or the result too large.
 */
int rv_text_replace(struct rv_text *t, size_t start, size_t end, const char *repl, size_t repl_len);

/**
 * Decodes one UTF-8 code point at `s` (at most `len` bytes). Returns the number of bytes it
 * takes (1..4), storing the code point in *cp; an invalid or truncated sequence takes 1 byte
 * and yields *cp = 0xFFFD with *valid = false.
 */
size_t rv_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid);
/** Returns true if all `len` bytes are valid UTF-8. */
bool rv_utf8_valid(const char *s, size_t len);
/** Counts code points in [s, s+len) (invalid bytes count one each). */
size_t rv_utf8_count(const char *s, size_t len);
