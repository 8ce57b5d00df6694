// SPDX-License-Identifier: MIT
// The fix builders of actions/: every case in tests/actions/<case>.py names a rule and an
// action on its first line (`# case: RV253 fix docstring-style=numpy`); the test applies it,
// compares with <case>.fixed.py, re-parses (no syntax error), re-analyses (the finding is gone,
// no rule fires that did not before). Scope cases of renames are inline below.
#include "check.h"
#include "reviewls/actions.h"
#include "reviewls/parse.h"

#include <dirent.h>
#include <stdbool.h>

struct parsed {
    struct rv_text text;
    TSTree *tree;
    struct rv_model model;
    struct rv_findings findings;
};

static TSParser *parser;

static void parse(struct parsed *p, const char *src, size_t len, const struct rv_config *cfg) {
    rv_text_init(&p->text, src, len);
    p->tree = rv_parse_text(parser, &p->text, NULL);
    rv_model_build(&p->model, &p->text, ts_tree_root_node(p->tree), false);
    p->findings = (struct rv_findings){0};
    struct rv_analysis_input in = {&p->text, p->tree, cfg, "case.py", 0, 0, NULL, false, NULL};
    rv_analyze(&in, &p->findings);
}

static void unparse(struct parsed *p) {
    rv_findings_finish(&p->findings);
    rv_model_finish(&p->model);
    ts_tree_delete(p->tree);
    rv_text_finish(&p->text);
}

static struct rv_action_input input_of(const struct parsed *p, const struct rv_config *cfg) {
    struct rv_action_input in = {&p->text, ts_tree_root_node(p->tree), &p->model, cfg};
    return in;
}

static size_t count_code(const struct rv_findings *fs, uint16_t code) {
    size_t n = 0;
    for (size_t i = 0; i < fs->list.len; i++) {
        n += fs->list.items[i].code == code;
    }
    return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Renames, by scope. */

// Renames the name at the first occurrence of `needle` (plus `skip` bytes) to `to`.
static char *rename_at(const char *src, const char *needle, size_t skip, const char *to,
                       enum rv_rename_status *status) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct parsed p;
    parse(&p, src, strlen(src), &cfg);
    struct rv_action_input in = input_of(&p, &cfg);
    const char *at = strstr(src, needle);
    CHECK(at != NULL);
    struct rv_edits edits = {0};
    *status = rv_actions_rename(&in, (uint32_t)(at - src + skip), to, &edits);
    char *out = rv_edits_apply(src, strlen(src), &edits, NULL);
    rv_edits_finish(&edits);
    unparse(&p);
    rv_config_finish(&cfg);
    return out;
}

static void check_rename(int line, const char *src, const char *needle, size_t skip, const char *to,
                         enum rv_rename_status want, const char *expected) {
    enum rv_rename_status st;
    char *out = rename_at(src, needle, skip, to, &st);
    if ((int)st != (int)want) {
        fprintf(stderr, "line %d: status %d, expected %d\n", line, st, want);
    }
    CHECK_EQ_INT(st, want);
    CHECK_EQ_STR(out, expected);
    free(out);
}

static void test_renames(void) {
    // A local renames inside its function only; the module-level name of the same text stays.
    check_rename(__LINE__,
                 "value = 1\n"
                 "def f():\n"
                 "    value = 2\n"
                 "    return value + 1\n"
                 "print(value)\n",
                 "value = 2", 0, "amount", RV_RENAME_OK,
                 "value = 1\n"
                 "def f():\n"
                 "    amount = 2\n"
                 "    return amount + 1\n"
                 "print(value)\n");
    // A module function: definition, calls, and uses in other functions; a shadowing
    // parameter of the same name is left alone.
    check_rename(__LINE__,
                 "def getData():\n"
                 "    return 1\n"
                 "def g(getData):\n"
                 "    return getData\n"
                 "def h():\n"
                 "    return getData() + 1\n"
                 "x = getData()\n",
                 "getData():", 0, "get_data", RV_RENAME_OK,
                 "def get_data():\n"
                 "    return 1\n"
                 "def g(getData):\n"
                 "    return getData\n"
                 "def h():\n"
                 "    return get_data() + 1\n"
                 "x = get_data()\n");
    // A nested function sees its enclosing function's local.
    check_rename(__LINE__,
                 "def outer():\n"
                 "    count = 0\n"
                 "    def inner():\n"
                 "        return count\n"
                 "    return inner() + count\n",
                 "count = 0", 0, "total", RV_RENAME_OK,
                 "def outer():\n"
                 "    total = 0\n"
                 "    def inner():\n"
                 "        return total\n"
                 "    return inner() + total\n");
    // `global` makes the function's name the module's.
    check_rename(__LINE__,
                 "counter = 0\n"
                 "def bump():\n"
                 "    global counter\n"
                 "    counter += 1\n"
                 "def other():\n"
                 "    counter = 5\n"
                 "    return counter\n",
                 "counter = 0", 0, "hits", RV_RENAME_OK,
                 "hits = 0\n"
                 "def bump():\n"
                 "    global hits\n"
                 "    hits += 1\n"
                 "def other():\n"
                 "    counter = 5\n"
                 "    return counter\n");
    // The same attribute name in two classes: only the class of the `self` renames.
    check_rename(__LINE__,
                 "class A:\n"
                 "    def __init__(self):\n"
                 "        self.userName = 1\n"
                 "    def get(self):\n"
                 "        return self.userName\n"
                 "class B:\n"
                 "    def __init__(self):\n"
                 "        self.userName = 2\n",
                 "userName = 1", 0, "user_name", RV_RENAME_OK,
                 "class A:\n"
                 "    def __init__(self):\n"
                 "        self.user_name = 1\n"
                 "    def get(self):\n"
                 "        return self.user_name\n"
                 "class B:\n"
                 "    def __init__(self):\n"
                 "        self.userName = 2\n");
    // A method: its definition and self.method() calls in the class.
    check_rename(__LINE__,
                 "class A:\n"
                 "    def runIt(self):\n"
                 "        return 1\n"
                 "    def go(self):\n"
                 "        return self.runIt()\n",
                 "runIt(self)", 0, "run_it", RV_RENAME_OK,
                 "class A:\n"
                 "    def run_it(self):\n"
                 "        return 1\n"
                 "    def go(self):\n"
                 "        return self.run_it()\n");
    // A parameter renames in its body and in keyword arguments of calls to its function.
    check_rename(__LINE__,
                 "def send(maxRetries=3):\n"
                 "    return maxRetries\n"
                 "send(maxRetries=4)\n",
                 "maxRetries=3", 0, "max_retries", RV_RENAME_OK,
                 "def send(max_retries=3):\n"
                 "    return max_retries\n"
                 "send(max_retries=4)\n");
    // Collisions refuse: the new name exists in the scope, or would capture another binding.
    check_rename(__LINE__, "def f():\n    a = 1\n    b = 2\n    return a + b\n", "a = 1", 0, "b",
                 RV_RENAME_COLLISION, "def f():\n    a = 1\n    b = 2\n    return a + b\n");
    check_rename(__LINE__, "total = 0\ndef f():\n    a = 1\n    return a + total\n", "a = 1", 0,
                 "total", RV_RENAME_COLLISION,
                 "total = 0\ndef f():\n    a = 1\n    return a + total\n");
    // Invalid names and non-names.
    check_rename(__LINE__, "x = 1\n", "x", 0, "class", RV_RENAME_INVALID_NAME, "x = 1\n");
    check_rename(__LINE__, "x = 1\n", "x", 0, "1x", RV_RENAME_INVALID_NAME, "x = 1\n");
    check_rename(__LINE__, "x = len([])\n", "len", 0, "size", RV_RENAME_NOT_A_NAME,
                 "x = len([])\n");
    CHECK(rv_actions_is_identifier("größe"));
    CHECK(rv_actions_is_identifier("match"));
    CHECK(!rv_actions_is_identifier("None"));
    CHECK(!rv_actions_is_identifier("a-b"));
}

/* ------------------------------------------------------------------------------------------ */
/* File cases. */

static char *read_all(const char *path, size_t *len) {
    char *data = NULL;
    if (rv_read_file(path, &data, len) != 0) {
        return NULL;
    }
    return data;
}

static void run_case(const char *dir, const char *name) {
    char *path = rv_xasprintf("%s/%s", dir, name);
    size_t len;
    char *src = read_all(path, &len);
    CHECK(src != NULL);
    // "# case: RV253 fix [setting=value]"
    char code_str[16] = {0};
    char action[32] = {0};
    char setting[64] = {0};
    char first[160] = {0};
    const char *line = strstr(src, "# case:");
    line = line ? line : src;
    size_t first_len = strcspn(line, "\n");
    memcpy(first, line, first_len < sizeof(first) - 1 ? first_len : sizeof(first) - 1);
    int n = sscanf(first, "# case: %15s %31s %63s", code_str, action, setting);
    CHECK(n >= 2);
    struct rv_config cfg;
    rv_config_init(&cfg);
    if (n == 3) {
        char *eq = strchr(setting, '=');
        CHECK(eq != NULL);
        if (eq == NULL) {
            return;
        }
        *eq = '\0';
        int idx = rv_setting_index(setting);
        CHECK(idx >= 0);
        cfg.set[idx] = true;
        free(cfg.str_values[idx]);
        cfg.str_values[idx] = rv_xstrdup(eq + 1);
    }
    const struct rv_rule_info *rule = rv_rule_lookup(code_str);
    CHECK(rule != NULL);
    struct parsed p;
    parse(&p, src, len, &cfg);
    struct rv_action_input in = input_of(&p, &cfg);
    struct rv_edits edits = {0};
    size_t before = count_code(&p.findings, rule->code);
    if (strcmp(action, "fixall") == 0) {
        CHECK(rv_actions_fix_all(&in, &p.findings, &edits) > 0);
    } else {
        enum rv_action_kind kind = strcmp(action, "fix") == 0           ? RV_ACTION_FIX
                                   : strcmp(action, "file") == 0        ? RV_ACTION_REINDENT_FILE
                                   : strcmp(action, "ignore-line") == 0 ? RV_ACTION_IGNORE_LINE
                                                                        : RV_ACTION_IGNORE_FILE;
        const struct rv_finding *f = NULL;
        for (size_t i = 0; i < p.findings.list.len && f == NULL; i++) {
            if (p.findings.list.items[i].code == rule->code) {
                f = &p.findings.list.items[i];
            }
        }
        if (f == NULL) {
            fprintf(stderr, "%s: no %s finding\n", name, code_str);
        }
        CHECK(f != NULL);
        char *title = NULL;
        CHECK(f && rv_actions_build(&in, f, kind, &edits, &title));
        free(title);
    }
    rv_edits_sort(&edits);
    size_t out_len;
    char *out = rv_edits_apply(src, len, &edits, &out_len);

    char *fixed_path = rv_xasprintf("%s/%.*s.fixed.py", dir, (int)(strlen(name) - 3), name);
    size_t fixed_len;
    char *fixed = read_all(fixed_path, &fixed_len);
    if (getenv("RV_UPDATE_GOLDEN")) {
        FILE *fp = fopen(fixed_path, "wb");
        fwrite(out, 1, out_len, fp);
        fclose(fp);
    } else {
        if (fixed == NULL || strcmp(out, fixed) != 0) {
            fprintf(stderr, "%s: result differs from %s:\n%s\n", name, fixed_path, out);
        }
        CHECK(fixed != NULL && strcmp(out, fixed) == 0);
    }

    // Re-parse and re-analyse: no syntax error, the finding gone, nothing new.
    struct parsed q;
    parse(&q, out, out_len, &cfg);
    CHECK(!ts_node_has_error(ts_tree_root_node(q.tree)));
    if (strcmp(action, "fixall") != 0) {
        if (count_code(&q.findings, rule->code) >= before) {
            fprintf(stderr, "%s: %s still reported\n", name, code_str);
        }
        CHECK(count_code(&q.findings, rule->code) < before);
    }
    for (size_t i = 0; i < q.findings.list.len; i++) {
        uint16_t c = q.findings.list.items[i].code;
        if (count_code(&q.findings, c) > count_code(&p.findings, c)) {
            fprintf(stderr, "%s: new finding RV%03u: %s\n", name, c,
                    q.findings.list.items[i].message);
            CHECK(false);
        }
    }
    unparse(&q);
    unparse(&p);
    rv_edits_finish(&edits);
    rv_config_finish(&cfg);
    free(out);
    free(fixed);
    free(fixed_path);
    free(src);
    free(path);
}

static void test_cases(const char *dir) {
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (d == NULL) {
        return;
    }
    struct dirent *e;
    size_t cases = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".py") == 0 &&
            (n < 9 || strcmp(e->d_name + n - 9, ".fixed.py") != 0)) {
            run_case(dir, e->d_name);
            cases++;
        }
    }
    closedir(d);
    CHECK(cases > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Hand-made findings for fix kinds whose rules may not emit them in a given file. */

static void test_hand_made(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    const char *src = "def f(retries=3):\n    return retries\n";
    struct parsed p;
    parse(&p, src, strlen(src), &cfg);
    struct rv_action_input in = input_of(&p, &cfg);
    struct rv_finding f = {.code = 201, .start_byte = 6, .end_byte = 13};
    f.fix = RV_FIX_ANNOTATE_DEFAULT;
    f.replacement = "int";
    struct rv_edits edits = {0};
    CHECK(rv_actions_build(&in, &f, RV_ACTION_FIX, &edits, NULL));
    char *out = rv_edits_apply(src, strlen(src), &edits, NULL);
    CHECK_EQ_STR(out, "def f(retries: int = 3):\n    return retries\n");
    free(out);
    rv_edits_clear(&edits);
    f.fix = RV_FIX_RETURN_NONE;
    f.start_byte = 4;
    f.end_byte = 5;
    CHECK(rv_actions_build(&in, &f, RV_ACTION_FIX, &edits, NULL));
    out = rv_edits_apply(src, strlen(src), &edits, NULL);
    CHECK_EQ_STR(out, "def f(retries=3) -> None:\n    return retries\n");
    free(out);
    rv_edits_finish(&edits);
    unparse(&p);

    // A body that shares its line with a colon continued from the header (the fuzzer's): a
    // docstring inserted above that line would split the colon from its header.
    const char *cont = "def get_data(a)\\\n: return a\n";
    parse(&p, cont, strlen(cont), &cfg);
    in = input_of(&p, &cfg);
    CHECK(!ts_node_has_error(ts_tree_root_node(p.tree)));
    struct rv_finding d = {.code = 253, .start_byte = 4, .end_byte = 12};
    d.fix = RV_FIX_DOCSTRING;
    edits = (struct rv_edits){0};
    CHECK(!rv_actions_build(&in, &d, RV_ACTION_FIX, &edits, NULL));
    rv_edits_finish(&edits);
    unparse(&p);

    // noqa after a multi-line string goes on the line where the string ends.
    const char *s2 = "x = \"\"\"a\nb\"\"\"\ny = 1  # noqa: RV101\n";
    parse(&p, s2, strlen(s2), &cfg);
    in = input_of(&p, &cfg);
    struct rv_finding g = {.code = 105, .start_byte = 0, .end_byte = 1};
    edits = (struct rv_edits){0};
    CHECK(rv_actions_build(&in, &g, RV_ACTION_IGNORE_LINE, &edits, NULL));
    out = rv_edits_apply(s2, strlen(s2), &edits, NULL);
    CHECK_EQ_STR(out, "x = \"\"\"a\nb\"\"\"  # noqa: RV105\ny = 1  # noqa: RV101\n");
    free(out);
    rv_edits_clear(&edits);
    // An existing noqa list is extended; a code already there gives no action.
    struct rv_finding h = {.code = 104, .start_byte = 14, .end_byte = 15};
    CHECK(rv_actions_build(&in, &h, RV_ACTION_IGNORE_LINE, &edits, NULL));
    out = rv_edits_apply(s2, strlen(s2), &edits, NULL);
    CHECK_EQ_STR(out, "x = \"\"\"a\nb\"\"\"\ny = 1  # noqa: RV101, RV104\n");
    free(out);
    rv_edits_clear(&edits);
    h.code = 101;
    CHECK(!rv_actions_build(&in, &h, RV_ACTION_IGNORE_LINE, &edits, NULL));
    rv_edits_finish(&edits);
    unparse(&p);

    // ignore-file goes after a shebang and an encoding line.
    const char *s3 = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n";
    parse(&p, s3, strlen(s3), &cfg);
    in = input_of(&p, &cfg);
    CHECK(rv_actions_build(&in, &g, RV_ACTION_IGNORE_FILE, &edits, NULL));
    out = rv_edits_apply(s3, strlen(s3), &edits, NULL);
    CHECK_EQ_STR(out, "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n"
                      "# reviewls: ignore-file[RV105]\nx = 1\n");
    free(out);
    rv_edits_finish(&edits);
    unparse(&p);
    rv_config_finish(&cfg);
}

int main(int argc, char **argv) {
    rv_parse_global_init();
    parser = rv_python_parser_create();
    test_renames();
    test_hand_made();
    if (argc > 1) {
        test_cases(argv[1]);
    }
    ts_parser_delete(parser);
    return CHECK_DONE();
}
