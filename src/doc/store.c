// SPDX-License-Identifier: MIT
// The document store: a chained hash table from uri to document, and the edit path that keeps
// text and tree in step. A document's bytes are always exactly what the client sent.
#include "reviewls/doc.h"
#include "reviewls/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_uri(const char *s) {
    return rv_hash_bytes(s, strlen(s), 0);
}

void rv_doc_store_init(struct rv_doc_store *store) {
    store->bucket_count = 64;
    store->buckets = rv_xcalloc(store->bucket_count, sizeof(struct rv_doc *));
    store->count = 0;
}

// A parse in progress reads the text it started on: after an edit it cannot resume.
static void drop_resume(struct rv_doc *doc) {
    if (doc->resume) {
        ts_parser_delete(doc->resume);
        doc->resume = NULL;
    }
}

static void doc_destroy(struct rv_doc *doc) {
    if (doc == NULL) {
        return;
    }
    free(doc->uri);
    free(doc->path);
    rv_text_finish(&doc->text);
    if (doc->tree) {
        ts_tree_delete(doc->tree);
    }
    rv_findings_finish(&doc->findings);
    drop_resume(doc);
    rv_analysis_state_free(doc->analysis);
    rv_vec_finish(&doc->edits);
    free(doc);
}

void rv_doc_store_finish(struct rv_doc_store *store) {
    for (size_t i = 0; i < store->bucket_count; i++) {
        struct rv_doc *doc = store->buckets ? store->buckets[i] : NULL;
        while (doc) {
            struct rv_doc *next = doc->next_in_bucket;
            doc_destroy(doc);
            doc = next;
        }
    }
    free(store->buckets);
    memset(store, 0, sizeof(*store));
}

struct rv_doc *rv_doc_store_get(struct rv_doc_store *store, const char *uri) {
    struct rv_doc *doc = store->buckets[hash_uri(uri) % store->bucket_count];
    for (; doc; doc = doc->next_in_bucket) {
        if (strcmp(doc->uri, uri) == 0) {
            return doc;
        }
    }
    return NULL;
}

static void grow(struct rv_doc_store *store) {
    size_t count = store->bucket_count * 2;
    struct rv_doc **buckets = rv_xcalloc(count, sizeof(struct rv_doc *));
    for (size_t i = 0; i < store->bucket_count; i++) {
        struct rv_doc *doc = store->buckets[i];
        while (doc) {
            struct rv_doc *next = doc->next_in_bucket;
            size_t b = hash_uri(doc->uri) % count;
            doc->next_in_bucket = buckets[b];
            buckets[b] = doc;
            doc = next;
        }
    }
    free(store->buckets);
    store->buckets = buckets;
    store->bucket_count = count;
}

struct rv_doc *rv_doc_store_open(struct rv_doc_store *store, const char *uri, int64_t version,
                                 const char *text, size_t len) {
    if (len > RV_TEXT_MAX_BYTES) {
        return NULL;
    }
    rv_doc_store_close(store, uri);
    if (store->count + 1 > store->bucket_count) {
        grow(store);
    }
    struct rv_doc *doc = rv_xcalloc(1, sizeof(*doc));
    doc->uri = rv_xstrdup(uri);
    doc->path = rv_uri_to_path(uri);
    doc->version = version;
    rv_text_init(&doc->text, text, len);
    doc->needs_parse = true;
    doc->needs_analysis = true;
    doc->analysed_version = -1;
    size_t b = hash_uri(uri) % store->bucket_count;
    doc->next_in_bucket = store->buckets[b];
    store->buckets[b] = doc;
    store->count++;
    return doc;
}

bool rv_doc_store_close(struct rv_doc_store *store, const char *uri) {
    struct rv_doc **link = &store->buckets[hash_uri(uri) % store->bucket_count];
    for (; *link; link = &(*link)->next_in_bucket) {
        if (strcmp((*link)->uri, uri) == 0) {
            struct rv_doc *doc = *link;
            *link = doc->next_in_bucket;
            doc_destroy(doc);
            store->count--;
            return true;
        }
    }
    return false;
}

void rv_doc_store_each(struct rv_doc_store *store, void (*fn)(struct rv_doc *, void *), void *ud) {
    for (size_t i = 0; i < store->bucket_count; i++) {
        for (struct rv_doc *doc = store->buckets[i]; doc;) {
            struct rv_doc *next = doc->next_in_bucket;
            fn(doc, ud);
            doc = next;
        }
    }
}

int rv_doc_edit(struct rv_doc *doc, size_t start, size_t end, const char *repl, size_t repl_len) {
    TSInputEdit edit = rv_parse_edit_begin(&doc->text, start, end, repl_len);
    if (rv_text_replace(&doc->text, start, end, repl, repl_len) != 0) {
        return -1;
    }
    rv_parse_edit_end(&edit, &doc->text);
    if (doc->tree) {
        ts_tree_edit(doc->tree, &edit);
    }
    doc->analysed_ahead = false;
    // Remembered for the next incremental analysis; a long burst makes it full instead.
    if (doc->tree && doc->edits.len < 64) {
        rv_vec_push(&doc->edits, edit);
    } else {
        doc->edits_lost = true;
    }
    drop_resume(doc);
    doc->needs_parse = true;
    doc->needs_analysis = true;
    return 0;
}

int rv_doc_replace_all(struct rv_doc *doc, const char *text, size_t len) {
    struct rv_text fresh;
    if (rv_text_init(&fresh, text, len) != 0) {
        return -1;
    }
    rv_text_finish(&doc->text);
    doc->text = fresh;
    if (doc->tree) {
        ts_tree_delete(doc->tree);
        doc->tree = NULL;
    }
    doc->edits_lost = true;
    drop_resume(doc);
    doc->analysed_ahead = false;
    doc->needs_parse = true;
    doc->needs_analysis = true;
    return 0;
}

// Parses with `parser` (which may be the document's own, resuming); false if out of time.
static bool parse_with(struct rv_doc *doc, TSParser *parser) {
    TSTree *tree = rv_parse_text(parser, &doc->text, doc->tree);
    if (tree == NULL) {
        // Cancelled or timed out: keep the edited old tree and try again next time.
        return false;
    }
    if (doc->tree) {
        ts_tree_delete(doc->tree);
    }
    doc->tree = tree;
    doc->needs_parse = false;
    doc->parses++;
    if (doc->analysed_ahead) {
        // The tree has caught up with the text a partial analysis analysed.
        doc->analysed_parses = doc->parses;
        doc->analysed_ahead = false;
    }
    return true;
}

void rv_doc_parse(struct rv_doc *doc, TSParser *parser) {
    if ((!doc->needs_parse && doc->tree) || !parse_with(doc, parser)) {
        return;
    }
    drop_resume(doc); // parsed from the start: a parse in progress is of no more use
}

bool rv_doc_parse_sliced(struct rv_doc *doc, TSParser **parser, uint64_t budget_us) {
    if (!doc->needs_parse && doc->tree) {
        return true;
    }
    TSParser *p = doc->resume ? doc->resume : *parser;
    ts_parser_set_timeout_micros(p, budget_us);
    bool done = parse_with(doc, p);
    ts_parser_set_timeout_micros(p, 0);
    if (done) {
        drop_resume(doc);
    } else if (doc->resume == NULL) {
        // Out of time: the parser holds the parse's progress, so the document keeps it (and
        // other documents' parses cannot reset it); the caller gets a fresh one.
        doc->resume = *parser;
        *parser = rv_python_parser_create();
    }
    return done;
}

void rv_doc_analyze(struct rv_doc *doc, const struct rv_analysis_input *in,
                    struct rv_findings *out) {
    bool any = rv_analysis_selects_any(in->config);
    if (!any) {
        // Nothing to find: no model is built, and no state kept that the next analysis (with
        // rules selected again) could take for this one. `out` stays as given.
        rv_analysis_state_free(doc->analysis);
        doc->analysis = NULL;
    } else if (doc->analysis == NULL && doc->edits.len == 0) {
        // Only documents being edited keep a state (a model and raw findings): opening the
        // whole workspace must not double its memory.
        rv_analyze(in, out);
    } else {
        if (doc->analysis == NULL) {
            doc->analysis = rv_analysis_state_new();
        }
        bool known = !doc->edits_lost && doc->edits.len > 0 &&
                     doc->parses == doc->analysed_parses + 1 && in->tree == doc->tree;
        rv_analyze_incremental(doc->analysis, in, known ? doc->edits.items : NULL,
                               known ? doc->edits.len : 0, out);
    }
    doc->edits.len = 0;
    doc->edits_lost = false;
    doc->analysed_parses = doc->parses;
}

// A word that continues a compound statement: a statement that starts with one can join the one
// before it.
static bool starts_clause(const struct rv_text *t, size_t byte) {
    static const char *const words[] = {"else", "elif", "except", "finally"};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i]);
        if (byte + n <= t->len && memcmp(t->bytes + byte, words[i], n) == 0) {
            return true;
        }
    }
    return false;
}

// Whether `byte` starts a line after its indentation: only spaces before it on its line, and
// with `indented` false none.
static bool starts_line(const struct rv_text *t, uint32_t byte, bool indented) {
    while (indented && byte > 0 && t->bytes[byte - 1] == ' ') {
        byte--;
    }
    return byte == 0 || t->bytes[byte - 1] == '\n';
}

static bool parses_alone(const struct rv_text *t, uint32_t lo, uint32_t hi, const TSInputEdit *e,
                         bool indented) {
    uint32_t word = lo;
    while (word < hi && (isalnum((unsigned char)t->bytes[word]) || t->bytes[word] == '_')) {
        word++;
    }
    word = word > lo ? word : lo + 1;
    bool line_starts =
        starts_line(t, lo, indented) && (hi == t->len || starts_line(t, hi, indented));
    return line_starts && !starts_clause(t, lo) && (hi == t->len || !starts_clause(t, hi)) &&
           e->start_byte > word && e->new_end_byte < hi;
}

bool rv_doc_span_parses_alone(const struct rv_text *t, uint32_t lo, uint32_t hi,
                              const TSInputEdit *e) {
    return parses_alone(t, lo, hi, e, false);
}

// The indentation of `byte`'s line up to it, when only spaces precede it there; else -1.
static long indentation(const struct rv_text *t, uint32_t byte) {
    uint32_t line = byte;
    while (line > 0 && t->bytes[line - 1] == ' ') {
        line--;
    }
    return line == 0 || t->bytes[line - 1] == '\n' ? (long)(byte - line) : -1;
}

bool rv_doc_body_parses_alone(const struct rv_text *t, uint32_t lo, uint32_t hi,
                              const TSInputEdit *e) {
    // The statement is indented, and is no comment (one at any column may lie outside the
    // block); the next starts at its indentation, or ends the class at the margin: a deeper one
    // is what tree-sitter makes of an indented body after `def f():x` (deleting the `x` gives
    // it back to `f`), as at the top level a statement that does not start a line.
    long at = indentation(t, lo);
    long next = hi == t->len ? 0 : indentation(t, hi);
    return at > 0 && t->bytes[lo] != '#' && (next == 0 || next == at) &&
           parses_alone(t, lo, hi, e, true);
}

// Whether the statement of `tree` that holds edit `e` has a syntax error: then the statements
// around it, parsed with it, have one too. (A class body's statement alone may end in an
// error the whole class does not hold: an `x` typed at the start of a line inside a method
// ends the class, and the rest of the method, indented, is cut where the statement's bytes
// end.)
static bool edited_statement_broken(TSTree *tree, const TSInputEdit *e) {
    TSNode n =
        ts_node_descendant_for_byte_range(ts_tree_root_node(tree), e->start_byte, e->new_end_byte);
    while (!ts_node_is_null(n) && !ts_node_has_error(n)) {
        TSNode up = ts_node_parent(n);
        if (ts_node_is_null(up) || strcmp(ts_node_type(up), "block") == 0 ||
            strcmp(ts_node_type(up), "module") == 0) {
            return false; // the statement (or the block's child that holds the edit) is clean
        }
        n = up;
    }
    return !ts_node_is_null(n);
}

// One try of the partial analysis: statements [lo, hi) parsed alone (one of a class body's,
// with `body`) and analysed. `*again` is left true when the top-level statements around them may
// still be taken where these were not (a class body's statement whose edit split it, or that
// does not parse alone), false when the edited statement's tree held an error or the parse ran
// out of time (or found no room before a class body's statement for its stand-in head: a class
// on the file's first lines).
static bool try_span(struct rv_doc *doc, TSParser *parser, const struct rv_analysis_input *in,
                     struct rv_findings *out, bool body, uint32_t lo, uint32_t hi,
                     uint64_t *parsed_ns, bool *again) {
    const TSInputEdit *e = &doc->edits.items[0];
    hi = hi > doc->text.len ? (uint32_t)doc->text.len : hi;
    if (body ? !rv_doc_body_parses_alone(&doc->text, lo, hi, e)
             : !rv_doc_span_parses_alone(&doc->text, lo, hi, e)) {
        return false;
    }
    // From the whole tree, edited: its nodes outside the edit are taken (rv_parse_statements).
    TSTree *tree = body ? rv_parse_class_statement(parser, &doc->text, doc->tree, lo, hi)
                        : rv_parse_statements(parser, &doc->text, doc->tree, lo, hi);
    if (parsed_ns) {
        *parsed_ns = rv_monotonic_ns();
    }
    if (tree == NULL) {
        // Out of the parser's time (or of room for a stand-in head): the whole reparse (sliced)
        // takes over.
        ts_parser_reset(parser);
        *again = false;
        return false;
    }
    // The analysis refuses a tree with an error (recovery in the whole text can reach past
    // these statements), and keeps a copy of the tree whose nodes it keeps.
    struct rv_analysis_input part = *in;
    part.tree = tree;
    part.part_start = lo;
    part.part_end = hi;
    part.whole = doc->tree;
    part.part_body = body;
    bool taken = rv_analyze_incremental(doc->analysis, &part, e, 1, out);
    *again = !taken && !edited_statement_broken(tree, e);
    ts_tree_delete(tree);
    return taken;
}

bool rv_doc_analyze_partial(struct rv_doc *doc, TSParser *parser,
                            const struct rv_analysis_input *in, struct rv_findings *out,
                            uint64_t *parsed_ns) {
    if (doc->analysis == NULL || doc->tree == NULL || doc->edits_lost || doc->edits.len != 1 ||
        !rv_analysis_selects_any(in->config)) {
        return false;
    }
    const TSInputEdit *e = &doc->edits.items[0];
    // The one statement of a class body that holds the edit, else (or when that statement's
    // edit made more of it) the top-level statements around it.
    uint32_t lo;
    uint32_t hi;
    bool taken = false;
    bool again = true;
    if (rv_analysis_partial_body_span(doc->analysis, e, &lo, &hi)) {
        taken = try_span(doc, parser, in, out, true, lo, hi, parsed_ns, &again);
    }
    if (!taken && again && rv_analysis_partial_span(doc->analysis, e, &lo, &hi)) {
        taken = try_span(doc, parser, in, out, false, lo, hi, parsed_ns, &again);
    }
    if (!taken) {
        return false;
    }
    doc->edits.len = 0;
    doc->needs_analysis = false;
    doc->analysed_ahead = true;
    doc->analysed_parses = doc->parses;
    return true;
}

static int hex(int c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *rv_uri_to_path(const char *uri) {
    if (strncmp(uri, "file://", 7) != 0) {
        return NULL;
    }
    const char *p = uri + 7;
    // file://host/path: only the local host (empty or "localhost") maps to a path.
    if (strncmp(p, "localhost/", 10) == 0) {
        p += 9;
    }
    if (*p != '/') {
        return NULL;
    }
    struct rv_strbuf sb = {0};
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
            rv_strbuf_putc(&sb, (char)(hex(p[1]) * 16 + hex(p[2])));
            p += 2;
        } else {
            rv_strbuf_putc(&sb, *p);
        }
    }
    return rv_strbuf_take(&sb);
}

char *rv_path_to_uri(const char *path) {
    struct rv_strbuf sb = {0};
    rv_strbuf_puts(&sb, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("/-._~!$&'()*+,;=:@", *p)) {
            rv_strbuf_putc(&sb, (char)*p);
        } else {
            rv_strbuf_printf(&sb, "%%%02X", *p);
        }
    }
    return rv_strbuf_take(&sb);
}
