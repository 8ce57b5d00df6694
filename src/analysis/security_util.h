// SPDX-License-Identifier: MIT
// Helpers shared by the security family: names resolved through imports, call arguments and
// literal inspection. Pure functions over the tree and text; nothing here evaluates code.
#pragma once

#include "reviewls/analysis.h"

#include <stdbool.h>
#include <stddef.h>

/** Returns the child in field `name`, or a null node. */
TSNode rv_sec__field(TSNode node, const char *name);
/** Returns true when the node is not null and has type `type`. */
bool rv_sec__is(TSNode node, const char *type);

/**
 * Writes the dotted name of `expr` (identifier or attribute chain) into `buf`, with the head
 * resolved through the module's imports: `sp.run` after `import subprocess as sp` gives
 * "subprocess.run", `loads` after `from pickle import loads` gives "pickle.loads". Returns false
 * when `expr` is not a plain dotted name or does not fit.
 */
bool rv_sec__qualify(const struct rv_rule_ctx *ctx, TSNode expr, char *buf, size_t cap);
/** The most attribute names rv_sec__qualify takes apart, plus one: longer chains do not qualify. */
#define RV_SEC_QUALIFY_PARTS 16
/**
 * rv_sec__qualify for a chain already taken apart: `head` is the identifier it starts with and
 * parts[n - 1], ..., parts[0] are its attribute names in source order (parts[0] is the last).
 * Returns false when a part is a null node or the name does not fit.
 */
bool rv_sec__qualify_parts(const struct rv_rule_ctx *ctx, TSNode head, const TSNode *parts,
                           size_t n, char *buf, size_t cap);
/** Returns true when some import's module is `module` or lies under it ("django" for
 * "django.db"). */
bool rv_sec__imports(const struct rv_rule_ctx *ctx, const char *module);

/** The keyword argument `name` of a call's value, or a null node. */
TSNode rv_sec__kwarg(const struct rv_rule_ctx *ctx, TSNode call, const char *name);
/** The `index`th positional argument of a call (0-based), or a null node. */
TSNode rv_sec__posarg(TSNode call, uint32_t index);

/** True for the symbols of f-string interpolations (`{x}`). */
bool rv_sec__is_interpolation_symbol(TSSymbol sym);
/** A string (or implicit concatenation) with no interpolation: a constant. */
bool rv_sec__is_plain_string(TSNode node);
/** An f-string with at least one interpolation. */
bool rv_sec__is_fstring(TSNode node);
/** True for b"..." literals. */
bool rv_sec__is_bytes(const struct rv_rule_ctx *ctx, TSNode node);
/**
 * Borrowed pointer to a simple string's content (between the quotes, escapes left as written);
 * *len receives the length. For a concatenation, the first part only.
 */
const char *rv_sec__string_content(const struct rv_rule_ctx *ctx, TSNode node, size_t *len);
/** 1 when the literal is truthy (True, non-zero, non-empty), 0 when falsy, -1 when unknown. */
int rv_sec__truth(const struct rv_rule_ctx *ctx, TSNode node);
/** Copies a node's text into `buf` with whitespace runs collapsed, shortened with "...". */
const char *rv_sec__snippet(const struct rv_rule_ctx *ctx, TSNode node, char *buf, size_t cap);
/** A byte span [start, end). */
struct rv_sec__span {
    uint32_t start;
    uint32_t end;
};

/** The test functions and classes of one analysis as sorted spans, built on first use.
 *  Zero-initialise it; finish it with rv_sec__tests_finish. */
struct rv_sec__tests {
    RV_VEC(struct rv_sec__span) spans; /* disjoint: spans inside another are left out */
    bool built;
};

/**
 * True when the node lies in test code: a test file, a test function or a test class. `tests`
 * caches the model's test spans for the analysis of `ctx` (a binary search per question).
 */
bool rv_sec__in_test(const struct rv_rule_ctx *ctx, struct rv_sec__tests *tests, TSNode node);
/** Frees what `tests` holds; accepts a zeroed struct. */
void rv_sec__tests_finish(struct rv_sec__tests *tests);
