// SPDX-License-Identifier: MIT
// The CLI side of reports: options (--format sarif|github|markdown, --statistics, --baseline,
// --write-baseline), keeping each file's text and findings until the end, and printing or
// writing the result. The builders it calls stay pure; all file access is here.
#include "reviewls/cli.h"

#include "report_internal.h"
#include "reviewls/config.h"
#include "reviewls/report.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RV_VERSION
#define RV_VERSION "0.1.0"
#endif

enum report_format { REPORT_NONE, REPORT_SARIF, REPORT_GITHUB, REPORT_MARKDOWN };

struct kept_file {
    char *path;
    struct rv_text text;
    struct rv_findings findings;
};

struct rv_cli_report {
    enum report_format format;
    bool statistics;
    bool write_baseline;
    char *baseline_path;
    char *baseline_dir; /* absolute directory of the baseline file */
    struct rv_baseline *baseline;
    RV_VEC(struct kept_file) files;
    bool selected[RV_RULE_CODE_MAX]; /* rules that ran for some file */
};

struct rv_cli_report *rv_cli_report_create(void) {
    return rv_xcalloc(1, sizeof(struct rv_cli_report));
}

void rv_cli_report_destroy(struct rv_cli_report *r) {
    if (r == NULL) {
        return;
    }
    for (size_t i = 0; i < r->files.len; i++) {
        free(r->files.items[i].path);
        rv_text_finish(&r->files.items[i].text);
        rv_findings_finish(&r->files.items[i].findings);
    }
    rv_vec_finish(&r->files);
    rv_baseline_destroy(r->baseline);
    free(r->baseline_path);
    free(r->baseline_dir);
    free(r);
}

bool rv_cli_report_set_format(struct rv_cli_report *r, const char *name) {
    if (strcmp(name, "sarif") == 0) {
        r->format = REPORT_SARIF;
    } else if (strcmp(name, "github") == 0) {
        r->format = REPORT_GITHUB;
    } else if (strcmp(name, "markdown") == 0) {
        r->format = REPORT_MARKDOWN;
    } else {
        return false;
    }
    return true;
}

int rv_cli_report_option(struct rv_cli_report *r, int argc, char **argv, int *i) {
    const char *arg = argv[*i];
    if (strcmp(arg, "--statistics") == 0) {
        r->statistics = true;
        return 1;
    }
    if (strcmp(arg, "--write-baseline") == 0) {
        r->write_baseline = true;
        return 1;
    }
    if (strncmp(arg, "--baseline", 10) == 0 && (arg[10] == '\0' || arg[10] == '=')) {
        const char *value = arg[10] == '=' ? arg + 11 : NULL;
        if (value == NULL) {
            if (*i + 1 >= argc) {
                return -1;
            }
            value = argv[++*i];
        }
        free(r->baseline_path);
        r->baseline_path = rv_xstrdup(value);
        return 1;
    }
    return 0;
}

// The absolute directory holding `path`, which may not exist yet (we may be about to write it).
static char *absolute_dir(const char *path) {
    const char *slash = strrchr(path, '/');
    char *dir =
        slash ? rv_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : rv_xstrdup(".");
    char *abs = realpath(dir, NULL);
    free(dir);
    return abs;
}

int rv_cli_report_start(struct rv_cli_report *r) {
    if (r->write_baseline && r->baseline_path == NULL) {
        fprintf(stderr, "reviewls: --write-baseline needs --baseline FILE\n");
        return -1;
    }
    if (r->baseline_path == NULL) {
        return 0;
    }
    r->baseline_dir = absolute_dir(r->baseline_path);
    if (r->baseline_dir == NULL) {
        fprintf(stderr, "reviewls: --baseline %s: %s\n", r->baseline_path, strerror(errno));
        return -1;
    }
    if (r->write_baseline) {
        return 0;
    }
    char *bytes = NULL;
    size_t len = 0;
    int err = rv_read_file(r->baseline_path, &bytes, &len);
    if (err != 0) {
        fprintf(stderr, "reviewls: --baseline %s: %s\n", r->baseline_path, strerror(-err));
        return -1;
    }
    char msg[256];
    r->baseline = rv_baseline_load(bytes, len, r->baseline_dir, msg, sizeof(msg));
    free(bytes);
    if (r->baseline == NULL) {
        fprintf(stderr, "reviewls: --baseline %s: %s\n", r->baseline_path, msg);
        return -1;
    }
    return 0;
}

bool rv_cli_report_collects(const struct rv_cli_report *r) {
    return r->format != REPORT_NONE || r->statistics || r->write_baseline;
}

// Baselines name files relative to their own directory, so that the same file is found
// whatever the working directory of the run.
static char *baseline_path_of(const struct rv_cli_report *r, const char *path) {
    char *abs = realpath(path, NULL);
    if (abs == NULL) {
        return rv_xstrdup(path);
    }
    char *rel = rv_xstrdup(rv_report__relative(abs, r->baseline_dir));
    free(abs);
    return rel;
}

void rv_cli_report_filter(struct rv_cli_report *r, const char *path, const struct rv_text *text,
                          struct rv_findings *findings) {
    if (r->baseline == NULL) {
        return;
    }
    char *key_path = baseline_path_of(r, path);
    rv_baseline_filter(r->baseline, key_path, text, findings);
    free(key_path);
}

void rv_cli_report_add(struct rv_cli_report *r, const char *path, struct rv_text *text,
                       struct rv_findings *findings, const struct rv_config *config) {
    struct kept_file kept = {.path = rv_xstrdup(path), .text = *text};
    memset(text, 0, sizeof(*text));
    rv_findings_take(&kept.findings, findings);
    rv_vec_push(&r->files, kept);
    for (size_t c = 0; config && c < RV_RULE_CODE_MAX; c++) {
        r->selected[c] = r->selected[c] || config->selected[c];
    }
}

static int write_baseline(struct rv_cli_report *r, const struct rv_report_file *files, size_t n) {
    // Paths are recorded relative to the baseline's directory.
    char **abs = rv_xcalloc(n + 1, sizeof(char *));
    struct rv_report_file *rel = rv_xcalloc(n + 1, sizeof(*rel));
    for (size_t i = 0; i < n; i++) {
        abs[i] = baseline_path_of(r, files[i].path);
        rel[i] = files[i];
        rel[i].path = abs[i];
    }
    char *json = rv_baseline_build(rel, n, r->baseline_dir);
    for (size_t i = 0; i < n; i++) {
        free(abs[i]);
    }
    free(abs);
    free(rel);
    char *tmp = rv_xasprintf("%s.tmp", r->baseline_path);
    FILE *fp = fopen(tmp, "wb");
    int status = 0;
    if (fp == NULL || fputs(json, fp) == EOF || fclose(fp) != 0 ||
        rename(tmp, r->baseline_path) != 0) {
        fprintf(stderr, "reviewls: cannot write baseline %s: %s\n", r->baseline_path,
                strerror(errno));
        status = -1;
    }
    free(tmp);
    free(json);
    return status;
}

int rv_cli_report_finish(struct rv_cli_report *r, size_t *findings) {
    if (!rv_cli_report_collects(r)) {
        return 0;
    }
    size_t n = r->files.len;
    struct rv_report_file *files = rv_xcalloc(n + 1, sizeof(*files));
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        files[i] = (struct rv_report_file){r->files.items[i].path, &r->files.items[i].text,
                                           &r->files.items[i].findings};
        total += r->files.items[i].findings.list.len;
    }
    int status = 0;
    if (r->write_baseline) {
        status = write_baseline(r, files, n);
        if (status == 0) {
            fprintf(stderr, "reviewls: recorded %zu finding%s in %s\n", total,
                    total == 1 ? "" : "s", r->baseline_path);
            *findings = 0;
        }
    } else if (r->statistics) {
        struct rv_strbuf sb = {0};
        rv_report_statistics(&sb, files, n);
        fputs(sb.data ? sb.data : "", stdout);
        rv_strbuf_finish(&sb);
    } else if (r->format == REPORT_MARKDOWN) {
        struct rv_config ran;
        rv_config_init(&ran);
        memcpy(ran.selected, r->selected, sizeof(ran.selected));
        struct rv_report_options opts = {n ? &ran : NULL, 0};
        char *md = rv_report_markdown(files, n, &opts);
        fputs(md, stdout);
        free(md);
        rv_config_finish(&ran);
    } else if (r->format == REPORT_SARIF) {
        json_t *log = rv_report_sarif(files, n, RV_VERSION);
        char *dump = json_dumps(log, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", dump ? dump : "{}");
        free(dump);
        json_decref(log);
    } else if (r->format == REPORT_GITHUB) {
        struct rv_strbuf sb = {0};
        rv_report_github(&sb, files, n);
        fputs(sb.data ? sb.data : "", stdout);
        rv_strbuf_finish(&sb);
    }
    free(files);
    return status;
}

int rv_cli_review(int argc, char **argv) {
    // `review` is `check --format markdown`; a later --format still wins.
    char **args = rv_xcalloc((size_t)argc + 2, sizeof(char *));
    args[0] = "--format=markdown";
    for (int i = 0; i < argc; i++) {
        args[i + 1] = argv[i];
    }
    int status = rv_cli_check(argc + 1, args);
    free(args);
    return status;
}
