// SPDX-License-Identifier: MIT
// The LSP base protocol's framing (Content-Length headers) as a pure byte-stream parser, and
// the stdio transport on libuv that feeds it. Knows bytes, never JSON.
#pragma once

#include "reviewls/util.h"

#include <stdbool.h>
#include <stddef.h>

/** Bodies larger than this are skipped (streamed past, never buffered) and reported. */
#define RV_FRAME_MAX_BODY ((size_t)1 << 30)

enum rv_frame_status {
    RV_FRAME_NEED_MORE = 0, /* no complete message buffered */
    RV_FRAME_MESSAGE = 1,   /* body and len hold one message body */
    RV_FRAME_ERROR = 2,     /* a bad header block was skipped; *error says why */
};

struct rv_frame_reader {
    struct rv_strbuf buf; /* unconsumed bytes start at buf.data + pos */
    size_t pos;
    size_t max_body;
    size_t skip; /* bytes of an oversized body still to discard */
};

void rv_frame_reader_init(struct rv_frame_reader *r, size_t max_body);
void rv_frame_reader_finish(struct rv_frame_reader *r);
/** Appends input bytes. */
void rv_frame_reader_feed(struct rv_frame_reader *r, const char *bytes, size_t len);
/**
 * Extracts the next message. On RV_FRAME_MESSAGE, *body (borrowed, valid until the next call)
 * and *len are set. On RV_FRAME_ERROR, *error is a static description and the reader has
 * already resynchronised past the bad header.
 */
enum rv_frame_status rv_frame_reader_next(struct rv_frame_reader *r, const char **body, size_t *len,
                                          const char **error);
/** True when bytes of an unfinished message are buffered (for "stdin closed mid-message"). */
bool rv_frame_reader_partial(const struct rv_frame_reader *r);

/** Returns "Content-Length: N\r\n\r\n" + body as one heap buffer (caller frees). */
char *rv_frame_encode(const char *body, size_t len, size_t *out_len);
/** Writes the header of a body of `len` bytes into `out` (64 bytes are enough); returns its
 *  length. */
size_t rv_frame_header(char *out, size_t cap, size_t len);

struct rv_stdio;

/** Called with each complete message body (borrowed for the call). */
typedef void rv_stdio_message_fn(void *userdata, const char *body, size_t len);
/** Called after input has been processed, when no more input is waiting. */
typedef void rv_stdio_idle_fn(void *userdata);

/**
 * Runs the loop on stdin/stdout until `rv_stdio_stop` or the end of input; returns 0 after a
 * stop or EOF. Messages to send go through rv_stdio_send.
 */
int rv_stdio_run(rv_stdio_message_fn *on_message, rv_stdio_idle_fn *on_idle, void *userdata,
                 struct rv_stdio **out_handle);
/** Queues a framed copy of `body` for stdout; writes never block the loop. */
void rv_stdio_send(struct rv_stdio *io, const char *body, size_t len);
/** Asks for another idle callback once pending input is served (work done in slices). */
void rv_stdio_wake(struct rv_stdio *io);
/** Asks for another idle callback in `ms` milliseconds (a later call moves it). */
void rv_stdio_wake_after(struct rv_stdio *io, uint64_t ms);
/** Flushes queued output, then ends the loop. */
void rv_stdio_stop(struct rv_stdio *io);
/** True when the reader saw the end of input. */
bool rv_stdio_eof(const struct rv_stdio *io);
