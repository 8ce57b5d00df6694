// SPDX-License-Identifier: MIT
// Fixes as plain edit lists: scope-aware renames, docstring stubs, annotations, re-indentation
// and suppression comments, each a pure function over (text, tree, model, config). Nothing here
// knows JSON or LSP positions: lsp/ turns the {byte range, new text} lists into WorkspaceEdits.
#pragma once

#include "reviewls/analysis.h"

#include <stdbool.h>
#include <stdint.h>

/** Replace bytes [start_byte, end_byte) with new_text (owned). */
struct rv_edit {
    uint32_t start_byte;
    uint32_t end_byte;
    char *new_text;
};

/** A list of non-overlapping edits of one document, in any order until rv_edits_sort. */
struct rv_edits {
    RV_VEC(struct rv_edit) list;
};

/** Appends a copy of `text`. */
void rv_edits_add(struct rv_edits *edits, uint32_t start_byte, uint32_t end_byte, const char *text);
/** Sorts by start and drops exact duplicates. */
void rv_edits_sort(struct rv_edits *edits);
/** True when any edit of `a` overlaps one of `b` (insertions at the same point overlap). */
bool rv_edits_overlap(const struct rv_edits *a, const struct rv_edits *b);
/** Moves every edit of `src` to `dst`; `src` is left empty. */
void rv_edits_take(struct rv_edits *dst, struct rv_edits *src);
/** Returns `bytes` with the (sorted, non-overlapping) edits applied; caller frees. */
char *rv_edits_apply(const char *bytes, size_t len, const struct rv_edits *edits, size_t *out_len);
void rv_edits_clear(struct rv_edits *edits);
/** Frees what `edits` owns; accepts a zeroed struct. */
void rv_edits_finish(struct rv_edits *edits);

/** What the builders read. All borrowed; `config` may be NULL (defaults). */
struct rv_action_input {
    const struct rv_text *text;
    TSNode root;
    const struct rv_model *model;
    const struct rv_config *config;
};

/* ------------------------------------------------------------------------------------------ */
/* Names and renames. */

/** True when `name` is a Python identifier and not a keyword (soft keywords are allowed). */
bool rv_actions_is_identifier(const char *name);

enum rv_rename_status {
    RV_RENAME_OK,
    RV_RENAME_NOT_A_NAME,   /* the byte is not on a renamable name */
    RV_RENAME_INVALID_NAME, /* the new name is not an identifier, or is a keyword */
    RV_RENAME_COLLISION,    /* the new name is already visible where the old one is used */
};

/**
 * Finds the renamable name at `byte` (inside or at the end of an identifier): a local,
 * parameter, module-level name, `self.x` attribute, method or class. Stores its byte range and
 * returns true, or returns false (keywords, strings, `obj.x` on unknown objects, builtins).
 */
bool rv_actions_rename_target(const struct rv_action_input *in, uint32_t byte, uint32_t *start,
                              uint32_t *end);

/**
 * Appends to `out` the edits that rename every occurrence of the name at `byte` in its scope:
 * a local inside its function (and nested functions that see it), an attribute in its class's
 * methods, a module-level name everywhere in the file except where it is shadowed. Keyword
 * arguments of calls to a renamed function's parameter follow. On failure `out` is unchanged.
 */
enum rv_rename_status rv_actions_rename(const struct rv_action_input *in, uint32_t byte,
                                        const char *new_name, struct rv_edits *out);

/* ------------------------------------------------------------------------------------------ */
/* Fixes of findings. */

/** Which builder a code action uses. */
enum rv_action_kind {
    RV_ACTION_FIX,           /* the finding's own fix (its `fix` kind) */
    RV_ACTION_REINDENT_FILE, /* re-indent the whole file (indentation findings) */
    RV_ACTION_IGNORE_LINE,   /* `# noqa: RVnnn` on the statement's line */
    RV_ACTION_IGNORE_FILE,   /* `# reviewls: ignore-file[RVnnn]` at the top */
};

/**
 * Builds the edits of `kind` for `f`. Returns false (nothing appended) when the action does
 * not apply: no fix, a rename that would collide, a one-line body with no room for a
 * docstring, a line already silenced by a bare noqa. `*title` receives the action's title
 * (caller frees) when true is returned and `title` is non-NULL.
 */
bool rv_actions_build(const struct rv_action_input *in, const struct rv_finding *f,
                      enum rv_action_kind kind, struct rv_edits *out, char **title);

/**
 * True for fixes that source.fixAll applies without asking: `-> None`, annotations of literal
 * defaults, re-indentation and removal of unused suppressions. Renames (they change names
 * other files may import) and docstring stubs (placeholder text a human must write) are not.
 */
bool rv_actions_fix_is_safe(const struct rv_finding *f);

/**
 * Appends every safe fix of `findings` that does not overlap an earlier one; indentation
 * findings share one whole-file re-indent. Returns the number of findings fixed.
 */
size_t rv_actions_fix_all(const struct rv_action_input *in, const struct rv_findings *findings,
                          struct rv_edits *out);
