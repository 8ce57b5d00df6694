// SPDX-License-Identifier: MIT
// Framing: one message over many feeds, many messages in one feed, tolerated headers, and
// resynchronisation after every kind of bad header; plus the JSON-RPC decoder's verdicts and
// the JSON string writer.
#include "check.h"
#include "reviewls/rpc.h"
#include "reviewls/transport.h"
#include "reviewls/util.h"

#include <jansson.h>
#include <string.h>

static int next_message(struct rv_frame_reader *r, char *out, size_t cap) {
    const char *body;
    size_t len;
    const char *error;
    enum rv_frame_status st = rv_frame_reader_next(r, &body, &len, &error);
    if (st == RV_FRAME_MESSAGE) {
        snprintf(out, cap, "%.*s", (int)len, body);
    } else if (st == RV_FRAME_ERROR) {
        snprintf(out, cap, "ERROR %s", error);
    } else {
        snprintf(out, cap, "MORE");
    }
    return (int)st;
}

static void test_split_and_batched(void) {
    struct rv_frame_reader r;
    rv_frame_reader_init(&r, 0);
    const char *stream = "Content-Length: 2\r\n\r\n{}Content-Type: application/vscode-jsonrpc; "
                         "charset=utf-8\r\ncontent-length: 3\r\n\r\n[1]";
    char out[256];
    // One byte at a time: nothing is produced before its last byte arrives.
    size_t n = strlen(stream);
    int messages = 0;
    for (size_t i = 0; i < n; i++) {
        rv_frame_reader_feed(&r, stream + i, 1);
        while (next_message(&r, out, sizeof(out)) == RV_FRAME_MESSAGE) {
            messages++;
            CHECK_EQ_STR(out, messages == 1 ? "{}" : "[1]");
        }
    }
    CHECK_EQ_INT(messages, 2);
    CHECK(!rv_frame_reader_partial(&r));
    // All at once.
    rv_frame_reader_feed(&r, stream, n);
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_MESSAGE);
    CHECK_EQ_STR(out, "{}");
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_MESSAGE);
    CHECK_EQ_STR(out, "[1]");
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_NEED_MORE);
    rv_frame_reader_finish(&r);
}

static void test_bad_headers_resync(void) {
    static const char *const bad[] = {
        "Content-Type: x\r\n\r\n",     // no length
        "Content-Length: -5\r\n\r\n",  // negative
        "Content-Length: abc\r\n\r\n", // not a number
        "Content-Length:\r\n\r\n",     // empty
        "garbage line\r\n\r\n",        // no colon
    };
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(bad); i++) {
        struct rv_frame_reader r;
        rv_frame_reader_init(&r, 0);
        rv_frame_reader_feed(&r, bad[i], strlen(bad[i]));
        const char *good = "Content-Length: 4\r\n\r\nnull";
        rv_frame_reader_feed(&r, good, strlen(good));
        char out[256];
        CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_ERROR);
        CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_MESSAGE);
        CHECK_EQ_STR(out, "null");
        rv_frame_reader_finish(&r);
    }
}

static void test_oversized_body_is_skipped(void) {
    struct rv_frame_reader r;
    rv_frame_reader_init(&r, 16);
    const char *big = "Content-Length: 40\r\n\r\n0123456789";
    rv_frame_reader_feed(&r, big, strlen(big));
    char out[256];
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_ERROR);
    // The remaining 30 bytes of the oversized body arrive later and are discarded.
    rv_frame_reader_feed(&r, "012345678901234567890123456789", 30);
    rv_frame_reader_feed(&r, "Content-Length: 2\r\n\r\n{}", 23);
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_MESSAGE);
    CHECK_EQ_STR(out, "{}");
    // An absurd length is refused the same way, without allocating it.
    rv_frame_reader_feed(&r, "Content-Length: 99999999999999999999\r\n\r\n", 40);
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_ERROR);
    rv_frame_reader_finish(&r);
}

static void test_header_without_body(void) {
    struct rv_frame_reader r;
    rv_frame_reader_init(&r, 0);
    rv_frame_reader_feed(&r, "Content-Length: 10\r\n\r\n{}", 24);
    char out[256];
    CHECK_EQ_INT(next_message(&r, out, sizeof(out)), RV_FRAME_NEED_MORE);
    CHECK(rv_frame_reader_partial(&r)); // what the transport reports when stdin closes now
    rv_frame_reader_finish(&r);
}

static void test_encode(void) {
    size_t len;
    char *framed = rv_frame_encode("{}", 2, &len);
    CHECK_EQ_INT(len, 23);
    CHECK(memcmp(framed, "Content-Length: 2\r\n\r\n{}", 23) == 0);
    free(framed);
}

static int decode_code(const char *body) {
    struct rv_rpc_msg msg;
    json_t *reply = NULL;
    int code = rv_rpc_decode(body, strlen(body), &msg, &reply);
    if (code == 0) {
        rv_rpc_msg_finish(&msg);
    }
    json_decref(reply);
    return code;
}

static void test_rpc_decode(void) {
    CHECK_EQ_INT(decode_code("{"), RV_RPC_PARSE_ERROR);
    CHECK_EQ_INT(decode_code("[]"), RV_RPC_INVALID_REQUEST);
    CHECK_EQ_INT(decode_code("{\"id\":1,\"method\":\"x\"}"), RV_RPC_INVALID_REQUEST);
    CHECK_EQ_INT(decode_code("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}"),
                 RV_RPC_INVALID_REQUEST);
    CHECK_EQ_INT(decode_code("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":3}"),
                 RV_RPC_INVALID_REQUEST);
    CHECK_EQ_INT(decode_code("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"x\"}"), 0);
    CHECK_EQ_INT(decode_code("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"), 0);

    // Invalid UTF-8 survives as mapped code points and comes back byte for byte.
    const char body[] = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"t\":\"a\xff\xc3z\"}}";
    struct rv_rpc_msg msg;
    json_t *reply = NULL;
    CHECK_EQ_INT(rv_rpc_decode(body, sizeof(body) - 1, &msg, &reply), 0);
    CHECK(msg.lossy_utf8);
    json_t *t = json_object_get(msg.params, "t");
    char copy[32];
    size_t n = json_string_length(t);
    memcpy(copy, json_string_value(t), n);
    n = rv_rpc_unmap_bytes(copy, n);
    CHECK_EQ_INT(n, 4);
    CHECK(memcmp(copy, "a\xff\xc3z", 4) == 0);
    rv_rpc_msg_finish(&msg);

    // NUL bytes in strings are kept.
    const char nul[] = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"t\":\"a\\u0000b\"}}";
    CHECK_EQ_INT(rv_rpc_decode(nul, sizeof(nul) - 1, &msg, &reply), 0);
    CHECK_EQ_INT(json_string_length(json_object_get(msg.params, "t")), 3);
    rv_rpc_msg_finish(&msg);

    json_t *lossy = rv_json_string_lossy("x\xffy", 3);
    CHECK_EQ_STR(json_string_value(lossy), "x\xEF\xBF\xBDy");
    json_decref(lossy);
}

// rv_json_put_string: every byte value alone and inside plain text, and a few UTF-8 sequences,
// read back by jansson as what was written (invalid UTF-8 as U+FFFD).
static void test_json_string(void) {
    for (int c = 0; c < 256; c++) {
        char in[8] = {'a', (char)c, 'b', '\0'};
        struct rv_strbuf sb = {0};
        rv_json_put_string(&sb, in, 3);
        json_error_t err;
        json_t *v = json_loadb(sb.data, sb.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        CHECK(json_is_string(v));
        const char *want = c < 0x80 ? in
                                    : "a\xEF\xBF\xBD"
                                      "b";
        size_t want_len = c < 0x80 ? 3 : 5;
        CHECK(v && json_string_length(v) == want_len &&
              memcmp(json_string_value(v), want, want_len) == 0);
        // Only the quote, the backslash and control bytes are escaped.
        CHECK_EQ_INT(sb.len == 5, c >= 0x20 && c < 0x80 && c != '"' && c != '\\');
        json_decref(v);
        rv_strbuf_finish(&sb);
    }
    // Each byte value at each place of a string long enough to be read eight bytes at a time.
    for (int c = 0; c < 256; c++) {
        for (size_t at = 0; at < 20; at++) {
            char in[21];
            memset(in, 'a', 20);
            in[20] = '\0';
            in[at] = (char)c;
            struct rv_strbuf sb = {0};
            rv_json_put_string(&sb, in, 20);
            bool plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
            CHECK_EQ_INT(sb.len == 22, plain);
            json_error_t err;
            json_t *v = json_loadb(sb.data, sb.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
            CHECK(json_is_string(v) && json_string_length(v) == (c < 0x80 ? 20u : 22u));
            json_decref(v);
            rv_strbuf_finish(&sb);
        }
    }
    const char *utf8 = "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x90\x8D \"q\" \\ end";
    struct rv_strbuf sb = {0};
    rv_json_put_string(&sb, utf8, strlen(utf8));
    json_error_t err;
    json_t *v = json_loadb(sb.data, sb.len, JSON_DECODE_ANY, &err);
    CHECK(v && strcmp(json_string_value(v), utf8) == 0);
    json_decref(v);
    rv_strbuf_finish(&sb);
}

// rv_json_loadb_long against jansson: the same value, or the same error at the same place,
// for bodies with long strings that hold every escape, and for the mistakes it leaves to
// jansson (each of which the fast path would get wrong if it took them).
static void test_long_strings(void) {
    static const char *const bodies[] = {
        "{\"text\":\"line\\none\\t\\\"q\\\" \\\\ \\/ \\b\\f\\r end\"}",
        "{\"a\":[\"caf\\u00e9 \\u2192 \\ud83d\\udc0d \\u0000 z\", \"x\"], \"b\":{\"c\":\"yy\"}}",
        "{\"k\":\"\\u00E9\\uD83D\\uDC0D\",\"k\":\"second wins\"}",
        "{\"lone\":\"\\ud83d x\"}",               // a lone high surrogate: jansson's error
        "{\"low\":\"\\udc0d\"}",                  // a lone low surrogate
        "{\"bad\":\"\\q\"}",                      // an unknown escape
        "{\"hex\":\"\\u12G4\"}",                  // a bad hex digit
        "{\"ctl\":\"a\tb\"}",                     // a raw control character
        "{\"open\":\"never closed",               // not closed
        "{\"a\":\"ok\" \"b\"}",                   // an error after the strings
        "{\"\\u0000rv-long-string:0\":1}",        // a key that looks like a stand-in
        "[\"\\u0000rv-long-string:0\", \"abc\"]", // a value that looks like one
        "\"just a string\"",
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        for (size_t long_at = 1; long_at <= 4; long_at += 3) {
            json_error_t e1;
            json_error_t e2;
            size_t len = strlen(bodies[i]);
            json_t *fast = rv_json_loadb_long(bodies[i], len, long_at, &e1);
            json_t *plain = json_loadb(bodies[i], len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &e2);
            if (plain && !json_is_object(plain) && !json_is_array(plain)) {
                json_decref(plain); // json_loadb takes arrays and objects only
                plain = json_loadb(bodies[i], len, JSON_ALLOW_NUL, &e2);
            }
            CHECK_EQ_INT(fast == NULL, plain == NULL);
            if (fast && plain) {
                CHECK(json_equal(fast, plain));
            } else if (fast == NULL && plain == NULL) {
                CHECK_EQ_INT(e1.position, e2.position);
                CHECK_EQ_STR(e1.text, e2.text);
            }
            json_decref(fast);
            json_decref(plain);
        }
    }
    // A short value that reads as a stand-in, beside a long string: jansson's values.
    const char *fake = "[\"\\u0000rv-long-string:0\", \"a string of forty bytes or so, long\"]";
    json_error_t ef;
    json_t *got = rv_json_loadb_long(fake, strlen(fake), 30, &ef);
    json_t *want = json_loadb(fake, strlen(fake), JSON_ALLOW_NUL, &ef);
    CHECK(got && want && json_equal(got, want));
    json_decref(got);
    json_decref(want);
    // A document's text, long enough for the real threshold, with a NUL and every escape.
    struct rv_strbuf body = {0};
    rv_strbuf_puts(&body, "{\"params\":{\"textDocument\":{\"text\":\"");
    for (int k = 0; k < 200; k++) {
        rv_strbuf_puts(&body, "def f():\\n\\treturn \\\"\\u00e9\\\\\\u0000\\\"\\r\\n");
    }
    rv_strbuf_puts(&body, "\"},\"other\":[1,\"two\"]}}");
    json_error_t e1;
    json_error_t e2;
    json_t *fast = rv_json_loadb_long(body.data, body.len, 512, &e1);
    json_t *plain = json_loadb(body.data, body.len, JSON_ALLOW_NUL, &e2);
    CHECK(fast && plain && json_equal(fast, plain));
    json_decref(fast);
    json_decref(plain);
    rv_strbuf_finish(&body);
}

int main(void) {
    test_json_string();
    test_long_strings();
    test_split_and_batched();
    test_bad_headers_resync();
    test_oversized_body_is_skipped();
    test_header_without_body();
    test_encode();
    test_rpc_decode();
    return CHECK_DONE();
}
