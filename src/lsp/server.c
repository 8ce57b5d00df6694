// SPDX-License-Identifier: MIT
// The LSP server: the lifecycle state machine, the method table, text synchronisation,
// configuration and diagnostics (push or pull, never both). Every input error becomes the
// JSON-RPC error the specification names, or a log line for notifications; nothing here ends
// the process except `exit`.
#include "lsp_internal.h"
#include "reviewls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

// How long an edit keeps the helper thread polling for its analysis's share (ns): the
// drain that publishes it cools it sooner.
#define HELPER_WARM_NS 3000000u

#ifndef RV_VERSION
#define RV_VERSION "0.1.0"
#endif

/* ------------------------------------------------------------------------------------------ */
/* Output. */

void rv_lsp_reply(struct rv_server *s, json_t *id, json_t *result) {
    json_t *msg = rv_rpc_result(id, result);
    s->send(s->send_userdata, msg);
    json_decref(msg);
}

void rv_lsp_reply_error(struct rv_server *s, json_t *id, int code, const char *fmt, ...) {
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    json_t *msg = rv_rpc_error(id, code, sb.data ? sb.data : "");
    rv_strbuf_finish(&sb);
    s->send(s->send_userdata, msg);
    json_decref(msg);
}

void rv_lsp_notify(struct rv_server *s, const char *method, json_t *params) {
    json_t *msg = rv_rpc_notification(method, params);
    s->send(s->send_userdata, msg);
    json_decref(msg);
}

void rv_lsp_show_message(struct rv_server *s, int type, const char *fmt, ...) {
    struct rv_strbuf sb = {0};
    va_list ap;
    va_start(ap, fmt);
    rv_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    json_t *params = json_object();
    json_object_set_new(params, "type", json_integer(type));
    json_object_set_new(params, "message", rv_json_string_lossy(sb.data ? sb.data : "", sb.len));
    rv_strbuf_finish(&sb);
    rv_lsp_notify(s, "window/showMessage", params);
}

// Log lines reach the client as window/logMessage once it is initialised.
static void log_sink(void *userdata, enum rv_log_level level, const char *line) {
    struct rv_server *s = userdata;
    if (s->state != RV_STATE_RUNNING) {
        return;
    }
    static const int types[] = {4, 1, 2, 3, 4};
    json_t *params = json_object();
    json_object_set_new(params, "type", json_integer(types[level]));
    json_object_set_new(params, "message", rv_json_string_lossy(line, strlen(line)));
    rv_lsp_notify(s, "window/logMessage", params);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading params. */

bool rv_lsp_get_uri(json_t *params, const char **uri) {
    json_t *td = json_object_get(params, "textDocument");
    json_t *u = json_object_get(td, "uri");
    if (!json_is_string(u)) {
        return false;
    }
    *uri = json_string_value(u);
    return true;
}

static bool get_u32(json_t *obj, const char *key, uint32_t *out) {
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v)) {
        return false;
    }
    json_int_t n = json_integer_value(v);
    // Negative positions are invalid; enormous ones are clamped like any out-of-range value.
    if (n < 0) {
        return false;
    }
    *out = n > (json_int_t)UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return true;
}

bool rv_lsp_parse_position(json_t *pos, struct rv_lsp_pos *out) {
    return json_is_object(pos) && get_u32(pos, "line", &out->line) &&
           get_u32(pos, "character", &out->character);
}

bool rv_lsp_parse_range(json_t *range, struct rv_lsp_pos *start, struct rv_lsp_pos *end) {
    return json_is_object(range) && rv_lsp_parse_position(json_object_get(range, "start"), start) &&
           rv_lsp_parse_position(json_object_get(range, "end"), end);
}

char *rv_lsp_string_bytes(struct rv_server *s, json_t *str, size_t *len) {
    size_t n = json_string_length(str);
    char *bytes = rv_xmalloc(n + 1);
    memcpy(bytes, json_string_value(str), n);
    bytes[n] = '\0';
    if (s->lossy_message) {
        n = rv_rpc_unmap_bytes(bytes, n);
        bytes[n] = '\0';
    }
    *len = n;
    return bytes;
}

/* ------------------------------------------------------------------------------------------ */
/* Configuration: defaults, then the nearest pyproject.toml, then the editor's settings. */

static void projects_clear(struct rv_server *s) {
    for (size_t i = 0; i < s->projects.len; i++) {
        free(s->projects.items[i].pyproject);
        free(s->projects.items[i].dir);
        rv_config_finish(&s->projects.items[i].config);
    }
    s->projects.len = 0;
}

static void mark_all(struct rv_doc *doc, void *ud) {
    (void)ud;
    doc->needs_analysis = true;
}

static void report_config_errors(struct rv_server *s, const char *where,
                                 struct rv_config_errors *errs) {
    for (size_t i = 0; i < errs->list.len; i++) {
        const struct rv_config_error *e = &errs->list.items[i];
        if (e->line) {
            rv_log_warn("configuration %s:%u:%u: %s", where, e->line, e->column, e->message);
        } else {
            rv_log_warn("configuration %s: %s", where, e->message);
        }
    }
    if (errs->list.len && s->state == RV_STATE_RUNNING) {
        const struct rv_config_error *e = &errs->list.items[0];
        rv_lsp_show_message(s, 2, "reviewls: %s%s%s; the other settings still apply", where,
                            e->line ? ": " : ": ", e->message);
    }
}

// Problems in a pyproject.toml become RV003 diagnostics on that file (push clients), and an
// empty list clears them once the file is fixed. Lines and columns come 1-based from config/.
static void publish_config_diagnostics(struct rv_server *s, const char *pyproject,
                                       const struct rv_config_errors *errs) {
    if (s->caps.pull_diagnostics || s->state != RV_STATE_RUNNING) {
        return;
    }
    const struct rv_rule_info *rule = rv_rule_by_code(3);
    json_t *diags = json_array();
    for (size_t i = 0; i < errs->list.len; i++) {
        const struct rv_config_error *e = &errs->list.items[i];
        uint32_t line = e->line ? e->line - 1 : 0;
        uint32_t col = e->column ? e->column - 1 : 0;
        uint32_t end_line = e->end_line ? e->end_line - 1 : line;
        uint32_t end_col = e->end_column ? e->end_column - 1 : col + 1;
        if (end_line < line || (end_line == line && end_col <= col)) {
            end_line = line;
            end_col = col + 1;
        }
        json_t *range = json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", line, "character",
                                  col, "end", "line", end_line, "character", end_col);
        json_t *d = json_object();
        json_object_set_new(d, "range", range);
        json_object_set_new(d, "severity", json_integer(rule ? rule->severity : 1));
        json_object_set_new(d, "code", json_string("RV003"));
        json_object_set_new(d, "source", json_string("reviewls"));
        json_object_set_new(d, "message", rv_json_string_lossy(e->message, strlen(e->message)));
        json_array_append_new(diags, d);
    }
    char *uri = rv_path_to_uri(pyproject);
    json_t *params = json_object();
    json_object_set_new(params, "uri", json_string(uri));
    json_object_set_new(params, "diagnostics", diags);
    rv_lsp_notify(s, "textDocument/publishDiagnostics", params);
    free(uri);
}

// Rebuilds the editor layer after settings changed; every document is analysed again.
static void apply_editor_settings(struct rv_server *s, json_t *settings) {
    if (settings != NULL) {
        json_incref(settings);
        json_decref(s->editor_settings);
        s->editor_settings = settings;
    }
    rv_config_finish(&s->editor_config);
    rv_config_init(&s->editor_config);
    if (s->editor_settings && json_is_object(s->editor_settings)) {
        struct rv_config_errors errs = {0};
        rv_config_apply_json(&s->editor_config, s->editor_settings, &errs);
        report_config_errors(s, "editor settings", &errs);
        rv_config_errors_finish(&errs);
    }
    projects_clear(s);
    rv_doc_store_each(&s->docs, mark_all, NULL);
    rv_lsp_workspace_config_changed(s);
}

static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return rv_xstrdup(".");
    }
    return rv_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

// The cached project entry of a document's directory, created on first use (NULL for
// documents without a path).
static const struct rv_project_config *doc_project(struct rv_server *s, const struct rv_doc *doc) {
    return doc->path ? rv_lsp_path_project(s, doc->path) : NULL;
}

const struct rv_project_config *rv_lsp_path_project(struct rv_server *s, const char *path) {
    char *dir = dir_of(path);
    for (size_t i = 0; i < s->projects.len; i++) {
        if (strcmp(s->projects.items[i].dir, dir) == 0) {
            free(dir);
            return &s->projects.items[i];
        }
    }
    struct rv_project_config pc = {.dir = dir, .pyproject = rv_config_find_pyproject(dir)};
    // Another directory of the same project (a workspace scan visits them all): share its
    // configuration rather than reading and reporting the pyproject.toml once per directory.
    for (size_t i = 0; pc.pyproject && i < s->projects.len; i++) {
        const struct rv_project_config *other = &s->projects.items[i];
        if (other->pyproject && strcmp(other->pyproject, pc.pyproject) == 0) {
            rv_config_copy(&pc.config, &other->config);
            rv_vec_push(&s->projects, pc);
            return &s->projects.items[s->projects.len - 1];
        }
    }
    rv_config_init(&pc.config);
    if (pc.pyproject) {
        struct rv_config_errors errs = {0};
        if (rv_config_load_pyproject(&pc.config, pc.pyproject, &errs) != 0) {
            rv_log_warn("cannot read %s", pc.pyproject);
        }
        report_config_errors(s, pc.pyproject, &errs);
        publish_config_diagnostics(s, pc.pyproject, &errs);
        rv_config_errors_finish(&errs);
    }
    // The editor's settings win over the file's.
    if (s->editor_settings && json_is_object(s->editor_settings)) {
        struct rv_config_errors errs = {0};
        rv_config_apply_json(&pc.config, s->editor_settings, &errs);
        rv_config_errors_finish(&errs);
    }
    rv_vec_push(&s->projects, pc);
    return &s->projects.items[s->projects.len - 1];
}

const struct rv_config *rv_lsp_doc_config(struct rv_server *s, const struct rv_doc *doc) {
    const struct rv_project_config *pc = doc_project(s, doc);
    return pc ? &pc->config : &s->editor_config;
}

/* ------------------------------------------------------------------------------------------ */
/* Analysis and publication. */

// Reparses `doc` if edited, within s->parse_budget_us when drain_doc set one. A parse that runs
// out of time keeps the edited old tree (and so the last findings), and its progress stays with
// the document until the next drain resumes it (rv_doc_parse_sliced); parses of other
// documents meanwhile take another parser.
static void parse_doc(struct rv_server *s, struct rv_doc *doc) {
    rv_doc_parse_sliced(doc, &s->parser, s->parse_budget_us);
}

// The part of `path` below `root` (the pyproject's directory), else below the workspace folder
// that holds it, else `path` itself. Borrowed from `path`.
static const char *project_relative(const struct rv_server *s, const char *path, const char *root) {
    const char *best = NULL;
    size_t best_len = 0;
    if (root) {
        best = root;
        best_len = strlen(root);
    } else {
        for (size_t i = 0; i < s->roots.len; i++) {
            size_t n = strlen(s->roots.items[i]);
            if (n > best_len && strncmp(path, s->roots.items[i], n) == 0 && path[n] == '/') {
                best = s->roots.items[i];
                best_len = n;
            }
        }
    }
    if (best && strncmp(path, best, best_len) == 0 && path[best_len] == '/') {
        return path + best_len + 1;
    }
    return path;
}

// Documents larger than this are kept in sync but neither parsed nor analysed, as `reviewls
// check` skips such files: a generated module of tens of megabytes would hold the loop for a
// minute of analysis, and every request behind it.
#define MAX_ANALYSED_BYTES (10 * 1024 * 1024)
/** The longest parse of an edit's statements alone (rv_server_create says why). */
#define PART_PARSE_US 500

bool rv_lsp_analyse(struct rv_server *s, struct rv_doc *doc) {
    if (doc->text.len > MAX_ANALYSED_BYTES) {
        if (!doc->needs_analysis && !doc->needs_parse && doc->too_large) {
            return false;
        }
        if (!doc->too_large) {
            rv_lsp_show_message(s, 2, "reviewls: %s is %zu MB; files over %d MB are not analysed",
                                doc->uri, doc->text.len / (1024 * 1024),
                                MAX_ANALYSED_BYTES / (1024 * 1024));
        }
        doc->too_large = true;
        ts_tree_delete(doc->tree);
        doc->tree = NULL;
        doc->needs_parse = false;
        doc->needs_analysis = false;
        rv_findings_clear(&doc->findings);
        doc->analysed_version = doc->version;
        doc->result_id = ++s->next_result_id;
        return true;
    }
    if (doc->too_large) {
        doc->too_large = false;
        doc->needs_parse = true; // no tree was kept while it was too large
    }
    if (!doc->needs_analysis && doc->tree && !doc->needs_parse) {
        return false;
    }
    if (!doc->needs_analysis && doc->analysed_ahead) {
        parse_doc(s, doc); // the tree catches up with the text a partial analysis analysed
        return false;
    }
    bool debug = rv_log_level_get() >= RV_LOG_DEBUG;
    uint64_t t0 = debug ? uv_hrtime() : 0;
    const struct rv_config *cfg = rv_lsp_doc_config(s, doc);
    // exclude globs are relative to the directory of the pyproject.toml that set them; the
    // project entry is cached, so no file system access happens per keystroke.
    bool excluded = false;
    const char *analysed_path = doc->path ? doc->path : doc->uri;
    char *root = NULL;
    if (doc->path) {
        const struct rv_project_config *pc = doc_project(s, doc);
        root = pc && pc->pyproject ? dir_of(pc->pyproject) : NULL;
        excluded = rv_config_excluded(cfg, doc->path, root);
        // Rules judge the path inside the project (a `tests/` folder above the project must
        // not make every file test code), as `reviewls check` does from the project root.
        analysed_path = project_relative(s, doc->path, root);
    }
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg,   analysed_path, 0,
                                   0,          NULL,      false, s->helper};
    // One edit since the last analysis: from a parse of the statements around it when that
    // parse is the whole text's there; the whole reparse waits (drain_doc).
    struct rv_findings part = {0};
    uint64_t t1 = 0;
    bool partial = !excluded && doc->needs_analysis &&
                   rv_doc_analyze_partial(doc, s->part_parser, &in, &part, debug ? &t1 : NULL);
    if (partial) {
        rv_findings_finish(&doc->findings);
        doc->findings = part;
    } else {
        parse_doc(s, doc);
        t1 = debug ? uv_hrtime() : 0;
        if (doc->tree == NULL || doc->needs_parse) {
            free(root);
            return false; // out of time: the last findings stay until the parse completes
        }
        rv_findings_clear(&doc->findings);
    }
    if (!excluded) {
        in.tree = doc->tree;
        if (!partial) {
            rv_doc_analyze(doc, &in, &doc->findings);
        }
        if (doc->analysis && debug) {
            // Wall clock: what the edit cost before its diagnostics could be written.
            uint64_t t2 = uv_hrtime();
            struct rv_analysis_stats st = rv_analysis_state_stats(doc->analysis);
            // The clock is CLOCK_MONOTONIC's, which a client on the machine reads too.
            rv_log_debug("analysed %s version %lld: parse %llu us, analysis %llu us; "
                         "%llu incremental (%llu widened), %llu full%s; change at %llu ns, "
                         "parse from %llu ns; parts changed 0x%x",
                         doc->uri, (long long)doc->version, (unsigned long long)(t1 - t0) / 1000,
                         (unsigned long long)(t2 - t1) / 1000, (unsigned long long)st.incremental,
                         (unsigned long long)st.widened, (unsigned long long)st.full,
                         partial ? ", partial" : "", (unsigned long long)doc->changed_ns,
                         (unsigned long long)t0, (unsigned)st.last_changed);
        }
        rv_lsp_baseline_filter(s, doc, cfg);
    }
    free(root);
    doc->needs_analysis = false;
    doc->analysed_version = doc->version;
    doc->result_id = ++s->next_result_id;
    return true;
}

// Written as text: building the objects and dumping them with jansson took about a third as
// long as the incremental analysis of the edit before it.
static void publish(struct rv_server *s, struct rv_doc *doc) {
    struct rv_strbuf sb = {0};
    // About as long as the last one: doubling from nothing copied a long module's publish a
    // dozen times over.
    rv_strbuf_grow(&sb, s->publish_hint);
    rv_strbuf_puts(&sb, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
                        "\"params\":{\"uri\":");
    rv_json_put_string(&sb, doc->uri, strlen(doc->uri));
    rv_strbuf_printf(&sb, ",\"version\":%lld,\"diagnostics\":", (long long)doc->version);
    rv_lsp_put_diagnostics(&sb, s, doc);
    rv_strbuf_puts(&sb, "}}");
    s->publish_hint = sb.len;
    if (s->send_text) {
        s->send_text(s->send_userdata, sb.data, sb.len);
        rv_strbuf_finish(&sb);
        return;
    }
    json_error_t err;
    json_t *msg = json_loadb(sb.data, sb.len, JSON_ALLOW_NUL, &err);
    json_t *want = rv_lsp_diagnostics(s, doc);
    json_t *got = json_object_get(json_object_get(msg, "params"), "diagnostics");
    if (msg == NULL || !json_equal(got, want)) {
        fprintf(stderr,
                "reviewls: publishDiagnostics written as text differs from jansson's:\n%s\n",
                sb.data);
        abort();
    }
    json_decref(want);
    rv_strbuf_finish(&sb);
    s->send(s->send_userdata, msg);
    json_decref(msg);
}

// Frees what the analysis of `doc` replaced, once its findings are on their way: the trees on
// the lazyfree thread (deleting those an edit across a syntax error let go of can take
// milliseconds, longer than the client takes to send the next keystroke), the rest here.
static void tidy(struct rv_server *s, struct rv_doc *doc) {
    size_t n;
    TSTree **dead = rv_analysis_state_take_dead_trees(doc->analysis, &n);
    rv_lsp_lazyfree_trees(s->lazyfree, dead, n);
    free(dead);
    rv_analysis_state_tidy(doc->analysis);
}

// Analyses `doc` (or, when only its tree is behind its analysis, reparses it) with parses in
// slices: an unfinished parse resumes at the next drain, once pending input is served.
static void analyse_sliced(struct rv_server *s, struct rv_doc *doc) {
    s->parse_budget_us = s->parse_slice_us;
    rv_lsp_analyse(s, doc);
    s->parse_budget_us = 0;
    s->docs_left = s->docs_left || doc->needs_parse;
}

static void drain_doc(struct rv_doc *doc, void *ud) {
    struct rv_server *s = ud;
    if (doc->needs_analysis || (doc->needs_parse && !doc->analysed_ahead)) {
        analyse_sliced(s, doc);
    }
    // A request (hover, code action) may have analysed the document on demand since the last
    // drain: publish whatever analysis the client has not seen yet.
    if (!s->caps.pull_diagnostics && doc->result_id != 0 &&
        doc->result_id != doc->published_result_id) {
        bool debug = rv_log_level_get() >= RV_LOG_DEBUG;
        uint64_t t0 = debug ? uv_hrtime() : 0;
        publish(s, doc);
        if (debug) {
            // With the parse and analysis logged before it: bench/run's split of an edit.
            uint64_t t1 = uv_hrtime();
            rv_log_debug("published %s version %lld: %zu diagnostics in %llu us, written by %llu "
                         "ns",
                         doc->uri, (long long)doc->version, doc->findings.list.len,
                         (unsigned long long)(t1 - t0) / 1000, (unsigned long long)t1);
        }
        doc->published_result_id = doc->result_id;
    }
    // A partial analysis's findings are out; its whole reparse waits for a quiet moment (no
    // message for quiet_ns), off the way of the next keystroke.
    if (!doc->needs_analysis && doc->needs_parse && doc->analysed_ahead) {
        if (uv_hrtime() - s->input_ns >= s->quiet_ns) {
            analyse_sliced(s, doc);
            rv_log_debug("reparsed %s version %lld after its partial analysis%s", doc->uri,
                         (long long)doc->version, doc->needs_parse ? " (in part)" : "");
        } else {
            s->reparse_waits = true;
        }
    }
    tidy(s, doc);
}

static json_t *full_report(struct rv_server *s, struct rv_doc *doc) {
    json_t *report = json_object();
    json_object_set_new(report, "kind", json_string("full"));
    char rid[32];
    snprintf(rid, sizeof(rid), "%llu", (unsigned long long)doc->result_id);
    json_object_set_new(report, "resultId", json_string(rid));
    json_object_set_new(report, "items", rv_lsp_diagnostics(s, doc));
    return report;
}

static void answer_pull(struct rv_server *s, struct rv_pending_pull *p) {
    struct rv_doc *doc = rv_doc_store_get(&s->docs, p->uri);
    if (doc == NULL) {
        // Not open: an empty report (the workspace scan covers files on disk).
        json_t *report = json_object();
        json_object_set_new(report, "kind", json_string("full"));
        json_object_set_new(report, "items", json_array());
        rv_lsp_reply(s, p->id, report);
        return;
    }
    rv_lsp_analyse(s, doc);
    char rid[32];
    snprintf(rid, sizeof(rid), "%llu", (unsigned long long)doc->result_id);
    if (p->previous_result_id && strcmp(p->previous_result_id, rid) == 0) {
        json_t *report = json_object();
        json_object_set_new(report, "kind", json_string("unchanged"));
        json_object_set_new(report, "resultId", json_string(rid));
        rv_lsp_reply(s, p->id, report);
        return;
    }
    rv_lsp_reply(s, p->id, full_report(s, doc));
    tidy(s, doc);
}

static void pull_finish(struct rv_pending_pull *p) {
    json_decref(p->id);
    free(p->uri);
    free(p->previous_result_id);
}

void rv_server_drain(struct rv_server *s) {
    if (s->state == RV_STATE_UNINITIALIZED) {
        return;
    }
    s->docs_left = false;
    s->reparse_waits = false;
    rv_doc_store_each(&s->docs, drain_doc, s);
    for (size_t i = 0; i < s->pulls.len; i++) {
        answer_pull(s, &s->pulls.items[i]);
        pull_finish(&s->pulls.items[i]);
    }
    s->pulls.len = 0;
    rv_lsp_workspace_drain(s);
    rv_helper_cool(s->helper); // what the edits asked for is out
}

bool rv_server_busy(const struct rv_server *s) {
    return rv_lsp_workspace_busy(s) || s->docs_left;
}

uint64_t rv_server_quiet_wait_ms(const struct rv_server *s) {
    if (!s->reparse_waits) {
        return 0;
    }
    uint64_t since = uv_hrtime() - s->input_ns;
    return since >= s->quiet_ns ? 1 : (s->quiet_ns - since) / 1000000 + 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Lifecycle. */

static bool array_has_string(json_t *arr, const char *s) {
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0) {
            return true;
        }
    }
    return false;
}

static json_t *path_get(json_t *root, const char *path) {
    // "a.b.c" through nested objects; NULL if any step is missing or not an object.
    char buf[128];
    snprintf(buf, sizeof(buf), "%s", path);
    json_t *cur = root;
    for (char *save = NULL, *tok = strtok_r(buf, ".", &save); tok && cur;
         tok = strtok_r(NULL, ".", &save)) {
        cur = json_is_object(cur) ? json_object_get(cur, tok) : NULL;
    }
    return cur;
}

static bool path_true(json_t *root, const char *path) {
    return json_is_true(path_get(root, path));
}

static void read_client_caps(struct rv_server *s, json_t *caps) {
    struct rv_client_caps *c = &s->caps;
    c->pull_diagnostics = json_is_object(path_get(caps, "textDocument.diagnostic"));
    c->related_information = path_true(caps, "textDocument.publishDiagnostics.relatedInformation");
    c->code_description = path_true(caps, "textDocument.publishDiagnostics.codeDescriptionSupport");
    c->diagnostic_data = path_true(caps, "textDocument.publishDiagnostics.dataSupport");
    if (c->pull_diagnostics) {
        // Pull clients receive the same diagnostics; VS Code declares both.
        c->related_information =
            c->related_information || path_true(caps, "textDocument.diagnostic.relatedInformation");
    }
    c->document_changes = path_true(caps, "workspace.workspaceEdit.documentChanges");
    c->resolve_edit = array_has_string(
        path_get(caps, "textDocument.codeAction.resolveSupport.properties"), "edit");
    c->code_action_literals =
        json_is_object(path_get(caps, "textDocument.codeAction.codeActionLiteralSupport"));
    c->workspace_configuration = path_true(caps, "workspace.configuration");
    c->watched_files_dynamic =
        path_true(caps, "workspace.didChangeWatchedFiles.dynamicRegistration");
    c->work_done_progress = path_true(caps, "window.workDoneProgress");
    c->show_document = json_is_object(path_get(caps, "window.showDocument"));
    c->hover_markdown =
        array_has_string(path_get(caps, "textDocument.hover.contentFormat"), "markdown");

    // Position encoding: utf-8 when offered, else utf-16 (the default), utf-32 if only that.
    json_t *encs = path_get(caps, "general.positionEncodings");
    s->encoding = RV_ENC_UTF16;
    if (json_is_array(encs) && json_array_size(encs) > 0) {
        if (array_has_string(encs, "utf-8")) {
            s->encoding = RV_ENC_UTF8;
        } else if (array_has_string(encs, "utf-16")) {
            s->encoding = RV_ENC_UTF16;
        } else if (array_has_string(encs, "utf-32")) {
            s->encoding = RV_ENC_UTF32;
        }
    }
}

static const char *encoding_name(enum rv_encoding enc) {
    switch (enc) {
    case RV_ENC_UTF8:
        return "utf-8";
    case RV_ENC_UTF16:
        return "utf-16";
    case RV_ENC_UTF32:
        return "utf-32";
    }
    return "utf-16";
}

static void add_root(struct rv_server *s, json_t *uri) {
    if (!json_is_string(uri)) {
        return;
    }
    char *path = rv_uri_to_path(json_string_value(uri));
    if (path) {
        rv_vec_push(&s->roots, path);
    }
}

static json_t *server_capabilities(struct rv_server *s) {
    json_t *caps = json_object();
    json_object_set_new(caps, "positionEncoding", json_string(encoding_name(s->encoding)));
    json_t *sync = json_object();
    json_object_set_new(sync, "openClose", json_true());
    json_object_set_new(sync, "change", json_integer(2)); // incremental
    json_t *save = json_object();
    json_object_set_new(save, "includeText", json_false());
    json_object_set_new(sync, "save", save);
    json_object_set_new(caps, "textDocumentSync", sync);
    if (s->caps.pull_diagnostics) {
        json_t *diag = json_object();
        json_object_set_new(diag, "identifier", json_string("reviewls"));
        json_object_set_new(diag, "interFileDependencies", json_false());
        json_object_set_new(diag, "workspaceDiagnostics", json_true());
        json_object_set_new(caps, "diagnosticProvider", diag);
    }
    json_t *ws = json_object();
    json_t *folders = json_object();
    json_object_set_new(folders, "supported", json_true());
    json_object_set_new(folders, "changeNotifications", json_true());
    json_object_set_new(ws, "workspaceFolders", folders);
    json_object_set_new(caps, "workspace", ws);
    // Code actions, hover and rename (on_code_action.c, on_hover.c, on_rename.c).
    if (s->caps.code_action_literals || s->caps.resolve_edit) {
        json_t *ca = json_object();
        json_t *kinds = json_array();
        json_array_append_new(kinds, json_string("quickfix"));
        json_array_append_new(kinds, json_string("source.fixAll.reviewls"));
        json_object_set_new(ca, "codeActionKinds", kinds);
        json_object_set_new(ca, "resolveProvider", json_boolean(s->caps.resolve_edit));
        json_object_set_new(caps, "codeActionProvider", ca);
    } else {
        json_object_set_new(caps, "codeActionProvider", json_true());
    }
    json_object_set_new(caps, "hoverProvider", json_true());
    json_t *rename = json_object();
    json_object_set_new(rename, "prepareProvider", json_true());
    json_object_set_new(caps, "renameProvider", rename);
    // The Markdown review of a document or of the workspace (on_workspace.c).
    json_t *exec = json_object();
    json_t *commands = json_array();
    json_array_append_new(commands, json_string("reviewls.review"));
    json_object_set_new(exec, "commands", commands);
    json_object_set_new(caps, "executeCommandProvider", exec);
    return caps;
}

static void on_initialize(struct rv_server *s, json_t *id, json_t *params) {
    if (s->state != RV_STATE_UNINITIALIZED) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_REQUEST, "initialize may only be sent once");
        return;
    }
    if (!json_is_object(params)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "initialize needs InitializeParams");
        return;
    }
    json_t *caps = json_object_get(params, "capabilities");
    read_client_caps(s, json_is_object(caps) ? caps : NULL);
    json_t *folders = json_object_get(params, "workspaceFolders");
    if (json_is_array(folders) && json_array_size(folders) > 0) {
        size_t i;
        json_t *f;
        json_array_foreach(folders, i, f) {
            add_root(s, json_object_get(f, "uri"));
        }
    } else {
        add_root(s, json_object_get(params, "rootUri"));
    }
    json_t *opts = json_object_get(params, "initializationOptions");
    s->state = RV_STATE_RUNNING;
    if (json_is_object(opts) && json_object_size(opts) > 0) {
        apply_editor_settings(
            s, json_object_get(opts, "settings") ? json_object_get(opts, "settings") : opts);
    }
    json_t *result = json_object();
    json_object_set_new(result, "capabilities", server_capabilities(s));
    json_t *info = json_object();
    json_object_set_new(info, "name", json_string("reviewls"));
    json_object_set_new(info, "version", json_string(RV_VERSION));
    json_object_set_new(result, "serverInfo", info);
    rv_lsp_reply(s, id, result);
}

static void request_configuration(struct rv_server *s) {
    if (!s->caps.workspace_configuration) {
        return;
    }
    json_t *item = json_object();
    json_object_set_new(item, "section", json_string("reviewls"));
    json_t *items = json_array();
    json_array_append_new(items, item);
    json_t *params = json_object();
    json_object_set_new(params, "items", items);
    s->configuration_request_id = ++s->next_request_id;
    json_t *msg = rv_rpc_request(s->configuration_request_id, "workspace/configuration", params);
    s->send(s->send_userdata, msg);
    json_decref(msg);
}

static void on_initialized(struct rv_server *s, json_t *params) {
    request_configuration(s);
    rv_lsp_workspace_initialized(s);
}

static void on_shutdown(struct rv_server *s, json_t *id, json_t *params) {
    // Everything pending goes out before the reply: some clients kill us right after `exit`.
    rv_server_drain(s);
    s->state = RV_STATE_SHUTDOWN;
    rv_lsp_reply(s, id, NULL);
}

static void on_exit_notification(struct rv_server *s, json_t *params) {
    s->exited = true;
    s->exit_code = s->state == RV_STATE_SHUTDOWN ? 0 : 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Text synchronisation. */

static bool get_version(json_t *params, int64_t *version) {
    json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
    if (!json_is_integer(v)) {
        return false;
    }
    *version = (int64_t)json_integer_value(v);
    return true;
}

static void on_did_open(struct rv_server *s, json_t *params) {
    const char *uri;
    json_t *text = json_object_get(json_object_get(params, "textDocument"), "text");
    int64_t version = 0;
    if (!rv_lsp_get_uri(params, &uri) || !json_is_string(text)) {
        rv_log_warn("textDocument/didOpen without a uri and text; ignored");
        return;
    }
    get_version(params, &version);
    size_t len;
    char *bytes = rv_lsp_string_bytes(s, text, &len);
    if (rv_doc_store_open(&s->docs, uri, version, bytes, len) == NULL) {
        rv_log_error("%s is larger than reviewls can hold (%zu bytes); not analysed", uri, len);
    }
    free(bytes);
}

void rv_lsp_did_change(struct rv_server *s, const struct rv_lsp_did_change *c) {
    if (c->uri == NULL || !c->has_changes) {
        rv_log_warn("textDocument/didChange without a uri and contentChanges; ignored");
        return;
    }
    const char *uri = c->uri;
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    if (doc == NULL) {
        rv_log_warn("textDocument/didChange for %s, which is not open; ignored", uri);
        return;
    }
    // Its analysis follows within a millisecond or so: the helper polls from now until the
    // drain has published it, so that a keystroke's families can be shared (engine.c).
    rv_helper_warm(s->helper, s->helper_warm_ns);
    if (c->has_version) {
        if (c->version < doc->version) {
            rv_log_warn("%s: version went backwards (%lld after %lld); the edit is applied", uri,
                        (long long)c->version, (long long)doc->version);
        }
        doc->version = c->version;
    }
    doc->changed_ns = s->message_ns;
    for (size_t i = 0; i < c->changes.len; i++) {
        const struct rv_lsp_change *ch = &c->changes.items[i];
        if (ch->text == NULL) {
            rv_log_error("%s: a content change without text; the document may now differ from "
                         "the editor's",
                         uri);
            continue;
        }
        int rc;
        if (!ch->has_range) {
            rc = rv_doc_replace_all(doc, ch->text, ch->text_len);
        } else if (ch->bad_range) {
            rv_log_error("%s: a content change with an invalid range; skipped", uri);
            continue;
        } else {
            size_t a;
            size_t b;
            rv_lsp_byte_range(&doc->text, ch->start, ch->end, s->encoding, &a, &b);
            rc = rv_doc_edit(doc, a, b, ch->text, ch->text_len);
        }
        if (rc != 0) {
            rv_log_error("%s: the edit would make the document larger than reviewls can hold; "
                         "skipped",
                         uri);
        }
    }
}

// The general way (fast_change.c reads the usual shape from the bytes): the same fields from
// jansson's tree.
static void on_did_change(struct rv_server *s, json_t *params) {
    struct rv_lsp_did_change c = {0};
    const char *uri;
    json_t *changes = json_object_get(params, "contentChanges");
    c.uri = rv_lsp_get_uri(params, &uri) ? rv_xstrdup(uri) : NULL;
    c.has_changes = json_is_array(changes);
    int64_t version;
    c.has_version = get_version(params, &version);
    c.version = c.has_version ? version : 0;
    size_t i;
    json_t *change;
    json_array_foreach(changes, i, change) {
        struct rv_lsp_change ch = {0};
        json_t *text = json_object_get(change, "text");
        if (json_is_string(text)) {
            ch.text = rv_lsp_string_bytes(s, text, &ch.text_len);
        }
        json_t *range = json_object_get(change, "range");
        ch.has_range = range != NULL;
        ch.bad_range = range != NULL && !rv_lsp_parse_range(range, &ch.start, &ch.end);
        rv_vec_push(&c.changes, ch);
    }
    rv_lsp_did_change(s, &c);
    rv_lsp_did_change_finish(&c);
}

static void on_did_close(struct rv_server *s, json_t *params) {
    const char *uri;
    if (!rv_lsp_get_uri(params, &uri)) {
        rv_log_warn("textDocument/didClose without a uri; ignored");
        return;
    }
    if (!rv_doc_store_close(&s->docs, uri)) {
        rv_log_warn("textDocument/didClose for %s, which is not open", uri);
        return;
    }
    // A file of the workspace falls back to its findings on disk; others are cleared.
    if (!s->caps.pull_diagnostics && !rv_lsp_workspace_on_close(s, uri)) {
        json_t *p = json_object();
        json_object_set_new(p, "uri", json_string(uri));
        json_object_set_new(p, "diagnostics", json_array());
        rv_lsp_notify(s, "textDocument/publishDiagnostics", p);
    }
}

static bool is_pyproject(const char *uri) {
    size_t n = strlen(uri);
    return n >= 14 && strcmp(uri + n - 14, "pyproject.toml") == 0;
}

static void on_did_save(struct rv_server *s, json_t *params) {
    const char *uri;
    if (!rv_lsp_get_uri(params, &uri)) {
        return;
    }
    if (is_pyproject(uri)) {
        apply_editor_settings(s, NULL);
    }
}

static void on_did_change_configuration(struct rv_server *s, json_t *params) {
    json_t *settings = json_object_get(params, "settings");
    if (json_is_object(settings) && json_object_size(settings) > 0) {
        json_t *ours = json_object_get(settings, "reviewls");
        apply_editor_settings(s, json_is_object(ours) ? ours : settings);
    } else if (s->caps.workspace_configuration) {
        request_configuration(s);
    } else {
        apply_editor_settings(s, NULL);
    }
}

static void on_did_change_watched_files(struct rv_server *s, json_t *params) {
    json_t *changes = json_object_get(params, "changes");
    rv_lsp_workspace_on_watched(s, changes);
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        json_t *uri = json_object_get(c, "uri");
        if (json_is_string(uri) && is_pyproject(json_string_value(uri))) {
            apply_editor_settings(s, NULL);
            return;
        }
    }
}

static void on_did_change_folders(struct rv_server *s, json_t *params) {
    json_t *event = json_object_get(params, "event");
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(event, "removed"), i, f) {
        const char *uri = json_string_value(json_object_get(f, "uri"));
        char *path = uri ? rv_uri_to_path(uri) : NULL;
        for (size_t k = 0; path && k < s->roots.len; k++) {
            if (strcmp(s->roots.items[k], path) == 0) {
                free(s->roots.items[k]);
                s->roots.items[k] = s->roots.items[--s->roots.len];
                break;
            }
        }
        free(path);
    }
    json_array_foreach(json_object_get(event, "added"), i, f) {
        add_root(s, json_object_get(f, "uri"));
    }
    rv_lsp_workspace_roots_changed(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Diagnostics (pull) and cancellation. */

static void on_diagnostic(struct rv_server *s, json_t *id, json_t *params) {
    const char *uri;
    if (!rv_lsp_get_uri(params, &uri)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "textDocument/diagnostic needs a uri");
        return;
    }
    json_t *prev = json_object_get(params, "previousResultId");
    // Answered when the input drains, so that a burst of edits is analysed once and a
    // $/cancelRequest that arrives meanwhile can still cancel it.
    struct rv_pending_pull p = {
        .id = json_incref(id),
        .uri = rv_xstrdup(uri),
        .previous_result_id = json_is_string(prev) ? rv_xstrdup(json_string_value(prev)) : NULL,
    };
    rv_vec_push(&s->pulls, p);
}

static bool same_id(json_t *a, json_t *b) {
    return a && b && json_equal(a, b);
}

static void on_cancel(struct rv_server *s, json_t *params) {
    json_t *id = json_object_get(params, "id");
    for (size_t i = 0; i < s->pulls.len; i++) {
        if (same_id(s->pulls.items[i].id, id)) {
            rv_lsp_reply_error(s, s->pulls.items[i].id, RV_RPC_REQUEST_CANCELLED,
                               "request cancelled");
            pull_finish(&s->pulls.items[i]);
            memmove(&s->pulls.items[i], &s->pulls.items[i + 1],
                    (s->pulls.len - i - 1) * sizeof(s->pulls.items[0]));
            s->pulls.len--;
            return;
        }
    }
    // Requests waiting for the workspace scan; finished or unknown ids: nothing to do, as the
    // specification allows.
    rv_lsp_workspace_cancel(s, id);
}

/* ------------------------------------------------------------------------------------------ */
/* Dispatch. */

struct method {
    const char *name;
    rv_request_fn *request;
    rv_notification_fn *notification;
};

static const struct method methods[] = {
    {"initialize", on_initialize, NULL},
    {"initialized", NULL, on_initialized},
    {"shutdown", on_shutdown, NULL},
    {"exit", NULL, on_exit_notification},
    {"textDocument/didOpen", NULL, on_did_open},
    {"textDocument/didChange", NULL, on_did_change},
    {"textDocument/didClose", NULL, on_did_close},
    {"textDocument/didSave", NULL, on_did_save},
    {"textDocument/diagnostic", on_diagnostic, NULL},
    {"workspace/didChangeConfiguration", NULL, on_did_change_configuration},
    {"workspace/didChangeWatchedFiles", NULL, on_did_change_watched_files},
    {"workspace/didChangeWorkspaceFolders", NULL, on_did_change_folders},
    {"$/cancelRequest", NULL, on_cancel},
    {"textDocument/codeAction", rv_lsp_on_code_action, NULL},
    {"codeAction/resolve", rv_lsp_on_code_action_resolve, NULL},
    {"textDocument/hover", rv_lsp_on_hover, NULL},
    {"textDocument/prepareRename", rv_lsp_on_prepare_rename, NULL},
    {"textDocument/rename", rv_lsp_on_rename, NULL},
    {"workspace/executeCommand", rv_lsp_on_execute_command, NULL},
    {"workspace/diagnostic", rv_lsp_on_workspace_diagnostic, NULL},
};

static const struct method *find_method(const char *name) {
    for (size_t i = 0; i < RV_ARRAY_LEN(methods); i++) {
        if (strcmp(methods[i].name, name) == 0) {
            return &methods[i];
        }
    }
    return NULL;
}

static void handle_response(struct rv_server *s, struct rv_rpc_msg *msg) {
    if (!json_is_integer(msg->id)) {
        return;
    }
    if (rv_lsp_workspace_on_response(s, msg->id, msg->result, msg->error)) {
        return;
    }
    long long id = json_integer_value(msg->id);
    if (id == s->configuration_request_id && id != 0) {
        s->configuration_request_id = 0;
        json_t *first = json_array_get(msg->result, 0);
        if (json_is_object(first)) {
            apply_editor_settings(s, first);
        }
    }
}

static void handle_request(struct rv_server *s, struct rv_rpc_msg *msg) {
    const struct method *m = find_method(msg->method);
    if (s->state == RV_STATE_SHUTDOWN) {
        rv_lsp_reply_error(s, msg->id, RV_RPC_INVALID_REQUEST,
                           "the server is shut down; only exit is accepted");
        return;
    }
    if (s->state == RV_STATE_UNINITIALIZED && (m == NULL || m->request != on_initialize)) {
        rv_lsp_reply_error(s, msg->id, RV_RPC_SERVER_NOT_INITIALIZED,
                           "the server is not initialized yet");
        return;
    }
    if (m == NULL || m->request == NULL) {
        rv_lsp_reply_error(s, msg->id, RV_RPC_METHOD_NOT_FOUND, "unknown method: %s", msg->method);
        return;
    }
    json_t *params = msg->params;
    if (params != NULL && !json_is_object(params)) {
        rv_lsp_reply_error(s, msg->id, RV_RPC_INVALID_PARAMS, "%s expects an object", msg->method);
        return;
    }
    m->request(s, msg->id, params ? params : NULL);
}

static void handle_notification(struct rv_server *s, struct rv_rpc_msg *msg) {
    const struct method *m = find_method(msg->method);
    if (m == NULL || m->notification == NULL) {
        // Unknown notifications, $/ ones included, are ignored as the specification says.
        return;
    }
    if (m->notification != on_exit_notification) {
        if (s->state != RV_STATE_RUNNING) {
            return; // before initialize or after shutdown: dropped
        }
        if (msg->params != NULL && !json_is_object(msg->params)) {
            rv_log_warn("%s expects an object; ignored", msg->method);
            return;
        }
    }
    m->notification(s, msg->params);
}

void rv_server_handle(struct rv_server *s, const char *body, size_t len) {
    s->input_ns = uv_hrtime();
    s->message_ns = rv_log_level_get() >= RV_LOG_DEBUG ? s->input_ns : 0;
    // A keystroke's change, read from its bytes (fast_change.c says why); any other message, or
    // one of another shape, goes the general way.
    struct rv_lsp_did_change change;
    if (s->state == RV_STATE_RUNNING && !s->slow_changes &&
        rv_lsp_read_did_change(body, len, &change)) {
        rv_lsp_did_change(s, &change);
        rv_lsp_did_change_finish(&change);
        return;
    }
    struct rv_rpc_msg msg;
    json_t *reply = NULL;
    if (rv_rpc_decode(body, len, &msg, &reply) != 0) {
        if (reply) {
            s->send(s->send_userdata, reply);
            json_decref(reply);
        }
        return;
    }
    s->lossy_message = msg.lossy_utf8;
    switch (msg.kind) {
    case RV_RPC_REQUEST:
        handle_request(s, &msg);
        break;
    case RV_RPC_NOTIFICATION:
        handle_notification(s, &msg);
        break;
    case RV_RPC_RESPONSE:
        handle_response(s, &msg);
        break;
    }
    s->lossy_message = false;
    rv_rpc_msg_finish(&msg);
}

/* ------------------------------------------------------------------------------------------ */

struct rv_server *rv_server_create(rv_server_send_fn *send, void *userdata, bool test_mode) {
    struct rv_server *s = rv_xcalloc(1, sizeof(*s));
    s->send = send;
    s->send_userdata = userdata;
    s->test_mode = test_mode;
    s->encoding = RV_ENC_UTF16;
    rv_doc_store_init(&s->docs);
    s->parser = rv_python_parser_create();
    // Reparses for the editor go in slices of 100 ms (REVIEWLS_PARSE_SLICE_US overrides it, to
    // exercise the resumption); transcripts parse in one go so that they stay deterministic.
    const char *slice = getenv("REVIEWLS_PARSE_SLICE_US");
    s->parse_slice_us = test_mode ? 0 : slice ? strtoull(slice, NULL, 10) : 100000;
    // The whole reparse after a partial analysis waits for 50 ms without a message
    // (REVIEWLS_QUIET_MS overrides it); transcripts reparse at the end of the drain. The
    // statements' own parse gets half a millisecond: a longer one is error recovery (an edit
    // that left a syntax error, which the partial analysis refuses), which would only delay
    // the whole reparse that follows. Measured: bench/README.md.
    s->part_parser = rv_python_parser_create();
    uint64_t part_us = test_mode ? 0 : PART_PARSE_US;
    if (s->parse_slice_us > 0 && s->parse_slice_us < part_us) {
        part_us = s->parse_slice_us;
    }
    ts_parser_set_timeout_micros(s->part_parser, part_us);
    const char *quiet = getenv("REVIEWLS_QUIET_MS");
    s->quiet_ns = (quiet ? strtoull(quiet, NULL, 10) : test_mode ? 0 : 50) * 1000000;
    rv_config_init(&s->editor_config);
    s->ws = rv_lsp_workspace_create();
    s->lazyfree = rv_lsp_lazyfree_create();
    // A second core for the families of a long module's whole analysis (engine.c); without
    // one, they run here.
    s->helper = rv_helper_create();
    s->helper_warm_ns = HELPER_WARM_NS;
    rv_log_set_sink(log_sink, s);
    return s;
}

void rv_server_set_send_text(struct rv_server *s, rv_server_send_text_fn *send_text) {
    s->send_text = send_text;
}

void rv_server_destroy(struct rv_server *s) {
    if (s == NULL) {
        return;
    }
    rv_log_set_sink(NULL, NULL);
    rv_lsp_workspace_destroy(s->ws);
    rv_doc_store_finish(&s->docs);
    rv_lsp_lazyfree_destroy(s->lazyfree);
    rv_helper_destroy(s->helper);
    ts_parser_delete(s->parser);
    ts_parser_delete(s->part_parser);
    json_decref(s->editor_settings);
    rv_config_finish(&s->editor_config);
    projects_clear(s);
    rv_vec_finish(&s->projects);
    for (size_t i = 0; i < s->pulls.len; i++) {
        pull_finish(&s->pulls.items[i]);
    }
    rv_vec_finish(&s->pulls);
    for (size_t i = 0; i < s->roots.len; i++) {
        free(s->roots.items[i]);
    }
    rv_vec_finish(&s->roots);
    free(s);
}

bool rv_server_exited(const struct rv_server *s, int *code) {
    if (s->exited && code) {
        *code = s->exit_code;
    }
    return s->exited;
}

int rv_server_eof_status(const struct rv_server *s) {
    return s->state == RV_STATE_SHUTDOWN ? 0 : 1;
}
