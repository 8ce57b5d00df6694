// SPDX-License-Identifier: MIT
// `reviewls check`: the same engine as the server, over files and directories, with text and
// JSON output. Columns in output are 1-based and count Unicode code points.
#include "reviewls/analysis.h"
#include "reviewls/cli.h"
#include "reviewls/parse.h"
#include "reviewls/util.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum format { FORMAT_TEXT, FORMAT_JSON };

struct check_run {
    enum format format;
    struct rv_config config;
    TSParser *parser;
    RV_VEC(char *) files;
    size_t findings;
    int io_errors;
    json_t *json;
};

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_python(const char *name) {
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".py") == 0;
}

// Collects *.py below `dir` in sorted order, skipping hidden folders and symbolic links.
static void collect_dir(struct check_run *run, const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "reviewls: %s: %s\n", dir, strerror(errno));
        run->io_errors++;
        return;
    }
    RV_VEC(char *) names = {0};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.' || strcmp(ent->d_name, "__pycache__") == 0 ||
            strcmp(ent->d_name, "node_modules") == 0) {
            continue;
        }
        rv_vec_push(&names, rv_xstrdup(ent->d_name));
    }
    closedir(d);
    if (names.len) {
        qsort(names.items, names.len, sizeof(char *), cmp_str);
    }
    for (size_t i = 0; i < names.len; i++) {
        char *path = rv_xasprintf("%s/%s", dir, names.items[i]);
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                collect_dir(run, path);
            } else if (S_ISREG(st.st_mode) && is_python(names.items[i])) {
                rv_vec_push(&run->files, path);
                path = NULL;
            }
        }
        free(path);
        free(names.items[i]);
    }
    rv_vec_finish(&names);
}

static void collect(struct check_run *run, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "reviewls: %s: %s\n", path, strerror(errno));
        run->io_errors++;
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        char *trimmed = rv_xstrndup(path, n > 1 && path[n - 1] == '/' ? n - 1 : n);
        collect_dir(run, trimmed);
        free(trimmed);
    } else {
        rv_vec_push(&run->files, rv_xstrdup(path));
    }
}

static void emit(struct check_run *run, const char *path, const struct rv_text *text,
                 const struct rv_finding *f) {
    const struct rv_rule_info *rule = rv_rule_by_code(f->code);
    struct rv_lsp_pos start = rv_text_pos_of(text, f->start_byte, RV_ENC_UTF32);
    struct rv_lsp_pos end = rv_text_pos_of(text, f->end_byte, RV_ENC_UTF32);
    if (run->format == FORMAT_TEXT) {
        printf("%s:%u:%u: %s %s\n", path, start.line + 1, start.character + 1,
               rule ? rule->code_str : "RV???", f->message);
        return;
    }
    json_t *obj = json_object();
    json_object_set_new(obj, "path", json_string(path));
    json_object_set_new(obj, "line", json_integer(start.line + 1));
    json_object_set_new(obj, "column", json_integer(start.character + 1));
    json_object_set_new(obj, "end_line", json_integer(end.line + 1));
    json_object_set_new(obj, "end_column", json_integer(end.character + 1));
    json_object_set_new(obj, "code", json_string(rule ? rule->code_str : "RV???"));
    json_object_set_new(obj, "name", json_string(rule ? rule->name : "unknown"));
    json_object_set_new(obj, "category", json_string(rule ? rv_category_name(rule->category) : ""));
    json_object_set_new(obj, "severity", json_string(rv_severity_name(f->severity)));
    // Messages quote the user's bytes; jansson refuses invalid UTF-8, so fall back to a copy
    // with the bad bytes replaced.
    json_t *msg = json_string(f->message);
    if (msg == NULL) {
        struct rv_strbuf sb = {0};
        const unsigned char *p = (const unsigned char *)f->message;
        size_t len = strlen(f->message);
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            bool ok;
            size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
            if (ok) {
                rv_strbuf_append(&sb, f->message + i, n);
            } else {
                rv_strbuf_puts(&sb, "\xEF\xBF\xBD");
            }
            i += n;
        }
        msg = json_string(sb.data ? sb.data : "");
        rv_strbuf_finish(&sb);
    }
    json_object_set_new(obj, "message", msg);
    json_array_append_new(run->json, obj);
}

static void check_file(struct check_run *run, const char *path) {
    char *bytes = NULL;
    size_t len = 0;
    int err = rv_read_file(path, &bytes, &len);
    if (err != 0) {
        fprintf(stderr, "reviewls: %s: %s\n", path, strerror(-err));
        run->io_errors++;
        return;
    }
    struct rv_text text;
    if (rv_text_init(&text, bytes, len) != 0) {
        fprintf(stderr, "reviewls: %s: file too large, skipped\n", path);
        free(bytes);
        run->io_errors++;
        return;
    }
    free(bytes);
    TSTree *tree = rv_parse_text(run->parser, &text, NULL);
    struct rv_findings findings = {0};
    struct rv_analysis_input in = {&text, tree, &run->config, path};
    rv_analyze(&in, &findings);
    for (size_t i = 0; i < findings.list.len; i++) {
        emit(run, path, &text, &findings.list.items[i]);
    }
    run->findings += findings.list.len;
    rv_findings_finish(&findings);
    ts_tree_delete(tree);
    rv_text_finish(&text);
}

static int usage(void) {
    fprintf(stderr, "usage: reviewls check [--format text|json] [--select CODES] [--ignore CODES] "
                    "PATH...\n");
    return 2;
}

// Applies a comma-separated list of codes, names or categories to the selection.
static bool apply_list(struct rv_config *cfg, const char *list, bool select) {
    char *copy = rv_xstrdup(list);
    bool ok = true;
    if (select) {
        memset(cfg->selected, 0, sizeof(cfg->selected));
    }
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        const struct rv_rule_info *rule = rv_rule_lookup(tok);
        enum rv_category cat;
        if (rule) {
            cfg->selected[rule->code] = select;
        } else if (rv_category_parse(tok, &cat)) {
            for (size_t i = 0; i < rv_rules_count; i++) {
                if (rv_rules[i].category == cat) {
                    cfg->selected[rv_rules[i].code] = select;
                }
            }
        } else if (strcmp(tok, "ALL") == 0 || strcmp(tok, "all") == 0) {
            for (size_t i = 0; i < rv_rules_count; i++) {
                cfg->selected[rv_rules[i].code] = select;
            }
        } else {
            fprintf(stderr, "reviewls: unknown rule or category: %s\n", tok);
            ok = false;
        }
    }
    free(copy);
    return ok;
}

int rv_cli_check(int argc, char **argv) {
    struct check_run run = {.format = FORMAT_TEXT};
    rv_config_init(&run.config);
    RV_VEC(const char *) paths = {0};
    int status = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        if (strncmp(arg, "--format", 8) == 0 || strcmp(arg, "--select") == 0 ||
            strcmp(arg, "--ignore") == 0 || strncmp(arg, "--select=", 9) == 0 ||
            strncmp(arg, "--ignore=", 9) == 0) {
            const char *eq = strchr(arg, '=');
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                status = usage();
                goto out;
            }
        }
        if (strncmp(arg, "--format", 8) == 0) {
            if (strcmp(value, "text") == 0) {
                run.format = FORMAT_TEXT;
            } else if (strcmp(value, "json") == 0) {
                run.format = FORMAT_JSON;
            } else {
                fprintf(stderr, "reviewls: unknown format: %s\n", value);
                status = 2;
                goto out;
            }
        } else if (strncmp(arg, "--select", 8) == 0 || strncmp(arg, "--ignore", 8) == 0) {
            if (!apply_list(&run.config, value, arg[2] == 's')) {
                status = 2;
                goto out;
            }
        } else if (strcmp(arg, "--") == 0) {
            for (i++; i < argc; i++) {
                rv_vec_push(&paths, argv[i]);
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "reviewls: unknown option: %s\n", arg);
            status = usage();
            goto out;
        } else {
            rv_vec_push(&paths, arg);
        }
    }
    if (paths.len == 0) {
        status = usage();
        goto out;
    }
    for (size_t i = 0; i < paths.len; i++) {
        collect(&run, paths.items[i]);
    }
    run.parser = rv_python_parser_create();
    if (run.format == FORMAT_JSON) {
        run.json = json_array();
    }
    for (size_t i = 0; i < run.files.len; i++) {
        check_file(&run, run.files.items[i]);
    }
    if (run.format == FORMAT_JSON) {
        char *dump = json_dumps(run.json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", dump ? dump : "[]");
        free(dump);
        json_decref(run.json);
    }
    fflush(stdout);
    status = run.io_errors ? 2 : run.findings ? 1 : 0;
out:
    for (size_t i = 0; i < run.files.len; i++) {
        free(run.files.items[i]);
    }
    rv_vec_finish(&run.files);
    rv_vec_finish(&paths);
    if (run.parser) {
        ts_parser_delete(run.parser);
    }
    rv_config_finish(&run.config);
    return status;
}

int rv_cli_rules(int argc, char **argv) {
    for (size_t i = 0; i < rv_rules_count; i++) {
        const struct rv_rule_info *r = &rv_rules[i];
        printf("%s  %-34s %-19s %-11s %s%s\n", r->code_str, r->name, rv_category_name(r->category),
               rv_severity_name(r->severity), r->summary, r->has_fix ? " [fix]" : "");
    }
    return 0;
}

int rv_cli_rule(int argc, char **argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: reviewls rule CODE|NAME\n");
        return 2;
    }
    const struct rv_rule_info *r = rv_rule_lookup(argv[0]);
    if (r == NULL) {
        fprintf(stderr, "reviewls: unknown rule: %s\n", argv[0]);
        return 2;
    }
    printf("%s %s (%s, %s%s)\n\n%s\n\n%s\n", r->code_str, r->name, rv_category_name(r->category),
           rv_severity_name(r->severity), r->has_fix ? ", has a fix" : "", r->summary,
           r->rationale);
    if (r->bandit) {
        printf("\nbandit: %s\n", r->bandit);
    }
    printf("\nBad:\n\n%s\nGood:\n\n%s", r->bad, r->good);
    if (r->settings[0]) {
        printf("\nSettings:\n");
        char *copy = rv_xstrdup(r->settings);
        for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            int idx = rv_setting_index(tok);
            const struct rv_setting_info *s = &rv_settings[idx];
            if (s->type == RV_SETTING_STRING) {
                printf("  %s (default \"%s\"): %s\n", s->name, s->default_str, s->description);
            } else if (s->type == RV_SETTING_BOOL) {
                printf("  %s (default %s): %s\n", s->name, s->default_int ? "true" : "false",
                       s->description);
            } else {
                printf("  %s (default %ld): %s\n", s->name, s->default_int, s->description);
            }
        }
        free(copy);
    }
    return 0;
}
