// SPDX-License-Identifier: MIT
// The incremental oracle: after each of thousands of seeded random edits (brackets, colons,
// newlines, indentation, multi-byte text, deletions), the document's incrementally reparsed
// tree and its findings must equal those of a fresh parse of the same text.
// The document's own analysis (rv_doc_analyze, incremental after the first edit) is what is
// compared, and it must mostly have taken the incremental path, syntax errors or not. With
// --typing the edits are single typed characters, so that most keep the module valid; with
// --lines whole statements are typed a character at a time before an indented line and then
// backspaced away, so that the module stays in a syntax error for most keystrokes, as it does
// while a person types. With --partial each edit is first offered to the partial analysis
// (rv_doc_analyze_partial: a parse of the statements around the edit alone, before the whole
// reparse, as the server does), whose findings are the ones compared when it takes the edit.
// usage: test_oracle [--seed N] [--edits N] [--typing | --lines] [--partial] FILE...
#include "analysis_internal.h"
#include "check.h"
#include "model_text.h"
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"

#include <ctype.h>

static uint64_t rng;
static int partial_total; /* edits the partial analysis took, over every file */
static int edits_total;   /* edits made, over every file */
static uint32_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

static char *findings_text(const struct rv_findings *out) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < out->list.len; i++) {
        const struct rv_finding *f = &out->list.items[i];
        rv_strbuf_printf(&sb, "%u %u-%u %d %s [fix %d %s] [scope %u-%u]\n", f->code, f->start_byte,
                         f->end_byte, f->severity, f->message, (int)f->fix,
                         f->replacement ? f->replacement : "-", f->scope_start_byte,
                         f->scope_end_byte);
        for (size_t r = 0; r < f->related.len; r++) {
            rv_strbuf_printf(&sb, "  related %u-%u %s\n", f->related.items[r].start_byte,
                             f->related.items[r].end_byte, f->related.items[r].message);
        }
    }
    return rv_strbuf_take(&sb);
}

static char *findings_string(const struct rv_text *text, TSTree *tree, const struct rv_config *cfg,
                             const char *path) {
    struct rv_findings out = {0};
    struct rv_analysis_input in = {text, tree, cfg, path, 0, 0, NULL, false, NULL};
    rv_analyze(&in, &out);
    char *s = findings_text(&out);
    rv_findings_finish(&out);
    return s;
}

// Do the two trees put every node at the same rows and columns? ts_node_string compares the
// structure only; wrong points in an edit (rows counted at a lone '\r') move nodes' rows.
static bool same_points(TSNode a, TSNode b) {
    TSTreeCursor ca = ts_tree_cursor_new(a);
    TSTreeCursor cb = ts_tree_cursor_new(b);
    bool same = true;
    for (;;) {
        TSNode x = ts_tree_cursor_current_node(&ca);
        TSNode y = ts_tree_cursor_current_node(&cb);
        TSPoint xs = ts_node_start_point(x);
        TSPoint ys = ts_node_start_point(y);
        TSPoint xe = ts_node_end_point(x);
        TSPoint ye = ts_node_end_point(y);
        if (xs.row != ys.row || xs.column != ys.column || xe.row != ye.row ||
            xe.column != ye.column) {
            same = false;
            break;
        }
        bool down_a = ts_tree_cursor_goto_first_child(&ca);
        if (down_a != ts_tree_cursor_goto_first_child(&cb)) {
            same = false;
            break;
        }
        if (down_a) {
            continue;
        }
        bool more = true;
        for (;;) {
            bool next_a = ts_tree_cursor_goto_next_sibling(&ca);
            if (next_a != ts_tree_cursor_goto_next_sibling(&cb)) {
                same = false;
                more = false;
                break;
            }
            if (next_a) {
                break;
            }
            bool up_a = ts_tree_cursor_goto_parent(&ca);
            ts_tree_cursor_goto_parent(&cb);
            if (!up_a) {
                more = false;
                break;
            }
        }
        if (!more) {
            break;
        }
    }
    ts_tree_cursor_delete(&ca);
    ts_tree_cursor_delete(&cb);
    return same;
}

// The document's own analysis: incremental after the first edit (rv_doc_analyze).
static char *doc_findings_string(struct rv_doc *doc, const struct rv_config *cfg,
                                 const char *path) {
    struct rv_findings out = {0};
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path, 0, 0, NULL, false, NULL};
    rv_doc_analyze(doc, &in, &out);
    char *s = findings_text(&out);
    rv_findings_finish(&out);
    return s;
}

// Typing: single characters that mostly keep the module valid, so that the incremental
// path (which a syntax error turns off) is what gets compared.
static const char *const typed[] = {"x", "a", "_", "1", " ", "e", "Z", "0"};

// --lines: statements typed before an indented line (its indentation follows each newline).
static const char *const lines_typed[] = {
    "if total is None:\n",
    "total = compute(alpha, beta[0], {'k': gamma})\n",
    "for item in self.items:\n",
    "return self.value(\"x\", *args)\n",
    "x = [i for i in range(3)]\n",
    "def helper(a, b=1):\n",
    "# a comment (\n",
    "s = '''text\n",
    "class Inner:\n",
    "try:\n",
};

enum oracle_mode { MODE_RANDOM, MODE_TYPING, MODE_LINES };

// A statement being typed (--lines): `text` at byte `at`, `typed` of its bytes so far, then
// as many backspaces.
struct typing_line {
    char text[96];
    size_t len;
    size_t at;
    size_t typed;
    bool erasing;
};

// Where to type a line: the start of an indented line that begins a name, after byte `from`;
// false if there is none after it.
static bool line_spot(const struct rv_text *t, size_t from, size_t *at, size_t *indent) {
    for (size_t i = from; i < t->len; i++) {
        if (t->bytes[i] != '\n') {
            continue;
        }
        size_t j = i + 1;
        while (j < t->len && t->bytes[j] == ' ') {
            j++;
        }
        if (j > i + 1 && j < t->len && isalpha((unsigned char)t->bytes[j])) {
            *at = j;
            *indent = j - i - 1;
            return true;
        }
    }
    return false;
}

// One keystroke of --lines: the next character of the line, or a backspace.
static void lines_keystroke(struct rv_doc *doc, struct typing_line *tl) {
    if (tl->len == 0) {
        size_t n = doc->text.len;
        size_t indent = 0;
        if (!line_spot(&doc->text, n ? next_rand() % n : 0, &tl->at, &indent) &&
            !line_spot(&doc->text, 0, &tl->at, &indent)) {
            tl->at = n;
        }
        const char *line = lines_typed[next_rand() % RV_ARRAY_LEN_TEST(lines_typed)];
        indent = RV_MIN(indent, sizeof(tl->text) - strlen(line) - 1);
        tl->len = (size_t)snprintf(tl->text, sizeof(tl->text), "%s%*s", line, (int)indent, "");
        tl->typed = 0;
        tl->erasing = false;
    }
    if (!tl->erasing) {
        size_t at = tl->at + tl->typed;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at, tl->text + tl->typed, 1), 0);
        tl->erasing = ++tl->typed == tl->len;
    } else {
        size_t at = tl->at + --tl->typed;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + 1, "", 0), 0);
        tl->len = tl->typed == 0 ? 0 : tl->len;
    }
}

static const char *const snippets[] = {
    "(",      ")",           "[",
    "]",      "{",           "}",
    ":",      "\n",          "\n    ",
    "    ",   "\t",          "def ",
    "class ", "if x",        "return ",
    "'",      "\"",          "\"\"\"",
    "#",      "é",           "😀",
    "self.",  "lambda: 0",   ", ",
    "=",      "\r\n",        "try:\n    pass\nexcept:\n    pass\n",
    "async ", "import os\n", "x = eval(data)\n",
};

static int run_file(const char *path, uint64_t seed, int edits, enum oracle_mode mode,
                    bool partial) {
    bool typing = mode == MODE_TYPING;
    char *bytes;
    size_t len;
    if (rv_read_file(path, &bytes, &len) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///oracle/m.py", 1, bytes, len);
    free(bytes);
    TSParser *inc = rv_python_parser_create();
    TSParser *fresh = rv_python_parser_create();
    TSParser *part = rv_python_parser_create();
    int partial_taken = 0;
    struct rv_config cfg;
    rv_config_init(&cfg);
    rv_doc_parse(doc, inc);
    bool clean = !ts_node_has_error(ts_tree_root_node(doc->tree));
    free(doc_findings_string(doc, &cfg, "m.py"));
    rng = seed ? seed : 1;
    int failures_before = check_failures;
    size_t typed_at = SIZE_MAX;
    struct typing_line line = {0};
    int edits_made = 0;
    for (int i = 0; i < edits && check_failures == failures_before; i++) {
        edits_made++;
        // Up to three edits between parses, like a burst of keystrokes; typing inserts one
        // character (after a letter, mostly keeping the module valid) and then deletes it.
        int burst = mode == MODE_RANDOM ? 1 + (int)(next_rand() % 3) : 0;
        if (mode == MODE_LINES) {
            lines_keystroke(doc, &line);
        } else if (typing && typed_at == SIZE_MAX) {
            size_t n = doc->text.len;
            size_t at = n ? next_rand() % n : 0;
            while (at < n && !isalpha((unsigned char)doc->text.bytes[at])) {
                at++;
            }
            typed_at = at < n ? at + 1 : n;
            const char *ins = typed[next_rand() % RV_ARRAY_LEN_TEST(typed)];
            CHECK_EQ_INT(rv_doc_edit(doc, typed_at, typed_at, ins, strlen(ins)), 0);
        } else if (typing) {
            CHECK_EQ_INT(rv_doc_edit(doc, typed_at, typed_at + 1, "", 0), 0);
            typed_at = SIZE_MAX;
        }
        for (int b = 0; b < burst; b++) {
            size_t n = doc->text.len;
            size_t start = n ? next_rand() % (n + 1) : 0;
            size_t del = next_rand() % 4 == 0 ? next_rand() % 12 : 0;
            size_t end = RV_MIN(start + del, n);
            const char *ins =
                next_rand() % 5 == 0 ? "" : snippets[next_rand() % RV_ARRAY_LEN_TEST(snippets)];
            CHECK_EQ_INT(rv_doc_edit(doc, start, end, ins, strlen(ins)), 0);
        }
        char *fa = NULL;
        if (partial) {
            struct rv_findings out = {0};
            struct rv_analysis_input in = {&doc->text, doc->tree, &cfg,  "m.py", 0,
                                           0,          NULL,      false, NULL};
            if (rv_doc_analyze_partial(doc, part, &in, &out, NULL)) {
                fa = findings_text(&out);
                partial_taken++;
            }
            rv_findings_finish(&out);
        }
        rv_doc_parse(doc, inc);
        TSTree *fresh_tree = rv_parse_text(fresh, &doc->text, NULL);
        char *a = ts_node_string(ts_tree_root_node(doc->tree));
        char *b = ts_node_string(ts_tree_root_node(fresh_tree));
        bool same_tree = strcmp(a, b) == 0;
        if (!same_tree) {
            fprintf(stderr, "%s: edit %d (seed %llu): incremental tree differs from fresh\n", path,
                    i, (unsigned long long)seed);
        }
        CHECK(same_tree);
        bool points = same_points(ts_tree_root_node(doc->tree), ts_tree_root_node(fresh_tree));
        if (!points) {
            fprintf(stderr, "%s: edit %d (seed %llu): incremental tree's points differ\n", path, i,
                    (unsigned long long)seed);
        }
        CHECK(points);
        fa = fa ? fa : doc_findings_string(doc, &cfg, "m.py");
        char *fb = findings_string(&doc->text, fresh_tree, &cfg, "m.py");
        if (strcmp(fa, fb) != 0) {
            fprintf(stderr,
                    "%s: edit %d (seed %llu): findings differ\n--- incremental\n%s--- "
                    "fresh\n%s",
                    path, i, (unsigned long long)seed, fa, fb);
        }
        CHECK_EQ_INT(strcmp(fa, fb), 0);
        // The model the document keeps for the next edit reads as a fresh build's of its tree
        // whenever that tree has no syntax error, right after one too (no unit is taken from a
        // tree with an error then). (In a tree with an error, a unit copied from an older tree
        // may read an ambiguity, or name its statement's node, otherwise than the recovering
        // parser did; the findings above are compared all the same.)
        bool now_clean = !ts_node_has_error(ts_tree_root_node(doc->tree));
        if (doc->analysis && now_clean) {
            struct rv_model m;
            rv_model_build(&m, &doc->text, ts_tree_root_node(doc->tree), false);
            char *ma = model_text(rv_analysis_state_model(doc->analysis));
            char *mb = model_text(&m);
            if (strcmp(ma, mb) != 0) {
                fprintf(stderr,
                        "%s: edit %d (seed %llu): the kept model differs from a fresh build\n",
                        path, i, (unsigned long long)seed);
            }
            CHECK(strcmp(ma, mb) == 0);
            free(ma);
            free(mb);
            rv_model_finish(&m);
        }
        free(a);
        free(b);
        free(fa);
        free(fb);
        ts_tree_delete(fresh_tree);
    }
    // The comparison above means something only if the incremental path ran: when typing
    // into a valid module, most analyses must have re-examined the edited statements only.
    struct rv_analysis_stats st = {0};
    if (doc->analysis) {
        st = rv_analysis_state_stats(doc->analysis);
    }
    fprintf(stderr,
            "%s: %llu incremental analyses (%llu windowed, %d partial), %llu full; %llu "
            "statements copied in walked units\n",
            path, (unsigned long long)st.incremental, (unsigned long long)st.windowed,
            partial_taken, (unsigned long long)st.full, (unsigned long long)st.statements_copied);
    partial_total += partial_taken;
    edits_total += edits_made;
    if (typing && check_failures == failures_before) {
        CHECK(st.incremental * 5 >= (uint64_t)edits);
        // In a module without syntax errors, most keystrokes read only the units around
        // them from the tree (the others leave an error for a moment).
        CHECK(!clean || st.windowed * 2 >= st.incremental);
    }
    // Random edits leave syntax errors most of the time, and so does a statement typed: only
    // the statements that hold one are examined again, so most analyses must still be
    // incremental.
    if (!typing && check_failures == failures_before) {
        CHECK(st.incremental * 2 >= (uint64_t)edits);
    }
    rv_config_finish(&cfg);
    ts_parser_delete(inc);
    ts_parser_delete(fresh);
    ts_parser_delete(part);
    rv_doc_store_finish(&store);
    return 0;
}

int main(int argc, char **argv) {
    rv_parse_global_init();
    uint64_t seed = 20261125;
    int edits = 1000;
    int files = 0;
    enum oracle_mode mode = MODE_RANDOM;
    bool partial = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = strtoull(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--typing") == 0) {
            mode = MODE_TYPING;
        } else if (strcmp(argv[i], "--lines") == 0) {
            mode = MODE_LINES;
        } else if (strcmp(argv[i], "--partial") == 0) {
            partial = true;
        } else if (strcmp(argv[i], "--edits") == 0 && i + 1 < argc) {
            edits = atoi(argv[++i]);
        } else {
            fprintf(stderr, "%s: seed %llu, %d edits\n", argv[i], (unsigned long long)seed, edits);
            run_file(argv[i], seed + (uint64_t)files, edits, mode, partial);
            files++;
        }
    }
    CHECK(files > 0);
    // Typing into valid modules leaves most edits' statements parsing alone (not in a class
    // too long to parse from scratch, rv_doc_analyze_partial).
    CHECK(!partial || mode != MODE_TYPING || partial_total * 2 >= edits_total);
    return CHECK_DONE();
}
