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
    char *configured; /* the baseline its project's configuration names, or NULL */
};

// A baseline that a project's configuration names (`baseline` in its pyproject.toml): hidden
// by `check` when the command line gives none, written by --write-baseline alone. Read once.
struct configured {
    char *path;             /* resolved by the caller: absolute, or relative to the cwd */
    char *dir;              /* its absolute directory; NULL when that does not exist */
    struct rv_baseline *bl; /* NULL when missing or malformed (said once on stderr) */
};

struct rv_cli_report {
    enum report_format format;
    bool statistics;
    bool write_baseline;
    char *baseline_path;
    char *baseline_dir; /* absolute directory of the baseline file */
    struct rv_baseline *baseline;
    RV_VEC(struct kept_file) files;
    RV_VEC(struct configured) configured;
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
        free(r->files.items[i].configured);
    }
    rv_vec_finish(&r->files);
    for (size_t i = 0; i < r->configured.len; i++) {
        free(r->configured.items[i].path);
        free(r->configured.items[i].dir);
        rv_baseline_destroy(r->configured.items[i].bl);
    }
    rv_vec_finish(&r->configured);
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
    // --write-baseline alone writes the baselines the projects configure (checked at the end).
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

// Baselines name files relative to their own directory `dir`, so that the same file is found
// whatever the working directory of the run.
static char *baseline_path_of(const char *dir, const char *path) {
    char *abs = realpath(path, NULL);
    if (abs == NULL) {
        return rv_xstrdup(path);
    }
    char *rel = rv_xstrdup(rv_report__relative(abs, dir));
    free(abs);
    return rel;
}

// The configured baseline `path`, read on first use (not while writing baselines). A missing
// or malformed one hides nothing, as in the editor, and is said once.
static struct configured *configured_for(struct rv_cli_report *r, const char *path) {
    for (size_t i = 0; i < r->configured.len; i++) {
        if (strcmp(r->configured.items[i].path, path) == 0) {
            return &r->configured.items[i];
        }
    }
    struct configured c = {.path = rv_xstrdup(path), .dir = absolute_dir(path)};
    if (!r->write_baseline) {
        char *bytes = NULL;
        size_t len = 0;
        int err = c.dir ? rv_read_file(path, &bytes, &len) : -ENOENT;
        char msg[256];
        if (err == 0) {
            c.bl = rv_baseline_load(bytes, len, c.dir, msg, sizeof(msg));
            free(bytes);
        } else {
            snprintf(msg, sizeof(msg), "%s", strerror(-err));
        }
        if (c.bl == NULL) {
            fprintf(stderr, "reviewls: baseline %s (configured): %s; no findings are hidden\n",
                    path, msg);
        }
    }
    rv_vec_push(&r->configured, c);
    return &r->configured.items[r->configured.len - 1];
}

void rv_cli_report_filter(struct rv_cli_report *r, const char *path, const struct rv_text *text,
                          struct rv_findings *findings, const char *configured) {
    const struct rv_baseline *bl = r->baseline;
    const char *dir = r->baseline_dir;
    if (r->baseline_path == NULL && configured != NULL) {
        const struct configured *c = configured_for(r, configured);
        bl = c->bl;
        dir = c->dir;
    }
    if (bl == NULL) {
        return;
    }
    char *key_path = baseline_path_of(dir, path);
    rv_baseline_filter(bl, key_path, text, findings);
    free(key_path);
}

void rv_cli_report_add(struct rv_cli_report *r, const char *path, struct rv_text *text,
                       struct rv_findings *findings, const struct rv_config *config,
                       const char *configured) {
    struct kept_file kept = {.path = rv_xstrdup(path),
                             .text = *text,
                             .configured = configured ? rv_xstrdup(configured) : NULL};
    memset(text, 0, sizeof(*text));
    rv_findings_take(&kept.findings, findings);
    rv_vec_push(&r->files, kept);
    for (size_t c = 0; config && c < RV_RULE_CODE_MAX; c++) {
        r->selected[c] = r->selected[c] || config->selected[c];
    }
}

// Writes the baseline `path` (in the absolute directory `dir`) of `files`.
static int write_baseline(const char *path, const char *dir, const struct rv_report_file *files,
                          size_t n) {
    // Paths are recorded relative to the baseline's directory.
    char **abs = rv_xcalloc(n + 1, sizeof(char *));
    struct rv_report_file *rel = rv_xcalloc(n + 1, sizeof(*rel));
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        abs[i] = baseline_path_of(dir, files[i].path);
        rel[i] = files[i];
        rel[i].path = abs[i];
        total += files[i].findings->list.len;
    }
    char *json = rv_baseline_build(rel, n, dir);
    for (size_t i = 0; i < n; i++) {
        free(abs[i]);
    }
    free(abs);
    free(rel);
    char *tmp = rv_xasprintf("%s.tmp", path);
    FILE *fp = fopen(tmp, "wb");
    int status = 0;
    if (fp == NULL || fputs(json, fp) == EOF || fclose(fp) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "reviewls: cannot write baseline %s: %s\n", path, strerror(errno));
        status = -1;
    } else {
        fprintf(stderr, "reviewls: recorded %zu finding%s in %s\n", total, total == 1 ? "" : "s",
                path);
    }
    free(tmp);
    free(json);
    return status;
}

// --write-baseline without --baseline: each configured baseline gets the files of the projects
// that name it; files of projects that name none are not recorded (said on stderr).
static int write_configured(struct rv_cli_report *r, const struct rv_report_file *files, size_t n) {
    size_t unrecorded = 0;
    for (size_t i = 0; i < n; i++) {
        unrecorded += r->files.items[i].configured == NULL;
    }
    if (unrecorded == n) {
        fprintf(stderr, "reviewls: --write-baseline needs --baseline FILE, or `baseline` in the "
                        "project's pyproject.toml\n");
        return -1;
    }
    struct rv_report_file *group = rv_xcalloc(n + 1, sizeof(*group));
    int status = 0;
    // Every configured baseline a file named was met by rv_cli_report_filter.
    for (size_t c = 0; c < r->configured.len; c++) {
        const struct configured *bl = &r->configured.items[c];
        size_t m = 0;
        for (size_t k = 0; k < n; k++) {
            const char *named = r->files.items[k].configured;
            if (named && strcmp(named, bl->path) == 0) {
                group[m++] = files[k];
            }
        }
        if (m == 0) {
            continue;
        }
        if (bl->dir == NULL) {
            fprintf(stderr, "reviewls: cannot write baseline %s: %s\n", bl->path, strerror(ENOENT));
            status = -1;
        } else if (write_baseline(bl->path, bl->dir, group, m) != 0) {
            status = -1;
        }
    }
    free(group);
    if (unrecorded) {
        fprintf(stderr,
                "reviewls: %zu file%s in projects without a `baseline` setting not "
                "recorded\n",
                unrecorded, unrecorded == 1 ? "" : "s");
    }
    return status;
}

int rv_cli_report_finish(struct rv_cli_report *r, size_t *findings) {
    if (!rv_cli_report_collects(r)) {
        return 0;
    }
    size_t n = r->files.len;
    struct rv_report_file *files = rv_xcalloc(n + 1, sizeof(*files));
    for (size_t i = 0; i < n; i++) {
        files[i] = (struct rv_report_file){r->files.items[i].path, &r->files.items[i].text,
                                           &r->files.items[i].findings};
    }
    int status = 0;
    if (r->write_baseline) {
        status = r->baseline_path ? write_baseline(r->baseline_path, r->baseline_dir, files, n)
                                  : write_configured(r, files, n);
        if (status == 0) {
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
