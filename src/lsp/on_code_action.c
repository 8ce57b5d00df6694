// SPDX-License-Identifier: MIT
// textDocument/codeAction and codeAction/resolve: the fixes, re-indents and suppressions of
// the findings under the cursor, plus source.fixAll.reviewls. Edits come from actions/; this
// file only matches diagnostics to findings and shapes WorkspaceEdits for each client.
#include "lsp_internal.h"
#include "reviewls/actions.h"

#include <stdlib.h>
#include <string.h>

#define FIX_ALL_KIND "source.fixAll.reviewls"
#define ACTION_FIX_ALL 4 /* after the enum rv_action_kind values, in `data` */

json_t *rv_lsp_workspace_edit(const struct rv_server *s, const struct rv_doc *doc,
                              const struct rv_edits *edits) {
    json_t *list = json_array();
    for (size_t i = 0; i < edits->list.len; i++) {
        const struct rv_edit *e = &edits->list.items[i];
        json_t *te = json_object();
        json_object_set_new(te, "range",
                            rv_lsp_range(&doc->text, e->start_byte, e->end_byte, s->encoding));
        json_object_set_new(te, "newText", rv_json_string_lossy(e->new_text, strlen(e->new_text)));
        json_array_append_new(list, te);
    }
    json_t *we = json_object();
    if (s->caps.document_changes) {
        json_t *td = json_object();
        json_object_set_new(td, "uri", json_string(doc->uri));
        json_object_set_new(td, "version", json_integer(doc->version));
        json_t *change = json_object();
        json_object_set_new(change, "textDocument", td);
        json_object_set_new(change, "edits", list);
        json_t *changes = json_array();
        json_array_append_new(changes, change);
        json_object_set_new(we, "documentChanges", changes);
    } else {
        json_t *changes = json_object();
        json_object_set_new(changes, doc->uri, list);
        json_object_set_new(we, "changes", changes);
    }
    return we;
}

/* Everything a builder needs about one analysed document; finish with action_doc_finish. */
struct action_doc {
    struct rv_doc *doc;
    struct rv_model model;
    struct rv_action_input in;
};

static bool action_doc_init(struct rv_server *s, struct rv_doc *doc, struct action_doc *ad) {
    rv_lsp_analyse(s, doc);
    if (doc->tree == NULL) {
        return false;
    }
    ad->doc = doc;
    TSNode root = ts_tree_root_node(doc->tree);
    rv_model_build(&ad->model, &doc->text, root, rv_path_is_test(doc->path ? doc->path : doc->uri));
    ad->in = (struct rv_action_input){&doc->text, root, &ad->model, rv_lsp_doc_config(s, doc)};
    return true;
}

static void action_doc_finish(struct action_doc *ad) {
    rv_model_finish(&ad->model);
}

// Does `kind` pass the client's context.only filter (a kind or any of its parents)?
static bool kind_wanted(json_t *only, const char *kind) {
    if (!json_is_array(only) || json_array_size(only) == 0) {
        return true;
    }
    size_t i;
    json_t *v;
    json_array_foreach(only, i, v) {
        const char *o = json_string_value(v);
        size_t n = o ? strlen(o) : 0;
        if (o && strncmp(kind, o, n) == 0 && (kind[n] == '\0' || kind[n] == '.')) {
            return true;
        }
    }
    return false;
}

static const struct rv_finding *find_finding(const struct rv_doc *doc, const char *rule,
                                             uint32_t start, uint32_t end) {
    const struct rv_rule_info *info = rule ? rv_rule_lookup(rule) : NULL;
    for (size_t i = 0; info && i < doc->findings.list.len; i++) {
        const struct rv_finding *f = &doc->findings.list.items[i];
        if (f->code == info->code && f->start_byte == start && f->end_byte == end) {
            return f;
        }
    }
    return NULL;
}

// A context diagnostic's finding: by the `data` we attached, else by code, line and message
// (Neovim sends byte columns, so columns are not compared).
static const struct rv_finding *match_diagnostic(const struct rv_doc *doc, json_t *diag) {
    json_t *data = json_object_get(diag, "data");
    if (json_is_object(data)) {
        const struct rv_finding *f =
            find_finding(doc, json_string_value(json_object_get(data, "rule")),
                         (uint32_t)json_integer_value(json_object_get(data, "start")),
                         (uint32_t)json_integer_value(json_object_get(data, "end")));
        if (f) {
            return f;
        }
    }
    const char *code = json_string_value(json_object_get(diag, "code"));
    const char *message = json_string_value(json_object_get(diag, "message"));
    json_t *line =
        json_object_get(json_object_get(json_object_get(diag, "range"), "start"), "line");
    const struct rv_rule_info *info = code ? rv_rule_lookup(code) : NULL;
    if (info == NULL || message == NULL || !json_is_integer(line)) {
        return NULL;
    }
    for (size_t i = 0; i < doc->findings.list.len; i++) {
        const struct rv_finding *f = &doc->findings.list.items[i];
        if (f->code == info->code && strcmp(f->message, message) == 0 &&
            rv_text_line_of(&doc->text, f->start_byte) == (size_t)json_integer_value(line)) {
            return f;
        }
    }
    return NULL;
}

static json_t *action_data(const struct rv_doc *doc, const struct rv_finding *f, int action) {
    json_t *data = json_object();
    json_object_set_new(data, "uri", json_string(doc->uri));
    json_object_set_new(data, "version", json_integer(doc->version));
    json_object_set_new(data, "action", json_integer(action));
    if (f) {
        const struct rv_rule_info *info = rv_rule_by_code(f->code);
        json_object_set_new(data, "rule", json_string(info ? info->code_str : "RV000"));
        json_object_set_new(data, "start", json_integer(f->start_byte));
        json_object_set_new(data, "end", json_integer(f->end_byte));
    }
    return data;
}

static json_t *make_action(struct rv_server *s, const struct action_doc *ad,
                           const struct rv_finding *f, int action, const char *title,
                           const char *kind, const struct rv_edits *edits) {
    json_t *a = json_object();
    json_object_set_new(a, "title", json_string(title));
    json_object_set_new(a, "kind", json_string(kind));
    if (f) {
        json_t *diags = json_array();
        json_array_append_new(diags, rv_lsp_diagnostic(s, ad->doc, f));
        json_object_set_new(a, "diagnostics", diags);
    }
    if (action == RV_ACTION_FIX && f) {
        json_object_set_new(a, "isPreferred", json_true());
    }
    if (s->caps.resolve_edit) {
        // The edit is computed again in codeAction/resolve, when the user picks the action.
        json_object_set_new(a, "data", action_data(ad->doc, f, action));
    } else {
        json_object_set_new(a, "edit", rv_lsp_workspace_edit(s, ad->doc, edits));
    }
    return a;
}

void rv_lsp_on_code_action(struct rv_server *s, json_t *id, json_t *params) {
    const char *uri;
    struct rv_lsp_pos start;
    struct rv_lsp_pos end;
    if (!rv_lsp_get_uri(params, &uri) ||
        !rv_lsp_parse_range(json_object_get(params, "range"), &start, &end)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "textDocument/codeAction needs a uri and "
                           "a range");
        return;
    }
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    struct action_doc ad;
    if (doc == NULL || !action_doc_init(s, doc, &ad)) {
        rv_lsp_reply(s, id, json_array());
        return;
    }
    size_t a;
    size_t b;
    rv_lsp_byte_range(&doc->text, start, end, s->encoding, &a, &b);
    json_t *context = json_object_get(params, "context");
    json_t *only = json_object_get(context, "only");
    size_t n = doc->findings.list.len;
    bool *wanted = rv_xcalloc(n + 1, sizeof(bool));
    for (size_t i = 0; i < n; i++) {
        const struct rv_finding *f = &doc->findings.list.items[i];
        wanted[i] = f->start_byte <= b && a <= f->end_byte;
    }
    size_t i;
    json_t *diag;
    json_array_foreach(json_object_get(context, "diagnostics"), i, diag) {
        const struct rv_finding *f = match_diagnostic(doc, diag);
        if (f) {
            wanted[f - doc->findings.list.items] = true;
        }
    }
    json_t *actions = json_array();
    static const enum rv_action_kind kinds[] = {RV_ACTION_FIX, RV_ACTION_REINDENT_FILE,
                                                RV_ACTION_IGNORE_LINE, RV_ACTION_IGNORE_FILE};
    for (size_t k = 0; k < n && kind_wanted(only, "quickfix"); k++) {
        if (!wanted[k]) {
            continue;
        }
        const struct rv_finding *f = &doc->findings.list.items[k];
        for (size_t j = 0; j < RV_ARRAY_LEN(kinds); j++) {
            struct rv_edits edits = {0};
            char *title = NULL;
            if (rv_actions_build(&ad.in, f, kinds[j], &edits, &title)) {
                json_array_append_new(
                    actions, make_action(s, &ad, f, (int)kinds[j], title, "quickfix", &edits));
            }
            free(title);
            rv_edits_finish(&edits);
        }
    }
    if (kind_wanted(only, FIX_ALL_KIND)) {
        struct rv_edits edits = {0};
        size_t fixed = rv_actions_fix_all(&ad.in, &doc->findings, &edits);
        if (fixed > 0 && edits.list.len > 0) {
            char *title = rv_xasprintf("Fix all safe reviewls findings (%zu)", fixed);
            json_array_append_new(
                actions, make_action(s, &ad, NULL, ACTION_FIX_ALL, title, FIX_ALL_KIND, &edits));
            free(title);
        }
        rv_edits_finish(&edits);
    }
    free(wanted);
    action_doc_finish(&ad);
    rv_lsp_reply(s, id, actions);
}

void rv_lsp_on_code_action_resolve(struct rv_server *s, json_t *id, json_t *params) {
    json_t *data = json_object_get(params, "data");
    const char *uri = json_string_value(json_object_get(data, "uri"));
    json_t *version = json_object_get(data, "version");
    json_t *action = json_object_get(data, "action");
    if (uri == NULL || !json_is_integer(version) || !json_is_integer(action) ||
        json_integer_value(action) < 0 || json_integer_value(action) > ACTION_FIX_ALL) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "codeAction/resolve: not one of our "
                           "actions (no data)");
        return;
    }
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    if (doc == NULL || doc->version != json_integer_value(version)) {
        rv_lsp_reply_error(s, id, RV_RPC_CONTENT_MODIFIED,
                           "the document changed since the action was offered; ask again");
        return;
    }
    struct action_doc ad;
    if (!action_doc_init(s, doc, &ad)) {
        rv_lsp_reply_error(s, id, RV_RPC_CONTENT_MODIFIED, "the document cannot be analysed");
        return;
    }
    struct rv_edits edits = {0};
    bool ok;
    int kind = (int)json_integer_value(action);
    if (kind == ACTION_FIX_ALL) {
        ok = rv_actions_fix_all(&ad.in, &doc->findings, &edits) > 0;
    } else {
        const struct rv_finding *f =
            find_finding(doc, json_string_value(json_object_get(data, "rule")),
                         (uint32_t)json_integer_value(json_object_get(data, "start")),
                         (uint32_t)json_integer_value(json_object_get(data, "end")));
        ok = f && rv_actions_build(&ad.in, f, (enum rv_action_kind)kind, &edits, NULL);
    }
    if (!ok) {
        rv_lsp_reply_error(s, id, RV_RPC_CONTENT_MODIFIED,
                           "the finding of this action is gone; ask again");
    } else {
        json_t *result = json_deep_copy(params);
        json_object_set_new(result, "edit", rv_lsp_workspace_edit(s, doc, &edits));
        rv_lsp_reply(s, id, result);
    }
    rv_edits_finish(&edits);
    action_doc_finish(&ad);
}
