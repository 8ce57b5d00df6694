// SPDX-License-Identifier: MIT
// Typed assertions for C unit tests: each prints both operands and file:line, counts failures,
// and lets the test go on so that one run shows every broken expectation.
#pragma once

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;

#define RV_ARRAY_LEN_TEST(a) (sizeof(a) / sizeof((a)[0]))

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        check_count++;                                                                             \
        if (!(cond)) {                                                                             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long check_a_ = (long long)(a);                                                       \
        long long check_b_ = (long long)(b);                                                       \
        check_count++;                                                                             \
        if (check_a_ != check_b_) {                                                                \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b,  \
                    check_a_, check_b_);                                                           \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *check_a_ = (a);                                                                \
        const char *check_b_ = (b);                                                                \
        check_count++;                                                                             \
        if (check_a_ == NULL || check_b_ == NULL || strcmp(check_a_, check_b_) != 0) {             \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: %s == %s failed:\n  \"%s\"\n  \"%s\"\n", __FILE__, __LINE__,   \
                    #a, #b, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");       \
        }                                                                                          \
    } while (0)

/** Ends main(): prints the tally and returns the exit status. */
#define CHECK_DONE()                                                                               \
    (fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures), check_failures ? 1 : 0)
