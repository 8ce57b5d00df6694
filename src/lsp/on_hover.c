// SPDX-License-Identifier: MIT
// textDocument/hover over a finding: the rule's summary, why it matters, a bad and a good
// example and the settings that tune it, all from the catalogue (protocol/rules.json).
#include "lsp_internal.h"

#include <stdlib.h>
#include <string.h>

static void describe_setting(struct rv_strbuf *sb, const char *name, size_t len, bool md) {
    char buf[96];
    snprintf(buf, sizeof(buf), "%.*s", (int)RV_MIN(len, sizeof(buf) - 1), name);
    int idx = rv_setting_index(buf);
    if (idx < 0) {
        return;
    }
    const struct rv_setting_info *set = &rv_settings[idx];
    rv_strbuf_printf(sb, md ? "- `%s` (default " : "- %s (default ", set->name);
    switch (set->type) {
    case RV_SETTING_INT:
        rv_strbuf_printf(sb, "%ld", set->default_int);
        break;
    case RV_SETTING_BOOL:
        rv_strbuf_puts(sb, set->default_int ? "true" : "false");
        break;
    case RV_SETTING_STRING:
        rv_strbuf_printf(sb, "\"%s\"", set->default_str ? set->default_str : "");
        break;
    }
    rv_strbuf_printf(sb, "): %s\n", set->description);
}

static void describe_rule(struct rv_strbuf *sb, const struct rv_finding *f, bool md) {
    const struct rv_rule_info *r = rv_rule_by_code(f->code);
    if (r == NULL) {
        return;
    }
    if (md) {
        rv_strbuf_printf(sb, "**%s** `%s`: %s\n\n%s\n\n**Why it matters.** %s\n", r->code_str,
                         r->name, r->summary, f->message, r->rationale);
        if (r->bad && r->bad[0]) {
            rv_strbuf_printf(sb, "\nBad:\n```python\n%s```\n", r->bad);
        }
        if (r->good && r->good[0]) {
            rv_strbuf_printf(sb, "\nGood:\n```python\n%s```\n", r->good);
        }
    } else {
        rv_strbuf_printf(sb, "%s %s: %s\n\n%s\n\nWhy it matters: %s\n", r->code_str, r->name,
                         r->summary, f->message, r->rationale);
        if (r->bad && r->bad[0]) {
            rv_strbuf_printf(sb, "\nBad:\n%s", r->bad);
        }
        if (r->good && r->good[0]) {
            rv_strbuf_printf(sb, "\nGood:\n%s", r->good);
        }
    }
    if (r->settings && r->settings[0]) {
        rv_strbuf_puts(sb, md ? "\n**Settings**\n\n" : "\nSettings:\n");
        for (const char *p = r->settings; *p;) {
            size_t len = strcspn(p, ",");
            const char *name = p;
            while (len && *name == ' ') {
                name++;
                len--;
            }
            describe_setting(sb, name, len, md);
            p += strcspn(p, ",");
            if (*p == ',') {
                p++;
            }
        }
    }
    if (r->has_fix) {
        rv_strbuf_puts(sb,
                       md ? "\n*A quick fix is available.*\n" : "\nA quick fix is available.\n");
    }
}

void rv_lsp_on_hover(struct rv_server *s, json_t *id, json_t *params) {
    const char *uri;
    struct rv_lsp_pos pos;
    if (!rv_lsp_get_uri(params, &uri) ||
        !rv_lsp_parse_position(json_object_get(params, "position"), &pos)) {
        rv_lsp_reply_error(s, id, RV_RPC_INVALID_PARAMS,
                           "textDocument/hover needs a uri and a "
                           "position");
        return;
    }
    struct rv_doc *doc = rv_doc_store_get(&s->docs, uri);
    if (doc == NULL) {
        rv_lsp_reply(s, id, json_null());
        return;
    }
    rv_lsp_analyse(s, doc);
    size_t byte = rv_text_offset_of(&doc->text, pos, s->encoding);
    bool md = s->caps.hover_markdown;
    struct rv_strbuf sb = {0};
    const struct rv_finding *first = NULL;
    for (size_t i = 0; i < doc->findings.list.len; i++) {
        const struct rv_finding *f = &doc->findings.list.items[i];
        if (byte < f->start_byte || byte > f->end_byte) {
            continue;
        }
        if (first) {
            rv_strbuf_puts(&sb, md ? "\n---\n\n" : "\n\n");
        } else {
            first = f;
        }
        describe_rule(&sb, f, md);
    }
    if (first == NULL) {
        rv_strbuf_finish(&sb);
        rv_lsp_reply(s, id, json_null());
        return;
    }
    json_t *contents = json_object();
    json_object_set_new(contents, "kind", json_string(md ? "markdown" : "plaintext"));
    json_object_set_new(contents, "value", rv_json_string_lossy(sb.data, sb.len));
    json_t *hover = json_object();
    json_object_set_new(hover, "contents", contents);
    json_object_set_new(hover, "range",
                        rv_lsp_range(&doc->text, first->start_byte, first->end_byte, s->encoding));
    rv_strbuf_finish(&sb);
    rv_lsp_reply(s, id, hover);
}
