// SPDX-License-Identifier: MIT
// Fuzzes the Content-Length reader (rv_frame_reader). Input: one byte choosing the body limit,
// one byte seeding how the stream is cut into reads, then the byte stream. Oracles: every
// event consumes input (no endless loop), bodies respect the limit, a stream read in arbitrary
// pieces yields the same messages as the whole stream when it has no framing errors, and
// every message survives rv_frame_encode and a second reader unchanged.
#include "fuzz.h"
#include "reviewls/transport.h"

#include <string.h>

/* The reader gives up on a header block this long without its blank line. */
enum { HEADER_LIMIT = 8192 };

struct event {
    size_t len; /* a message's body length; the bodies are kept in a strbuf */
};

struct events {
    RV_VEC(struct event) list;
    bool errors;
};

static uint32_t xorshift(uint32_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct fuzz_input in = {data, size, 0};
    uint8_t limit_sel = fuzz_u8(&in);
    uint32_t seed = (uint32_t)fuzz_u8(&in) * 2654435761u + 1;
    size_t max_body = limit_sel < 128 ? 0 : (size_t)(limit_sel - 127) * 8;
    size_t effective_max = max_body ? max_body : RV_FRAME_MAX_BODY;
    const char *stream = (const char *)data + in.pos;
    size_t len = fuzz_left(&in);

    // 1. The whole stream in one read. Bodies are checked while still valid.
    struct rv_frame_reader whole;
    rv_frame_reader_init(&whole, max_body);
    rv_frame_reader_feed(&whole, stream, len);
    struct events a = {0};
    struct rv_strbuf a_bodies = {0};
    size_t guard = 0;
    size_t prev_end = 0;
    bool long_header = false;
    for (;;) {
        const char *body = NULL;
        size_t blen = 0;
        const char *error = NULL;
        enum rv_frame_status st = rv_frame_reader_next(&whole, &body, &blen, &error);
        if (st == RV_FRAME_NEED_MORE) {
            break;
        }
        FUZZ_CHECK(++guard <= len + 1);
        if (st == RV_FRAME_ERROR) {
            FUZZ_CHECK(error != NULL && error[0] != '\0');
            a.errors = true;
            continue;
        }
        FUZZ_CHECK(blen <= effective_max && blen <= len);
        // One read never moves the buffer: the body is a slice of the stream.
        size_t off = (size_t)(body - whole.buf.data);
        FUZZ_CHECK(off >= prev_end && off + blen <= len);
        FUZZ_CHECK(memcmp(body, stream + off, blen) == 0);
        if (off - prev_end > HEADER_LIMIT) {
            long_header = true;
        }
        prev_end = off + blen;
        struct event e = {.len = blen};
        rv_vec_push(&a.list, e);
        rv_strbuf_append(&a_bodies, body, blen);
    }
    bool a_partial = rv_frame_reader_partial(&whole);
    rv_frame_reader_finish(&whole);

    // 2. The same stream in pieces of 1..64 bytes (sometimes far larger).
    struct rv_frame_reader pieces;
    rv_frame_reader_init(&pieces, max_body);
    struct events b = {0};
    struct rv_strbuf b_bodies = {0};
    size_t fed = 0;
    while (fed < len) {
        uint32_t r = xorshift(&seed);
        size_t n = r % 8 == 0 ? (size_t)(r >> 8) % 4096 + 1 : (size_t)(r >> 8) % 64 + 1;
        n = RV_MIN(n, len - fed);
        rv_frame_reader_feed(&pieces, stream + fed, n);
        fed += n;
        guard = 0;
        for (;;) {
            const char *body = NULL;
            size_t blen = 0;
            const char *error = NULL;
            enum rv_frame_status st = rv_frame_reader_next(&pieces, &body, &blen, &error);
            if (st == RV_FRAME_NEED_MORE) {
                break;
            }
            FUZZ_CHECK(++guard <= fed + 1);
            if (st == RV_FRAME_ERROR) {
                FUZZ_CHECK(error != NULL && error[0] != '\0');
                b.errors = true;
                continue;
            }
            FUZZ_CHECK(blen <= effective_max && blen <= fed);
            struct event e = {.len = blen};
            rv_vec_push(&b.list, e);
            rv_strbuf_append(&b_bodies, body, blen);
        }
    }
    bool b_partial = rv_frame_reader_partial(&pieces);
    rv_frame_reader_finish(&pieces);

    // A clean stream (no framing errors, sane header blocks) must not depend on how the
    // operating system happened to cut it into reads.
    if (!a.errors && !long_header) {
        FUZZ_CHECK(!b.errors);
        FUZZ_CHECK(a.list.len == b.list.len);
        for (size_t i = 0; i < a.list.len; i++) {
            FUZZ_CHECK(a.list.items[i].len == b.list.items[i].len);
        }
        FUZZ_CHECK(a_bodies.len == b_bodies.len);
        FUZZ_CHECK(a_bodies.len == 0 || memcmp(a_bodies.data, b_bodies.data, a_bodies.len) == 0);
        FUZZ_CHECK(a_partial == b_partial);
    }

    // 3. What we read, we can write: encode each body and read it back.
    struct rv_frame_reader again;
    rv_frame_reader_init(&again, 0);
    size_t at = 0;
    for (size_t i = 0; i < a.list.len; i++) {
        size_t out_len;
        char *framed = rv_frame_encode(a_bodies.data + at, a.list.items[i].len, &out_len);
        rv_frame_reader_feed(&again, framed, out_len);
        free(framed);
        const char *body = NULL;
        size_t blen = 0;
        const char *error = NULL;
        FUZZ_CHECK(rv_frame_reader_next(&again, &body, &blen, &error) == RV_FRAME_MESSAGE);
        FUZZ_CHECK(blen == a.list.items[i].len);
        FUZZ_CHECK(blen == 0 || memcmp(body, a_bodies.data + at, blen) == 0);
        at += blen;
    }
    FUZZ_CHECK(!rv_frame_reader_partial(&again));
    rv_frame_reader_finish(&again);

    rv_strbuf_finish(&a_bodies);
    rv_strbuf_finish(&b_bodies);
    rv_vec_finish(&a.list);
    rv_vec_finish(&b.list);
    return 0;
}
