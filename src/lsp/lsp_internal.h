// SPDX-License-Identifier: MIT
// The server's state and the helpers that LSP handlers share. Handlers live in lsp/*.c and
// are listed in the method table of server.c.
#pragma once

#include "reviewls/analysis.h"
#include "reviewls/config.h"
#include "reviewls/doc.h"
#include "reviewls/rpc.h"
#include "reviewls/server.h"

enum rv_server_state {
    RV_STATE_UNINITIALIZED,
    RV_STATE_RUNNING,
    RV_STATE_SHUTDOWN,
};

/** What the client said it can do (from initialize). */
struct rv_client_caps {
    bool pull_diagnostics;
    bool related_information;
    bool code_description;
    bool diagnostic_data;
    bool document_changes;
    bool resolve_edit;
    bool code_action_literals;
    bool workspace_configuration;
    bool watched_files_dynamic;
    bool work_done_progress;
    bool hover_markdown;
    bool show_document;
};

/** A configuration resolved for one project root (a pyproject.toml, or none). */
struct rv_project_config {
    char *pyproject; /* owned path, or NULL for "no pyproject above" */
    char *dir;       /* owned: the directory whose files map here */
    struct rv_config config;
};

struct rv_pending_pull {
    json_t *id; /* owned */
    char *uri;
    char *previous_result_id;
};

struct rv_workspace;
struct rv_lazyfree;

struct rv_server {
    uint64_t message_ns; /* with debug logging, when the message being handled arrived */
    enum rv_server_state state;
    bool exited;
    int exit_code;
    bool test_mode;
    bool slow_changes; /* tests: every didChange the general way (not fast_change.c) */
    enum rv_encoding encoding;
    struct rv_client_caps caps;
    rv_server_send_fn *send;
    rv_server_send_text_fn *send_text; /* optional; see rv_server_set_send_text */
    void *send_userdata;
    struct rv_doc_store docs;
    TSParser *parser;
    json_t *editor_settings;        /* owned: the latest settings object, or NULL */
    struct rv_config editor_config; /* defaults + editor settings (no pyproject) */
    RV_VEC(struct rv_project_config) projects;
    RV_VEC(struct rv_pending_pull) pulls;
    RV_VEC(char *) roots; /* workspace folder paths */
    long long next_request_id;
    long long configuration_request_id; /* outstanding workspace/configuration, or 0 */
    uint64_t next_result_id;
    size_t publish_hint;     /* the length of the last publishDiagnostics written, for the next */
    bool lossy_message;      /* the message being handled had invalid UTF-8 */
    struct rv_workspace *ws; /* owned: the workspace scan, reviews, baselines (on_workspace.c) */
    /* Bounded reparses (server.c): drain_doc parses in slices of parse_slice_us, so that a
     * pathological reparse cannot freeze the server; an unfinished parse stays with its
     * document (rv_doc_parse_sliced) and resumes at the next drain unless the document
     * changed meanwhile. */
    uint64_t parse_slice_us; /* 0: unbounded (requests, --test-mode) */
    uint64_t parse_budget_us;
    bool docs_left; /* the last drain left a parse unfinished: drain again */
    /* Partial analyses (rv_doc_analyze_partial): an edit is analysed from a parse of the
     * statements around it, and the whole text's reparse waits until no message has arrived
     * for quiet_ns, off the way of the next keystroke (requests parse at once). */
    TSParser *part_parser;
    uint64_t input_ns;            /* when the last message arrived (uv_hrtime) */
    uint64_t quiet_ns;            /* 0 in --test-mode: the next drain reparses */
    bool reparse_waits;           /* the last drain left such a reparse for later */
    struct rv_lazyfree *lazyfree; /* owned: deletes the trees analyses let go of (lazyfree.c) */
    struct rv_helper *helper;     /* owned, or NULL: the analyses' second thread */
    uint64_t helper_warm_ns;      /* how long an edit keeps it polling (HELPER_WARM_NS) */
};

/* Deleting trees off the loop (lazyfree.c). */
/** Starts the thread that deletes the trees handed to rv_lsp_lazyfree_trees; without one (it
 *  could not start), they are deleted at once. Never NULL. */
struct rv_lazyfree *rv_lsp_lazyfree_create(void);
/** Queues `n` trees (copies nothing else uses) for deletion and returns at once; the caller
 *  keeps the array. */
void rv_lsp_lazyfree_trees(struct rv_lazyfree *lf, TSTree **trees, size_t n);
/** Deletes what is queued, stops the thread and frees `lf`. Accepts NULL. */
void rv_lsp_lazyfree_destroy(struct rv_lazyfree *lf);

typedef void rv_request_fn(struct rv_server *s, json_t *id, json_t *params);
typedef void rv_notification_fn(struct rv_server *s, json_t *params);

/* Replies (each request gets exactly one). */
void rv_lsp_reply(struct rv_server *s, json_t *id, json_t *result);
void rv_lsp_reply_error(struct rv_server *s, json_t *id, int code, const char *fmt, ...)
    RV_PRINTF(4, 5);
void rv_lsp_notify(struct rv_server *s, const char *method, json_t *params);
/** Sends window/showMessage. */
void rv_lsp_show_message(struct rv_server *s, int type, const char *fmt, ...) RV_PRINTF(3, 4);

/* Reading params: each returns false when the value is missing or of the wrong type. */
bool rv_lsp_get_uri(json_t *params, const char **uri);
bool rv_lsp_parse_position(json_t *pos, struct rv_lsp_pos *out);
bool rv_lsp_parse_range(json_t *range, struct rv_lsp_pos *start, struct rv_lsp_pos *end);
/** A document's text as the client sent it (NUL and invalid bytes kept); caller frees. */
char *rv_lsp_string_bytes(struct rv_server *s, json_t *str, size_t *len);

/* textDocument/didChange, read from jansson's tree (on_did_change) or straight from the bytes
 * of the shape editors send (fast_change.c), applied by rv_lsp_did_change. */
struct rv_lsp_change {
    bool has_range; /* else the whole text */
    struct rv_lsp_pos start;
    struct rv_lsp_pos end;
    char *text; /* owned; NULL when the change had no string text (logged, skipped) */
    size_t text_len;
    bool bad_range; /* a range that is no range (logged, skipped) */
};

struct rv_lsp_did_change {
    char *uri; /* owned; NULL when missing */
    bool has_version;
    int64_t version;
    bool has_changes; /* contentChanges is an array */
    RV_VEC(struct rv_lsp_change) changes;
};

/** Reads a didChange notification from its bytes when it has the shape editors send (the
 *  three top-level keys, no \u escape, plain integers, valid UTF-8); false otherwise, `out`
 *  left empty, and the message goes the general way. */
bool rv_lsp_read_did_change(const char *body, size_t len, struct rv_lsp_did_change *out);
void rv_lsp_did_change_finish(struct rv_lsp_did_change *c);
/** Applies a read didChange to its document (server.c). */
void rv_lsp_did_change(struct rv_server *s, const struct rv_lsp_did_change *c);

/* Conversions (convert.c). */
/** Converts an LSP range to ordered byte offsets (clamped as the specification says). */
void rv_lsp_byte_range(const struct rv_text *t, struct rv_lsp_pos start, struct rv_lsp_pos end,
                       enum rv_encoding enc, size_t *start_byte, size_t *end_byte);
json_t *rv_lsp_position(const struct rv_text *t, size_t byte, enum rv_encoding enc);
json_t *rv_lsp_range(const struct rv_text *t, size_t start, size_t end, enum rv_encoding enc);
/** A Diagnostic for `f` in `doc`, shaped by what the client supports. */
json_t *rv_lsp_diagnostic(const struct rv_server *s, const struct rv_doc *doc,
                          const struct rv_finding *f);
/** The Diagnostic array of `doc`'s current findings. */
json_t *rv_lsp_diagnostics(const struct rv_server *s, const struct rv_doc *doc);
/** The same array written as JSON text, without building objects (publish, on every edit). */
void rv_lsp_put_diagnostics(struct rv_strbuf *sb, const struct rv_server *s,
                            const struct rv_doc *doc);

/** Parses and analyses `doc` if it changed; returns true if it did. */
bool rv_lsp_analyse(struct rv_server *s, struct rv_doc *doc);
/** The configuration that applies to `doc` (borrowed). */
const struct rv_config *rv_lsp_doc_config(struct rv_server *s, const struct rv_doc *doc);
/** The project entry governing the file `path` (absolute), created on first use. Borrowed and
 *  valid until the next call that may add one (this one, rv_lsp_doc_config, rv_lsp_analyse). */
const struct rv_project_config *rv_lsp_path_project(struct rv_server *s, const char *path);

/* Code actions, hover and rename (on_code_action.c, on_hover.c, on_rename.c). */
struct rv_edits;
/** A WorkspaceEdit of `edits` on `doc`: documentChanges with its version when the client
 *  supports them, else `changes`. Caller owns the result. */
json_t *rv_lsp_workspace_edit(const struct rv_server *s, const struct rv_doc *doc,
                              const struct rv_edits *edits);
void rv_lsp_on_code_action(struct rv_server *s, json_t *id, json_t *params);
void rv_lsp_on_code_action_resolve(struct rv_server *s, json_t *id, json_t *params);
void rv_lsp_on_hover(struct rv_server *s, json_t *id, json_t *params);
void rv_lsp_on_prepare_rename(struct rv_server *s, json_t *id, json_t *params);
void rv_lsp_on_rename(struct rv_server *s, json_t *id, json_t *params);

/* The workspace (on_workspace.c): the background scan of the folders, workspace/diagnostic,
 * reviewls.review, baselines and files changed on disk. All run on the loop thread. */
struct rv_workspace *rv_lsp_workspace_create(void);
void rv_lsp_workspace_destroy(struct rv_workspace *ws);
/** Does a slice of the scan (all of it in test mode) and answers requests waiting for it. */
void rv_lsp_workspace_drain(struct rv_server *s);
/** True while the scan has work for later drains (the loop must keep calling). */
bool rv_lsp_workspace_busy(const struct rv_server *s);
/** After `initialized`: registers file watchers and schedules the first scan. */
void rv_lsp_workspace_initialized(struct rv_server *s);
/** Settings or pyproject files changed: the folders are walked and analysed again. */
void rv_lsp_workspace_config_changed(struct rv_server *s);
/** Workspace folders were added or removed. */
void rv_lsp_workspace_roots_changed(struct rv_server *s);
/** A response from the client; true when it was ours (work-done progress). */
bool rv_lsp_workspace_on_response(struct rv_server *s, json_t *id, json_t *result, json_t *error);
/** didClose of `uri` for a push client: true when its on-disk findings will be published
 *  instead (the caller then publishes nothing). */
bool rv_lsp_workspace_on_close(struct rv_server *s, const char *uri);
/** workspace/didChangeWatchedFiles changes (.py files, .gitignore, baselines). */
void rv_lsp_workspace_on_watched(struct rv_server *s, json_t *changes);
/** $/cancelRequest for a request waiting for the scan; true when it was one. */
bool rv_lsp_workspace_cancel(struct rv_server *s, json_t *id);
/** Hides the findings of `doc` that the baseline of `cfg` (if any) absorbs. */
void rv_lsp_baseline_filter(struct rv_server *s, struct rv_doc *doc, const struct rv_config *cfg);
void rv_lsp_on_execute_command(struct rv_server *s, json_t *id, json_t *params);
void rv_lsp_on_workspace_diagnostic(struct rv_server *s, json_t *id, json_t *params);
