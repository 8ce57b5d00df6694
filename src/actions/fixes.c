// SPDX-License-Identifier: MIT
// One builder per fix kind, plus the suppression comments every finding can get and the
// document-wide source.fixAll. Each returns a plain edit list and never touches the text.
#include "actions_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// memmem is a GNU extension; C11 has none.
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m) {
    for (size_t i = 0; m <= n && i <= n - m; i++) {
        if (memcmp(hay + i, needle, m) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

static const char *rule_code(const struct rv_finding *f) {
    const struct rv_rule_info *rule = rv_rule_by_code(f->code);
    return rule ? rule->code_str : "RV000";
}

static uint32_t line_start_of(const struct rv_text *text, size_t byte) {
    return text->line_starts[rv_text_line_of(text, byte)];
}

// Is `byte` the first thing on its line, after whitespace only?
static bool starts_line(const struct rv_text *text, size_t byte) {
    for (size_t i = line_start_of(text, byte); i < byte; i++) {
        if (text->bytes[i] != ' ' && text->bytes[i] != '\t' && text->bytes[i] != '\f') {
            return false;
        }
    }
    return true;
}

// The leading whitespace of the line holding `byte`, as a heap string.
static char *indent_of(const struct rv_text *text, size_t byte) {
    uint32_t start = line_start_of(text, byte);
    size_t n = 0;
    while (start + n < text->len &&
           (text->bytes[start + n] == ' ' || text->bytes[start + n] == '\t')) {
        n++;
    }
    return rv_xstrndup(text->bytes + start, n);
}

static const struct rv_function *function_named_at(const struct rv_model *m, uint32_t byte) {
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (!ts_node_is_null(fn->name) && ts_node_start_byte(fn->name) == byte) {
            return fn;
        }
    }
    return NULL;
}

static const struct rv_class *class_named_at(const struct rv_model *m, uint32_t byte) {
    for (size_t i = 0; i < m->classes.len; i++) {
        const struct rv_class *cls = &m->classes.items[i];
        if (!ts_node_is_null(cls->name) && ts_node_start_byte(cls->name) == byte) {
            return cls;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Docstring stubs. */

// Exception names raised directly in `node` (nested definitions excluded), deduplicated.
struct names {
    RV_VEC(char *) list;
};

static void collect_raises(const struct rv_text *text, TSNode node, struct names *names,
                           unsigned depth) {
    if (depth > 500) {
        return;
    }
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode ch = ts_node_named_child(node, i);
        const char *type = ts_node_type(ch);
        if (strcmp(type, "function_definition") == 0 || strcmp(type, "class_definition") == 0 ||
            strcmp(type, "lambda") == 0) {
            continue;
        }
        if (strcmp(type, "raise_statement") == 0 && ts_node_named_child_count(ch) > 0) {
            TSNode exc = ts_node_named_child(ch, 0);
            if (rv_node_is(exc, "call")) {
                exc = ts_node_child_by_field_name(exc, "function", 8);
            }
            if (rv_node_is(exc, "identifier") || rv_node_is(exc, "attribute")) {
                char *name = rv_node_strdup(text, exc);
                bool seen = false;
                for (size_t k = 0; k < names->list.len; k++) {
                    seen |= strcmp(names->list.items[k], name) == 0;
                }
                if (seen) {
                    free(name);
                } else {
                    rv_vec_push(&names->list, name);
                }
            }
            continue;
        }
        collect_raises(text, ch, names, depth + 1);
    }
}

static void stub_for_function(const struct rv_action_input *in, const struct rv_function *fn,
                              const char *indent, struct rv_strbuf *sb) {
    const char *style = in->config ? rv_config_str(in->config, "docstring-style") : "google";
    const struct rv_text *text = in->text;
    size_t nlen;
    const char *name = rv_node_text(text, fn->name, &nlen);
    rv_strbuf_printf(sb, "%s\"\"\"TODO: say what `%.*s` does.", indent, (int)nlen, name);
    size_t body_start = sb->len;
    bool numpy = strcmp(style, "numpy") == 0;
    bool rest = strcmp(style, "rest") == 0;
    bool any_param = false;
    for (uint32_t i = 0; i < fn->params_count; i++) {
        const struct rv_param *p = &in->model->params.items[fn->params_start + i];
        if (p->kind == RV_PARAM_SELF || ts_node_is_null(p->name)) {
            continue;
        }
        size_t plen;
        const char *pname = rv_node_text(text, p->name, &plen);
        const char *stars = p->kind == RV_PARAM_VARARGS  ? "*"
                            : p->kind == RV_PARAM_KWARGS ? "**"
                                                         : "";
        size_t tlen = 0;
        const char *ptype =
            ts_node_is_null(p->annotation) ? NULL : rv_node_text(text, p->annotation, &tlen);
        if (!any_param) {
            if (numpy) {
                rv_strbuf_printf(sb, "\n\n%sParameters\n%s----------", indent, indent);
            } else if (rest) {
                rv_strbuf_puts(sb, "\n");
            } else {
                rv_strbuf_printf(sb, "\n\n%sArgs:", indent);
            }
            any_param = true;
        }
        if (numpy) {
            rv_strbuf_printf(sb, "\n%s%s%.*s%s%.*s\n%s    TODO.", indent, stars, (int)plen, pname,
                             ptype ? " : " : "", (int)tlen, ptype ? ptype : "", indent);
        } else if (rest) {
            rv_strbuf_printf(sb, "\n%s:param %s%.*s: TODO.", indent, stars, (int)plen, pname);
            if (ptype) {
                rv_strbuf_printf(sb, "\n%s:type %s%.*s: %.*s", indent, stars, (int)plen, pname,
                                 (int)tlen, ptype);
            }
        } else {
            rv_strbuf_printf(sb, "\n%s    %s%.*s%s%.*s%s: TODO.", indent, stars, (int)plen, pname,
                             ptype ? " (" : "", (int)tlen, ptype ? ptype : "", ptype ? ")" : "");
        }
    }
    if (fn->returns_value) {
        if (numpy) {
            rv_strbuf_printf(sb, "\n\n%sReturns\n%s-------\n%sTODO\n%s    TODO.", indent, indent,
                             indent, indent);
        } else if (rest) {
            rv_strbuf_printf(sb, "%s\n%s:returns: TODO.", any_param ? "" : "\n", indent);
        } else {
            rv_strbuf_printf(sb, "\n\n%sReturns:\n%s    TODO.", indent, indent);
        }
    }
    struct names found = {0};
    if (fn->raises) {
        collect_raises(text, fn->body, &found, 0);
    }
    for (size_t k = 0; k < found.list.len; k++) {
        if (numpy) {
            if (k == 0) {
                rv_strbuf_printf(sb, "\n\n%sRaises\n%s------", indent, indent);
            }
            rv_strbuf_printf(sb, "\n%s%s\n%s    TODO.", indent, found.list.items[k], indent);
        } else if (rest) {
            rv_strbuf_printf(sb, "%s\n%s:raises %s: TODO.",
                             (k == 0 && !any_param && !fn->returns_value) ? "\n" : "", indent,
                             found.list.items[k]);
        } else {
            if (k == 0) {
                rv_strbuf_printf(sb, "\n\n%sRaises:", indent);
            }
            rv_strbuf_printf(sb, "\n%s    %s: TODO.", indent, found.list.items[k]);
        }
        free(found.list.items[k]);
    }
    rv_vec_finish(&found.list);
    if (sb->len > body_start) {
        rv_strbuf_printf(sb, "\n%s\"\"\"\n", indent);
    } else {
        rv_strbuf_puts(sb, "\"\"\"\n");
    }
}

// Inserts a docstring stub into `body` (a class's when `fn` is NULL) before its first statement;
// false for one-line bodies.
static bool insert_in_body(const struct rv_action_input *in, TSNode header, TSNode body,
                           const struct rv_function *fn, struct rv_edits *out) {
    if (ts_node_is_null(body) || ts_node_named_child_count(body) == 0) {
        return false;
    }
    TSNode first = ts_node_named_child(body, 0);
    TSNode stmt = first;
    for (uint32_t i = 0; i < ts_node_named_child_count(body); i++) {
        stmt = ts_node_named_child(body, i);
        if (!rv_node_is(stmt, "comment")) {
            break;
        }
    }
    // `def f(): pass`, or a colon continued onto the body's line (`def f()\` then `: pass`):
    // no line of its own to put the docstring on.
    if (ts_node_start_point(first).row <= ts_node_start_point(header).row ||
        ts_node_start_point(stmt).row <= ts_node_start_point(header).row ||
        !starts_line(in->text, ts_node_start_byte(first))) {
        return false;
    }
    char *indent = indent_of(in->text, ts_node_start_byte(stmt));
    struct rv_strbuf sb = {0};
    if (fn) {
        stub_for_function(in, fn, indent, &sb);
    } else {
        rv_strbuf_printf(&sb, "%s\"\"\"TODO: say what an instance represents.\"\"\"\n", indent);
    }
    uint32_t at = line_start_of(in->text, ts_node_start_byte(first));
    rv_edits_add(out, at, at, sb.data);
    rv_strbuf_finish(&sb);
    free(indent);
    return true;
}

static bool docstring_fix(const struct rv_action_input *in, const struct rv_finding *f,
                          struct rv_edits *out) {
    const struct rv_function *fn = function_named_at(in->model, f->start_byte);
    if (fn) {
        return insert_in_body(in, fn->node, fn->body, fn, out);
    }
    const struct rv_class *cls = class_named_at(in->model, f->start_byte);
    if (cls) {
        return insert_in_body(in, cls->node, cls->body, NULL, out);
    }
    // The range is the module's first statement; comments above it (licence headers, shebang)
    // stay above the docstring. A statement that does not start its line (after a line
    // continuation: `\` then `def f():`) has no line of its own to put the docstring before.
    if (f->code == 251 && starts_line(in->text, f->start_byte)) {
        uint32_t at = line_start_of(in->text, f->start_byte);
        rv_edits_add(out, at, at,
                     "\"\"\"TODO: say in one sentence what this module is for.\"\"\"\n\n");
        return true;
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* Annotations. */

static bool return_none_fix(const struct rv_action_input *in, const struct rv_finding *f,
                            struct rv_edits *out) {
    const struct rv_function *fn = function_named_at(in->model, f->start_byte);
    if (fn == NULL || !ts_node_is_null(fn->return_type)) {
        return false;
    }
    TSNode params = ts_node_child_by_field_name(fn->node, "parameters", 10);
    if (ts_node_is_null(params)) {
        return false;
    }
    uint32_t at = ts_node_end_byte(params);
    rv_edits_add(out, at, at, " -> None");
    return true;
}

static bool annotate_default_fix(const struct rv_action_input *in, const struct rv_finding *f,
                                 struct rv_edits *out) {
    if (f->replacement == NULL || f->replacement[0] == '\0') {
        return false;
    }
    for (size_t i = 0; i < in->model->params.len; i++) {
        const struct rv_param *p = &in->model->params.items[i];
        if (ts_node_is_null(p->name) || ts_node_start_byte(p->name) != f->start_byte) {
            continue;
        }
        if (!ts_node_is_null(p->annotation) || ts_node_is_null(p->default_value)) {
            return false;
        }
        char *text = rv_xasprintf(": %s = ", f->replacement);
        rv_edits_add(out, ts_node_end_byte(p->name), ts_node_start_byte(p->default_value), text);
        free(text);
        return true;
    }
    return false;
}

static bool replace_fix(const struct rv_action_input *in, const struct rv_finding *f,
                        struct rv_edits *out) {
    const char *repl = f->replacement ? f->replacement : "";
    uint32_t start = f->start_byte;
    uint32_t end = f->end_byte;
    if (repl[0] == '\0') {
        // Removing a trailing comment takes the spaces before it; a line that held only the
        // comment goes entirely.
        const struct rv_text *t = in->text;
        size_t row = rv_text_line_of(t, start);
        uint32_t ls = t->line_starts[row];
        while (start > ls && (t->bytes[start - 1] == ' ' || t->bytes[start - 1] == '\t')) {
            start--;
        }
        if (start == ls && end == rv_text_line_end(t, row) && row + 1 < t->line_count) {
            end = t->line_starts[row + 1];
        }
    }
    rv_edits_add(out, start, end, repl);
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Suppression comments. */

// The comment ending `row`, or a null node.
static TSNode comment_on_row(const struct rv_action_input *in, size_t row) {
    for (size_t i = 0; i < in->model->comments.len; i++) {
        TSNode c = in->model->comments.items[i];
        if (ts_node_start_point(c).row == row) {
            return c;
        }
    }
    return (TSNode){0};
}

// Python allows a comment only where rv_comment_row says; suppression matching uses the same.
static size_t comment_row(const struct rv_action_input *in, size_t row) {
    return rv_comment_row(in->text, in->root, row);
}

// In a comment's text, finds `noqa` and where its code list ends. *bare is set for `# noqa`.
static bool find_noqa(const char *s, size_t len, size_t *list_end, bool *bare, const char *code) {
    for (size_t i = 0; i + 4 <= len; i++) {
        if (strncasecmp(s + i, "noqa", 4) != 0 || (i > 0 && isalnum((unsigned char)s[i - 1]))) {
            continue;
        }
        size_t p = i + 4;
        while (p < len && s[p] == ' ') {
            p++;
        }
        if (p >= len || s[p] != ':') {
            *bare = true;
            return true;
        }
        p++;
        size_t last = p;
        for (;;) {
            while (p < len && (s[p] == ' ' || s[p] == ',')) {
                p++;
            }
            size_t w = p;
            while (p < len && (isalnum((unsigned char)s[p]) || s[p] == '-' || s[p] == '_')) {
                p++;
            }
            if (p == w) {
                break;
            }
            if (p - w == strlen(code) && strncasecmp(s + w, code, p - w) == 0) {
                *bare = true; // already there: nothing to add
                return true;
            }
            last = p;
        }
        *bare = false;
        *list_end = last;
        return true;
    }
    return false;
}

static bool ignore_line(const struct rv_action_input *in, const struct rv_finding *f,
                        struct rv_edits *out) {
    const struct rv_text *t = in->text;
    size_t row = comment_row(in, rv_text_line_of(t, f->start_byte));
    const char *code = rule_code(f);
    TSNode comment = comment_on_row(in, row);
    if (!ts_node_is_null(comment)) {
        size_t len;
        const char *s = rv_node_text(t, comment, &len);
        size_t list_end = 0;
        bool bare = false;
        if (find_noqa(s, len, &list_end, &bare, code)) {
            if (bare) {
                return false;
            }
            char *text = rv_xasprintf(", %s", code);
            uint32_t at = ts_node_start_byte(comment) + (uint32_t)list_end;
            rv_edits_add(out, at, at, text);
            free(text);
            return true;
        }
    }
    uint32_t end = (uint32_t)rv_text_line_end(t, row);
    // A line that ends in a lone CR: Python reads a newline there, but tree-sitter's comment
    // runs on through it to the next LF, so a comment would swallow the next line.
    if (end < t->len && t->bytes[end] == '\r' && (end + 1 >= t->len || t->bytes[end + 1] != '\n')) {
        return false;
    }
    uint32_t content_end = end;
    while (content_end > t->line_starts[row] &&
           (t->bytes[content_end - 1] == ' ' || t->bytes[content_end - 1] == '\t')) {
        content_end--;
    }
    // A backslash continuation with no line after it (at the end of the file): a comment
    // cannot follow it.
    if (content_end > t->line_starts[row] && t->bytes[content_end - 1] == '\\') {
        return false;
    }
    char *text = rv_xasprintf("%s# noqa: %s", content_end > t->line_starts[row] ? "  " : "", code);
    rv_edits_add(out, content_end, end, text);
    free(text);
    return true;
}

static bool ignore_file(const struct rv_action_input *in, const struct rv_finding *f,
                        struct rv_edits *out) {
    const struct rv_text *t = in->text;
    const char *code = rule_code(f);
    size_t row = 0;
    // A shebang, then an encoding declaration, must stay on the first two lines.
    for (size_t r = 0; r < 2 && r < t->line_count; r++) {
        size_t ls = t->line_starts[r];
        size_t le = rv_text_line_end(t, r);
        const char *line = t->bytes + ls;
        size_t n = le - ls;
        bool shebang = r == 0 && n >= 2 && line[0] == '#' && line[1] == '!';
        bool coding = n > 0 && line[0] == '#' && find_bytes(line, n, "coding", 6) != NULL;
        if (shebang || coding) {
            row = r + 1;
        } else {
            break;
        }
    }
    // An existing directive in the leading comments is extended instead.
    for (size_t i = 0; i < in->model->comments.len; i++) {
        TSNode c = in->model->comments.items[i];
        size_t len;
        const char *s = rv_node_text(t, c, &len);
        const char *d = find_bytes(s, len, "reviewls: ignore-file[", 22);
        if (d == NULL) {
            continue;
        }
        const char *close = memchr(d, ']', len - (size_t)(d - s));
        if (close == NULL) {
            continue;
        }
        if (find_bytes(d, (size_t)(close - d), code, strlen(code)) != NULL) {
            return false;
        }
        char *text = rv_xasprintf(", %s", code);
        uint32_t at = (uint32_t)(close - t->bytes);
        rv_edits_add(out, at, at, text);
        free(text);
        return true;
    }
    uint32_t at = row < t->line_count ? t->line_starts[row] : (uint32_t)t->len;
    char *text =
        rv_xasprintf("%s# reviewls: ignore-file[%s]\n",
                     at == t->len && t->len > 0 && t->bytes[t->len - 1] != '\n' ? "\n" : "", code);
    rv_edits_add(out, at, at, text);
    free(text);
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Dispatch. */

static void reindent_rows(const struct rv_action_input *in, const struct rv_finding *f,
                          uint32_t *lo, uint32_t *hi) {
    // RV352 points at a block's first statement: that block. RV351 at a line: its top-level
    // statement.
    TSNode n = ts_node_descendant_for_byte_range(in->root, f->end_byte, f->end_byte);
    TSNode found = {0};
    for (; !ts_node_is_null(n); n = ts_node_parent(n)) {
        if (f->code == 352 && rv_node_is(n, "block")) {
            found = n;
            break;
        }
        TSNode parent = ts_node_parent(n);
        if (f->code != 352 && rv_node_is(parent, "module")) {
            found = n;
            break;
        }
    }
    if (ts_node_is_null(found)) {
        uint32_t row = (uint32_t)rv_text_line_of(in->text, f->start_byte);
        *lo = *hi = row;
        return;
    }
    *lo = ts_node_start_point(found).row;
    *hi = ts_node_end_point(found).row;
}

bool rv_actions_build(const struct rv_action_input *in, const struct rv_finding *f,
                      enum rv_action_kind kind, struct rv_edits *out, char **title) {
    struct rv_edits tmp = {0};
    bool ok = false;
    char *t = NULL;
    const char *code = rule_code(f);
    switch (kind) {
    case RV_ACTION_FIX:
        switch (f->fix) {
        case RV_FIX_NONE:
            break;
        case RV_FIX_RENAME:
            if (f->replacement &&
                rv_actions_rename(in, f->start_byte, f->replacement, &tmp) == RV_RENAME_OK &&
                tmp.list.len > 0) {
                size_t len;
                const char *old = rv_text_line_of(in->text, f->start_byte) < in->text->line_count
                                      ? in->text->bytes + f->start_byte
                                      : "";
                len = f->end_byte - f->start_byte;
                t = rv_xasprintf("Rename `%.*s` to `%s` (%zu occurrence%s)", (int)len, old,
                                 f->replacement, tmp.list.len, tmp.list.len == 1 ? "" : "s");
                ok = true;
            }
            break;
        case RV_FIX_DOCSTRING:
            ok = docstring_fix(in, f, &tmp);
            t = rv_xasprintf("Insert a docstring stub (%s style)",
                             in->config ? rv_config_str(in->config, "docstring-style") : "google");
            break;
        case RV_FIX_RETURN_NONE:
            ok = return_none_fix(in, f, &tmp);
            t = rv_xstrdup("Add `-> None`");
            break;
        case RV_FIX_ANNOTATE_DEFAULT:
            ok = annotate_default_fix(in, f, &tmp);
            t = rv_xasprintf("Annotate as `%s`", f->replacement ? f->replacement : "");
            break;
        case RV_FIX_REINDENT: {
            uint32_t lo;
            uint32_t hi;
            reindent_rows(in, f, &lo, &hi);
            ok = rv_actions__reindent(in, lo, hi, &tmp);
            t = rv_xstrdup(f->code == 352 ? "Re-indent this block" : "Re-indent this statement");
            break;
        }
        case RV_FIX_REPLACE:
            ok = replace_fix(in, f, &tmp);
            t = rv_xstrdup(f->code == 403 ? "Remove the unused suppression"
                                          : "Apply the suggested replacement");
            break;
        }
        break;
    case RV_ACTION_REINDENT_FILE:
        if (f->fix == RV_FIX_REINDENT) {
            ok = rv_actions__reindent(in, 0, UINT32_MAX, &tmp);
            t = rv_xstrdup("Re-indent the whole file");
        }
        break;
    case RV_ACTION_IGNORE_LINE:
        ok = ignore_line(in, f, &tmp);
        t = rv_xasprintf("Ignore %s on this line", code);
        break;
    case RV_ACTION_IGNORE_FILE:
        ok = ignore_file(in, f, &tmp);
        t = rv_xasprintf("Ignore %s in this file", code);
        break;
    }
    if (ok) {
        rv_edits_sort(&tmp);
        rv_edits_take(out, &tmp);
        if (title) {
            *title = t;
            t = NULL;
        }
    }
    free(t);
    rv_edits_finish(&tmp);
    return ok;
}

bool rv_actions_fix_is_safe(const struct rv_finding *f) {
    switch (f->fix) {
    case RV_FIX_RETURN_NONE:
    case RV_FIX_ANNOTATE_DEFAULT:
    case RV_FIX_REINDENT:
    case RV_FIX_REPLACE:
        return true;
    case RV_FIX_NONE:
    case RV_FIX_RENAME:
    case RV_FIX_DOCSTRING:
        return false;
    }
    return false;
}

size_t rv_actions_fix_all(const struct rv_action_input *in, const struct rv_findings *findings,
                          struct rv_edits *out) {
    size_t fixed = 0;
    bool reindented = false;
    struct rv_edits acc = {0};
    for (size_t i = 0; i < findings->list.len; i++) {
        const struct rv_finding *f = &findings->list.items[i];
        if (!rv_actions_fix_is_safe(f)) {
            continue;
        }
        struct rv_edits one = {0};
        bool ok;
        if (f->fix == RV_FIX_REINDENT) {
            if (reindented) {
                fixed++;
                continue;
            }
            ok = rv_actions_build(in, f, RV_ACTION_REINDENT_FILE, &one, NULL);
            reindented = ok;
        } else {
            ok = rv_actions_build(in, f, RV_ACTION_FIX, &one, NULL);
        }
        if (ok && !rv_edits_overlap(&acc, &one)) {
            rv_edits_take(&acc, &one);
            fixed++;
        }
        rv_edits_finish(&one);
    }
    rv_edits_sort(&acc);
    rv_edits_take(out, &acc);
    rv_edits_finish(&acc);
    return fixed;
}
