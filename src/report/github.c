// SPDX-License-Identifier: MIT
// Plain-text machine formats: GitHub workflow annotations and per-rule statistics. Pure: they
// append to a buffer the CLI prints.
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

// The runner unescapes %25, %0D and %0A in messages, and also %3A and %2C in properties.
static void put_escaped(struct rv_strbuf *sb, const char *s, bool property) {
    for (; *s; s++) {
        switch (*s) {
        case '%':
            rv_strbuf_puts(sb, "%25");
            break;
        case '\r':
            rv_strbuf_puts(sb, "%0D");
            break;
        case '\n':
            rv_strbuf_puts(sb, "%0A");
            break;
        case ':':
            rv_strbuf_puts(sb, property ? "%3A" : ":");
            break;
        case ',':
            rv_strbuf_puts(sb, property ? "%2C" : ",");
            break;
        default:
            rv_strbuf_putc(sb, *s);
            break;
        }
    }
}

static const char *command_of(enum rv_severity sev) {
    switch (sev) {
    case RV_SEVERITY_ERROR:
        return "error";
    case RV_SEVERITY_WARNING:
        return "warning";
    case RV_SEVERITY_INFORMATION:
    case RV_SEVERITY_HINT:
        return "notice";
    }
    return "warning";
}

void rv_report_github(struct rv_strbuf *out, const struct rv_report_file *files, size_t n) {
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; files[i].findings && j < files[i].findings->list.len; j++) {
            const struct rv_finding *f = &files[i].findings->list.items[j];
            const struct rv_rule_info *rule = rv_rule_by_code(f->code);
            enum rv_severity sev = f->severity ? f->severity
                                   : rule      ? rule->severity
                                               : RV_SEVERITY_WARNING;
            struct rv_lsp_pos s = rv_text_pos_of(files[i].text, f->start_byte, RV_ENC_UTF32);
            struct rv_lsp_pos e = rv_text_pos_of(files[i].text, f->end_byte, RV_ENC_UTF32);
            rv_strbuf_printf(out, "::%s file=", command_of(sev));
            put_escaped(out, rv_report__relative(files[i].path ? files[i].path : "", NULL), true);
            // GitHub's endColumn is inclusive, and columns only make sense on a single line.
            rv_strbuf_printf(out, ",line=%u,endLine=%u", s.line + 1, e.line + 1);
            if (s.line == e.line) {
                rv_strbuf_printf(out, ",col=%u,endColumn=%u", s.character + 1,
                                 e.character > s.character ? e.character : s.character + 1);
            } else {
                rv_strbuf_printf(out, ",col=%u", s.character + 1);
            }
            char *title = rv_xasprintf("%s %s", rule ? rule->code_str : "RV???",
                                       rule ? rule->name : "unknown");
            rv_strbuf_puts(out, ",title=");
            put_escaped(out, title, true);
            free(title);
            rv_strbuf_puts(out, "::");
            put_escaped(out, f->message, false);
            rv_strbuf_putc(out, '\n');
        }
    }
}

struct stat_row {
    const struct rv_rule_info *rule;
    size_t count;
};

static int stat_cmp(const void *pa, const void *pb) {
    const struct stat_row *a = pa;
    const struct stat_row *b = pb;
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return a->rule->code < b->rule->code ? -1 : a->rule->code > b->rule->code;
}

void rv_report_statistics(struct rv_strbuf *out, const struct rv_report_file *files, size_t n) {
    struct stat_row *rows = rv_xcalloc(rv_rules_count + 1, sizeof(*rows));
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; files[i].findings && j < files[i].findings->list.len; j++) {
            const struct rv_rule_info *rule =
                rv_rule_by_code(files[i].findings->list.items[j].code);
            if (rule == NULL) {
                continue;
            }
            size_t k = 0;
            while (k < nrows && rows[k].rule != rule) {
                k++;
            }
            if (k == nrows) {
                rows[nrows++] = (struct stat_row){rule, 0};
            }
            rows[k].count++;
        }
    }
    if (nrows > 1) {
        qsort(rows, nrows, sizeof(*rows), stat_cmp);
    }
    for (size_t k = 0; k < nrows; k++) {
        rv_strbuf_printf(out, "%-6s %-36s %zu\n", rows[k].rule->code_str, rows[k].rule->name,
                         rows[k].count);
    }
    free(rows);
}
