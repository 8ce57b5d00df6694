// SPDX-License-Identifier: MIT
// Line index, position conversion in every encoding, clamping, and the incremental line index
// against a fresh one under thousands of seeded random edits (--seed N replays one run); the
// byte buffer the LSP output is written into; the line lookup given tree-sitter's row.
#include "check.h"
#include "reviewls/parse.h"
#include "reviewls/text.h"
#include "reviewls/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void check_same_index(const struct rv_text *a, const char *where) {
    struct rv_text fresh;
    rv_text_init(&fresh, a->bytes, a->len);
    bool same = fresh.line_count == a->line_count && fresh.lone_crs == a->lone_crs;
    for (size_t i = 0; same && i < a->line_count; i++) {
        same = fresh.line_starts[i] == a->line_starts[i];
    }
    if (!same) {
        fprintf(stderr, "line index (or lone CR count) differs from a fresh one after %s\n", where);
    }
    CHECK(same);
    rv_text_finish(&fresh);
}

static void test_line_ends(void) {
    struct rv_text t;
    rv_text_init(&t, "a\nb\r\nc\rd", 8);
    CHECK_EQ_INT(t.line_count, 4);
    CHECK_EQ_INT(t.line_starts[1], 2);
    CHECK_EQ_INT(t.line_starts[2], 5);
    CHECK_EQ_INT(t.line_starts[3], 7);
    CHECK_EQ_INT(rv_text_line_end(&t, 1), 3);
    CHECK_EQ_INT(rv_text_line_end(&t, 2), 6);
    CHECK_EQ_INT(rv_text_line_of(&t, 4), 1); // the LF of CRLF belongs to line 1
    rv_text_finish(&t);
}

// The guessed line lookup answers what the search does for every byte, whatever the guess:
// right (tree-sitter's row), wrong by one either way (a lone CR before it), or out of range.
static void test_line_guess(void) {
    struct rv_text t;
    const char *s = "ab\ncd\r\nef\rgh\n\nij";
    rv_text_init(&t, s, strlen(s));
    bool same = true;
    for (size_t byte = 0; byte <= t.len + 2; byte++) {
        size_t want = rv_text_line_of(&t, byte);
        size_t guesses[] = {want, want + 1, want ? want - 1 : 0, 0, t.line_count, SIZE_MAX};
        for (size_t g = 0; g < RV_ARRAY_LEN(guesses); g++) {
            same = same && rv_text_line_of_guess(&t, byte, guesses[g]) == want;
        }
    }
    CHECK(same);
    CHECK_EQ_INT(rv_text_line_of_guess(&t, 12, 2), 3); // tree-sitter says row 2: the lone CR
    rv_text_finish(&t);
    // A guess before the byte's line is searched from (a publish's diagnostics in order): every
    // byte of 300 lines of 0 to 16 bytes, from every line before and a few after.
    struct rv_strbuf sb = {0};
    for (int i = 0; i < 300; i++) {
        for (int k = 0; k < (i * 7) % 17; k++) {
            rv_strbuf_putc(&sb, 'x');
        }
        rv_strbuf_puts(&sb, i % 5 == 0 ? "\r\n" : "\n");
    }
    rv_text_init(&t, sb.data, sb.len);
    same = true;
    for (size_t byte = 0; byte <= t.len; byte++) {
        size_t want = rv_text_line_of(&t, byte);
        for (size_t g = 0; g < RV_MIN(want + 4, t.line_count + 1); g++) {
            same = same && rv_text_line_of_guess(&t, byte, g) == want;
        }
    }
    CHECK(same);
    rv_text_finish(&t);
    rv_strbuf_finish(&sb);
}

static void test_encodings(void) {
    // "aé€😀b": 1 + 2 + 3 + 4 + 1 bytes; UTF-16 units 1 + 1 + 1 + 2 + 1.
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
                    "b\n";
    struct rv_text t;
    rv_text_init(&t, s, strlen(s));
    struct rv_lsp_pos p = rv_text_pos_of(&t, 10, RV_ENC_UTF16); // the 'b'
    CHECK_EQ_INT(p.line, 0);
    CHECK_EQ_INT(p.character, 5);
    CHECK_EQ_INT(rv_text_pos_of(&t, 10, RV_ENC_UTF32).character, 4);
    CHECK_EQ_INT(rv_text_pos_of(&t, 10, RV_ENC_UTF8).character, 10);
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){0, 5}, RV_ENC_UTF16), 10);
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){0, 4}, RV_ENC_UTF32), 10);
    // Inside the surrogate pair: snap to the code point's start.
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){0, 4}, RV_ENC_UTF16), 6);
    // Past the line's end: the line's end; past the last line: the text's end.
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){0, 99}, RV_ENC_UTF16), 11);
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){7, 0}, RV_ENC_UTF16), t.len);
    rv_text_finish(&t);
}

static void test_invalid_utf8(void) {
    const char *s = "x\xFF\xC3y"; // a stray byte and a truncated sequence
    struct rv_text t;
    rv_text_init(&t, s, 4);
    CHECK(!rv_utf8_valid(s, 4));
    CHECK_EQ_INT(rv_text_pos_of(&t, 4, RV_ENC_UTF16).character, 4);
    CHECK_EQ_INT(rv_text_offset_of(&t, (struct rv_lsp_pos){0, 3}, RV_ENC_UTF16), 3);
    CHECK_EQ_INT(memcmp(t.bytes, s, 4), 0); // the user's bytes are kept as they are
    rv_text_finish(&t);
}

static uint64_t rng_state;
static uint32_t next_rand(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

static void test_random_edits(uint64_t seed) {
    // The last pieces start more lines than rv_text_replace gathers on its stack (16).
    static const char *pieces[] = {
        "\n",
        "\r\n",
        "\r",
        "ab",
        "\xC3\xA9",
        "\xF0\x9F\x98\x80",
        "",
        "x\ny\r\nz",
        "\r\r\n\n",
        "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\nq\nr\n",
        ("\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n"
         "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n")};
    rng_state = seed ? seed : 1;
    struct rv_text t;
    rv_text_init(&t, "line one\nline two\r\nthree\r", 26);
    for (int i = 0; i < 5000; i++) {
        size_t a = t.len ? next_rand() % (t.len + 1) : 0;
        size_t b = t.len ? next_rand() % (t.len + 1) : 0;
        if (a > b) {
            size_t tmp = a;
            a = b;
            b = tmp;
        }
        if (b - a > 8) {
            b = a + next_rand() % 8;
        }
        const char *piece = pieces[next_rand() % RV_ARRAY_LEN_TEST(pieces)];
        CHECK_EQ_INT(rv_text_replace(&t, a, b, piece, strlen(piece)), 0);
        char where[64];
        snprintf(where, sizeof(where), "edit %d (seed %llu)", i, (unsigned long long)seed);
        check_same_index(&t, where);
        if (check_failures) {
            break;
        }
    }
    CHECK_EQ_INT(rv_text_replace(&t, 5, 2, "", 0), -1);
    rv_text_finish(&t);
}

// Edits carry tree-sitter's points, whose rows end at '\n' only: a lone '\r' ends a line for
// LSP (and rv_text) but not for tree-sitter. Every leaf of a parse of random lines joined by
// LF, CRLF and lone CR must start where rv_text_point says.
static void test_tree_points(uint64_t seed) {
    static const char *const pieces[] = {
        "x = 1", "\n", "\r\n", "\r", "  y", "# c", "\"\"\"s\r\n\"\"\""};
    uint64_t r = seed;
    TSParser *parser = rv_python_parser_create();
    for (int round = 0; round < 200; round++) {
        char buf[512];
        size_t len = 0;
        for (int k = 0; k < 24; k++) {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t n = strlen(p);
            memcpy(buf + len, p, n);
            len += n;
        }
        struct rv_text t;
        rv_text_init(&t, buf, len);
        TSTree *tree = ts_parser_parse_string(parser, NULL, buf, (uint32_t)len);
        TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
        bool same = true;
        for (bool more = true; more && same;) {
            TSNode n = ts_tree_cursor_current_node(&c);
            TSPoint want = ts_node_start_point(n);
            TSPoint got = rv_text_point(&t, ts_node_start_byte(n));
            same = want.row == got.row && want.column == got.column;
            if (ts_tree_cursor_goto_first_child(&c)) {
                continue;
            }
            while (!ts_tree_cursor_goto_next_sibling(&c)) {
                if (!ts_tree_cursor_goto_parent(&c)) {
                    more = false;
                    break;
                }
            }
        }
        if (!same) {
            fprintf(stderr, "rv_text_point differs from tree-sitter's point in round %d\n", round);
        }
        CHECK(same);
        ts_tree_cursor_delete(&c);
        ts_tree_delete(tree);
        rv_text_finish(&t);
    }
    ts_parser_delete(parser);
}

// The byte buffer the publish path writes into: decimal numbers without printf, and printf
// that formats in place when the text fits and grows the buffer when it does not.
static void test_strbuf(void) {
    struct rv_strbuf sb = {0};
    rv_strbuf_put_u64(&sb, 0);
    rv_strbuf_putc(&sb, ' ');
    rv_strbuf_put_u64(&sb, 9);
    rv_strbuf_putc(&sb, ' ');
    rv_strbuf_put_u64(&sb, 10);
    rv_strbuf_putc(&sb, ' ');
    rv_strbuf_put_u64(&sb, UINT64_MAX);
    CHECK_EQ_STR(sb.data, "0 9 10 18446744073709551615");
    // Every length of number, at and around each power of ten (the digits go two at a time,
    // the first alone when the count is odd), as printf writes them.
    for (uint64_t p = 1, k = 0; k < 20; k++, p *= 10) {
        uint64_t around[] = {p - 1, p, p + 1, p * 3 + 7, p * 9 + p / 2};
        for (size_t i = 0; i < sizeof(around) / sizeof(around[0]); i++) {
            char want[32];
            snprintf(want, sizeof(want), "%llu", (unsigned long long)around[i]);
            rv_strbuf_reset(&sb);
            rv_strbuf_put_u64(&sb, around[i]);
            CHECK_EQ_STR(sb.data, want);
            CHECK(sb.len == strlen(want));
        }
    }
    rv_strbuf_reset(&sb);
    char big[300];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    for (int i = 0; i < 3; i++) {
        rv_strbuf_printf(&sb, "%d:%s;", i, big); // longer than the room every time
    }
    CHECK_EQ_INT((int)sb.len, 3 * (2 + 299 + 1));
    CHECK_EQ_INT((int)strlen(sb.data), (int)sb.len);
    CHECK(sb.data[2 + 299] == ';' && sb.data[sb.len - 1] == ';' && sb.data[302] == '1');
    rv_strbuf_reset(&sb);
    rv_strbuf_printf(&sb, "%s", ""); // nothing to write still leaves a terminated string
    CHECK_EQ_INT((int)sb.len, 0);
    CHECK_EQ_STR(sb.data, "");
    rv_strbuf_finish(&sb);
}

int main(int argc, char **argv) {
    uint64_t seed = 12345;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0) {
            seed = strtoull(argv[i + 1], NULL, 10);
        }
    }
    fprintf(stderr, "seed %llu\n", (unsigned long long)seed);
    test_strbuf();
    test_line_ends();
    test_line_guess();
    test_encodings();
    test_invalid_utf8();
    test_random_edits(seed);
    test_tree_points(seed);
    return CHECK_DONE();
}
