// SPDX-License-Identifier: MIT
// What the fuzz targets share: the libFuzzer entry point, an input reader that consumes the
// fuzz bytes front to back, and FUZZ_CHECK, which aborts (a crash to libFuzzer and to the
// replay tests alike) with the failed condition when an oracle disagrees.
#pragma once

#include "reviewls/util.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: oracle failed: %s\n", __FILE__, __LINE__, #cond);              \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/** Consumes the fuzz input from the front; reads past the end yield zeros. */
struct fuzz_input {
    const uint8_t *data;
    size_t size;
    size_t pos;
};

static inline uint8_t fuzz_u8(struct fuzz_input *in) {
    return in->pos < in->size ? in->data[in->pos++] : 0;
}

static inline uint16_t fuzz_u16(struct fuzz_input *in) {
    uint16_t hi = fuzz_u8(in);
    return (uint16_t)(hi << 8 | fuzz_u8(in));
}

static inline size_t fuzz_left(const struct fuzz_input *in) {
    return in->size - in->pos;
}
