// SPDX-License-Identifier: MIT
// Incremental analysis, case by case: edits that change what one statement's findings depend
// on in another, each followed by the document's own analysis (rv_doc_analyze), which must
// equal a whole analysis of the same tree and must have taken the incremental path. The random
// oracles (test_oracle) find such cases by chance; these keep the ones found so far.
#include "check.h"
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"

/* An edit: replace `del` bytes at the `nth` (0-based) occurrence of `at`, plus `skip`. */
struct step {
    const char *at;
    int nth;
    size_t skip;
    size_t del;
    const char *ins;
};

struct scenario {
    const char *name;
    const char *text;
    struct step steps[4];
    const char *path; /* the path analysed; NULL for m.py */
    bool windowed;    /* every step reads only the units around the edit from the tree */
};

static const struct scenario scenarios[] = {
    {"renaming a test base class makes its subclass ordinary code (security reads is_test)",
     "import unittest\n\n\nclass Base(unittest.TestCase):\n    def setUp(self):\n"
     "        self.value = 1\n\n\ndef helper():\n    return 1\n\n\nclass Foo(Base):\n"
     "    def test_a(self):\n        assert self.value == 1\n\n"
     "    def test_b(self):\n        assert self.value == 2\n",
     {{"class Base", 0, 9, 1, ""}, {"class Bas", 0, 9, 0, "e"}, {NULL, 0, 0, 0, NULL}},
     NULL,
     false},
    {"a second binding of a module name is not the first in its scope",
     "def first():\n    return 1\n\n\ndef second():\n    return 2\n\n\nMaxValue = 3\n",
     {{"def second", 0, 0, 0, "MaxValue = 1\n\n\n"}, {"MaxValue = 1", 0, 0, 15, ""}, {NULL}},
     NULL,
     false},
    {"a method added to a class changes its method count",
     "class Service:\n    \"\"\"Serves.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        return 2\n\n\ndef tail():\n    return 3\n",
     {{"    def b", 0, 0, 0, "    def c(self):\n        return 4\n\n"},
      {"    def c", 0, 0, 34, ""},
      {NULL}},
     NULL,
     false},
    {"a class that grows keeps its later code inside it (the head holds the class node)",
     "import unittest\n\n\nclass ThingTest(unittest.TestCase):\n    def test_a(self):\n"
     "        self.assertTrue(True)\n\n    def test_b(self):\n        x = 1\n",
     {{"        x = 1", 0, 13, 0, "\n        assert x == 1\n        assert x != 2"},
      {"        assert x == 1", 0, 0, 22, ""},
      {NULL}},
     NULL,
     false},
    {"a lone CR turned into CRLF before a multi-line string moves no copied row",
     "x = 1\r\ny = 2\r\r\n\ndef f():\n\tz = \"\"\"a\n    b\n\"\"\"\n\treturn z\n\n\n"
     "def g():\n    return 1\n",
     {{"y = 2\r", 0, 6, 0, "\n"}, {"y = 2\r\n", 0, 6, 1, ""}, {NULL}},
     NULL,
     false},
    {"a protocol constant typed into a file that named none is judged (security's memo)",
     "import ssl\n\n\ndef connect(sock):\n    return ssl.wrap_socket(sock, ssl_version=ssl.X)\n"
     "\n\ndef other():\n    return 1\n",
     {{"ssl.X", 0, 4, 1, "PROTOCOL_SSLv2"}, {"PROTOCOL_SSLv2", 0, 0, 14, "X"}, {NULL}},
     NULL,
     false},
    {"a block off the file's unit is judged in a ranged run, and not once fixed (its memo)",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n  if b:\n"
     "    return 3\n  return 4\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"return 3", 0, 7, 1, "30"},
      {"  if b:\n    return 30\n  return 4", 0, 0, 30,
       "    if b:\n        return 30\n    return 4"},
      {"return 30", 0, 7, 2, "3"},
      {NULL}},
     NULL,
     false},
    {"naming's evidence in a statement rewritten whole with the same name keeps its place",
     "lower_a = 3\nlower_b = 4\nlower_c = 5\nmixedName = 6\n\n\ndef f():\n    return 1\n",
     {{"lower_a = 3", 0, 0, 11, "lower_a = 7"}, {"lower_a = 7", 0, 0, 11, "lower_a = 3"}, {NULL}},
     NULL,
     false},
    {"a return annotation removed changes the module's habit (type hints read the outline)",
     "def a(x: int) -> int:\n    return x\n\n\ndef b(x: int) -> int:\n    return x\n\n\n"
     "def c(x: int):\n    return x\n\n\ndef d(x: int) -> int:\n    return x\n",
     {{" -> int:", 0, 0, 7, ""}, {"def a(x: int)", 0, 13, 0, " -> int"}, {NULL}},
     NULL,
     false},
    {"a ranged run judges its functions by the module's habit as the last whole run counted it",
     "def a(x: int) -> int:\n    return x\n\n\ndef b(x: int) -> int:\n    return x\n\n\n"
     "def c(x: int):\n    return x\n\n\ndef d(x: int) -> int:\n    return x\n",
     {{" -> int:", 0, 0, 7, ""}, {"    return x", 2, 12, 0, " + 1"}, {NULL}},
     NULL,
     false},
    {"a ranged run judges names by the counts and evidence of the last whole run (naming's memo)",
     "import os\n\n\ndef thirdOne(value):\n    return value\n\n\ndef first_one():\n"
     "    return 1\n\n\n"
     "def second_one():\n    return 2\n\n\ndef fourth_one():\n    return 4\n",
     {{"fourth_one", 0, 6, 4, "One"}, {"    return value", 0, 16, 0, " + 1"}, {NULL}},
     NULL,
     false},
    {"a line added above a copied function moves its rows (RV402 counts rows and comments)",
     "def first():\n    return 1\n\n\ndef long_one(a):\n    # start\n"
     "    a = a + 0\n    a = a + 1\n    a = a + 2\n"
     "    a = a + 3\n    a = a + 4\n    a = a + 5\n"
     "    a = a + 6\n    a = a + 7\n    a = a + 8\n"
     "    a = a + 9\n    a = a + 10\n    a = a + 11\n"
     "    a = a + 12\n    a = a + 13\n    a = a + 14\n"
     "    a = a + 15\n    a = a + 16\n    a = a + 17\n"
     "    a = a + 18\n    a = a + 19\n    a = a + 20\n"
     "    a = a + 21\n    a = a + 22\n    a = a + 23\n"
     "    a = a + 24\n    a = a + 25\n    a = a + 26\n"
     "    a = a + 27\n    a = a + 28\n    a = a + 29\n"
     "    a = a + 30\n    a = a + 31\n    a = a + 32\n"
     "    a = a + 33\n    a = a + 34\n    a = a + 35\n"
     "    a = a + 36\n    a = a + 37\n    a = a + 38\n"
     "    a = a + 39\n    a = a + 40\n    a = a + 41\n"
     "    return a\n",
     {{"    return 1", 0, 0, 0, "    x = 0\n"}, {"    x = 0\n", 0, 0, 10, ""}, {NULL}},
     NULL,
     false},
    {"ranged runs in a file with a class off the file's unit read the blocks around them",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n    if b:\n"
     "        return 3\n    return 4\n\n\nclass Widget:\n  def first(self, x):\n    if x:\n"
     "      return 1\n    return 0\n\n  def second(self, y):\n    if y:\n      return 2\n"
     "    return 0\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"return 2\n    return 0", 0, 7, 0, "0"},
      {"return 1\n    return 0", 0, 7, 0, "0"},
      {"return 3", 0, 7, 0, "0"},
      {NULL}},
     NULL,
     false},
    {"an empty block stays reported while another statement is edited (the model's count)",
     "def first():\n    return 1\n\n\ndef second():\n    return 2\n",
     {{"    return 1", 0, 0, 4, ""},
      {"return 2", 0, 8, 0, "0"},
      {"return 1", 0, 0, 0, "    "},
      {NULL}},
     NULL,
     false},
    {"a first statement commented out moves the module docstring finding to the next",
     "foo()\n\n\ndef bar():\n    \"\"\"Bar.\"\"\"\n    return 1\n",
     {{"foo()", 0, 0, 0, "# "}, {"# foo()", 0, 0, 2, ""}, {NULL}},
     NULL,
     false},
    {"a package's __init__ that gains code of its own needs a docstring (statement kinds)",
     "import os\n\nos.getcwd()\n",
     {{"os.getcwd()", 0, 0, 11, "if os:\n    pass"}, {"if os:", 0, 0, 15, "os.getcwd()"}, {NULL}},
     "pkg/__init__.py",
     false},
    {"a block's unit changed elsewhere changes the count in an off-unit block's message",
     "def f(a):\n    if a:\n        return 1\n    return 2\n\n\ndef g(b):\n  if b:\n"
     "    return 3\n  return 4\n\n\ndef h(c):\n    if c:\n        return 5\n    return 6\n",
     {{"        return 5", 0, 0, 2, ""}, {"      return 5", 0, 0, 0, "  "}, {NULL}},
     NULL,
     false},
    {"a continuation line indented with a tab changes the counts in another's message",
     "def f():\n\tx = 1\n\treturn x\n\n\ndef g():\n    y = 2\n    return y\n\n\n"
     "def h():\n    return (3 +\n            4)\n",
     {{"            4)", 0, 0, 12, "\t"}, {"\t4)", 0, 0, 1, "            "}, {NULL}},
     NULL,
     false},
    /* The window (incremental.c: window_units): without a syntax error, an edit reads the
     * units around it from the tree and keeps the others' places. */
    {"typing in a method of a split class reads the class's head from the tree again",
     "import os\n\n\nclass Store:\n    \"\"\"Keeps.\"\"\"\n\n    def a(self):\n        return 1\n\n"
     "    def b(self):\n        return 2\n\n    def c(self):\n        return 3\n\n\n"
     "def tail():\n    return os.sep\n",
     {{"return 2", 0, 8, 0, "2"}, {"def b", 0, 5, 0, "b"}, {"def bb", 0, 5, 1, ""}, {NULL}},
     NULL,
     true},
    {"a line indented into the function above joins it, and leaves it again",
     "def f():\n    return 1\n\n\nx_value = 2\n\n\ndef g():\n    return 3\n",
     {{"x_value", 0, 0, 0, "    "}, {"    x_value", 0, 0, 4, ""}, {NULL}},
     NULL,
     true},
    {"a second method splits a class, and its removal joins it again",
     "class One:\n    def a(self):\n        return 1\n\n\ndef tail():\n    return 2\n",
     {{"        return 1\n", 0, 17, 0, "    def b(self):\n        return 2\n"},
      {"    def b(self)", 0, 0, 33, ""},
      {NULL}},
     NULL,
     true},
    {"an edit in a decorated class's body, and in the file's first and last statements",
     "from dataclasses import dataclass\n\n\n@dataclass\nclass P:\n    x: int = 1\n"
     "    y: int = 2\n    z: int = 3\n\n\nlast = P()\n",
     {{"y: int = 2", 0, 10, 0, "2"},
      {"from dataclasses", 0, 0, 0, "# head\n"},
      {"last = P()", 0, 10, 0, "  # tail"},
      {NULL}},
     NULL,
     true},
    {"a class's last method dedented out of it and back",
     "class K:\n    def a(self):\n        return 1\n\n    def b(self):\n        return 2\n\n\n"
     "z_value = 1\n",
     {{"    def b", 0, 0, 4, ""}, {"def b", 0, 0, 0, "    "}, {NULL}},
     NULL,
     false},
};

static size_t find_nth(const struct rv_text *t, const char *needle, int nth) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= t->len; i++) {
        if (memcmp(t->bytes + i, needle, n) == 0 && nth-- == 0) {
            return i;
        }
    }
    return SIZE_MAX;
}

static char *findings_text(const struct rv_findings *out) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < out->list.len; i++) {
        const struct rv_finding *f = &out->list.items[i];
        rv_strbuf_printf(&sb, "%u %u-%u %s\n", f->code, f->start_byte, f->end_byte, f->message);
        for (size_t r = 0; r < f->related.len; r++) {
            rv_strbuf_printf(&sb, "  related %u-%u %s\n", f->related.items[r].start_byte,
                             f->related.items[r].end_byte, f->related.items[r].message);
        }
    }
    return sb.data ? rv_strbuf_take(&sb) : rv_xstrdup("");
}

static void run(const struct scenario *sc, const struct rv_config *cfg, TSParser *parser) {
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///m.py", 1, sc->text, strlen(sc->text));
    rv_doc_parse(doc, parser);
    const char *path = sc->path ? sc->path : "m.py";
    // The first analysis makes no state; an edit that changes nothing makes the first one.
    for (int warm = 0; warm < 2; warm++) {
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path};
        struct rv_findings out = {0};
        rv_doc_analyze(doc, &in, &out);
        rv_findings_finish(&out);
        if (warm == 0) {
            rv_doc_edit(doc, 0, 0, "", 0);
            rv_doc_parse(doc, parser);
        }
    }
    for (const struct step *st = sc->steps; st->at != NULL; st++) {
        size_t at = find_nth(&doc->text, st->at, st->nth);
        CHECK(at != SIZE_MAX);
        if (at == SIZE_MAX) {
            break;
        }
        at += st->skip;
        CHECK_EQ_INT(rv_doc_edit(doc, at, at + st->del, st->ins, strlen(st->ins)), 0);
        rv_doc_parse(doc, parser);
        struct rv_analysis_input in = {&doc->text, doc->tree, cfg, path};
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        struct rv_analysis_stats before = rv_analysis_state_stats(doc->analysis);
        rv_doc_analyze(doc, &in, &mine);
        rv_analyze(&in, &whole);
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "%s, step %d:\n--- incremental\n%s--- whole\n%s", sc->name,
                    (int)(st - sc->steps) + 1, a, b);
        }
        CHECK(strcmp(a, b) == 0);
        struct rv_analysis_stats after = rv_analysis_state_stats(doc->analysis);
        CHECK(after.incremental == before.incremental + 1);
        if (sc->windowed && after.windowed != before.windowed + 1) {
            fprintf(stderr, "%s, step %d: not windowed\n", sc->name, (int)(st - sc->steps) + 1);
            CHECK(after.windowed == before.windowed + 1);
        }
        free(a);
        free(b);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
    }
    rv_doc_store_finish(&store);
}

// A character typed after the last newline of a module over the line limit: the line count
// stays (the empty last line becomes a line with text), but the module's count of lines, which
// RV551 quotes, grows by one (the typing oracle over os.py).
static void run_long_module(const struct rv_config *cfg, TSParser *parser) {
    struct rv_strbuf sb = {0};
    for (int i = 0; i < 1100; i++) {
        rv_strbuf_printf(&sb, "value_%d = %d\n", i, i);
    }
    struct scenario sc = {
        "a character typed after the last newline of a long module",
        sb.data,
        {{"value_1099 = 1099\n", 0, 18, 0, "y"}, {"value_1099 = 1099\ny", 0, 18, 1, ""}, {NULL}},
        NULL,
        true};
    run(&sc, cfg, parser);
    free(rv_strbuf_take(&sb));
}

int main(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    for (size_t i = 0; i < rv_rules_count; i++) {
        cfg.selected[rv_rules[i].code] = true;
    }
    TSParser *parser = rv_python_parser_create();
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(scenarios); i++) {
        run(&scenarios[i], &cfg, parser);
    }
    run_long_module(&cfg, parser);
    ts_parser_delete(parser);
    rv_config_finish(&cfg);
    return CHECK_DONE();
}
