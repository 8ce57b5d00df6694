// SPDX-License-Identifier: MIT
// Fuzzes sequences of document edits followed by analysis and every code action. Input: a flag
// byte, a big-endian u16 length and that many bytes of initial text, then 4-byte edit
// operations (kind, u16 position as a fraction of the text, argument). Oracles:
// - after each checkpoint, the incrementally reparsed tree and its findings equal those of a
//   fresh parse of the same text (the incremental oracle; see oracle() for texts with syntax
//   errors), fresh parses do not depend on the parser's history, findings lie in the text,
//   and the document's incremental analysis equals a whole one of the same tree, as does its
//   partial analysis (the edited statements parsed alone) when it takes the one edit since;
// - every action builder (each finding's fix, whole-file re-indent, ignore-line, ignore-file,
//   fix-all, rename) yields sorted, non-overlapping edits inside the text that keep valid
//   UTF-8 valid, and, on a document without syntax errors, a result that re-parses cleanly.
#include "fuzz.h"
#include "reviewls/actions.h"
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"

#include <string.h>

enum { MAX_TEXT = 8192, MAX_OPS = 96, MAX_CHECKPOINTS = 6 };

static const char *const snippets[] = {
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "\n    ",
    "    ",
    "\t",
    "def ",
    "class ",
    "if x",
    "return ",
    "'",
    "\"",
    "\"\"\"",
    "#",
    "\\\n",
    "é",
    "😀",
    "self.",
    "lambda: 0",
    ", ",
    "=",
    "\r\n",
    "\r",
    "try:\n    pass\nexcept:\n    pass\n",
    "async ",
    "import os\n",
    "x = eval(data)\n",
    "def getData(a, b=1, *args, **kw):\n    tmp = a\n    return tmp\n",
    "class test_thing:\n    def test_1(self):\n        assert True\n",
    "  # noqa",
    "  # noqa: RV301",
    "# reviewls: ignore-file[RV253]\n",
    "@property\n",
    "f\"{x!r:>{w}}\"",
    "\xff",
    "\x00",
};

static uint64_t fnv(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    }
    return h;
}

// A stable fingerprint of the findings (codes, ranges, severities, messages, fixes).
static uint64_t findings_hash(const struct rv_findings *fs, size_t text_len) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < fs->list.len; i++) {
        const struct rv_finding *f = &fs->list.items[i];
        FUZZ_CHECK(f->start_byte <= f->end_byte && f->end_byte <= text_len);
        FUZZ_CHECK(f->message != NULL);
        rv_strbuf_printf(&sb, "%u %u-%u %d %d %s|%s\n", f->code, f->start_byte, f->end_byte,
                         f->severity, f->fix, f->message, f->replacement ? f->replacement : "");
    }
    uint64_t h = fnv(sb.data ? sb.data : "", sb.len);
    rv_strbuf_finish(&sb);
    return h;
}

static void analyse(const struct rv_text *text, TSTree *tree, const struct rv_config *cfg,
                    const char *path, struct rv_findings *out) {
    struct rv_analysis_input in = {text, tree, cfg, path, 0, 0, NULL, false, NULL};
    rv_analyze(&in, out);
}

// Compares the incremental tree and findings with a fresh parse. tree-sitter's error recovery
// depends on the old tree, so two parses of a text with syntax errors may place their ERROR
// nodes differently (and a bare `# noqa` may even silence the syntax error), so only their
// findings' ranges are checked. Whenever either parse is clean, they must agree exactly. And a
// fresh parse never depends on what the parser parsed before (the scanner-state bug fixed in
// src/parse/python_scanner.c).
static void oracle(struct rv_doc *doc, TSParser *inc, TSParser *fresh, TSParser *part,
                   const struct rv_config *cfg, const char *path) {
    // First the partial analysis, before the whole reparse, as the server does.
    struct rv_findings fp = {0};
    struct rv_analysis_input pin = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
    bool partial = rv_doc_analyze_partial(doc, part, &pin, &fp, NULL);
    rv_doc_parse(doc, inc);
    FUZZ_CHECK(doc->tree != NULL);
    TSTree *fresh_tree = rv_parse_text(fresh, &doc->text, NULL);
    TSTree *again = rv_parse_text(inc, &doc->text, NULL);
    FUZZ_CHECK(fresh_tree != NULL && again != NULL);
    char *a = ts_node_string(ts_tree_root_node(doc->tree));
    char *b = ts_node_string(ts_tree_root_node(fresh_tree));
    char *c = ts_node_string(ts_tree_root_node(again));
    if (strcmp(b, c) != 0) {
        fprintf(stderr, "fresh parse by one parser:\n%s\nby another:\n%s\n", b, c);
    }
    FUZZ_CHECK(strcmp(b, c) == 0);
    bool clean = !ts_node_has_error(ts_tree_root_node(doc->tree)) ||
                 !ts_node_has_error(ts_tree_root_node(fresh_tree));
    if (clean && strcmp(a, b) != 0) {
        fprintf(stderr, "incremental tree:\n%s\nfresh tree:\n%s\n", a, b);
    }
    FUZZ_CHECK(!clean || strcmp(a, b) == 0);
    free(a);
    free(b);
    free(c);
    struct rv_findings fa = {0};
    struct rv_findings fb = {0};
    analyse(&doc->text, doc->tree, cfg, path, &fa);
    analyse(&doc->text, fresh_tree, cfg, path, &fb);
    uint64_t ha = findings_hash(&fa, doc->text.len);
    uint64_t hb = findings_hash(&fb, doc->text.len);
    FUZZ_CHECK(!clean || ha == hb);
    // The document's own analysis, incremental since the last checkpoint (or partial), must
    // equal a whole analysis of the same tree, errors or not.
    struct rv_findings fd = {0};
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
    if (!partial) {
        rv_doc_analyze(doc, &in, &fd);
    }
    FUZZ_CHECK(findings_hash(partial ? &fp : &fd, doc->text.len) == ha);
    rv_findings_finish(&fd);
    rv_findings_finish(&fp);
    rv_findings_finish(&fa);
    rv_findings_finish(&fb);
    ts_tree_delete(fresh_tree);
    ts_tree_delete(again);
}

// Checks one builder's edits and what applying them does to the document.
static void check_edits(const struct rv_text *text, bool clean, bool utf8, struct rv_edits *edits,
                        TSParser *fresh) {
    rv_edits_sort(edits);
    uint32_t prev_end = 0;
    bool new_text_utf8 = true;
    for (size_t i = 0; i < edits->list.len; i++) {
        const struct rv_edit *e = &edits->list.items[i];
        FUZZ_CHECK(e->start_byte <= e->end_byte && e->end_byte <= text->len);
        FUZZ_CHECK(e->new_text != NULL);
        FUZZ_CHECK(i == 0 || e->start_byte >= prev_end);
        prev_end = e->end_byte;
        new_text_utf8 = new_text_utf8 && rv_utf8_valid(e->new_text, strlen(e->new_text));
    }
    size_t out_len = 0;
    char *out = rv_edits_apply(text->bytes, text->len, edits, &out_len);
    FUZZ_CHECK(out != NULL);
    if (utf8 && new_text_utf8) {
        FUZZ_CHECK(rv_utf8_valid(out, out_len));
    }
    if (clean && out_len <= RV_TEXT_MAX_BYTES) {
        struct rv_text after;
        FUZZ_CHECK(rv_text_init(&after, out, out_len) == 0);
        TSTree *tree = rv_parse_text(fresh, &after, NULL);
        FUZZ_CHECK(tree != NULL);
        if (ts_node_has_error(ts_tree_root_node(tree))) {
            fprintf(stderr, "a fix broke the syntax:\n--- before\n%s\n--- after\n%s\n", text->bytes,
                    out);
        }
        FUZZ_CHECK(!ts_node_has_error(ts_tree_root_node(tree)));
        ts_tree_delete(tree);
        rv_text_finish(&after);
    }
    free(out);
}

static void run_actions(struct rv_doc *doc, const struct rv_config *cfg, const char *path,
                        TSParser *fresh, uint32_t rename_at) {
    bool is_test = rv_path_is_test(path);
    TSNode root = ts_tree_root_node(doc->tree);
    bool clean = !ts_node_has_error(root);
    bool utf8 = rv_utf8_valid(doc->text.bytes, doc->text.len);
    struct rv_model model;
    rv_model_build(&model, &doc->text, root, is_test);
    struct rv_findings findings = {0};
    analyse(&doc->text, doc->tree, cfg, path, &findings);
    struct rv_action_input in = {&doc->text, root, &model, cfg};
    static const enum rv_action_kind kinds[] = {RV_ACTION_FIX, RV_ACTION_REINDENT_FILE,
                                                RV_ACTION_IGNORE_LINE, RV_ACTION_IGNORE_FILE};
    for (size_t i = 0; i < findings.list.len; i++) {
        const struct rv_finding *f = &findings.list.items[i];
        (void)rv_actions_fix_is_safe(f);
        for (size_t k = 0; k < RV_ARRAY_LEN(kinds); k++) {
            struct rv_edits edits = {0};
            char *title = NULL;
            if (rv_actions_build(&in, f, kinds[k], &edits, &title)) {
                FUZZ_CHECK(title != NULL && title[0] != '\0');
                check_edits(&doc->text, clean, utf8, &edits, fresh);
            } else {
                FUZZ_CHECK(edits.list.len == 0);
            }
            free(title);
            rv_edits_finish(&edits);
        }
    }
    struct rv_edits all = {0};
    size_t fixed = rv_actions_fix_all(&in, &findings, &all);
    FUZZ_CHECK(fixed <= findings.list.len);
    check_edits(&doc->text, clean, utf8, &all, fresh);
    rv_edits_finish(&all);

    // Rename whatever is at a fuzzed offset, and at each finding's start.
    for (size_t i = 0; i <= findings.list.len && i < 16; i++) {
        uint32_t at = i == 0 ? rename_at : findings.list.items[i - 1].start_byte;
        at = doc->text.len ? at % (uint32_t)(doc->text.len + 1) : 0;
        uint32_t start = 0;
        uint32_t end = 0;
        if (rv_actions_rename_target(&in, at, &start, &end)) {
            FUZZ_CHECK(start <= at && at <= end && end <= doc->text.len && start < end);
        }
        struct rv_edits edits = {0};
        enum rv_rename_status st = rv_actions_rename(&in, at, "renamed_name", &edits);
        if (st == RV_RENAME_OK) {
            check_edits(&doc->text, clean, utf8, &edits, fresh);
        } else {
            FUZZ_CHECK(edits.list.len == 0);
        }
        rv_edits_finish(&edits);
    }
    rv_findings_finish(&findings);
    rv_model_finish(&model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool ready;
    if (!ready) {
        rv_parse_global_init();
        ready = true;
    }
    struct fuzz_input in = {data, size, 0};
    uint8_t flags = fuzz_u8(&in);
    size_t text_len = fuzz_u16(&in); // (RV_MIN evaluates its arguments twice)
    text_len = RV_MIN(text_len, fuzz_left(&in));
    if (text_len > MAX_TEXT) {
        return 0;
    }
    const char *path = flags & 1 ? "tests/test_module.py" : "pkg/module.py";
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc =
        rv_doc_store_open(&store, "test:///fuzz.py", 1, (const char *)data + in.pos, text_len);
    FUZZ_CHECK(doc != NULL);
    in.pos += text_len;
    TSParser *inc = rv_python_parser_create();
    TSParser *fresh = rv_python_parser_create();
    TSParser *part = rv_python_parser_create();
    rv_doc_parse(doc, inc);
    int checkpoints = 0;
    uint32_t rename_at = 0;
    for (int op_count = 0; op_count < MAX_OPS && fuzz_left(&in) >= 4; op_count++) {
        uint8_t op = fuzz_u8(&in);
        uint16_t frac = fuzz_u16(&in);
        uint8_t arg = fuzz_u8(&in);
        size_t n = doc->text.len;
        size_t start = (size_t)(((uint64_t)frac * (n + 1)) >> 16);
        rename_at = (uint32_t)start;
        size_t end = start;
        const char *repl = "";
        size_t repl_len = 0;
        switch (op & 7) {
        case 0:
        case 1:
        case 2:
        case 3:
            repl = snippets[arg % RV_ARRAY_LEN(snippets)];
            repl_len = strlen(repl);
            if (repl_len == 0) {
                repl_len = 1; // the "\x00" snippet inserts one NUL byte
            }
            break;
        case 4: // raw bytes from the input
            repl_len = RV_MIN((size_t)(arg % 24), fuzz_left(&in));
            repl = (const char *)data + in.pos;
            in.pos += repl_len;
            break;
        case 5:
            end = RV_MIN(start + arg % 24, n);
            break;
        case 6:
            end = RV_MIN(start + arg % 8, n);
            repl = snippets[arg % RV_ARRAY_LEN(snippets)];
            repl_len = RV_MAX(strlen(repl), (size_t)1);
            break;
        case 7: { // delete to the end of the line
            const char *nl = memchr(doc->text.bytes + start, '\n', n - start);
            end = nl ? (size_t)(nl - doc->text.bytes) : n;
            break;
        }
        }
        if (doc->text.len + repl_len > MAX_TEXT * 2) {
            break;
        }
        FUZZ_CHECK(rv_doc_edit(doc, start, end, repl, repl_len) == 0);
        FUZZ_CHECK(doc->text.len == n - (end - start) + repl_len);
        if ((op & 0x80) && checkpoints < MAX_CHECKPOINTS) {
            checkpoints++;
            oracle(doc, inc, fresh, part, &cfg, path);
        }
    }
    oracle(doc, inc, fresh, part, &cfg, path);
    run_actions(doc, &cfg, path, fresh, rename_at);
    ts_parser_delete(inc);
    ts_parser_delete(fresh);
    ts_parser_delete(part);
    rv_doc_store_finish(&store);
    rv_config_finish(&cfg);
    return 0;
}
