// SPDX-License-Identifier: MIT
// Unit tests of config/: editor settings (JSON) and [tool.reviewls] (TOML) with good values,
// bad types, unknown keys and syntax errors, pyproject discovery, and exclude globs.
#include "check.h"
#include "reviewls/config.h"
#include "reviewls/parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int code_of(const char *name) {
    const struct rv_rule_info *r = rv_rule_lookup(name);
    if (r == NULL) {
        fprintf(stderr, "no rule %s in the catalogue\n", name);
        exit(1);
    }
    return r->code;
}

// Index of the first error whose message contains `needle`, or -1.
static int find_error(const struct rv_config_errors *errs, const char *needle) {
    for (size_t i = 0; i < errs->list.len; i++) {
        if (strstr(errs->list.items[i].message, needle)) {
            return (int)i;
        }
    }
    return -1;
}

static void dump_errors(const struct rv_config_errors *errs) {
    for (size_t i = 0; i < errs->list.len; i++) {
        fprintf(stderr, "  %u:%u: %s\n", errs->list.items[i].line, errs->list.items[i].column,
                errs->list.items[i].message);
    }
}

static int apply_toml(struct rv_config *cfg, const char *text, struct rv_config_errors *errs) {
    return rv_config_apply_toml(cfg, text, strlen(text), errs);
}

static void test_json_good(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    json_error_t jerr;
    json_t *settings = json_loads(
        "{\"reviewls\": {\"select\": [\"syntax\", \"RV101\"], \"extend-select\": [\"RV102\"],"
        " \"ignore\": [\"missing-token\"], \"max-parameters\": 9, \"docstring_style\": \"numpy\","
        " \"docstringTestMethods\": true, \"severity\": {\"RV101\": \"error\", \"syntax\": "
        "\"hint\"}, \"exclude\": [\"build/**\"], \"baseline\": \".reviewls-baseline.json\","
        " \"max-locals\": null}}",
        0, &jerr);
    CHECK(settings != NULL);
    rv_config_apply_json(&cfg, settings, &errs);
    dump_errors(&errs);
    CHECK_EQ_INT(errs.list.len, 0);
    CHECK(cfg.selected[code_of("RV001")]);
    CHECK(cfg.selected[code_of("RV101")]);
    CHECK(cfg.selected[code_of("RV102")]);
    CHECK(!cfg.selected[code_of("RV002")]);
    CHECK(!cfg.selected[code_of("RV103")]);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-parameters"), 9);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-locals"), 15);
    CHECK_EQ_STR(rv_config_str(&cfg, "docstring-style"), "numpy");
    CHECK(rv_config_bool(&cfg, "docstring-test-methods"));
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV101")), RV_SEVERITY_ERROR);
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV001")), RV_SEVERITY_HINT);
    CHECK_EQ_INT(cfg.exclude.len, 1);
    CHECK_EQ_STR(cfg.baseline, ".reviewls-baseline.json");
    json_decref(settings);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_json_bad(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    json_t *settings = json_loads(
        "{\"max-parameters\": \"six\", \"docstring-style\": \"epytext\", \"no-such-key\": 1,"
        " \"select\": [\"RV999\", \"RV101\", 3], \"docstring-test-methods\": 1,"
        " \"max-locals\": -4, \"severity\": {\"RV101\": \"fatal\"}, \"max-nesting\": 7}",
        0, NULL);
    rv_config_apply_json(&cfg, settings, &errs);
    CHECK(find_error(&errs, "max-parameters: expected an integer, got a string") >= 0);
    CHECK(find_error(&errs, "docstring-style: \"epytext\" is not one of") >= 0);
    CHECK(find_error(&errs, "unknown setting 'no-such-key'") >= 0);
    CHECK(find_error(&errs, "unknown rule or category 'RV999'") >= 0);
    CHECK(find_error(&errs, "item 3: expected a string") >= 0);
    CHECK(find_error(&errs, "docstring-test-methods: expected a boolean") >= 0);
    CHECK(find_error(&errs, "max-locals: -4 is out of range") >= 0);
    CHECK(find_error(&errs, "\"fatal\" is not one of") >= 0);
    CHECK_EQ_INT(errs.list.len, 8);
    // What could be read still applies; the bad values keep their defaults.
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 7);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-parameters"), 6);
    CHECK_EQ_STR(rv_config_str(&cfg, "docstring-style"), "google");
    CHECK(cfg.selected[code_of("RV101")]);
    CHECK(!cfg.selected[code_of("RV001")]);
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV101")), rv_rule_lookup("RV101")->severity);
    json_decref(settings);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_toml_good(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    const char *text = "[project]\n"
                       "name = \"demo\"\n"
                       "max-parameters = 99 # not ours\n"
                       "\n"
                       "[tool.other]\n"
                       "select = 12\n"
                       "\n"
                       "[tool.reviewls]\n"
                       "select = [\"syntax\", 'RV101',  # comment\n"
                       "  \"inconsistent-parameter-name\"]\n"
                       "ignore = [\"RV002\"]\n"
                       "max_parameters = 0x0A\n"
                       "max-locals = 1_000\n"
                       "docstring-test-methods = true\n"
                       "allowed-short-names = \"i,\\u006a,k\\t\"\n"
                       "placeholder-names = '''\nfoo,bar'''\n"
                       "exclude = [\"build/**\", \"*_pb2.py\"]\n"
                       "severity = { RV101 = \"error\" }\n"
                       "baseline = 'C:\\base.json'\n"
                       "\n"
                       "[tool.reviewls.severity]\n"
                       "syntax = \"warning\"\n"
                       "\"RV102\" = \"hint\"\n";
    CHECK_EQ_INT(apply_toml(&cfg, text, &errs), 0);
    dump_errors(&errs);
    CHECK_EQ_INT(errs.list.len, 0);
    CHECK(cfg.selected[code_of("RV001")]);
    CHECK(!cfg.selected[code_of("RV002")]);
    CHECK(cfg.selected[code_of("RV101")]);
    CHECK(cfg.selected[code_of("RV102")]);
    CHECK(!cfg.selected[code_of("RV103")]);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-parameters"), 10);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-locals"), 1000);
    CHECK(rv_config_bool(&cfg, "docstring-test-methods"));
    CHECK_EQ_STR(rv_config_str(&cfg, "allowed-short-names"), "i,j,k\t");
    CHECK_EQ_STR(rv_config_str(&cfg, "placeholder-names"), "foo,bar");
    CHECK_EQ_INT(cfg.exclude.len, 2);
    CHECK_EQ_STR(cfg.baseline, "C:\\base.json");
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV101")), RV_SEVERITY_ERROR);
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV102")), RV_SEVERITY_HINT);
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV001")), RV_SEVERITY_WARNING);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_toml_dotted(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    const char *text = "tool.reviewls.max-nesting = 2\n"
                       "tool.reviewls.severity.RV001 = \"hint\"\n"
                       "[tool]\n"
                       "reviewls.max-complexity = 4\n"
                       "reviewls.extend-select = \"RV101\"\n";
    CHECK_EQ_INT(apply_toml(&cfg, text, &errs), 0);
    dump_errors(&errs);
    CHECK_EQ_INT(errs.list.len, 0);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 2);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-complexity"), 4);
    CHECK_EQ_INT(rv_config_severity(&cfg, code_of("RV001")), RV_SEVERITY_HINT);
    CHECK(cfg.selected[code_of("RV101")]);
    CHECK(cfg.selected[code_of("RV002")]); // extend-select keeps the default "all"
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_toml_bad(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    const char *text = "[tool.reviewls]\n"              // 1
                       "max-parameters = \"six\"\n"     // 2
                       "mystery = 1\n"                  // 3
                       "max-nesting = 3\n"              // 4
                       "max-locals = 2.5\n"             // 5
                       "max-nesting = 4\n"              // 6
                       "[tool.reviewls.wrong]\n"        // 7
                       "x = 1\n"                        // 8
                       "[tool.reviewls.severity]\n"     // 9
                       "RV101 = 3\n"                    // 10
                       "    nonsense-rule = \"hint\"\n" // 11
                       "[[tool.reviewls]]\n";           // 12
    CHECK_EQ_INT(apply_toml(&cfg, text, &errs), 0);
    int e = find_error(&errs, "max-parameters: expected an integer, got a string");
    CHECK(e >= 0);
    if (e >= 0) {
        CHECK_EQ_INT(errs.list.items[e].line, 2);
        CHECK_EQ_INT(errs.list.items[e].column, 1);
    }
    e = find_error(&errs, "unknown setting 'mystery'");
    CHECK(e >= 0 && errs.list.items[e].line == 3);
    e = find_error(&errs, "max-locals: expected an integer, got a float");
    CHECK(e >= 0 && errs.list.items[e].line == 5);
    e = find_error(&errs, "duplicate key 'max-nesting'");
    CHECK(e >= 0 && errs.list.items[e].line == 6);
    e = find_error(&errs, "unknown setting 'wrong'");
    CHECK(e >= 0 && errs.list.items[e].line == 7);
    e = find_error(&errs, "severity.RV101: expected a string, got an integer");
    CHECK(e >= 0 && errs.list.items[e].line == 10);
    e = find_error(&errs, "unknown rule or category 'nonsense-rule'");
    CHECK(e >= 0 && errs.list.items[e].line == 11 && errs.list.items[e].column == 5);
    e = find_error(&errs, "must be a table, not an array");
    CHECK(e >= 0 && errs.list.items[e].line == 12);
    CHECK_EQ_INT(errs.list.len, 8);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 3);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-parameters"), 6);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_toml_syntax_error(void) {
    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    const char *text = "[tool.reviewls]\n"
                       "max-nesting = 2\n"
                       "max-complexity = = 3\n"
                       "max-locals = 9\n"
                       "select = [\"RV001\"\n";
    CHECK_EQ_INT(apply_toml(&cfg, text, &errs), 0);
    bool line3 = false;
    bool line5 = false;
    for (size_t i = 0; i < errs.list.len; i++) {
        if (strstr(errs.list.items[i].message, "TOML syntax error")) {
            line3 = line3 || errs.list.items[i].line == 3;
            line5 = line5 || errs.list.items[i].line == 5;
        }
    }
    CHECK(line3);
    CHECK(line5);
    if (!line3 || !line5) {
        dump_errors(&errs);
    }
    // The readable keys still apply, the broken ones keep their defaults.
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 2);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-locals"), 9);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-complexity"), 12);
    CHECK(cfg.selected[code_of("RV101")]);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);

    // Escapes that TOML forbids are errors, not silently kept.
    rv_config_init(&cfg);
    CHECK_EQ_INT(
        apply_toml(&cfg, "[tool.reviewls]\nbaseline = \"a\\uD800b\"\nmax-nesting = 1\n", &errs), 0);
    int e = find_error(&errs, "invalid unicode escape");
    CHECK(e >= 0 && errs.list.items[e].line == 2);
    CHECK(cfg.baseline == NULL);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 1);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);

    rv_config_init(&cfg);
    CHECK_EQ_INT(apply_toml(&cfg, "[tool.reviewls]\nbaseline = \"a\\qb\"\n", &errs), 0);
    e = find_error(&errs, "TOML syntax error");
    CHECK(e >= 0 && errs.list.items[e].line == 2);
    CHECK(cfg.baseline == NULL);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);

    // Not TOML at all.
    rv_config_init(&cfg);
    CHECK_EQ_INT(apply_toml(&cfg, "\x01\x02 {{{ ]]]\n", &errs), -1);
    CHECK(errs.list.len > 0);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);
}

static void test_globs(void) {
    CHECK(rv_config_glob_match("*.py", "a.py"));
    CHECK(!rv_config_glob_match("*.py", "d/a.py"));
    CHECK(rv_config_glob_match("**/*.py", "a.py"));
    CHECK(rv_config_glob_match("**/*.py", "d/e/a.py"));
    CHECK(rv_config_glob_match("a/**/b", "a/b"));
    CHECK(rv_config_glob_match("a/**/b", "a/x/y/b"));
    CHECK(!rv_config_glob_match("a/**/b", "a/x/yb"));
    CHECK(rv_config_glob_match("build/**", "build/x/y.py"));
    CHECK(rv_config_glob_match("te?t_[a-c]*.py", "test_b1.py"));
    CHECK(!rv_config_glob_match("te?t_[!a-c]*.py", "test_b1.py"));
    CHECK(!rv_config_glob_match("te?t.py", "te/t.py"));
    CHECK(rv_config_glob_match("\\*.py", "*.py"));
    CHECK(!rv_config_glob_match("\\*.py", "a.py"));

    struct rv_config cfg;
    rv_config_init(&cfg);
    const char *pats[] = {"build/**", "*_pb2.py", "migrations/", "src/gen", "/abs/only/*.py"};
    for (size_t i = 0; i < RV_ARRAY_LEN(pats); i++) {
        rv_vec_push(&cfg.exclude, rv_xstrdup(pats[i]));
    }
    const char *root = "/proj";
    CHECK(rv_config_excluded(&cfg, "/proj/build/lib/x.py", root));
    CHECK(!rv_config_excluded(&cfg, "/proj/src/build.py", root));
    CHECK(!rv_config_excluded(&cfg, "/proj/src/build/x.py", root)); // anchored at root
    CHECK(rv_config_excluded(&cfg, "/proj/api/msg_pb2.py", root));
    CHECK(rv_config_excluded(&cfg, "/proj/app/migrations/0001_init.py", root));
    CHECK(rv_config_excluded(&cfg, "/proj/app/migrations/", root));
    CHECK(!rv_config_excluded(&cfg, "/proj/app/migrations", root)); // a file of that name
    CHECK(rv_config_excluded(&cfg, "/proj/src/gen/a/b.py", root));
    CHECK(!rv_config_excluded(&cfg, "/proj/src/generated.py", root));
    CHECK(rv_config_excluded(&cfg, "/abs/only/x.py", root));
    CHECK(!rv_config_excluded(&cfg, "/abs/only/sub/x.py", root));
    CHECK(rv_config_excluded(&cfg, "/proj/./build/../build/x.py", root));
    // Outside the root only name patterns apply, to the file name.
    CHECK(rv_config_excluded(&cfg, "/elsewhere/m_pb2.py", root));
    CHECK(!rv_config_excluded(&cfg, "/elsewhere/build/x.py", root));
    CHECK(!rv_config_excluded(&cfg, "/proj/main.py", root));
    rv_config_finish(&cfg);
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_find_and_load(void) {
    char tmpl[] = "/tmp/rv-config-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (dir == NULL) {
        return;
    }
    char *sub = rv_xasprintf("%s/pkg/sub", dir);
    char *pkg = rv_xasprintf("%s/pkg", dir);
    char *py = rv_xasprintf("%s/pkg/sub/m.py", dir);
    char *toml = rv_xasprintf("%s/pyproject.toml", dir);
    CHECK_EQ_INT(mkdir(pkg, 0700), 0);
    CHECK_EQ_INT(mkdir(sub, 0700), 0);
    write_file(py, "x = 1\n");
    write_file(toml, "[tool.reviewls]\nmax-nesting = 1\nbogus = true\n");
    char *found = rv_config_find_pyproject(py);
    CHECK_EQ_STR(found, toml);
    free(found);
    found = rv_config_find_pyproject(sub);
    CHECK_EQ_STR(found, toml);
    free(found);

    struct rv_config cfg;
    rv_config_init(&cfg);
    struct rv_config_errors errs = {0};
    CHECK_EQ_INT(rv_config_load_pyproject(&cfg, toml, &errs), 0);
    CHECK_EQ_INT(rv_config_int(&cfg, "max-nesting"), 1);
    CHECK_EQ_INT(errs.list.len, 1);
    CHECK_EQ_INT(errs.list.len ? errs.list.items[0].line : 0, 3);
    char *missing = rv_xasprintf("%s/nope.toml", dir);
    CHECK_EQ_INT(rv_config_load_pyproject(&cfg, missing, &errs), -ENOENT);
    rv_config_errors_finish(&errs);
    rv_config_finish(&cfg);

    // A nearer pyproject.toml wins.
    char *inner = rv_xasprintf("%s/pkg/pyproject.toml", dir);
    write_file(inner, "[project]\nname = \"pkg\"\n");
    found = rv_config_find_pyproject(py);
    CHECK_EQ_STR(found, inner);
    free(found);

    unlink(inner);
    unlink(toml);
    unlink(py);
    rmdir(sub);
    rmdir(pkg);
    rmdir(dir);
    free(inner);
    free(missing);
    free(sub);
    free(pkg);
    free(py);
    free(toml);
}

// Codes and names reach the same catalogue entries, and only the catalogue's codes reach one.
static void test_rule_lookup(void) {
    size_t found = 0;
    for (unsigned code = 0; code <= 0xFFFF; code++) {
        const struct rv_rule_info *r = rv_rule_by_code((uint16_t)code);
        if (r != NULL) {
            CHECK(r->code == code);
            CHECK(rv_rule_lookup(r->name) == r && rv_rule_lookup(r->code_str) == r);
            found++;
        }
    }
    CHECK(found == rv_rules_count);
    for (size_t i = 0; i < rv_rules_count; i++) {
        CHECK(rv_rule_by_code(rv_rules[i].code) == &rv_rules[i]);
    }
}

int main(void) {
    rv_parse_global_init();
    test_rule_lookup();
    test_json_good();
    test_json_bad();
    test_toml_good();
    test_toml_dotted();
    test_toml_bad();
    test_toml_syntax_error();
    test_globs();
    test_find_and_load();
    return CHECK_DONE();
}
