// SPDX-License-Identifier: MIT
// Open documents: uri -> text + incremental tree-sitter tree + last analysis. Edits update
// the text and ts_tree_edit the tree at once; the reparse waits until the input drains.
#pragma once

#include "reviewls/analysis.h"
#include "reviewls/parse.h"
#include "reviewls/text.h"

#include <stdint.h>

struct rv_doc {
    char *uri;  /* owned */
    char *path; /* owned: the file system path of a file: uri, or NULL */
    int64_t version;
    struct rv_text text;
    TSTree *tree;     /* owned; edited but possibly not reparsed (see needs_parse) */
    bool needs_parse; /* edits applied since the last parse */
    /* owned, or NULL: the parser of a parse of this text that ran out of time, holding its
     * progress for the next rv_doc_parse to resume; an edit drops it */
    TSParser *resume;
    bool needs_analysis;
    /* The last analysis is of the current text, made from the edited statements' own tree
     * (rv_doc_analyze_partial): only `tree` waits for its reparse. An edit clears it. */
    bool analysed_ahead;
    bool too_large; /* above the server's analysis bound: kept in sync, not parsed (lsp/) */
    struct rv_findings findings; /* of the last analysis */
    /* Incremental analysis (rv_doc_analyze): the state of the last analysis, created at the
     * first edit, and the edits applied to its tree since. */
    struct rv_analysis_state *analysis;
    RV_VEC(TSInputEdit) edits;
    bool edits_lost;          /* too many, or the text was replaced: the next one is full */
    uint64_t parses;          /* completed parses */
    uint64_t analysed_parses; /* `parses` at the last rv_doc_analyze */
    int64_t analysed_version;
    uint64_t result_id;           /* changes with every analysis */
    uint64_t published_result_id; /* the analysis last pushed to the client (push mode) */
    uint64_t changed_ns; /* with debug logging, when the last change's message arrived (uv_hrtime,
                            logged for bench/run's split of an edit), else 0 */
    struct rv_doc *next_in_bucket;
};

struct rv_doc_store {
    struct rv_doc **buckets;
    size_t bucket_count;
    size_t count;
};

void rv_doc_store_init(struct rv_doc_store *store);
/** Destroys every document. */
void rv_doc_store_finish(struct rv_doc_store *store);
/** Returns the open document for `uri`, or NULL (borrowed). */
struct rv_doc *rv_doc_store_get(struct rv_doc_store *store, const char *uri);
/**
 * Opens (or replaces) a document with a copy of `text`. Returns it (borrowed), or NULL when
 * the text is larger than RV_TEXT_MAX_BYTES.
 */
struct rv_doc *rv_doc_store_open(struct rv_doc_store *store, const char *uri, int64_t version,
                                 const char *text, size_t len);
/** Closes and frees `uri`'s document; returns false if it was not open. */
bool rv_doc_store_close(struct rv_doc_store *store, const char *uri);
/** Calls `fn` for each document (order unspecified). */
void rv_doc_store_each(struct rv_doc_store *store, void (*fn)(struct rv_doc *, void *), void *ud);

/**
 * Replaces bytes [start, end) with `repl`, editing the tree to match. Returns 0, or -1 if the
 * result would be too large (the document is left unchanged).
 */
int rv_doc_edit(struct rv_doc *doc, size_t start, size_t end, const char *repl, size_t repl_len);
/** Replaces the whole text (the tree is dropped and rebuilt from scratch). */
int rv_doc_replace_all(struct rv_doc *doc, const char *text, size_t len);
/** Reparses if needed (incrementally when a tree exists). */
void rv_doc_parse(struct rv_doc *doc, TSParser *parser);
/**
 * Reparses if needed within `budget_us` microseconds (0: unbounded); returns false when the
 * parse ran out of time. The parse's progress then stays with the document, which takes the
 * parser that holds it and puts a fresh one in `*parser`, and the next call resumes it, unless
 * the document was edited meanwhile. So documents are parsed in slices in any order, each at
 * its own pace.
 */
bool rv_doc_parse_sliced(struct rv_doc *doc, TSParser **parser, uint64_t budget_us);

/**
 * Analyses the document's current tree (parsed, not edited since) into `out`, incrementally
 * when it was analysed before and edited and reparsed once since: only the top-level
 * statements the edits touched are re-examined (rv_analyze_incremental). The result equals
 * rv_analyze's. `in` names the document's text and tree.
 */
void rv_doc_analyze(struct rv_doc *doc, const struct rv_analysis_input *in,
                    struct rv_findings *out);

/**
 * Whether bytes [lo, hi) of `t`, whole top-level statements of its last tree without an error
 * (hi: the next one's start, or the text's end), parse alone as in the whole text after edit
 * `e` (in them, in `t`'s coordinates): both ends start a line, neither starts with a word that
 * continues a compound statement, and the edit leaves the first word (and the byte after it)
 * and the next statement alone. Then the parser is where a fresh module's is at both ends
 * (docs/incremental.md; `rvbench units` checks it node by node). The statements' own tree must also
 * have no error.
 */
bool rv_doc_span_parses_alone(const struct rv_text *t, uint32_t lo, uint32_t hi,
                              const TSInputEdit *e);

/** rv_doc_span_parses_alone for one statement of a class body and the statements after it up
 *  to `hi` (rv_analysis_partial_body_span): both ends start their lines after spaces. */
bool rv_doc_body_parses_alone(const struct rv_text *t, uint32_t lo, uint32_t hi,
                              const TSInputEdit *e);

/**
 * Analyses the one edit made since the last analysis from a parse of only the top-level
 * statements around it (tree-sitter's included ranges, with `parser`, which this call
 * configures), when that parse is the whole text's there: the statements the analysis needs
 * (rv_analysis_partial_span) start and end at a line's start, neither starts with a word that
 * continues a compound statement, the edit leaves the first one's first word alone, and their
 * tree has no error. Then `out` gets what rv_doc_analyze would give, the document's tree stays
 * edited but not reparsed (analysed_ahead: the next rv_doc_parse brings it up to this text),
 * and it returns true; else false, with nothing changed but the kept statement tree: the
 * caller reparses and calls rv_doc_analyze (so too when `parser`'s timeout ends the parse: it
 * is reset). `in` names the text, configuration and path (its tree is not read). With
 * `parsed_ns`, the time the parse ended (CLOCK_MONOTONIC, ns).
 */
bool rv_doc_analyze_partial(struct rv_doc *doc, TSParser *parser,
                            const struct rv_analysis_input *in, struct rv_findings *out,
                            uint64_t *parsed_ns);

/** Returns the file system path of a file:// uri (percent-decoded), or NULL (caller frees). */
char *rv_uri_to_path(const char *uri);
/** Returns the file:// uri of an absolute path (caller frees). */
char *rv_path_to_uri(const char *path);
