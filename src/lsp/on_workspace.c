// SPDX-License-Identifier: MIT
// The workspace beyond the open documents: the background scan of the workspace folders (files
// that are not open, analysed a slice at a time from the idle callback and published for push
// clients, with work-done progress), workspace/diagnostic for pull clients, the reviewls.review
// command (the Markdown review of a document or of the workspace), baselines that hide legacy
// findings, and files that change on disk. Runs on the loop thread; never blocks it for long
// outside --test-mode, where the scan runs to the end at each drain so transcripts are
// deterministic.
#include "lsp_internal.h"
#include "reviewls/gitignore.h"
#include "reviewls/report.h"
#include "reviewls/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uv.h>

// Time a scan slice may take before the loop goes back to the input. One file is always
// analysed, so a slice lasts at most this plus the analysis of one file.
#define SLICE_MS 15
// Files larger than this are skipped with a notice, as `reviewls check` does.
#define SCAN_MAX_FILE_BYTES (10 * 1024 * 1024)

enum progress_state { PROGRESS_NONE, PROGRESS_WAITING, PROGRESS_ACTIVE };
enum pending_kind { PENDING_WORKSPACE_DIAGNOSTIC, PENDING_REVIEW };

/** A file the scan found (or a watcher reported): its analysis lives in `disk`. */
struct entry {
    char *path; /* absolute */
    char *uri;
    bool queued;    /* waiting in the queue */
    bool published; /* its findings were published (push clients) */
    bool seen;      /* found by the current walk */
};

struct pending {
    enum pending_kind kind;
    json_t *id;       /* owned */
    json_t *previous; /* owned: previousResultIds of workspace/diagnostic, or NULL */
};

struct baseline_cache {
    char *path; /* absolute */
    struct stat st;
    struct rv_baseline *bl; /* NULL when the file is missing or malformed */
};

struct rv_workspace {
    struct rv_doc_store disk; /* analyses of files read from disk (never the open ones) */
    RV_VEC(struct entry) entries;
    RV_VEC(size_t) queue; /* indices into entries */
    size_t queue_pos;
    bool walk_needed; /* the folders must be walked again (start, settings, folders) */
    bool started;     /* the first walk may happen (settings are known) */
    bool walked_all;  /* the last walk queued every file, scan setting or not */
    enum progress_state progress;
    long long progress_request;
    unsigned progress_serial;
    char token[40];
    size_t progress_total;
    size_t progress_done;
    int progress_pct;
    RV_VEC(struct pending) pending;
    RV_VEC(struct baseline_cache) baselines;
};

struct rv_workspace *rv_lsp_workspace_create(void) {
    struct rv_workspace *ws = rv_xcalloc(1, sizeof(*ws));
    rv_doc_store_init(&ws->disk);
    return ws;
}

static void pending_finish(struct pending *p) {
    json_decref(p->id);
    json_decref(p->previous);
}

void rv_lsp_workspace_destroy(struct rv_workspace *ws) {
    if (ws == NULL) {
        return;
    }
    rv_doc_store_finish(&ws->disk);
    for (size_t i = 0; i < ws->entries.len; i++) {
        free(ws->entries.items[i].path);
        free(ws->entries.items[i].uri);
    }
    rv_vec_finish(&ws->entries);
    rv_vec_finish(&ws->queue);
    for (size_t i = 0; i < ws->pending.len; i++) {
        pending_finish(&ws->pending.items[i]);
    }
    rv_vec_finish(&ws->pending);
    for (size_t i = 0; i < ws->baselines.len; i++) {
        free(ws->baselines.items[i].path);
        rv_baseline_destroy(ws->baselines.items[i].bl);
    }
    rv_vec_finish(&ws->baselines);
    free(ws);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers. */

static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return rv_xstrdup(".");
    }
    return rv_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static bool is_python(const char *path) {
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".py") == 0;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s);
    size_t k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

// The index of the workspace folder holding `path`, or -1.
static long root_of(const struct rv_server *s, const char *path) {
    for (size_t i = 0; i < s->roots.len; i++) {
        const char *root = s->roots.items[i];
        size_t n = strlen(root);
        if (strncmp(path, root, n) == 0 && (path[n] == '/' || (n == 1 && root[0] == '/'))) {
            return (long)i;
        }
    }
    return -1;
}

// The directory that `exclude` globs of `path`'s configuration are relative to (caller frees;
// NULL without a pyproject.toml).
static char *exclude_root(struct rv_server *s, const char *path) {
    const struct rv_project_config *pc = rv_lsp_path_project(s, path);
    return pc && pc->pyproject ? dir_of(pc->pyproject) : NULL;
}

static bool scan_enabled(struct rv_server *s, const char *path) {
    return rv_config_bool(&rv_lsp_path_project(s, path)->config, "workspace-scan");
}

struct open_lookup {
    const char *path;
    struct rv_doc *found;
};

static void find_open(struct rv_doc *doc, void *ud) {
    struct open_lookup *l = ud;
    if (l->found == NULL && doc->path && strcmp(doc->path, l->path) == 0) {
        l->found = doc;
    }
}

// The open document of the file `path`, or NULL: open documents always win over the disk.
static struct rv_doc *open_doc(struct rv_server *s, const char *path) {
    struct open_lookup l = {path, NULL};
    rv_doc_store_each(&s->docs, find_open, &l);
    return l.found;
}

static long find_entry(const struct rv_workspace *ws, const char *path) {
    for (size_t i = 0; i < ws->entries.len; i++) {
        if (strcmp(ws->entries.items[i].path, path) == 0) {
            return (long)i;
        }
    }
    return -1;
}

static size_t add_entry(struct rv_workspace *ws, const char *path) {
    long at = find_entry(ws, path);
    if (at >= 0) {
        return (size_t)at;
    }
    struct entry e = {.path = rv_xstrdup(path), .uri = rv_path_to_uri(path)};
    rv_vec_push(&ws->entries, e);
    return ws->entries.len - 1;
}

static void enqueue(struct rv_workspace *ws, size_t index) {
    if (!ws->entries.items[index].queued) {
        ws->entries.items[index].queued = true;
        rv_vec_push(&ws->queue, index);
    }
}

static void publish_disk(struct rv_server *s, struct entry *e, struct rv_doc *doc) {
    json_t *params = json_object();
    json_object_set_new(params, "uri", json_string(e->uri));
    json_object_set_new(params, "diagnostics", doc ? rv_lsp_diagnostics(s, doc) : json_array());
    rv_lsp_notify(s, "textDocument/publishDiagnostics", params);
    e->published = doc != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Baselines: one cache entry per file, re-read when its size, time or inode changes. */

static struct rv_baseline *baseline_for(struct rv_server *s, const char *path) {
    struct rv_workspace *ws = s->ws;
    struct stat st;
    bool exists = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    struct baseline_cache *c = NULL;
    for (size_t i = 0; i < ws->baselines.len; i++) {
        if (strcmp(ws->baselines.items[i].path, path) == 0) {
            c = &ws->baselines.items[i];
        }
    }
    if (c && exists && c->st.st_size == st.st_size && c->st.st_mtim.tv_sec == st.st_mtim.tv_sec &&
        c->st.st_mtim.tv_nsec == st.st_mtim.tv_nsec && c->st.st_ino == st.st_ino) {
        return c->bl;
    }
    if (c && !exists && c->bl == NULL) {
        return NULL; // still missing: reported once already
    }
    if (c == NULL) {
        struct baseline_cache fresh = {.path = rv_xstrdup(path)};
        rv_vec_push(&ws->baselines, fresh);
        c = &ws->baselines.items[ws->baselines.len - 1];
    }
    rv_baseline_destroy(c->bl);
    c->bl = NULL;
    memset(&c->st, 0, sizeof(c->st));
    if (!exists) {
        rv_log_warn("baseline %s: no such file; no findings are hidden", path);
        return NULL;
    }
    c->st = st;
    char *bytes = NULL;
    size_t len = 0;
    int err = rv_read_file(path, &bytes, &len);
    if (err != 0) {
        rv_log_warn("baseline %s: %s; no findings are hidden", path, strerror(-err));
        return NULL;
    }
    char msg[256];
    char *dir = dir_of(path);
    c->bl = rv_baseline_load(bytes, len, dir, msg, sizeof(msg));
    free(dir);
    free(bytes);
    if (c->bl == NULL) {
        rv_log_warn("baseline %s: %s; no findings are hidden", path, msg);
    }
    return c->bl;
}

void rv_lsp_baseline_filter(struct rv_server *s, struct rv_doc *doc, const struct rv_config *cfg) {
    if (doc->path == NULL || cfg->baseline == NULL || doc->findings.list.len == 0) {
        return;
    }
    // A relative baseline path is relative to the pyproject.toml's directory, else to the
    // workspace folder holding the file, else to the first folder, else to the file's own.
    char *base = NULL;
    if (cfg->baseline[0] != '/') {
        base = exclude_root(s, doc->path);
        long r = root_of(s, doc->path);
        if (base == NULL && (r >= 0 || s->roots.len > 0)) {
            base = rv_xstrdup(s->roots.items[r >= 0 ? (size_t)r : 0]);
        }
        if (base == NULL) {
            base = dir_of(doc->path);
        }
    }
    char *path = base ? rv_xasprintf("%s/%s", base, cfg->baseline) : rv_xstrdup(cfg->baseline);
    char *resolved = realpath(path, NULL);
    struct rv_baseline *bl = baseline_for(s, resolved ? resolved : path);
    if (bl) {
        rv_baseline_filter(bl, doc->path, &doc->text, &doc->findings);
    }
    free(resolved);
    free(path);
    free(base);
}

static bool is_known_baseline(const struct rv_workspace *ws, const char *path) {
    for (size_t i = 0; i < ws->baselines.len; i++) {
        if (strcmp(ws->baselines.items[i].path, path) == 0) {
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* Walking the workspace folders: the same files as `reviewls check` of each folder. */

static void walk_dir(struct rv_server *s, struct rv_gitignore *gi, const char *dir, bool all) {
    char **names_items = NULL;
    size_t names_len = 0;
    int err = rv_list_dir(dir, &names_items, &names_len);
    if (err != 0) {
        // A folder that does not exist (yet) is not worth a warning; other errors are.
        if (err == -ENOENT) {
            rv_log_info("workspace scan: %s: %s", dir, strerror(-err));
        } else {
            rv_log_warn("workspace scan: %s: %s", dir, strerror(-err));
        }
        return;
    }
    struct {
        char **items;
        size_t len;
    } names = {names_items, names_len};
    rv_gitignore_push(gi, dir);
    for (size_t i = 0; i < names.len; i++) {
        char *path = rv_xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, names.items[i]);
        struct stat st;
        if (lstat(path, &st) == 0) {
            const struct rv_config *cfg = &rv_lsp_path_project(s, path)->config;
            char *root = exclude_root(s, path);
            if (S_ISDIR(st.st_mode)) {
                char *as_dir = rv_xasprintf("%s/", path);
                if (!rv_config_excluded(cfg, as_dir, root) &&
                    !rv_gitignore_ignored(gi, path, true)) {
                    walk_dir(s, gi, path, all);
                }
                free(as_dir);
            } else if (S_ISREG(st.st_mode) && is_python(path) &&
                       !rv_config_excluded(cfg, path, root) &&
                       !rv_gitignore_ignored(gi, path, false)) {
                struct rv_workspace *ws = s->ws;
                if (st.st_size > SCAN_MAX_FILE_BYTES) {
                    // Generated or vendored blobs would stall the loop for seconds.
                    rv_log_warn("workspace scan: %s: larger than %d MB, skipped", path,
                                SCAN_MAX_FILE_BYTES / (1024 * 1024));
                    free(root);
                    free(path);
                    free(names.items[i]);
                    continue;
                }
                if (!all && !rv_config_bool(cfg, "workspace-scan")) {
                    ws->walked_all = false;
                    free(root);
                    free(path);
                    free(names.items[i]);
                    continue;
                }
                size_t at = add_entry(ws, path);
                ws->entries.items[at].seen = true;
                enqueue(ws, at);
            }
            free(root);
        }
        free(path);
        free(names.items[i]);
    }
    free(names.items);
    rv_gitignore_pop(gi);
}

// Walks every folder, queues what it finds, and forgets (and clears) what it no longer finds.
// `all`: files whose configuration turns the scan off are included too (a review or a
// workspace pull asked for them).
static void walk(struct rv_server *s, bool all) {
    struct rv_workspace *ws = s->ws;
    for (size_t i = 0; i < ws->entries.len; i++) {
        ws->entries.items[i].seen = false;
    }
    ws->queue.len = 0;
    ws->queue_pos = 0;
    ws->walked_all = true;
    for (size_t i = 0; i < ws->entries.len; i++) {
        ws->entries.items[i].queued = false;
    }
    for (size_t i = 0; i < s->roots.len; i++) {
        struct rv_gitignore *gi = rv_gitignore_create();
        size_t ancestors = rv_gitignore_push_ancestors(gi, s->roots.items[i]);
        walk_dir(s, gi, s->roots.items[i], all);
        while (ancestors-- > 0) {
            rv_gitignore_pop(gi);
        }
        rv_gitignore_destroy(gi);
    }
    // Entries the walk no longer finds (deleted, now excluded or ignored, scan turned off).
    size_t kept = 0;
    RV_VEC(size_t) remap = {0};
    for (size_t i = 0; i < ws->entries.len; i++) {
        struct entry *e = &ws->entries.items[i];
        rv_vec_push(&remap, kept);
        if (e->seen) {
            ws->entries.items[kept++] = *e;
            continue;
        }
        if (e->published && !s->caps.pull_diagnostics && open_doc(s, e->path) == NULL) {
            publish_disk(s, e, NULL);
        }
        rv_doc_store_close(&ws->disk, e->uri);
        free(e->path);
        free(e->uri);
    }
    ws->entries.len = kept;
    for (size_t i = 0; i < ws->queue.len; i++) {
        ws->queue.items[i] = remap.items[ws->queue.items[i]];
    }
    rv_vec_finish(&remap);
}

/* ------------------------------------------------------------------------------------------ */
/* Analysing one file from disk. */

// Reads and analyses `e` unless it is open. Returns its disk document, or NULL when it is open,
// gone or unreadable (then anything published for it is cleared).
static struct rv_doc *analyse_entry(struct rv_server *s, struct entry *e) {
    struct rv_workspace *ws = s->ws;
    if (open_doc(s, e->path)) {
        return NULL;
    }
    char *bytes = NULL;
    size_t len = 0;
    int err = rv_read_file(e->path, &bytes, &len);
    struct rv_doc *doc = NULL;
    if (err == 0) {
        struct rv_doc *old = rv_doc_store_get(&ws->disk, e->uri);
        if (old && old->text.len == len && memcmp(old->text.bytes, bytes, len) == 0) {
            doc = old; // unchanged on disk: only the configuration may have changed
            doc->needs_analysis = true;
        } else {
            doc = rv_doc_store_open(&ws->disk, e->uri, 0, bytes, len);
        }
        free(bytes);
    } else if (err != -ENOENT) {
        rv_log_warn("workspace scan: %s: %s", e->path, strerror(-err));
    }
    if (doc == NULL) {
        rv_doc_store_close(&ws->disk, e->uri);
        if (e->published && !s->caps.pull_diagnostics) {
            publish_disk(s, e, NULL);
        }
        return NULL;
    }
    rv_lsp_analyse(s, doc);
    // Keep the text for positions and reviews; the tree is rebuilt when needed.
    ts_tree_delete(doc->tree);
    doc->tree = NULL;
    doc->needs_parse = true;
    return doc;
}

// Publishes `e`'s disk findings to a push client, or clears them when scanning is off for it.
static void publish_entry(struct rv_server *s, struct entry *e, struct rv_doc *doc) {
    if (s->caps.pull_diagnostics || open_doc(s, e->path)) {
        return;
    }
    if (doc && scan_enabled(s, e->path)) {
        publish_disk(s, e, doc);
    } else if (e->published) {
        publish_disk(s, e, NULL);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Progress (window/workDoneProgress/create, then $/progress begin, report, end). */

static void progress_send(struct rv_server *s, json_t *value) {
    json_t *params = json_object();
    json_object_set_new(params, "token", json_string(s->ws->token));
    json_object_set_new(params, "value", value);
    rv_lsp_notify(s, "$/progress", params);
}

static void progress_message(char *buf, size_t size, size_t done, size_t total) {
    snprintf(buf, size, "%zu/%zu files", done, total);
}

static void progress_begin(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    ws->progress = PROGRESS_ACTIVE;
    ws->progress_pct = 0;
    json_t *v = json_object();
    json_object_set_new(v, "kind", json_string("begin"));
    json_object_set_new(v, "title", json_string("reviewls: reviewing the workspace"));
    json_object_set_new(v, "cancellable", json_false());
    char msg[64];
    progress_message(msg, sizeof(msg), ws->progress_done, ws->progress_total);
    json_object_set_new(v, "message", json_string(msg));
    json_object_set_new(v, "percentage", json_integer(0));
    progress_send(s, v);
}

// Reports every tenth of the way: enough for a status bar, few messages.
static void progress_report(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    if (ws->progress != PROGRESS_ACTIVE || ws->progress_total == 0) {
        return;
    }
    int pct = (int)(ws->progress_done * 100 / ws->progress_total);
    if (pct / 10 == ws->progress_pct / 10 || ws->progress_done == ws->progress_total) {
        return;
    }
    ws->progress_pct = pct;
    json_t *v = json_object();
    json_object_set_new(v, "kind", json_string("report"));
    char msg[64];
    progress_message(msg, sizeof(msg), ws->progress_done, ws->progress_total);
    json_object_set_new(v, "message", json_string(msg));
    json_object_set_new(v, "percentage", json_integer(pct));
    progress_send(s, v);
}

static void progress_end(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    if (ws->progress == PROGRESS_ACTIVE) {
        json_t *v = json_object();
        json_object_set_new(v, "kind", json_string("end"));
        char msg[64];
        snprintf(msg, sizeof(msg), "%zu files reviewed", ws->progress_done);
        json_object_set_new(v, "message", json_string(msg));
        progress_send(s, v);
    }
    ws->progress = PROGRESS_NONE;
}

static void progress_create(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    snprintf(ws->token, sizeof(ws->token), "reviewls/scan/%u", ++ws->progress_serial);
    json_t *params = json_object();
    json_object_set_new(params, "token", json_string(ws->token));
    ws->progress_request = ++s->next_request_id;
    json_t *msg = rv_rpc_request(ws->progress_request, "window/workDoneProgress/create", params);
    s->send(s->send_userdata, msg);
    json_decref(msg);
    ws->progress = PROGRESS_WAITING;
}

bool rv_lsp_workspace_on_response(struct rv_server *s, json_t *id, json_t *result, json_t *error) {
    struct rv_workspace *ws = s->ws;
    if (id == NULL || !json_is_integer(id)) {
        return false;
    }
    long long n = json_integer_value(id);
    if (n == s->configuration_request_id && n != 0) {
        // Settings are known now (or the client has none): the scan may start.
        ws->started = true;
        ws->walk_needed = true;
        return false; // the server applies the settings
    }
    if (ws->progress == PROGRESS_WAITING && n == ws->progress_request) {
        if (error != NULL) {
            ws->progress = PROGRESS_NONE; // no progress, the scan goes on
        } else {
            progress_begin(s);
        }
        return true;
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* The scan, driven from rv_server_drain. */

static bool scan_done(const struct rv_workspace *ws) {
    return !ws->walk_needed && ws->queue_pos >= ws->queue.len && ws->progress != PROGRESS_WAITING;
}

bool rv_lsp_workspace_busy(const struct rv_server *s) {
    const struct rv_workspace *ws = s->ws;
    if (ws == NULL || s->state != RV_STATE_RUNNING) {
        return false;
    }
    if (ws->progress == PROGRESS_WAITING) {
        return false; // the client's answer wakes us
    }
    return (ws->started && ws->walk_needed) || ws->queue_pos < ws->queue.len;
}

static void answer_pending(struct rv_server *s);

void rv_lsp_workspace_drain(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    if (s->state != RV_STATE_RUNNING) {
        return;
    }
    bool requested = ws->pending.len > 0;
    if (requested && !ws->started) {
        ws->started = true; // a request cannot wait for settings that may never come
        ws->walk_needed = true;
    }
    if (ws->started && ws->walk_needed) {
        // A workspace review reads every file; the scan and workspace pulls honour the
        // workspace-scan setting of each file's folder.
        bool review = false;
        for (size_t i = 0; i < ws->pending.len; i++) {
            review = review || ws->pending.items[i].kind == PENDING_REVIEW;
        }
        ws->walk_needed = false;
        walk(s, review);
        ws->progress_total = ws->queue.len;
        ws->progress_done = 0;
        if (ws->progress == PROGRESS_ACTIVE) {
            progress_end(s); // a new walk restarts the count
        }
        if (s->caps.work_done_progress && ws->queue.len > 0 && ws->progress == PROGRESS_NONE) {
            progress_create(s);
        }
    }
    if (ws->progress == PROGRESS_WAITING) {
        return;
    }
    uint64_t start = uv_hrtime();
    while (ws->queue_pos < ws->queue.len) {
        struct entry *e = &ws->entries.items[ws->queue.items[ws->queue_pos++]];
        e->queued = false;
        struct rv_doc *doc = analyse_entry(s, e);
        publish_entry(s, e, doc);
        ws->progress_done++;
        progress_report(s);
        if (!s->test_mode && (uv_hrtime() - start) / 1000000 >= SLICE_MS) {
            break;
        }
    }
    if (ws->queue_pos >= ws->queue.len) {
        ws->queue.len = 0;
        ws->queue_pos = 0;
        progress_end(s);
        answer_pending(s);
    }
}

void rv_lsp_workspace_initialized(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    ws->walk_needed = true;
    // With workspace/configuration, the settings come in the answer: scanning before would
    // analyse everything twice.
    ws->started = !s->caps.workspace_configuration;
    if (s->caps.watched_files_dynamic) {
        static const char *const globs[] = {"**/*.py", "**/pyproject.toml", "**/.gitignore",
                                            "**/*baseline*.json"};
        json_t *watchers = json_array();
        for (size_t i = 0; i < RV_ARRAY_LEN(globs); i++) {
            json_t *w = json_object();
            json_object_set_new(w, "globPattern", json_string(globs[i]));
            json_array_append_new(watchers, w);
        }
        json_t *opts = json_object();
        json_object_set_new(opts, "watchers", watchers);
        json_t *reg = json_object();
        json_object_set_new(reg, "id", json_string("reviewls-watched-files"));
        json_object_set_new(reg, "method", json_string("workspace/didChangeWatchedFiles"));
        json_object_set_new(reg, "registerOptions", opts);
        json_t *regs = json_array();
        json_array_append_new(regs, reg);
        json_t *params = json_object();
        json_object_set_new(params, "registrations", regs);
        json_t *msg = rv_rpc_request(++s->next_request_id, "client/registerCapability", params);
        s->send(s->send_userdata, msg);
        json_decref(msg);
    }
}

void rv_lsp_workspace_config_changed(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    if (ws == NULL) {
        return;
    }
    ws->walk_needed = true;
    // Baselines named by the old settings may no longer apply; they are re-read on use.
}

bool rv_lsp_workspace_on_close(struct rv_server *s, const char *uri) {
    struct rv_workspace *ws = s->ws;
    if (s->caps.pull_diagnostics) {
        return false;
    }
    char *path = rv_uri_to_path(uri);
    if (path == NULL) {
        return false;
    }
    long at = find_entry(ws, path);
    bool queued = false;
    if (at >= 0 && scan_enabled(s, path)) {
        // The file falls back to its findings on disk, published at the next drain.
        enqueue(ws, (size_t)at);
        queued = true;
    }
    free(path);
    return queued;
}

static void mark_for_analysis(struct rv_doc *doc, void *ud) {
    (void)ud;
    doc->needs_analysis = true;
}

void rv_lsp_workspace_on_watched(struct rv_server *s, json_t *changes) {
    struct rv_workspace *ws = s->ws;
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        const char *uri = json_string_value(json_object_get(c, "uri"));
        json_t *type = json_object_get(c, "type");
        char *path = uri ? rv_uri_to_path(uri) : NULL;
        if (path == NULL) {
            continue;
        }
        if (is_known_baseline(ws, path)) {
            // Hidden findings change everywhere: every file is analysed again.
            rv_doc_store_each(&s->docs, mark_for_analysis, NULL);
            for (size_t k = 0; k < ws->entries.len; k++) {
                enqueue(ws, k);
            }
        } else if (ends_with(path, "/.gitignore")) {
            ws->walk_needed = true;
        } else if (is_python(path) && root_of(s, path) >= 0) {
            long at = find_entry(ws, path);
            if (json_integer_value(type) == 3) { // Deleted
                if (at >= 0) {
                    enqueue(ws, (size_t)at); // reading fails, which clears it
                }
            } else if (at >= 0) {
                enqueue(ws, (size_t)at);
            } else {
                // A new file: a walk decides whether it is excluded or ignored.
                ws->walk_needed = true;
            }
        }
        free(path);
    }
}

void rv_lsp_workspace_roots_changed(struct rv_server *s) {
    s->ws->walk_needed = true;
}

/* ------------------------------------------------------------------------------------------ */
/* The Markdown review (workspace/executeCommand reviewls.review). */

// The path a review shows: relative to the folder holding the file (as `reviewls review .`
// run there prints it), prefixed with the folder's name in a multi-root workspace.
static char *display_path(const struct rv_server *s, const struct rv_doc *doc) {
    if (doc->path == NULL) {
        return rv_xstrdup(doc->uri);
    }
    long r = root_of(s, doc->path);
    if (r < 0) {
        return rv_xstrdup(doc->path);
    }
    const char *root = s->roots.items[r];
    const char *rel = doc->path + strlen(root) + (strcmp(root, "/") == 0 ? 0 : 1);
    if (s->roots.len == 1) {
        return rv_xstrdup(rel);
    }
    const char *slash = strrchr(root, '/');
    return rv_xasprintf("%s/%s", slash ? slash + 1 : root, rel);
}

struct review_item {
    char *display;
    long root;
    struct rv_doc *doc;
    const struct rv_config *config;
};

// Orders as a directory walk does: folder by folder, then name by name at each level.
static int cmp_walk(const void *pa, const void *pb) {
    const struct review_item *a = pa;
    const struct review_item *b = pb;
    if (a->root != b->root) {
        return a->root < b->root ? -1 : 1;
    }
    const char *x = a->doc->path ? a->doc->path : a->doc->uri;
    const char *y = b->doc->path ? b->doc->path : b->doc->uri;
    while (*x && *y) {
        size_t nx = strcspn(x, "/");
        size_t ny = strcspn(y, "/");
        size_t n = nx < ny ? nx : ny;
        int c = memcmp(x, y, n);
        if (c == 0 && nx != ny) {
            c = nx < ny ? -1 : 1;
        }
        if (c != 0) {
            return c;
        }
        x += nx + (x[nx] == '/');
        y += ny + (y[ny] == '/');
    }
    return *x ? 1 : *y ? -1 : 0;
}

static char *review_markdown(struct rv_server *s, struct review_item *items, size_t n) {
    if (n > 1) {
        qsort(items, n, sizeof(*items), cmp_walk);
    }
    struct rv_report_file *files = rv_xcalloc(n + 1, sizeof(*files));
    struct rv_config ran;
    rv_config_init(&ran);
    memset(ran.selected, 0, sizeof(ran.selected));
    for (size_t i = 0; i < n; i++) {
        // Analysis drops the tree of disk documents, so re-analyse only when something changed.
        files[i] =
            (struct rv_report_file){items[i].display, &items[i].doc->text, &items[i].doc->findings};
        for (size_t c = 0; c < RV_RULE_CODE_MAX; c++) {
            ran.selected[c] = ran.selected[c] || items[i].config->selected[c];
        }
    }
    // As `reviewls review`: the rules that ran for some file decide the security verdict.
    struct rv_report_options opts = {n ? &ran : NULL, 0};
    char *md = rv_report_markdown(files, n, &opts);
    rv_config_finish(&ran);
    free(files);
    return md;
}

static void review_item_add(struct rv_server *s, void *vec, struct rv_doc *doc) {
    RV_VEC(struct review_item) *items = vec;
    struct review_item it = {
        .display = display_path(s, doc),
        .root = doc->path ? root_of(s, doc->path) : -1,
        .doc = doc,
        .config = rv_lsp_doc_config(s, doc),
    };
    rv_vec_push(items, it);
}

struct open_collect {
    struct rv_server *s;
    void *items;
};

static void collect_open(struct rv_doc *doc, void *ud) {
    struct open_collect *oc = ud;
    struct rv_server *s = oc->s;
    if (doc->path == NULL || root_of(s, doc->path) < 0 || !is_python(doc->path)) {
        return;
    }
    // Open files the walk did not find (new, unsaved to a walked place) still count unless
    // their configuration excludes them.
    char *root = exclude_root(s, doc->path);
    bool excluded = rv_config_excluded(rv_lsp_doc_config(s, doc), doc->path, root);
    free(root);
    if (!excluded) {
        rv_lsp_analyse(s, doc);
        review_item_add(s, oc->items, doc);
    }
}

static json_t *workspace_review(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    RV_VEC(struct review_item) items = {0};
    for (size_t i = 0; i < ws->entries.len; i++) {
        struct entry *e = &ws->entries.items[i];
        if (open_doc(s, e->path)) {
            continue; // collected below with its in-editor text
        }
        struct rv_doc *doc = rv_doc_store_get(&ws->disk, e->uri);
        if (doc) {
            review_item_add(s, &items, doc);
        }
    }
    struct open_collect oc = {s, &items};
    rv_doc_store_each(&s->docs, collect_open, &oc);
    char *md = review_markdown(s, items.items, items.len);
    for (size_t i = 0; i < items.len; i++) {
        free(items.items[i].display);
    }
    rv_vec_finish(&items);
    json_t *result = rv_json_string_lossy(md, strlen(md));
    free(md);
    return result;
}

static json_t *document_review(struct rv_server *s, const char *uri, char **error) {
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    char *path = rv_uri_to_path(uri);
    if (doc == NULL && path) {
        doc = open_doc(s, path);
    }
    if (doc) {
        rv_lsp_analyse(s, doc);
    } else if (path) {
        size_t at = add_entry(s->ws, path);
        doc = analyse_entry(s, &s->ws->entries.items[at]);
        if (doc == NULL) {
            *error = rv_xasprintf("cannot read %s", path);
        }
    } else {
        *error = rv_xasprintf("%s is not open and not a file", uri);
    }
    free(path);
    if (doc == NULL) {
        return NULL;
    }
    struct review_item it = {.display = display_path(s, doc),
                             .root = 0,
                             .doc = doc,
                             .config = rv_lsp_doc_config(s, doc)};
    char *md = review_markdown(s, &it, 1);
    free(it.display);
    json_t *result = rv_json_string_lossy(md, strlen(md));
    free(md);
    return result;
}

void rv_lsp_on_execute_command(struct rv_server *s, json_t *id, json_t *params) {
    const char *command = json_string_value(json_object_get(params, "command"));
    if (command == NULL) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "workspace/executeCommand needs a command");
        return;
    }
    if (strcmp(command, "reviewls.review") != 0) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "unknown command: %s", command);
        return;
    }
    json_t *args = json_object_get(params, "arguments");
    json_t *arg = json_array_get(args, 0);
    if (json_is_object(arg)) {
        arg = json_object_get(arg, "uri"); // a TextDocumentIdentifier
    }
    if (arg != NULL && !json_is_null(arg) && !json_is_string(arg)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "reviewls.review takes a document uri, or nothing for the workspace");
        return;
    }
    if (json_is_string(arg)) {
        char *error = NULL;
        json_t *md = document_review(s, json_string_value(arg), &error);
        if (md) {
            rv_lsp_reply(s, id, md);
        } else {
            rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "%s", error);
        }
        free(error);
        return;
    }
    // The workspace: answered once the scan has read every file (rv_lsp_workspace_drain).
    struct pending p = {.kind = PENDING_REVIEW, .id = json_incref(id)};
    rv_vec_push(&s->ws->pending, p);
    // Files on disk are current while the scan covers them (watchers re-check changes); a walk
    // is needed only for what it skipped, or before the first one.
    if (!s->ws->walked_all) {
        s->ws->walk_needed = true;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* workspace/diagnostic. */

static const char *previous_result(json_t *previous, const char *uri) {
    size_t i;
    json_t *p;
    json_array_foreach(previous, i, p) {
        const char *u = json_string_value(json_object_get(p, "uri"));
        if (u && strcmp(u, uri) == 0) {
            return json_string_value(json_object_get(p, "value"));
        }
    }
    return NULL;
}

static json_t *document_report(struct rv_server *s, const struct rv_doc *doc, const char *uri,
                               json_t *version, json_t *previous) {
    char rid[32];
    snprintf(rid, sizeof(rid), "%llu", (unsigned long long)doc->result_id);
    json_t *report = json_object();
    json_object_set_new(report, "uri", json_string(uri));
    json_object_set_new(report, "version", version);
    json_object_set_new(report, "resultId", json_string(rid));
    const char *prev = previous_result(previous, uri);
    if (prev && strcmp(prev, rid) == 0) {
        json_object_set_new(report, "kind", json_string("unchanged"));
    } else {
        json_object_set_new(report, "kind", json_string("full"));
        json_object_set_new(report, "items", rv_lsp_diagnostics(s, doc));
    }
    return report;
}

struct open_reports {
    struct rv_server *s;
    json_t *items;
    json_t *previous;
};

static void report_open(struct rv_doc *doc, void *ud) {
    struct open_reports *r = ud;
    if (doc->path == NULL || root_of(r->s, doc->path) < 0) {
        return;
    }
    rv_lsp_analyse(r->s, doc);
    json_array_append_new(
        r->items, document_report(r->s, doc, doc->uri, json_integer(doc->version), r->previous));
}

static json_t *workspace_reports(struct rv_server *s, json_t *previous) {
    struct rv_workspace *ws = s->ws;
    json_t *items = json_array();
    for (size_t i = 0; i < ws->entries.len; i++) {
        struct entry *e = &ws->entries.items[i];
        struct rv_doc *doc = rv_doc_store_get(&ws->disk, e->uri);
        if (doc == NULL || open_doc(s, e->path) || !scan_enabled(s, e->path)) {
            continue;
        }
        json_array_append_new(items, document_report(s, doc, e->uri, json_null(), previous));
    }
    // Open documents in the folders, with their versions: the editor's text wins.
    struct open_reports r = {s, items, previous};
    rv_doc_store_each(&s->docs, report_open, &r);
    json_t *result = json_object();
    json_object_set_new(result, "items", items);
    return result;
}

void rv_lsp_on_workspace_diagnostic(struct rv_server *s, json_t *id, json_t *params) {
    json_t *previous = json_object_get(params, "previousResultIds");
    struct pending p = {
        .kind = PENDING_WORKSPACE_DIAGNOSTIC,
        .id = json_incref(id),
        .previous = json_is_array(previous) ? json_incref(previous) : json_array(),
    };
    rv_vec_push(&s->ws->pending, p);
}

static void answer_pending(struct rv_server *s) {
    struct rv_workspace *ws = s->ws;
    if (!scan_done(ws)) {
        return;
    }
    for (size_t i = 0; i < ws->pending.len; i++) {
        struct pending *p = &ws->pending.items[i];
        switch (p->kind) {
        case PENDING_WORKSPACE_DIAGNOSTIC:
            rv_lsp_reply(s, p->id, workspace_reports(s, p->previous));
            break;
        case PENDING_REVIEW:
            rv_lsp_reply(s, p->id, workspace_review(s));
            break;
        }
        pending_finish(p);
    }
    ws->pending.len = 0;
}

bool rv_lsp_workspace_cancel(struct rv_server *s, json_t *id) {
    struct rv_workspace *ws = s->ws;
    for (size_t i = 0; i < ws->pending.len; i++) {
        if (id && json_equal(ws->pending.items[i].id, id)) {
            rv_lsp_reply_error(s, ws->pending.items[i].id, RV_RPC_REQUEST_CANCELLED,
                               "request cancelled");
            pending_finish(&ws->pending.items[i]);
            memmove(&ws->pending.items[i], &ws->pending.items[i + 1],
                    (ws->pending.len - i - 1) * sizeof(ws->pending.items[0]));
            ws->pending.len--;
            return true;
        }
    }
    return false;
}
