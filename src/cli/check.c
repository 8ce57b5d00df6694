// SPDX-License-Identifier: MIT
// `reviewls check`: the same engine as the server, over files and directories, with text and
// JSON output. Each file gets the configuration of the nearest pyproject.toml (read once per
// project) with the command line applied over it. Columns are 1-based code points. Directory
// walks honour exclude globs and .gitignore files; files are analysed by --jobs threads (the
// main one included, one parser each), which take the next file themselves, and are printed
// in the order of a one-job run.
#include "reviewls/analysis.h"
#include "reviewls/cli.h"
#include "reviewls/config.h"
#include "reviewls/gitignore.h"
#include "reviewls/parse.h"
#include "reviewls/report.h"
#include "reviewls/util.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

enum format { FORMAT_TEXT, FORMAT_JSON };

// Files above this size are skipped with a notice: generated or vendored blobs, not code that
// someone reviews, and reading them would only cost time and memory.
#define CHECK_MAX_FILE_BYTES (10 * 1024 * 1024)

// One effective configuration: a pyproject.toml (or none) with the command line applied over
// it. Loaded once and shared by every file it governs.
struct cfg_entry {
    char *toml;     /* absolute path of the pyproject.toml, or NULL for the defaults */
    char *root;     /* directory that exclude globs are relative to, or NULL */
    char *baseline; /* its `baseline`, relative to root when not absolute, or NULL */
    struct rv_config config;
};

struct file_item {
    char *path;
    struct cfg_entry *cfg; /* borrowed from check_run.entries */
    /* Filled by analyse_item (possibly on a worker thread), consumed by finish_item. */
    int err; /* 0, -errno of the read, or -EFBIG when the text is too large */
    struct rv_text text;
    struct rv_findings findings;
    bool done; /* analysed; guarded by check_run.lock in parallel runs */
};

struct dir_entry {
    char *dir;
    struct cfg_entry *cfg;
};

struct check_run {
    enum format format;
    json_t *cli;              /* --select/--ignore/--extend-select as settings JSON */
    struct cfg_entry *forced; /* --config FILE, or NULL for discovery */
    RV_VEC(struct cfg_entry *) entries;
    RV_VEC(struct dir_entry) dirs; /* directory -> entry, for files named one by one */
    RV_VEC(struct file_item) files;
    size_t findings;
    int io_errors;
    int config_failures; /* configurations that could not be read at all */
    json_t *json;
    struct rv_cli_report *report;   /* --format sarif|github|markdown, --statistics, baselines */
    struct rv_gitignore *gitignore; /* the .gitignore files of the directory being walked */
    unsigned jobs;                  /* --jobs: files analysed at once */
    /* Parallel runs: the next file to analyse (any thread) and the next to print (main
     * thread). `lock` guards next_start and the items' `done`; `finished` is signalled when
     * an item is done. */
    uv_mutex_t lock;
    uv_cond_t finished;
    size_t next_start;
    size_t next_finish;
    bool progress; /* a progress line on stderr (a terminal, text output) */
    uint64_t progress_ms;
};

static bool is_python(const char *name) {
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".py") == 0;
}

static void print_config_errors(const char *path, const struct rv_config_errors *errs) {
    for (size_t i = 0; i < errs->list.len; i++) {
        const struct rv_config_error *e = &errs->list.items[i];
        if (e->line) {
            fprintf(stderr, "reviewls: %s:%u:%u: invalid configuration: %s\n", path, e->line,
                    e->column, e->message);
        } else {
            fprintf(stderr, "reviewls: %s: invalid configuration: %s\n", path, e->message);
        }
    }
}

// Returns the entry for `toml` (NULL: defaults), loading and reporting it on first use.
// Entries are keyed by the resolved path, so that "a/pyproject.toml" found while walking and
// "/abs/a/pyproject.toml" found by discovery are read once.
static struct cfg_entry *entry_for(struct check_run *run, const char *toml_arg) {
    char *resolved = toml_arg ? realpath(toml_arg, NULL) : NULL;
    const char *toml = resolved ? resolved : toml_arg;
    struct cfg_entry *found = NULL;
    for (size_t i = 0; i < run->entries.len; i++) {
        struct cfg_entry *e = run->entries.items[i];
        if ((e->toml == NULL && toml == NULL) || (e->toml && toml && strcmp(e->toml, toml) == 0)) {
            found = e;
            break;
        }
    }
    if (found) {
        free(resolved);
        return found;
    }
    struct cfg_entry *e = rv_xcalloc(1, sizeof(*e));
    rv_config_init(&e->config);
    if (toml) {
        e->toml = rv_xstrdup(toml);
        const char *slash = strrchr(toml, '/');
        e->root =
            slash ? rv_xstrndup(toml, slash == toml ? 1 : (size_t)(slash - toml)) : rv_xstrdup(".");
        struct rv_config_errors errs = {0};
        int err = rv_config_load_pyproject(&e->config, toml, &errs);
        print_config_errors(toml, &errs);
        if (err == -EINVAL) {
            fprintf(stderr, "reviewls: %s: not TOML; using the defaults\n", toml);
            run->config_failures++;
        } else if (err != 0 && err != -EFBIG) {
            fprintf(stderr, "reviewls: %s: %s; using the defaults\n", toml, strerror(-err));
            run->config_failures++;
        }
        rv_config_errors_finish(&errs);
    }
    // The command line was validated up front, so this reports nothing.
    rv_config_apply_json(&e->config, run->cli, NULL);
    // A relative baseline is relative to the pyproject.toml's directory, as in the editor.
    const char *bl = e->config.baseline;
    if (bl) {
        e->baseline = bl[0] != '/' && e->root ? rv_xasprintf("%s/%s", e->root, bl) : rv_xstrdup(bl);
    }
    rv_vec_push(&run->entries, e);
    free(resolved);
    return e;
}

// The entry governing files directly in `dir` (absolute or relative), cached per directory.
static struct cfg_entry *entry_for_dir(struct check_run *run, const char *dir) {
    if (run->forced) {
        return run->forced;
    }
    for (size_t i = run->dirs.len; i-- > 0;) {
        if (strcmp(run->dirs.items[i].dir, dir) == 0) {
            return run->dirs.items[i].cfg;
        }
    }
    char *toml = rv_config_find_pyproject(dir);
    struct dir_entry de = {rv_xstrdup(dir), entry_for(run, toml)};
    free(toml);
    rv_vec_push(&run->dirs, de);
    return de.cfg;
}

static bool too_large(const char *path, const struct stat *st) {
    if (st->st_size > CHECK_MAX_FILE_BYTES) {
        fprintf(stderr, "reviewls: %s: larger than %d MB, skipped\n", path,
                CHECK_MAX_FILE_BYTES / (1024 * 1024));
        return true;
    }
    return false;
}

static void add_file(struct check_run *run, char *path, struct cfg_entry *cfg) {
    struct file_item item = {.path = path, .cfg = cfg};
    rv_vec_push(&run->files, item);
}

// Collects *.py below `dir` in sorted order, skipping hidden folders, excluded paths, what
// .gitignore files ignore, and symbolic links: a link inside the tree leads to files the walk
// reaches anyway, a link out of it leaves the project, and either could make a loop. A subdirectory
// with its own pyproject.toml is governed by it.
static void collect_dir(struct check_run *run, const char *dir, struct cfg_entry *cfg) {
    char **names_items = NULL;
    size_t names_len = 0;
    int err = rv_list_dir(dir, &names_items, &names_len);
    if (err != 0) {
        fprintf(stderr, "reviewls: %s: %s\n", dir, strerror(-err));
        run->io_errors++;
        return;
    }
    struct {
        char **items;
        size_t len;
    } names = {names_items, names_len};
    rv_gitignore_push(run->gitignore, dir);
    for (size_t i = 0; i < names.len; i++) {
        char *path = strcmp(dir, ".") == 0 ? rv_xstrdup(names.items[i])
                                           : rv_xasprintf("%s/%s", dir, names.items[i]);
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                char *as_dir = rv_xasprintf("%s/", path);
                if (!rv_config_excluded(&cfg->config, as_dir, cfg->root) &&
                    !rv_gitignore_ignored(run->gitignore, path, true)) {
                    struct cfg_entry *sub = cfg;
                    char *toml = rv_xasprintf("%s/pyproject.toml", path);
                    struct stat tst;
                    if (run->forced == NULL && stat(toml, &tst) == 0 && S_ISREG(tst.st_mode)) {
                        sub = entry_for(run, toml);
                    }
                    free(toml);
                    collect_dir(run, path, sub);
                }
                free(as_dir);
            } else if (S_ISREG(st.st_mode) && is_python(names.items[i]) &&
                       !rv_config_excluded(&cfg->config, path, cfg->root) &&
                       !rv_gitignore_ignored(run->gitignore, path, false) &&
                       !too_large(path, &st)) {
                add_file(run, path, cfg);
                path = NULL;
            }
        }
        free(path);
        free(names.items[i]);
    }
    free(names.items);
    rv_gitignore_pop(run->gitignore);
}

// A named path: a directory is walked; a named file is checked even when excluded.
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
        // The .gitignore files above the directory, up to its repository's top, apply too.
        size_t ancestors = rv_gitignore_push_ancestors(run->gitignore, trimmed);
        collect_dir(run, trimmed, entry_for_dir(run, trimmed));
        while (ancestors-- > 0) {
            rv_gitignore_pop(run->gitignore);
        }
        free(trimmed);
    } else if (!too_large(path, &st)) {
        const char *slash = strrchr(path, '/');
        char *dir =
            slash ? rv_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : rv_xstrdup(".");
        add_file(run, rv_xstrdup(path), entry_for_dir(run, dir));
        free(dir);
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

// Reads, parses and analyses one file. Touches only the item and the arena it was lent, so it
// may run on a worker thread: configurations are shared read-only, analysis is pure. The tree
// lives in the arena and goes with it, never freed node by node (src/parse/arena.c).
static void analyse_item(struct file_item *item, struct rv_tree_arena *arena) {
    char *bytes = NULL;
    size_t len = 0;
    item->err = rv_read_file(item->path, &bytes, &len);
    if (item->err != 0) {
        return;
    }
    if (rv_text_init(&item->text, bytes, len) != 0) {
        free(bytes);
        item->err = -EFBIG;
        return;
    }
    free(bytes);
    rv_tree_arena_enter(arena);
    TSParser *parser = rv_python_parser_create();
    TSTree *tree = rv_parse_text(parser, &item->text, NULL);
    struct rv_analysis_input in = {&item->text, tree, &item->cfg->config, item->path, 0, 0, NULL,
                                   false,       NULL};
    rv_analyze(&in, &item->findings);
    ts_parser_delete(parser);
    rv_tree_arena_leave(arena);
}

static void progress_clear(struct check_run *run) {
    if (run->progress) {
        fputs("\r\033[K", stderr);
    }
}

static void progress_show(struct check_run *run, bool force) {
    if (!run->progress) {
        return;
    }
    // At most ten updates a second: a terminal that redraws per file slows a fast run down.
    uint64_t now = uv_hrtime() / 1000000;
    if (!force && now - run->progress_ms < 100) {
        return;
    }
    run->progress_ms = now;
    fprintf(stderr, "\r\033[Kreviewls: %zu/%zu files, %zu finding%s", run->next_finish,
            run->files.len, run->findings, run->findings == 1 ? "" : "s");
    fflush(stderr);
}

// Reports and prints one analysed item on the main thread, in collection order.
static void finish_item(struct check_run *run, struct file_item *item) {
    const char *path = item->path;
    if (item->err != 0) {
        progress_clear(run);
        if (item->err == -EFBIG) {
            fprintf(stderr, "reviewls: %s: file too large, skipped\n", path);
        } else {
            fprintf(stderr, "reviewls: %s: %s\n", path, strerror(-item->err));
        }
        run->io_errors++;
        return;
    }
    struct rv_findings *findings = &item->findings;
    rv_cli_report_filter(run->report, path, &item->text, findings, item->cfg->baseline);
    run->findings += findings->list.len;
    if (findings->list.len && run->format == FORMAT_TEXT) {
        progress_clear(run);
    }
    if (rv_cli_report_collects(run->report)) {
        // The report prints at the end (and takes the findings, so nothing is emitted here).
        rv_cli_report_add(run->report, path, &item->text, findings, &item->cfg->config,
                          item->cfg->baseline);
    }
    for (size_t i = 0; i < findings->list.len; i++) {
        emit(run, path, &item->text, &findings->list.items[i]);
    }
    if (findings->list.len && run->format == FORMAT_TEXT) {
        fflush(stdout);
    }
    rv_findings_finish(findings);
    rv_text_finish(&item->text);
}

// Takes the next file to analyse, or returns NULL when every file is taken.
static struct file_item *take_item(struct check_run *run) {
    struct file_item *item = NULL;
    uv_mutex_lock(&run->lock);
    if (run->next_start < run->files.len) {
        item = &run->files.items[run->next_start++];
    }
    uv_mutex_unlock(&run->lock);
    return item;
}

static void mark_done(struct check_run *run, struct file_item *item) {
    uv_mutex_lock(&run->lock);
    item->done = true;
    uv_cond_signal(&run->finished); // only the main thread waits
    uv_mutex_unlock(&run->lock);
}

// A worker thread: analyses files in turn until none is left. No main-thread round trip
// between two files, so a busy or descheduled main thread never leaves a worker idle.
static void worker_main(void *arg) {
    struct check_run *run = arg;
    struct rv_tree_arena *arena = rv_tree_arena_new();
    for (struct file_item *item; (item = take_item(run)) != NULL;) {
        analyse_item(item, arena);
        mark_done(run, item);
    }
    rv_tree_arena_free(arena);
}

// Prints the finished items that are next in order; returns true when all are printed.
static bool finish_ready(struct check_run *run) {
    for (;;) {
        uv_mutex_lock(&run->lock);
        bool ready = run->next_finish < run->files.len && run->files.items[run->next_finish].done;
        uv_mutex_unlock(&run->lock);
        if (!ready) {
            break;
        }
        finish_item(run, &run->files.items[run->next_finish]);
        run->next_finish++;
        progress_show(run, false);
    }
    return run->next_finish == run->files.len;
}

static void check_files(struct check_run *run) {
    if (run->jobs <= 1 || run->files.len <= 1) {
        struct rv_tree_arena *arena = rv_tree_arena_new();
        for (size_t i = 0; i < run->files.len; i++) {
            struct file_item *item = &run->files.items[i];
            analyse_item(item, arena);
            finish_item(run, item);
            run->next_finish = i + 1;
            progress_show(run, false);
        }
        rv_tree_arena_free(arena);
        return;
    }
    unsigned jobs = run->jobs;
    if (jobs > run->files.len) {
        jobs = (unsigned)run->files.len;
    }
    uv_mutex_init(&run->lock);
    uv_cond_init(&run->finished);
    // jobs - 1 workers; the main thread is the last job: between printing it analyses files
    // too, and waits only when every file is taken and the next to print is still running.
    uv_thread_t *workers = rv_xcalloc(jobs - 1, sizeof(*workers));
    unsigned started = 0;
    // The stack of libuv's pool threads: deep trees recurse in places.
    uv_thread_options_t opts = {.flags = UV_THREAD_HAS_STACK_SIZE, .stack_size = 8u << 20};
    for (unsigned i = 0; i + 1 < jobs; i++) {
        if (uv_thread_create_ex(&workers[started], &opts, worker_main, run) == 0) {
            started++;
        }
    }
    struct rv_tree_arena *arena = rv_tree_arena_new();
    while (!finish_ready(run)) {
        struct file_item *item = take_item(run);
        if (item != NULL) {
            analyse_item(item, arena);
            mark_done(run, item);
            continue;
        }
        uv_mutex_lock(&run->lock);
        while (!run->files.items[run->next_finish].done) {
            uv_cond_wait(&run->finished, &run->lock);
        }
        uv_mutex_unlock(&run->lock);
    }
    rv_tree_arena_free(arena);
    for (unsigned i = 0; i < started; i++) {
        uv_thread_join(&workers[i]);
    }
    free(workers);
    uv_cond_destroy(&run->finished);
    uv_mutex_destroy(&run->lock);
}

static int usage(void) {
    fprintf(stderr,
            "usage: reviewls check [--format text|json|sarif|github|markdown] [--config FILE]\n"
            "                      [--select CODES] [--extend-select CODES] [--ignore CODES]\n"
            "                      [--statistics] [--baseline FILE] [--write-baseline]\n"
            "                      [--jobs N] PATH...\n"
            "CODES is a comma-separated list of codes (RV101), rule names, categories or ALL.\n"
            "Each file uses [tool.reviewls] of the nearest pyproject.toml above it, unless\n"
            "--config names one; the options apply over it. Directories are walked for *.py,\n"
            "skipping hidden folders, exclude globs and what .gitignore files ignore. --jobs N\n"
            "(-j N) analyses N files at once (default: the number of cores). Findings\n"
            "recorded in a baseline are hidden: --baseline FILE, else the `baseline` of the\n"
            "project's configuration; --write-baseline records today's findings there.\n");
    return 2;
}

// Adds the comma-separated items of `list` to the array `key` of the settings object.
static void cli_list(json_t *cli, const char *key, const char *list, bool replace) {
    json_t *arr = json_object_get(cli, key);
    if (arr == NULL || replace) {
        arr = json_array();
        json_object_set_new(cli, key, arr);
    }
    char *copy = rv_xstrdup(list);
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok;
         tok = strtok_r(NULL, ", ", &save)) {
        json_t *str = json_string(tok);
        if (str) {
            json_array_append_new(arr, str);
        }
    }
    free(copy);
}

static void free_entries(struct check_run *run) {
    for (size_t i = 0; i < run->entries.len; i++) {
        struct cfg_entry *e = run->entries.items[i];
        rv_config_finish(&e->config);
        free(e->toml);
        free(e->root);
        free(e->baseline);
        free(e);
    }
    rv_vec_finish(&run->entries);
    for (size_t i = 0; i < run->dirs.len; i++) {
        free(run->dirs.items[i].dir);
    }
    rv_vec_finish(&run->dirs);
}

static unsigned default_jobs(void) {
    unsigned n = uv_available_parallelism();
    return n == 0 ? 1 : n;
}

static bool option_takes_value(const char *arg, const char *name) {
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int rv_cli_check(int argc, char **argv) {
    struct check_run run = {.format = FORMAT_TEXT,
                            .cli = json_object(),
                            .report = rv_cli_report_create(),
                            .gitignore = rv_gitignore_create(),
                            .jobs = default_jobs()};
    RV_VEC(const char *) paths = {0};
    const char *config_path = NULL;
    int status = 0;
    static const char *const valued[] = {"--format",        "--select", "--ignore",
                                         "--extend-select", "--config", "--jobs"};
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        const char *option = NULL;
        int report_opt = 0;
        for (size_t k = 0; k < RV_ARRAY_LEN(valued); k++) {
            if (option_takes_value(arg, valued[k])) {
                option = valued[k];
            }
        }
        if (strncmp(arg, "-j", 2) == 0 && arg[1] != '-') {
            // -j N and -jN: make's spelling of --jobs.
            option = "--jobs";
            if (arg[2] != '\0') {
                value = arg + 2;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                status = usage();
                goto out;
            }
        }
        if (option && value == NULL) {
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
        if (option && strcmp(option, "--format") == 0) {
            if (strcmp(value, "text") == 0) {
                run.format = FORMAT_TEXT;
            } else if (strcmp(value, "json") == 0) {
                run.format = FORMAT_JSON;
            } else if (rv_cli_report_set_format(run.report, value)) {
                run.format = FORMAT_TEXT; // printed by the report at the end
            } else {
                fprintf(stderr, "reviewls: unknown format: %s\n", value);
                status = 2;
                goto out;
            }
        } else if (option && strcmp(option, "--config") == 0) {
            config_path = value;
        } else if (option && strcmp(option, "--jobs") == 0) {
            char *end = NULL;
            unsigned long n = strtoul(value, &end, 10);
            if (value[0] < '0' || value[0] > '9' || *end != '\0' || n == 0 || n > 1024) {
                fprintf(stderr, "reviewls: --jobs expects a number from 1 to 1024, got %s\n",
                        value);
                status = 2;
                goto out;
            }
            run.jobs = (unsigned)n;
        } else if (option) {
            // Repeated --select replaces; --extend-select and --ignore accumulate.
            cli_list(run.cli, option + 2, value, strcmp(option, "--select") == 0);
        } else if (strcmp(arg, "--") == 0) {
            for (i++; i < argc; i++) {
                rv_vec_push(&paths, argv[i]);
            }
        } else if ((report_opt = rv_cli_report_option(run.report, argc, argv, &i)) != 0) {
            if (report_opt < 0) {
                status = usage();
                goto out;
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
    // Validate the command line once: a typo there is a usage error, not a notice per project.
    struct rv_config scratch;
    rv_config_init(&scratch);
    struct rv_config_errors errs = {0};
    rv_config_apply_json(&scratch, run.cli, &errs);
    for (size_t i = 0; i < errs.list.len; i++) {
        fprintf(stderr, "reviewls: --%s\n", errs.list.items[i].message);
    }
    bool cli_ok = errs.list.len == 0;
    rv_config_errors_finish(&errs);
    rv_config_finish(&scratch);
    if (!cli_ok) {
        status = 2;
        goto out;
    }
    if (config_path) {
        struct stat st;
        int err = stat(config_path, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EISDIR;
        if (err != 0) {
            fprintf(stderr, "reviewls: --config %s: %s\n", config_path, strerror(err));
            status = 2;
            goto out;
        }
        run.forced = entry_for(&run, config_path);
        if (run.config_failures) {
            status = 2;
            goto out;
        }
    }
    if (rv_cli_report_start(run.report) != 0) {
        status = 2;
        goto out;
    }
    for (size_t i = 0; i < paths.len; i++) {
        collect(&run, paths.items[i]);
    }
    if (run.format == FORMAT_JSON) {
        run.json = json_array();
    }
    // A progress line only where a person watches plain output: never in machine formats
    // (json, sarif, github, markdown, statistics) and never when stderr is a file or a pipe.
    run.progress = run.format == FORMAT_TEXT && !rv_cli_report_collects(run.report) &&
                   isatty(STDERR_FILENO) && run.files.len > 1;
    check_files(&run);
    if (run.progress) {
        progress_clear(&run);
        fflush(stderr);
    }
    if (run.format == FORMAT_JSON) {
        char *dump = json_dumps(run.json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        printf("%s\n", dump ? dump : "[]");
        free(dump);
        json_decref(run.json);
    }
    if (rv_cli_report_finish(run.report, &run.findings) != 0) {
        run.io_errors++;
    }
    fflush(stdout);
    // A configuration that could not be read at all (unreadable, not TOML) makes the run fail
    // even though it went on with the defaults; errors in single keys are reported only.
    status = run.io_errors || run.config_failures ? 2 : run.findings ? 1 : 0;
out:
    for (size_t i = 0; i < run.files.len; i++) {
        free(run.files.items[i].path);
    }
    rv_vec_finish(&run.files);
    rv_vec_finish(&paths);
    rv_gitignore_destroy(run.gitignore);
    free_entries(&run);
    json_decref(run.cli);
    rv_cli_report_destroy(run.report);
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
