// SPDX-License-Identifier: MIT
// textDocument/prepareRename and textDocument/rename, with the scope analysis of
// actions/rename.c: locals, parameters, self attributes, methods, module functions and classes.
#include "lsp_internal.h"
#include "reviewls/actions.h"

#include <stdlib.h>

#define RV_RPC_REQUEST_FAILED (-32803) /* LSP's RequestFailed */

// Reads uri + position and prepares the document; replies with `empty` and returns NULL when
// there is nothing to rename in.
static struct rv_doc *rename_doc(struct rv_server *s, json_t *id, json_t *params, size_t *byte,
                                 struct rv_model *model, struct rv_action_input *in) {
    const char *uri;
    struct rv_lsp_pos pos;
    if (!rv_lsp_get_uri(params, &uri) ||
        !rv_lsp_parse_position(json_object_get(params, "position"), &pos)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "a rename needs a uri and a position");
        return NULL;
    }
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    if (doc == NULL) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "%s is not open", uri);
        return NULL;
    }
    rv_lsp_analyse(s, doc);
    if (doc->tree == NULL) {
        rv_lsp_reply_error(s, id, RV_RPC_REQUEST_FAILED, "%s could not be parsed", uri);
        return NULL;
    }
    *byte = rv_text_offset_of(&doc->text, pos, s->encoding);
    TSNode root = ts_tree_root_node(doc->tree);
    rv_model_build(model, &doc->text, root, rv_path_is_test(doc->path ? doc->path : doc->uri));
    *in = (struct rv_action_input){&doc->text, root, model, rv_lsp_doc_config(s, doc)};
    return doc;
}

void rv_lsp_on_prepare_rename(struct rv_server *s, json_t *id, json_t *params) {
    size_t byte;
    struct rv_model model;
    struct rv_action_input in;
    struct rv_doc *doc = rename_doc(s, id, params, &byte, &model, &in);
    if (doc == NULL) {
        return;
    }
    uint32_t start;
    uint32_t end;
    if (rv_actions_rename_target(&in, (uint32_t)byte, &start, &end)) {
        rv_lsp_reply(s, id, rv_lsp_range(&doc->text, start, end, s->encoding));
    } else {
        rv_lsp_reply(s, id, json_null());
    }
    rv_model_finish(&model);
}

void rv_lsp_on_rename(struct rv_server *s, json_t *id, json_t *params) {
    json_t *new_name = json_object_get(params, "newName");
    if (!json_is_string(new_name) || !rv_actions_is_identifier(json_string_value(new_name))) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "`%s` is not a valid Python name (an identifier that is not a keyword)",
                           json_is_string(new_name) ? json_string_value(new_name) : "");
        return;
    }
    size_t byte;
    struct rv_model model;
    struct rv_action_input in;
    struct rv_doc *doc = rename_doc(s, id, params, &byte, &model, &in);
    if (doc == NULL) {
        return;
    }
    struct rv_edits edits = {0};
    const char *name = json_string_value(new_name);
    switch (rv_actions_rename(&in, (uint32_t)byte, name, &edits)) {
    case RV_RENAME_OK:
        rv_lsp_reply(s, id, rv_lsp_workspace_edit(s, doc, &edits));
        break;
    case RV_RENAME_NOT_A_NAME:
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "there is no name reviewls can rename at this position");
        break;
    case RV_RENAME_INVALID_NAME:
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS, "`%s` is not a valid Python name", name);
        break;
    case RV_RENAME_COLLISION:
        rv_lsp_reply_error(s, id, RV_RPC_REQUEST_FAILED,
                           "`%s` is already used where this name is visible; renaming would "
                           "change what the code means",
                           name);
        break;
    }
    rv_edits_finish(&edits);
    rv_model_finish(&model);
}
