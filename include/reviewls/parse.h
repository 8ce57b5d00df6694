// SPDX-License-Identifier: MIT
// tree-sitter glue: the Python and TOML languages, parsing a text fully or incrementally, and
// turning a byte-range edit into the TSInputEdit that tree-sitter wants.
#pragma once

#include "reviewls/text.h"

#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_toml(void);

/** Installs the aborting allocators into tree-sitter (once, before any parser is made); they
 *  allocate from the thread's tree arena while it is inside one. */
void rv_parse_global_init(void);

/**
 * A tree arena (src/parse/arena.c): between rv_tree_arena_enter and rv_tree_arena_leave on one
 * thread, everything tree-sitter allocates there comes from the arena, and leaving drops all
 * of it at once, every tree and parser made inside included (run ts_parser_delete before
 * leaving all the same: the grammar's scanner state is not the arena's). Nothing made inside
 * may be used after the leave. For trees that are parsed, read and thrown away;
 * rv_tree_arena_new installs rv_parse_global_init's hooks.
 */
struct rv_tree_arena;
struct rv_tree_arena *rv_tree_arena_new(void);
void rv_tree_arena_free(struct rv_tree_arena *arena);
void rv_tree_arena_enter(struct rv_tree_arena *arena);
void rv_tree_arena_leave(struct rv_tree_arena *arena);
/** The most bytes the arena held at once in any use so far. */
size_t rv_tree_arena_high_water(const struct rv_tree_arena *arena);

/** Returns a new parser for Python (caller destroys with ts_parser_delete). Aborts on ABI skew. */
TSParser *rv_python_parser_create(void);
/** Returns a new parser for TOML (caller destroys with ts_parser_delete). */
TSParser *rv_toml_parser_create(void);

/**
 * Parses `text`, reusing `old` (already ts_tree_edit'ed) when non-NULL. Returns a new tree
 * owned by the caller, or NULL if the parse was cancelled by the parser's timeout.
 */
TSTree *rv_parse_text(TSParser *parser, const struct rv_text *text, TSTree *old);

/**
 * Parses bytes [lo, hi) of `text` alone (whole top-level statements: `lo` starts a line), with
 * tree-sitter's included ranges so that the nodes keep their places in the file, reusing the
 * nodes of `whole`, the text's tree (already ts_tree_edit'ed to it; left unchanged). When `lo`
 * is past the third byte, the parser reads `""` in place of the two bytes before the line
 * break that ends at `lo`: a statement that stands alone after an external token, as it stands
 * in the whole text, which is what lets tree-sitter take the whole tree's nodes (their scanner
 * state compared). The root then holds that lead-in's statement before `lo`; closer to the
 * start, the bytes are parsed from scratch. Sets the parser's included ranges. Returns a new
 * tree owned by the caller, or NULL on the parser's timeout.
 */
TSTree *rv_parse_statements(TSParser *parser, const struct rv_text *text, const TSTree *whole,
                            uint32_t lo, uint32_t hi);

/**
 * Parses one statement of the body of a top-level class, bytes [lo, hi) of `text` (`lo` its
 * first byte, after its indentation), as rv_parse_statements parses top-level ones: the lines
 * before its own read as a stand-in class head, `class _:` and the same line breaks, so that
 * the statement stands in a class body as it does in the whole text and tree-sitter takes the
 * nodes of `whole`. The root holds that stand-in class, whose block holds the statement; its
 * nodes have their places in the file. Returns a new tree owned by the caller, or NULL on the
 * parser's timeout or when the lines before the statement are too short for the stand-in.
 */
TSTree *rv_parse_class_statement(TSParser *parser, const struct rv_text *text, const TSTree *whole,
                                 uint32_t lo, uint32_t hi);

/**
 * Describes replacing bytes [start, old_end) of `before` by `new_len` bytes, as tree-sitter
 * wants it; call before rv_text_replace (it reads the old points) and fill new_end_point after.
 */
TSInputEdit rv_parse_edit_begin(const struct rv_text *before, size_t start, size_t old_end,
                                size_t new_len);
/** Completes `edit` with the new end point, read from the edited text. */
void rv_parse_edit_end(TSInputEdit *edit, const struct rv_text *after);

/**
 * Returns the row/column (bytes) of `byte` in `text` as tree-sitter counts them: rows end at
 * '\n' only, where rv_text (like LSP) also ends a line at a lone '\r'. Edits must carry
 * tree-sitter's points, or the nodes they move (ts_tree_edit, ts_node_edit) get wrong rows.
 */
TSPoint rv_text_point(const struct rv_text *text, size_t byte);

/**
 * Moves `n`'s start as ts_node_edit(n, edit) does, without the library call: the arithmetic on
 * tree-sitter 0.20's node, which keeps its start byte in context[0] and its start point in
 * context[1] (row) and context[2] (column). A start at or after the edit's old end moves with
 * the end (its column too when on the edit's last row); one inside the replaced bytes (past
 * their first) goes to the new end. Use it only where rv_node_move_agrees said so for the library
 * in use.
 */
static inline void rv_node_move_start(TSNode *n, const TSInputEdit *edit) {
    uint32_t byte = n->context[0];
    if (byte >= edit->old_end_byte) {
        n->context[0] = edit->new_end_byte + (byte - edit->old_end_byte);
        if (n->context[1] > edit->old_end_point.row) {
            n->context[1] = edit->new_end_point.row + (n->context[1] - edit->old_end_point.row);
        } else {
            n->context[1] = edit->new_end_point.row;
            n->context[2] =
                edit->new_end_point.column + (n->context[2] - edit->old_end_point.column);
        }
    } else if (byte > edit->start_byte) {
        n->context[0] = edit->new_end_byte;
        n->context[1] = edit->new_end_point.row;
        n->context[2] = edit->new_end_point.column;
    }
}

/** True when rv_node_move_start gives `n` the same node and start as ts_node_edit under each
 *  of `edits` in turn (false with another layout of the library's node). */
bool rv_node_move_agrees(TSNode n, const TSInputEdit *edits, size_t count);

/**
 * True when `a` and `b` (of two trees, possibly) stand for the very same subtree, shared
 * between the trees: tree-sitter 0.20 gives a node the address of its slot in its parent's
 * children as its id, and the slot holds the subtree's pointer, which an incremental parse
 * that reuses the subtree copies into the new parent. Then every node below `a` is the node
 * below `b` too (the same ids), with the same text. Use it only where rv_node_same_works said
 * so for the library in use; both nodes' trees must be alive.
 */
bool rv_node_same_subtree(TSNode a, TSNode b);

/** True when rv_node_same_subtree tells shared subtrees from others with the library in use
 *  (asked once, of a small parse and its copy). */
bool rv_node_same_works(void);
