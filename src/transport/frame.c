// SPDX-License-Identifier: MIT
// Content-Length framing. Tolerates Content-Type and unknown headers, header names in any
// case, several messages per read and one message over many reads. A bad header block is
// skipped up to its blank line so that the stream resynchronises instead of ending.
#include "reviewls/transport.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A header block longer than this without its blank line is garbage, not a header. */
enum { MAX_HEADER = 8192 };

void rv_frame_reader_init(struct rv_frame_reader *r, size_t max_body) {
    memset(r, 0, sizeof(*r));
    r->max_body = max_body ? max_body : RV_FRAME_MAX_BODY;
}

void rv_frame_reader_finish(struct rv_frame_reader *r) {
    rv_strbuf_finish(&r->buf);
    memset(r, 0, sizeof(*r));
}

static void compact(struct rv_frame_reader *r) {
    if (r->pos == 0) {
        return;
    }
    size_t rest = r->buf.len - r->pos;
    memmove(r->buf.data, r->buf.data + r->pos, rest);
    r->buf.len = rest;
    r->buf.data[rest] = '\0';
    r->pos = 0;
}

void rv_frame_reader_feed(struct rv_frame_reader *r, const char *bytes, size_t len) {
    if (r->skip) {
        size_t n = RV_MIN(r->skip, len);
        r->skip -= n;
        bytes += n;
        len -= n;
    }
    if (len == 0) {
        return;
    }
    // Reclaim consumed space before growing.
    if (r->pos > 0 && r->pos >= r->buf.len / 2) {
        compact(r);
    }
    rv_strbuf_append(&r->buf, bytes, len);
}

bool rv_frame_reader_partial(const struct rv_frame_reader *r) {
    return r->buf.len > r->pos || r->skip > 0;
}

static const char *find_blank_line(const char *p, size_t len, size_t *sep_len) {
    for (size_t i = 0; i + 1 < len; i++) {
        if (p[i] == '\n' && p[i + 1] == '\n') {
            *sep_len = 2;
            return p + i;
        }
        if (i + 3 < len && p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' &&
            p[i + 3] == '\n') {
            *sep_len = 4;
            return p + i;
        }
    }
    return NULL;
}

// True when [p, end) is a header name: an HTTP token (RFC 9110 tchar), not garbage.
static bool is_token(const char *p, const char *end) {
    if (p == end) {
        return false;
    }
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (!isalnum(c) && strchr("!#$%&'*+-.^_`|~", c) == NULL) {
            return false;
        }
    }
    return true;
}

// The last "Content-Length:" (any case) in [p, end), or NULL.
static const char *last_content_length(const char *p, const char *end) {
    for (const char *q = end - RV_MIN((size_t)(end - p), (size_t)15); q > p; q--) {
        if (strncasecmp(q, "Content-Length:", 15) == 0) {
            return q;
        }
    }
    return NULL;
}

// Parses the header block [p, end); returns 0 with *length set, or -1 with *error set.
static int parse_headers(const char *p, const char *end, long long *length, const char **error) {
    *length = -1;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        const char *stop = line_end;
        if (stop > p && stop[-1] == '\r') {
            stop--;
        }
        const char *colon = memchr(p, ':', (size_t)(stop - p));
        if (colon == NULL || !is_token(p, colon)) {
            // Bytes glued in front of a header: the tail of a body that was longer than its
            // Content-Length said (a client counting characters instead of bytes). Without
            // this, each later body would glue itself to the next header and the stream would
            // never resynchronise. The real header is the line's last "Content-Length:".
            const char *cl = last_content_length(p, stop);
            if (cl != NULL) {
                p = cl;
                colon = p + 14;
            }
        }
        if (colon == NULL) {
            *error = "malformed header line (no colon)";
            return -1;
        }
        size_t name_len = (size_t)(colon - p);
        if (name_len == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
            const char *v = colon + 1;
            while (v < stop && (*v == ' ' || *v == '\t')) {
                v++;
            }
            if (v == stop) {
                *error = "empty Content-Length";
                return -1;
            }
            long long n = 0;
            for (; v < stop && *v != ' ' && *v != '\t'; v++) {
                if (!isdigit((unsigned char)*v)) {
                    *error = "Content-Length is not a non-negative integer";
                    return -1;
                }
                if (n > (1LL << 50)) {
                    // No client sends a petabyte: the header is bad, there is no body to
                    // skip (skipping "the rest" would leave the server deaf for good).
                    *error = "Content-Length is too large to be real";
                    return -1;
                }
                n = n * 10 + (*v - '0');
            }
            *length = n;
        }
        // Content-Type and any other header are tolerated.
        p = eol ? eol + 1 : end;
    }
    if (*length < 0) {
        *error = "header without Content-Length";
        return -1;
    }
    return 0;
}

enum rv_frame_status rv_frame_reader_next(struct rv_frame_reader *r, const char **body, size_t *len,
                                          const char **error) {
    for (;;) {
        // Nothing fed yet leaves buf.data NULL, and NULL + 0 is already undefined.
        if (r->buf.data == NULL || r->buf.len == r->pos) {
            return RV_FRAME_NEED_MORE;
        }
        const char *start = r->buf.data + r->pos;
        size_t avail = r->buf.len - r->pos;
        // Blank lines between messages are harmless.
        if (*start == '\r' || *start == '\n') {
            r->pos++;
            continue;
        }
        size_t sep_len = 0;
        const char *blank = find_blank_line(start, avail, &sep_len);
        if (blank == NULL) {
            if (avail > MAX_HEADER) {
                // No header ends within a sane size: drop it and report once.
                r->pos = r->buf.len;
                *error = "header block too long or missing its blank line";
                return RV_FRAME_ERROR;
            }
            return RV_FRAME_NEED_MORE;
        }
        long long length;
        const char *why = NULL;
        size_t header_len = (size_t)(blank - start) + sep_len;
        if (parse_headers(start, blank, &length, &why) != 0) {
            r->pos += header_len;
            *error = why;
            return RV_FRAME_ERROR;
        }
        if ((unsigned long long)length > r->max_body) {
            r->pos += header_len;
            size_t have = r->buf.len - r->pos;
            size_t drop = RV_MIN(have, (size_t)RV_MIN((unsigned long long)length, SIZE_MAX));
            r->pos += drop;
            if ((unsigned long long)length > (unsigned long long)drop) {
                r->skip =
                    (size_t)RV_MIN((unsigned long long)length - drop, (unsigned long long)SIZE_MAX);
            }
            *error = "message body larger than the server accepts; skipped";
            return RV_FRAME_ERROR;
        }
        if (avail - header_len < (size_t)length) {
            return RV_FRAME_NEED_MORE;
        }
        *body = start + header_len;
        *len = (size_t)length;
        r->pos += header_len + (size_t)length;
        if (r->pos == r->buf.len) {
            // Everything consumed; the body stays valid until the next feed.
            r->buf.len = 0;
            r->pos = 0;
        }
        return RV_FRAME_MESSAGE;
    }
}

size_t rv_frame_header(char *out, size_t cap, size_t len) {
    int n = snprintf(out, cap, "Content-Length: %zu\r\n\r\n", len);
    return n < 0 ? 0 : (size_t)n;
}

char *rv_frame_encode(const char *body, size_t len, size_t *out_len) {
    char header[64];
    size_t n = rv_frame_header(header, sizeof(header), len);
    char *out = rv_xmalloc(n + len);
    memcpy(out, header, n);
    memcpy(out + n, body, len);
    *out_len = n + len;
    return out;
}
