// SPDX-License-Identifier: MIT
// What the text goldens cannot show for the type-hints, docstrings and comments families: the
// fixes attached to findings, and the settings (annotation-ratio, docstring-min-lines,
// docstring-test-methods, max-comment-free-lines, max-uncommented-stretch) changing results.
#include "check.h"
#include "reviewls/analysis.h"
#include "reviewls/parse.h"

#include <stdbool.h>

static struct rv_config config;

static void set_int(const char *name, long value) {
    int idx = rv_setting_index(name);
    CHECK(idx >= 0);
    config.set[idx] = true;
    config.int_values[idx] = value;
}

static void reset_config(void) {
    rv_config_finish(&config);
    rv_config_init(&config);
}

// Analyses `source` as `path` and leaves the findings in `out` (caller finishes it).
static void analyse(const char *path, const char *source, struct rv_findings *out) {
    struct rv_text text;
    rv_text_init(&text, source, strlen(source));
    TSParser *parser = rv_python_parser_create();
    TSTree *tree = rv_parse_text(parser, &text, NULL);
    struct rv_analysis_input in = {.text = &text, .tree = tree, .config = &config, .path = path};
    *out = (struct rv_findings){0};
    rv_analyze(&in, out);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    rv_text_finish(&text);
}

// The finding of `code` whose range starts at `needle`'s first occurrence, or NULL.
static const struct rv_finding *find(const struct rv_findings *out, const char *source,
                                     uint16_t code, const char *needle) {
    const char *at = strstr(source, needle);
    if (at == NULL) {
        return NULL;
    }
    uint32_t byte = (uint32_t)(at - source);
    for (size_t i = 0; i < out->list.len; i++) {
        if (out->list.items[i].code == code && out->list.items[i].start_byte == byte) {
            return &out->list.items[i];
        }
    }
    return NULL;
}

static size_t count_code(const struct rv_findings *out, uint16_t code) {
    size_t n = 0;
    for (size_t i = 0; i < out->list.len; i++) {
        n += out->list.items[i].code == code;
    }
    return n;
}

static const char hints_src[] = "def load(path: str) -> dict:\n"
                                "    return {}\n"
                                "def parse(text: str) -> list:\n"
                                "    return []\n"
                                "def flush():\n"
                                "    print('flushed')\n"
                                "def store(path: str, data: dict):\n"
                                "    print(path, data)\n"
                                "def fetch(url: str, retries=3, ratio=-0.5, raw=b'x', name='n', "
                                "on=True, extra=None):\n"
                                "    return url\n"
                                "def later(url: str, extra=None, retries=3) -> str:\n"
                                "    return url\n";

static void test_type_hint_fixes(void) {
    reset_config();
    struct rv_findings out;
    analyse("hints.py", hints_src, &out);
    // RV202 on a parameterless function that returns nothing: "-> None" completes it.
    const struct rv_finding *f = find(&out, hints_src, 202, "flush");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_RETURN_NONE);
    // RV203 on a function that returns nothing.
    f = find(&out, hints_src, 203, "store");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_RETURN_NONE);
    // RV203 on a function that returns a value: no guess.
    f = find(&out, hints_src, 203, "fetch");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_NONE);
    // RV201 ranges on the first unannotated parameter and suggests the default's type.
    f = find(&out, hints_src, 201, "retries=3, ratio");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_ANNOTATE_DEFAULT);
    CHECK_EQ_STR(f ? f->replacement : NULL, "int");
    // A None default says nothing certain: no fix.
    f = find(&out, hints_src, 201, "extra=None, retries");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_NONE);
    rv_findings_finish(&out);

    // Each literal kind, one function per parameter so each is the first unannotated one.
    static const struct {
        const char *src;
        const char *needle;
        const char *type;
    } cases[] = {
        {"def f(a: int, ratio=-0.5) -> None:\n    pass\n", "ratio", "float"},
        {"def f(a: int, raw=b'x') -> None:\n    pass\n", "raw", "bytes"},
        {"def f(a: int, name='n' 'm') -> None:\n    pass\n", "name", "str"},
        {"def f(a: int, on=True) -> None:\n    pass\n", "on", "bool"},
        {"def f(a: int, n=-3) -> None:\n    pass\n", "n=", "int"},
    };
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(cases); i++) {
        analyse("one.py", cases[i].src, &out);
        f = find(&out, cases[i].src, 201, cases[i].needle);
        CHECK(f != NULL);
        CHECK_EQ_STR(f ? f->replacement : NULL, cases[i].type);
        rv_findings_finish(&out);
    }
}

static void test_annotation_ratio(void) {
    // 5 of 6 functions annotated (83%): reported at the default 50%, not at 90%.
    reset_config();
    struct rv_findings out;
    analyse("hints.py", hints_src, &out);
    CHECK_EQ_INT(count_code(&out, 202), 1);
    rv_findings_finish(&out);
    set_int("annotation-ratio", 90);
    analyse("hints.py", hints_src, &out);
    CHECK_EQ_INT(count_code(&out, 202), 0);
    CHECK_EQ_INT(count_code(&out, 203), 0);
    CHECK(count_code(&out, 201) > 0); // a half-annotated signature is wrong at any ratio
    rv_findings_finish(&out);
}

static const char docs_src[] = "\"\"\"Tests.\"\"\"\n"
                               "import unittest\n"
                               "class TestPool(unittest.TestCase):\n"
                               "    \"\"\"Pools.\"\"\"\n"
                               "    def test_empty(self):\n"
                               "        self.assertTrue(True)\n"
                               "def area(w, h):\n"
                               "    return w * h\n";

static void test_docstring_settings(void) {
    reset_config();
    struct rv_findings out;
    analyse("test_pool.py", docs_src, &out);
    CHECK(find(&out, docs_src, 253, "test_empty") == NULL);
    const struct rv_finding *f = find(&out, docs_src, 253, "area");
    CHECK(f != NULL);
    CHECK(f && f->fix == RV_FIX_DOCSTRING);
    rv_findings_finish(&out);

    set_int("docstring-test-methods", 1);
    set_int("docstring-min-lines", 2);
    analyse("test_pool.py", docs_src, &out);
    CHECK(find(&out, docs_src, 253, "test_empty") == NULL); // 1 line < 2
    CHECK(find(&out, docs_src, 253, "area") == NULL);
    rv_findings_finish(&out);

    set_int("docstring-min-lines", 0);
    analyse("test_pool.py", docs_src, &out);
    CHECK(find(&out, docs_src, 253, "test_empty") != NULL);
    rv_findings_finish(&out);

    // With the setting on, a test module needs its docstring too.
    static const char bare[] = "import unittest\nclass TestX(unittest.TestCase):\n    pass\n";
    analyse("test_x.py", bare, &out);
    CHECK_EQ_INT(count_code(&out, 251), 1);
    rv_findings_finish(&out);
    reset_config();
    analyse("test_x.py", bare, &out);
    CHECK_EQ_INT(count_code(&out, 251), 0);
    rv_findings_finish(&out);
}

static void test_comment_settings(void) {
    // Twelve lines and one comment on the fourth: quiet by default, found with lower limits.
    static const char src[] = "def sync(rows):\n"
                              "    a = 1\n"
                              "    b = 2\n"
                              "    # Reconcile.\n"
                              "    c = 3\n"
                              "    d = 4\n"
                              "    e = 5\n"
                              "    f = 6\n"
                              "    g = 7\n"
                              "    h = 8\n"
                              "    i = 9\n"
                              "    return a + b + c + d + e + f + g + h + i\n";
    reset_config();
    struct rv_findings out;
    analyse("m.py", src, &out);
    CHECK_EQ_INT(count_code(&out, 401) + count_code(&out, 402), 0);
    rv_findings_finish(&out);
    set_int("max-comment-free-lines", 5);
    set_int("max-uncommented-stretch", 7);
    analyse("m.py", src, &out);
    const struct rv_finding *f = find(&out, src, 402, "sync");
    CHECK(f != NULL);
    CHECK_EQ_STR(f ? f->message : NULL,
                 "`sync` runs 8 lines without a comment (lines 5-12; limit 7)");
    CHECK_EQ_INT(f ? f->related.len : 0, 1);
    rv_findings_finish(&out);
    set_int("max-uncommented-stretch", 8);
    analyse("m.py", src, &out);
    CHECK_EQ_INT(count_code(&out, 402), 0);
    rv_findings_finish(&out);
}

int main(void) {
    rv_parse_global_init();
    rv_config_init(&config);
    test_type_hint_fixes();
    test_annotation_ratio();
    test_docstring_settings();
    test_comment_settings();
    rv_config_finish(&config);
    return CHECK_DONE();
}
