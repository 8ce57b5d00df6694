// SPDX-License-Identifier: MIT
// Suppression comments: `# noqa[: RV123,...]`, `# reviewls: ignore[RV123,...]`,
// `# reviewls: ignore-file[RV123,...]` and bandit's `# nosec [B602,...]`. Codes of other tools
// inside a noqa are left to those tools and never reported as unused.
#include "analysis_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_space(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t')) {
        p++;
    }
    return p;
}

// Reads a list of codes or names separated by commas or spaces, up to `end` or `stop`.
static const char *read_codes(struct rv_suppression *s, const char *p, const char *end, char stop) {
    while (p < end && *p != stop && *p != '#') {
        p = skip_space(p, end);
        const char *start = p;
        while (p < end && (isalnum((unsigned char)*p) || *p == '-' || *p == '_')) {
            p++;
        }
        if (p == start) {
            if (p < end && *p != stop) {
                p++;
            }
            continue;
        }
        char word[64];
        size_t len = RV_MIN((size_t)(p - start), sizeof(word) - 1);
        memcpy(word, start, len);
        word[len] = '\0';
        if (s->nosec) {
            rv_vec_push(&s->bandit, rv_xstrdup(word));
            continue;
        }
        const struct rv_rule_info *rule = rv_rule_lookup(word);
        enum rv_category cat;
        if (rule) {
            rv_vec_push(&s->codes, rule->code);
            rv_vec_push(&s->code_used, false);
        } else if (rv_category_parse(word, &cat)) {
            for (size_t i = 0; i < rv_rules_count; i++) {
                if (rv_rules[i].category == cat) {
                    rv_vec_push(&s->codes, rv_rules[i].code);
                    // A category silences many rules; only the category as a whole can be unused.
                    rv_vec_push(&s->code_used, true);
                }
            }
        }
        // Anything else (E501, W0612...) belongs to another tool.
    }
    return p;
}

static bool parse_one(struct rv_suppression *s, const char *p, const char *end) {
    // p points after '#'.
    p = skip_space(p, end);
    size_t rest = (size_t)(end - p);
    if (rest >= 4 && strncasecmp(p, "noqa", 4) == 0 &&
        (rest == 4 || !isalnum((unsigned char)p[4]))) {
        p += 4;
        p = skip_space(p, end);
        if (p < end && *p == ':') {
            read_codes(s, p + 1, end, '\0');
            // `# noqa: E501` names only foreign codes: it is not ours at all.
            return s->codes.len > 0;
        }
        s->all = true;
        return true;
    }
    if (rest >= 5 && strncmp(p, "nosec", 5) == 0 && (rest == 5 || !isalnum((unsigned char)p[5]))) {
        s->nosec = true;
        p += 5;
        p = skip_space(p, end);
        if (p < end && *p == ':') {
            p++;
        }
        read_codes(s, p, end, '\0');
        s->all = s->bandit.len == 0;
        return true;
    }
    if (rest >= 9 && strncmp(p, "reviewls:", 9) == 0) {
        p = skip_space(p + 9, end);
        rest = (size_t)(end - p);
        if (rest >= 11 && strncmp(p, "ignore-file", 11) == 0) {
            s->file_wide = true;
            p += 11;
        } else if (rest >= 6 && strncmp(p, "ignore", 6) == 0) {
            p += 6;
        } else {
            return false;
        }
        if (p < end && *p == '[') {
            read_codes(s, p + 1, end, ']');
            return s->codes.len > 0;
        }
        s->all = true;
        return true;
    }
    return false;
}

void rv_suppress__parse(struct rv_suppressions *out, const struct rv_text *text,
                        const struct rv_model *model) {
    memset(out, 0, sizeof(*out));
    rv_suppress__parse_comments(out, text, model, 0, model->comments.len);
}

void rv_suppress__parse_comments(struct rv_suppressions *out, const struct rv_text *text,
                                 const struct rv_model *model, size_t first, size_t stop) {
    for (size_t i = first; i < stop; i++) {
        TSNode c = model->comments.items[i];
        size_t len;
        const char *s = rv_node_text(text, c, &len);
        const char *end = s + len;
        // A comment may hold several directives: `# type: ignore  # noqa: RV301`.
        for (const char *p = memchr(s, '#', len); p != NULL;
             p = p + 1 < end ? memchr(p + 1, '#', (size_t)(end - p - 1)) : NULL) {
            // Every directive starts with n (noqa, nosec) or r (reviewls): most comments are
            // prose and stop here, before their position is read.
            const char *q = skip_space(p + 1, end);
            if (q == end || (*q != 'n' && *q != 'N' && *q != 'r')) {
                continue;
            }
            struct rv_suppression sup = {
                .row = ts_node_start_point(c).row,
                .start_byte = (uint32_t)(p - text->bytes),
                .end_byte = ts_node_end_byte(c),
            };
            if (parse_one(&sup, p + 1, end)) {
                rv_vec_push(&out->list, sup);
            } else {
                rv_suppress__drop(&sup);
            }
        }
    }
}

// bandit ids are compared by number so that `# nosec B313` silences RV625 (B313-B320).
static bool bandit_matches(const char *rule_id, const char *given) {
    if (rule_id == NULL) {
        return false;
    }
    if (strcasecmp(rule_id, given) == 0) {
        return true;
    }
    if ((given[0] == 'B' || given[0] == 'b') && (rule_id[0] == 'B')) {
        int g = atoi(given + 1);
        int r = atoi(rule_id + 1);
        // The XML family spans B313..B320, TLS versions B502..B504.
        if ((r == 313 && g >= 313 && g <= 320) || (r == 502 && g >= 502 && g <= 504) ||
            (r == 301 && g == 302)) {
            return true;
        }
    }
    return false;
}

size_t rv_comment_row(const struct rv_text *text, TSNode root, size_t row) {
    for (unsigned guard = 0; guard < 100000 && row + 1 < text->line_count; guard++) {
        size_t end = rv_text_line_end(text, row);
        if (end == text->line_starts[row]) {
            return row;
        }
        TSNode n = ts_node_descendant_for_byte_range(root, (uint32_t)end - 1, (uint32_t)end);
        bool in_comment = false;
        size_t string_end = row;
        for (; !ts_node_is_null(n); n = ts_node_parent(n)) {
            const char *type = ts_node_type(n);
            if (strcmp(type, "comment") == 0) {
                in_comment = true;
                break;
            }
            if (strcmp(type, "string") == 0 && ts_node_end_point(n).row > row) {
                string_end = ts_node_end_point(n).row;
                break;
            }
        }
        if (string_end > row) {
            row = string_end;
            continue;
        }
        if (!in_comment && text->bytes[end - 1] == '\\') {
            row++;
            continue;
        }
        return row;
    }
    return row;
}

bool rv_suppress__match(struct rv_suppressions *sups, const struct rv_text *text, TSNode root,
                        const struct rv_finding *f) {
    if (sups->list.len == 0) {
        return false;
    }
    uint32_t row = (uint32_t)rv_text_line_of(text, f->start_byte);
    // A comment may also sit where Python allows it for this line (after a multi-line string).
    uint32_t alt_row = (uint32_t)rv_comment_row(text, root, row);
    const struct rv_rule_info *rule = rv_rule_by_code(f->code);
    bool matched = false;
    for (size_t i = 0; i < sups->list.len; i++) {
        struct rv_suppression *s = &sups->list.items[i];
        if (!s->file_wide && s->row != row && s->row != alt_row) {
            continue;
        }
        if (s->nosec) {
            if (rule == NULL || rule->category != RV_CAT_SECURITY) {
                continue;
            }
            if (s->all) {
                s->used = matched = true;
                continue;
            }
            for (size_t k = 0; k < s->bandit.len; k++) {
                if (bandit_matches(rule->bandit, s->bandit.items[k])) {
                    s->used = matched = true;
                }
            }
            continue;
        }
        if (s->all) {
            s->used = matched = true;
            continue;
        }
        for (size_t k = 0; k < s->codes.len; k++) {
            if (s->codes.items[k] == f->code) {
                s->code_used.items[k] = true;
                s->used = matched = true;
            }
        }
    }
    return matched;
}

void rv_suppress__report_unused(const struct rv_suppressions *sups, const struct rv_config *cfg,
                                struct rv_findings *out) {
    for (size_t i = 0; i < sups->list.len; i++) {
        const struct rv_suppression *s = &sups->list.items[i];
        if (s->nosec) {
            continue; // bandit's comment: bandit judges it
        }
        if (s->all) {
            continue; // a bare noqa may serve other tools
        }
        struct rv_strbuf unused = {0};
        size_t count = 0;
        for (size_t k = 0; k < s->codes.len; k++) {
            // A rule that did not run cannot tell whether its suppression is needed.
            uint16_t code = s->codes.items[k];
            bool ran = code < RV_RULE_CODE_MAX && cfg->selected[code];
            if (!s->code_used.items[k] && ran) {
                const struct rv_rule_info *rule = rv_rule_by_code(s->codes.items[k]);
                rv_strbuf_printf(&unused, "%s%s", count ? ", " : "", rule ? rule->code_str : "?");
                count++;
            }
        }
        if (count) {
            struct rv_finding *f = rv_findings_add(
                out, 403, s->start_byte, s->end_byte, "%s %s nothing %s: no such finding here",
                unused.data,
                count == 1 ? "is suppressed but silences" : "are suppressed but silence",
                s->file_wide ? "in this file" : "on this line");
            if (count == s->codes.len && !s->file_wide) {
                rv_finding_set_fix(f, RV_FIX_REPLACE, "");
            }
        }
        rv_strbuf_finish(&unused);
    }
}

void rv_suppress__drop(struct rv_suppression *s) {
    rv_vec_finish(&s->codes);
    rv_vec_finish(&s->code_used);
    for (size_t k = 0; k < s->bandit.len; k++) {
        free(s->bandit.items[k]);
    }
    rv_vec_finish(&s->bandit);
}

void rv_suppress__copy(struct rv_suppressions *dst, const struct rv_suppressions *src) {
    memset(dst, 0, sizeof(*dst));
    rv_vec_reserve(&dst->list, src->list.len);
    for (size_t i = 0; i < src->list.len; i++) {
        const struct rv_suppression *s = &src->list.items[i];
        struct rv_suppression c = *s;
        memset(&c.codes, 0, sizeof(c.codes));
        memset(&c.code_used, 0, sizeof(c.code_used));
        memset(&c.bandit, 0, sizeof(c.bandit));
        for (size_t k = 0; k < s->codes.len; k++) {
            rv_vec_push(&c.codes, s->codes.items[k]);
            rv_vec_push(&c.code_used, s->code_used.items[k]);
        }
        for (size_t k = 0; k < s->bandit.len; k++) {
            rv_vec_push(&c.bandit, rv_xstrdup(s->bandit.items[k]));
        }
        rv_vec_push(&dst->list, c);
    }
}

void rv_suppress__finish(struct rv_suppressions *sups) {
    for (size_t i = 0; i < sups->list.len; i++) {
        rv_suppress__drop(&sups->list.items[i]);
    }
    rv_vec_finish(&sups->list);
}
