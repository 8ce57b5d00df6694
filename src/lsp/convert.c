// SPDX-License-Identifier: MIT
// Findings to LSP: byte ranges become positions in the negotiated encoding, and diagnostics
// carry what the client can use (relatedInformation, data), nothing it cannot.
#include "lsp_internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void rv_lsp_byte_range(const struct rv_text *t, struct rv_lsp_pos start, struct rv_lsp_pos end,
                       enum rv_encoding enc, size_t *start_byte, size_t *end_byte) {
    size_t a = rv_text_offset_of(t, start, enc);
    size_t b = rv_text_offset_of(t, end, enc);
    // A reversed range is read as the same span.
    *start_byte = a < b ? a : b;
    *end_byte = a < b ? b : a;
}

json_t *rv_lsp_position(const struct rv_text *t, size_t byte, enum rv_encoding enc) {
    struct rv_lsp_pos p = rv_text_pos_of(t, byte, enc);
    json_t *pos = json_object();
    json_object_set_new(pos, "line", json_integer(p.line));
    json_object_set_new(pos, "character", json_integer(p.character));
    return pos;
}

json_t *rv_lsp_range(const struct rv_text *t, size_t start, size_t end, enum rv_encoding enc) {
    json_t *range = json_object();
    json_object_set_new(range, "start", rv_lsp_position(t, start, enc));
    json_object_set_new(range, "end", rv_lsp_position(t, end, enc));
    return range;
}

// Expands {code} and {name} in the docs-url template.
static char *docs_href(const char *tmpl, const struct rv_rule_info *rule) {
    struct rv_strbuf sb = {0};
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "{code}", 6) == 0) {
            rv_strbuf_puts(&sb, rule->code_str);
            p += 6;
        } else if (strncmp(p, "{name}", 6) == 0) {
            rv_strbuf_puts(&sb, rule->name);
            p += 6;
        } else {
            rv_strbuf_putc(&sb, *p++);
        }
    }
    return rv_strbuf_take(&sb);
}

json_t *rv_lsp_diagnostic(const struct rv_server *s, const struct rv_doc *doc,
                          const struct rv_finding *f) {
    const struct rv_rule_info *rule = rv_rule_by_code(f->code);
    json_t *d = json_object();
    json_object_set_new(d, "range",
                        rv_lsp_range(&doc->text, f->start_byte, f->end_byte, s->encoding));
    json_object_set_new(d, "severity", json_integer(f->severity ? f->severity : 2));
    json_object_set_new(d, "code", json_string(rule ? rule->code_str : "RV000"));
    json_object_set_new(d, "source", json_string("reviewls"));
    const char *docs = rv_config_str(&s->editor_config, "docs-url");
    if (s->caps.code_description && docs[0] && rule) {
        char *href = docs_href(docs, rule);
        json_t *desc = json_object();
        json_object_set_new(desc, "href", rv_json_string_lossy(href, strlen(href)));
        json_object_set_new(d, "codeDescription", desc);
        free(href);
    }
    json_object_set_new(d, "message", rv_json_string_lossy(f->message, strlen(f->message)));
    if (s->caps.related_information && f->related.len) {
        json_t *related = json_array();
        for (size_t i = 0; i < f->related.len; i++) {
            const struct rv_related *r = &f->related.items[i];
            json_t *loc = json_object();
            json_object_set_new(loc, "uri", json_string(doc->uri));
            json_object_set_new(loc, "range",
                                rv_lsp_range(&doc->text, r->start_byte, r->end_byte, s->encoding));
            json_t *info = json_object();
            json_object_set_new(info, "location", loc);
            json_object_set_new(info, "message",
                                rv_json_string_lossy(r->message, strlen(r->message)));
            json_array_append_new(related, info);
        }
        json_object_set_new(d, "relatedInformation", related);
    }
    // `data` lets code actions find the finding again; clients without dataSupport drop it,
    // and code actions then match on code, line and message.
    json_t *data = json_object();
    json_object_set_new(data, "rule", json_string(rule ? rule->code_str : "RV000"));
    json_object_set_new(data, "version", json_integer(doc->analysed_version));
    json_object_set_new(data, "start", json_integer(f->start_byte));
    json_object_set_new(data, "end", json_integer(f->end_byte));
    json_object_set_new(d, "data", data);
    return d;
}

// Writes the range of [start, end); `*line` is a guess of start's line (the findings come in
// order of their start), and takes end's.
static void put_range(struct rv_strbuf *sb, const struct rv_text *t, size_t start, size_t end,
                      enum rv_encoding enc, size_t *line) {
    struct rv_lsp_pos a = rv_text_pos_near(t, start, enc, *line);
    struct rv_lsp_pos b = rv_text_pos_near(t, end, enc, a.line);
    *line = b.line;
    rv_strbuf_puts(sb, "{\"start\":{\"line\":");
    rv_strbuf_put_u64(sb, a.line);
    rv_strbuf_puts(sb, ",\"character\":");
    rv_strbuf_put_u64(sb, a.character);
    rv_strbuf_puts(sb, "},\"end\":{\"line\":");
    rv_strbuf_put_u64(sb, b.line);
    rv_strbuf_puts(sb, ",\"character\":");
    rv_strbuf_put_u64(sb, b.character);
    rv_strbuf_puts(sb, "}}");
}

static void put_str(struct rv_strbuf *sb, const char *s) {
    rv_json_put_string(sb, s, strlen(s));
}

// A rule's code ("RV301"), between quotes the caller writes: the catalogue's codes are
// letters and digits, which JSON takes as they are (rv_json_put_string's scan was two of a
// diagnostic's dozen pieces).
static void put_code(struct rv_strbuf *sb, const char *code) {
#ifndef NDEBUG
    for (const char *p = code; *p; p++) {
        assert((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'));
    }
#endif
    rv_strbuf_puts(sb, code);
}

// Writes diagnostics [from, to) of `doc`'s findings, each after a comma but the list's first.
static void put_diagnostics(struct rv_strbuf *sb, const struct rv_server *s,
                            const struct rv_doc *doc, size_t from, size_t to) {
    const char *docs = rv_config_str(&s->editor_config, "docs-url");
    // Each rule's link, expanded once per list: a file's findings share a few dozen rules.
    char **hrefs = s->caps.code_description && docs[0] && from < to
                       ? rv_xcalloc(RV_RULE_CODE_MAX, sizeof(char *))
                       : NULL;
    size_t line = 0;
    for (size_t i = from; i < to; i++) {
        const struct rv_finding *f = &doc->findings.list.items[i];
        const struct rv_rule_info *rule = rv_rule_by_code(f->code);
        const char *code = rule ? rule->code_str : "RV000";
        rv_strbuf_puts(sb, i ? ",{\"range\":" : "{\"range\":");
        put_range(sb, &doc->text, f->start_byte, f->end_byte, s->encoding, &line);
        rv_strbuf_puts(sb, ",\"severity\":");
        rv_strbuf_put_u64(sb, f->severity ? (uint64_t)f->severity : 2);
        rv_strbuf_puts(sb, ",\"code\":\"");
        put_code(sb, code);
        rv_strbuf_puts(sb, "\",\"source\":\"reviewls\"");
        if (hrefs && rule) {
            if (hrefs[rule->code] == NULL) {
                hrefs[rule->code] = docs_href(docs, rule);
            }
            rv_strbuf_puts(sb, ",\"codeDescription\":{\"href\":");
            put_str(sb, hrefs[rule->code]);
            rv_strbuf_putc(sb, '}');
        }
        rv_strbuf_puts(sb, ",\"message\":");
        put_str(sb, f->message);
        if (s->caps.related_information && f->related.len) {
            rv_strbuf_puts(sb, ",\"relatedInformation\":[");
            for (size_t k = 0; k < f->related.len; k++) {
                const struct rv_related *r = &f->related.items[k];
                rv_strbuf_puts(sb, k ? ",{\"location\":{\"uri\":" : "{\"location\":{\"uri\":");
                put_str(sb, doc->uri);
                rv_strbuf_puts(sb, ",\"range\":");
                size_t at = line;
                put_range(sb, &doc->text, r->start_byte, r->end_byte, s->encoding, &at);
                rv_strbuf_puts(sb, "},\"message\":");
                put_str(sb, r->message);
                rv_strbuf_putc(sb, '}');
            }
            rv_strbuf_putc(sb, ']');
        }
        rv_strbuf_puts(sb, ",\"data\":{\"rule\":\"");
        put_code(sb, code);
        // Versions are the client's integers, which may be negative.
        if (doc->analysed_version < 0) {
            rv_strbuf_printf(sb, "\",\"version\":%lld", (long long)doc->analysed_version);
        } else {
            rv_strbuf_puts(sb, "\",\"version\":");
            rv_strbuf_put_u64(sb, (uint64_t)doc->analysed_version);
        }
        rv_strbuf_puts(sb, ",\"start\":");
        rv_strbuf_put_u64(sb, f->start_byte);
        rv_strbuf_puts(sb, ",\"end\":");
        rv_strbuf_put_u64(sb, f->end_byte);
        rv_strbuf_puts(sb, "}}");
    }
    for (size_t c = 0; hrefs && c < RV_RULE_CODE_MAX; c++) {
        free(hrefs[c]);
    }
    free(hrefs);
}

// The second part of a publish, written on the helper thread.
struct diagnostics_part {
    struct rv_strbuf sb;
    const struct rv_server *s;
    const struct rv_doc *doc;
    size_t from;
    size_t to;
};

static void put_part(void *arg) {
    struct diagnostics_part *p = arg;
    put_diagnostics(&p->sb, p->s, p->doc, p->from, p->to);
}

// A long module's diagnostics (the 10k-line module's 234 are 70 KB of JSON) are written in two
// halves at once when the helper thread is warm (an edit's analysis warmed it): the second on
// the helper, appended to the first.
#define SPLIT_DIAGNOSTICS 64

void rv_lsp_put_diagnostics(struct rv_strbuf *sb, const struct rv_server *s,
                            const struct rv_doc *doc) {
    size_t n = doc->findings.list.len;
    rv_strbuf_putc(sb, '[');
    if (n >= SPLIT_DIAGNOSTICS && rv_helper_warm_now(s->helper)) {
        struct diagnostics_part part = {{0}, s, doc, n / 2, n};
        rv_strbuf_grow(&part.sb, s->publish_hint / 2 + 64);
        rv_helper_start(s->helper, put_part, &part);
        put_diagnostics(sb, s, doc, 0, n / 2);
        rv_helper_wait(s->helper);
        rv_strbuf_append(sb, part.sb.data, part.sb.len);
        rv_strbuf_finish(&part.sb);
    } else {
        put_diagnostics(sb, s, doc, 0, n);
    }
    rv_strbuf_putc(sb, ']');
}

json_t *rv_lsp_diagnostics(const struct rv_server *s, const struct rv_doc *doc) {
    json_t *arr = json_array();
    for (size_t i = 0; i < doc->findings.list.len; i++) {
        json_array_append_new(arr, rv_lsp_diagnostic(s, doc, &doc->findings.list.items[i]));
    }
    return arr;
}
