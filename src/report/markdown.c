// SPDX-License-Identifier: MIT
// The review as Markdown, in the shape of a careful reviewer's comment: the security verdict,
// numbered suggestions per category (most important first), an overall judgement and the
// counts. Pure: reads findings, catalogue and text; never does I/O and never touches JSON.
#include "reviewls/report.h"

#include <stdlib.h>
#include <string.h>

// Examples per rule unless the caller says otherwise: enough to find the pattern, few enough
// that a long file does not drown the review.
#define DEFAULT_EXAMPLES 3

static const char *const category_titles[RV_CAT_COUNT] = {
    [RV_CAT_SYNTAX] = "Syntax",
    [RV_CAT_SECURITY] = "Security",
    [RV_CAT_NAMING_CONSISTENCY] = "Consistent naming style",
    [RV_CAT_TYPE_HINTS] = "Type hints and annotations",
    [RV_CAT_DOCSTRINGS] = "Docstrings",
    [RV_CAT_FUNCTION_NAMING] = "Function naming",
    [RV_CAT_VARIABLE_NAMING] = "Variable naming",
    [RV_CAT_INDENTATION] = "Consistent indentation",
    [RV_CAT_COMMENTS] = "Comments",
    [RV_CAT_TEST_NAMING] = "Test method naming",
    [RV_CAT_TEST_ORGANIZATION] = "Test organization",
    [RV_CAT_CODE_ORGANIZATION] = "Code organization",
};

// One finding with where it is, resolved once.
struct ref {
    const struct rv_report_file *file;
    const struct rv_finding *f;
    const struct rv_rule_info *rule;
    size_t file_index;
    uint32_t line; /* 1-based */
    uint32_t col;  /* 1-based, code points */
};

struct rule_group {
    const struct rv_rule_info *rule;
    enum rv_severity worst;
    size_t count;
    size_t first; /* into the sorted refs */
};

struct cat_group {
    enum rv_category cat;
    enum rv_severity worst;
    size_t count;
    size_t counts_by_sev[5];
};

static enum rv_severity effective(const struct ref *r) {
    if (r->f->severity >= RV_SEVERITY_ERROR && r->f->severity <= RV_SEVERITY_HINT) {
        return r->f->severity;
    }
    return r->rule ? r->rule->severity : RV_SEVERITY_WARNING;
}

// Category, then rule, then the most telling first: the most severe, then those with a
// concrete suggestion, then file order.
static int ref_cmp(const void *pa, const void *pb) {
    const struct ref *a = pa;
    const struct ref *b = pb;
    enum rv_category ca = a->rule ? a->rule->category : RV_CAT_SYNTAX;
    enum rv_category cb = b->rule ? b->rule->category : RV_CAT_SYNTAX;
    if (ca != cb) {
        return ca < cb ? -1 : 1;
    }
    if (a->f->code != b->f->code) {
        return a->f->code < b->f->code ? -1 : 1;
    }
    enum rv_severity sa = effective(a);
    enum rv_severity sb = effective(b);
    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    bool ha = a->f->replacement && a->f->replacement[0];
    bool hb = b->f->replacement && b->f->replacement[0];
    if (ha != hb) {
        return ha ? -1 : 1;
    }
    if (a->file_index != b->file_index) {
        return a->file_index < b->file_index ? -1 : 1;
    }
    if (a->f->start_byte != b->f->start_byte) {
        return a->f->start_byte < b->f->start_byte ? -1 : 1;
    }
    return strcmp(a->f->message, b->f->message);
}

// Most severe first, then most frequent, then catalogue order: stable for equal inputs.
static int rule_group_cmp(const void *pa, const void *pb) {
    const struct rule_group *a = pa;
    const struct rule_group *b = pb;
    if (a->worst != b->worst) {
        return a->worst < b->worst ? -1 : 1;
    }
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return a->rule->code < b->rule->code ? -1 : a->rule->code > b->rule->code;
}

static int cat_group_cmp(const void *pa, const void *pb) {
    const struct cat_group *a = pa;
    const struct cat_group *b = pb;
    if (a->worst != b->worst) {
        return a->worst < b->worst ? -1 : 1;
    }
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return a->cat < b->cat ? -1 : a->cat > b->cat;
}

// Writes `s` on one line: line breaks in messages would break the list structure.
static void put_inline(struct rv_strbuf *sb, const char *s) {
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r') {
            rv_strbuf_putc(sb, ' ');
        } else {
            rv_strbuf_putc(sb, *s);
        }
    }
}

// Writes `s` inside a code span, choosing a fence longer than any backtick run in it.
static void put_code(struct rv_strbuf *sb, const char *s) {
    size_t longest = 0;
    size_t run = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        longest = RV_MAX(longest, run);
    }
    bool pad = longest > 0 || s[0] == '\0';
    for (size_t i = 0; i <= longest; i++) {
        rv_strbuf_putc(sb, '`');
    }
    if (pad) {
        rv_strbuf_putc(sb, ' ');
    }
    put_inline(sb, s);
    if (pad) {
        rv_strbuf_putc(sb, ' ');
    }
    for (size_t i = 0; i <= longest; i++) {
        rv_strbuf_putc(sb, '`');
    }
}

static const char *severity_plural(enum rv_severity sev, size_t n) {
    switch (sev) {
    case RV_SEVERITY_ERROR:
        return n == 1 ? "error" : "errors";
    case RV_SEVERITY_WARNING:
        return n == 1 ? "warning" : "warnings";
    case RV_SEVERITY_INFORMATION:
        return n == 1 ? "note" : "notes";
    case RV_SEVERITY_HINT:
        return n == 1 ? "hint" : "hints";
    }
    return "findings";
}

static void put_count(struct rv_strbuf *sb, size_t n, const char *one, const char *many) {
    rv_strbuf_printf(sb, "%zu %s", n, n == 1 ? one : many);
}

// True when the message already quotes `s` as code: the suggestion would only repeat it.
static bool message_quotes(const char *message, const char *s) {
    char *quoted = rv_xasprintf("`%s`", s);
    bool found = strstr(message, quoted) != NULL;
    free(quoted);
    return found;
}

// A docstring stub from the definition's name: `waitForMigration` and `wait_for_migration`
// both give "Wait for migration.". Returns a heap string, or NULL without a usable name.
static char *docstring_stub(const struct rv_text *text, const struct rv_finding *f) {
    if (f->scope_end_byte <= f->scope_start_byte || f->scope_end_byte > text->len) {
        return NULL;
    }
    struct rv_strbuf sb = {0};
    rv_strbuf_puts(&sb, "\"\"\"");
    bool word_start = true;
    for (uint32_t i = f->scope_start_byte; i < f->scope_end_byte; i++) {
        char c = text->bytes[i];
        bool upper = c >= 'A' && c <= 'Z';
        if (c == '_') {
            word_start = sb.len > 3;
            continue;
        }
        if ((word_start || (upper && i > f->scope_start_byte)) && sb.len > 3) {
            rv_strbuf_putc(&sb, ' ');
        }
        if (sb.len == 3) {
            c = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        } else if (upper) {
            c = (char)(c - 'A' + 'a');
        }
        rv_strbuf_putc(&sb, c);
        word_start = false;
    }
    if (sb.len == 3) {
        rv_strbuf_finish(&sb);
        return NULL;
    }
    rv_strbuf_puts(&sb, ".\"\"\"");
    return rv_strbuf_take(&sb);
}

// The concrete change a finding proposes, from its fix kind and replacement; nothing when the
// message already says it.
static void put_suggestion(struct rv_strbuf *sb, const struct rv_report_file *file,
                           const struct rv_finding *f) {
    const char *repl = f->replacement;
    if (repl && repl[0] && message_quotes(f->message, repl)) {
        return;
    }
    switch (f->fix) {
    case RV_FIX_NONE:
        return;
    case RV_FIX_RENAME:
        if (repl && repl[0]) {
            rv_strbuf_puts(sb, " Suggested name: ");
            put_code(sb, repl);
            rv_strbuf_putc(sb, '.');
        }
        return;
    case RV_FIX_DOCSTRING: {
        char *stub = docstring_stub(file->text, f);
        if (stub) {
            rv_strbuf_puts(sb, " Start from ");
            put_code(sb, stub);
            rv_strbuf_puts(sb, " and complete it.");
            free(stub);
        } else {
            rv_strbuf_puts(sb, " Add a docstring.");
        }
        return;
    }
    case RV_FIX_RETURN_NONE:
        rv_strbuf_puts(sb, " Add ");
        put_code(sb, "-> None");
        rv_strbuf_putc(sb, '.');
        return;
    case RV_FIX_ANNOTATE_DEFAULT:
        if (repl && repl[0]) {
            rv_strbuf_puts(sb, " Annotate it as ");
            put_code(sb, repl);
            rv_strbuf_putc(sb, '.');
        }
        return;
    case RV_FIX_REINDENT:
        rv_strbuf_puts(sb, " Re-indent the block with the file's dominant unit.");
        return;
    case RV_FIX_REPLACE:
        if (repl && repl[0]) {
            rv_strbuf_puts(sb, " Replace it with ");
            put_code(sb, repl);
            rv_strbuf_putc(sb, '.');
        } else {
            rv_strbuf_puts(sb, " Remove it.");
        }
        return;
    }
}

static void put_location(struct rv_strbuf *sb, const struct ref *r) {
    char *loc = rv_xasprintf("%s:%u", r->file->path ? r->file->path : "<buffer>", r->line);
    put_code(sb, loc);
    free(loc);
}

// One rule's block: what was seen (summary and count), why it matters, what to change.
static void put_rule(struct rv_strbuf *sb, const struct rule_group *g, const struct ref *refs,
                     size_t max_examples) {
    const struct rv_rule_info *rule = g->rule;
    rv_strbuf_puts(sb, "- **");
    rv_strbuf_puts(sb, rule->code_str);
    rv_strbuf_puts(sb, " ");
    rv_strbuf_puts(sb, rule->name);
    rv_strbuf_puts(sb, "** (");
    put_count(sb, g->count, "occurrence", "occurrences");
    rv_strbuf_printf(sb, ", %s): ", rv_severity_name(g->worst));
    put_inline(sb, rule->summary);
    rv_strbuf_puts(sb, "\n  - Why it matters: ");
    put_inline(sb, rule->rationale);
    rv_strbuf_puts(sb, "\n  - What to change");
    size_t shown = RV_MIN(g->count, max_examples);
    rv_strbuf_puts(sb, shown < g->count ? " (the most telling examples):\n" : ":\n");
    for (size_t i = 0; i < shown; i++) {
        const struct ref *r = &refs[g->first + i];
        rv_strbuf_puts(sb, "    - ");
        put_location(sb, r);
        rv_strbuf_puts(sb, ": ");
        put_inline(sb, r->f->message);
        size_t mlen = strlen(r->f->message);
        if (mlen && strchr(".!?", r->f->message[mlen - 1]) == NULL) {
            rv_strbuf_putc(sb, '.');
        }
        put_suggestion(sb, r->file, r->f);
        rv_strbuf_putc(sb, '\n');
    }
    if (shown < g->count) {
        rv_strbuf_printf(sb, "    - ... and %zu more.\n", g->count - shown);
    }
}

// Groups the refs of category `cat` (contiguous in the sorted array) by rule, sorted.
static size_t rule_groups(const struct ref *refs, size_t nrefs, enum rv_category cat,
                          struct rule_group *out) {
    size_t n = 0;
    for (size_t i = 0; i < nrefs; i++) {
        if (refs[i].rule == NULL || refs[i].rule->category != cat) {
            continue;
        }
        if (n == 0 || out[n - 1].rule != refs[i].rule) {
            out[n] = (struct rule_group){refs[i].rule, effective(&refs[i]), 0, i};
            n++;
        }
        out[n - 1].count++;
        out[n - 1].worst = RV_MIN(out[n - 1].worst, effective(&refs[i]));
    }
    if (n > 1) {
        qsort(out, n, sizeof(*out), rule_group_cmp);
    }
    return n;
}

static void put_rule_list(struct rv_strbuf *sb, const struct ref *refs, size_t nrefs,
                          enum rv_category cat, size_t max_examples) {
    struct rule_group *groups = rv_xcalloc(rv_rules_count + 1, sizeof(*groups));
    size_t n = rule_groups(refs, nrefs, cat, groups);
    for (size_t i = 0; i < n; i++) {
        put_rule(sb, &groups[i], refs, max_examples);
    }
    free(groups);
}

static bool rule_ran(const struct rv_report_options *opts, const struct rv_rule_info *rule) {
    return opts == NULL || opts->config == NULL || rule->code >= RV_RULE_CODE_MAX ||
           opts->config->selected[rule->code];
}

static void put_security(struct rv_strbuf *sb, const struct ref *refs, size_t nrefs,
                         const struct cat_group *sec, const struct rv_report_options *opts,
                         size_t max_examples) {
    rv_strbuf_puts(sb, "## Security\n\n");
    if (sec->count == 0) {
        size_t ran = 0;
        for (size_t i = 0; i < rv_rules_count; i++) {
            ran += rv_rules[i].category == RV_CAT_SECURITY && rule_ran(opts, &rv_rules[i]);
        }
        if (ran == 0) {
            rv_strbuf_puts(sb, "No security checks were selected, so this review says nothing "
                               "about security.\n\n");
            return;
        }
        rv_strbuf_printf(sb,
                         "No security defects are detected in the code. The %zu security "
                         "checks that ran:\n\n",
                         ran);
        for (size_t i = 0; i < rv_rules_count; i++) {
            const struct rv_rule_info *r = &rv_rules[i];
            if (r->category == RV_CAT_SECURITY && rule_ran(opts, r)) {
                rv_strbuf_printf(sb, "- %s %s: ", r->code_str, r->name);
                put_inline(sb, r->summary);
                rv_strbuf_putc(sb, '\n');
            }
        }
        rv_strbuf_putc(sb, '\n');
        return;
    }
    rv_strbuf_puts(sb, "**Security defects are detected in the code:** ");
    put_count(sb, sec->count, "finding", "findings");
    rv_strbuf_puts(sb, " (");
    bool first = true;
    for (int s = RV_SEVERITY_ERROR; s <= RV_SEVERITY_HINT; s++) {
        if (sec->counts_by_sev[s]) {
            rv_strbuf_printf(sb, "%s%zu %s", first ? "" : ", ", sec->counts_by_sev[s],
                             severity_plural((enum rv_severity)s, sec->counts_by_sev[s]));
            first = false;
        }
    }
    rv_strbuf_puts(sb, "). Fix these before anything else.\n\n");
    put_rule_list(sb, refs, nrefs, RV_CAT_SECURITY, max_examples);
    rv_strbuf_putc(sb, '\n');
}

// The judgement: what matters most, in one or two sentences.
static void put_overall(struct rv_strbuf *sb, const struct cat_group *cats, size_t ncats,
                        const struct cat_group *sec, size_t total, size_t nfiles) {
    rv_strbuf_puts(sb, "## Overall\n\n");
    if (total == 0) {
        rv_strbuf_puts(sb, "The code is in good shape: no check found anything to change.\n\n");
        return;
    }
    if (sec->counts_by_sev[RV_SEVERITY_ERROR] || sec->counts_by_sev[RV_SEVERITY_WARNING]) {
        rv_strbuf_puts(sb, "The code needs changes before it can be trusted: fix the security "
                           "findings first.");
    } else if (sec->count) {
        rv_strbuf_puts(sb, "The security findings are minor, but each deserves a look.");
    } else {
        rv_strbuf_puts(sb, "No security defects are detected.");
    }
    size_t errors = 0;
    for (size_t i = 0; i < ncats; i++) {
        errors += cats[i].counts_by_sev[RV_SEVERITY_ERROR];
    }
    if (ncats > 0) {
        rv_strbuf_puts(sb,
                       errors ? " The code has errors; start with " : " The most to gain is in ");
        size_t shown = RV_MIN(ncats, 2);
        for (size_t i = 0; i < shown; i++) {
            if (i > 0) {
                rv_strbuf_puts(sb, " and ");
            }
            char *title = rv_xstrdup(category_titles[cats[i].cat]);
            title[0] = (char)(title[0] - 'A' + 'a');
            rv_strbuf_printf(sb, "%s (%zu)", title, cats[i].count);
            free(title);
        }
        rv_strbuf_puts(sb, ".");
        size_t warnings = 0;
        for (size_t i = 0; i < ncats; i++) {
            warnings += cats[i].counts_by_sev[RV_SEVERITY_WARNING];
        }
        if (errors == 0 && warnings == 0) {
            rv_strbuf_puts(sb, " Every suggestion is a note: the code works as written, and these "
                               "changes make it easier to read and maintain.");
        } else {
            rv_strbuf_puts(sb, " Overall the code is readable, and these changes make it easier to "
                               "read, test and maintain.");
        }
    }
    rv_strbuf_puts(sb, "\n\n");
    (void)nfiles;
}

static void put_counts(struct rv_strbuf *sb, const struct cat_group *by_cat, size_t total,
                       size_t nfiles, const size_t *by_sev) {
    rv_strbuf_puts(sb, "## Counts\n\n| Category | Findings |\n|---|---:|\n");
    for (int c = 0; c < RV_CAT_COUNT; c++) {
        if (by_cat[c].count || c == RV_CAT_SECURITY) {
            rv_strbuf_printf(sb, "| %s | %zu |\n", rv_category_name((enum rv_category)c),
                             by_cat[c].count);
        }
    }
    rv_strbuf_printf(sb, "| **total** | **%zu** |\n\n", total);
    put_count(sb, nfiles, "file", "files");
    rv_strbuf_puts(sb, " reviewed; ");
    put_count(sb, total, "finding", "findings");
    bool first = true;
    for (int s = RV_SEVERITY_ERROR; s <= RV_SEVERITY_HINT; s++) {
        if (by_sev[s]) {
            rv_strbuf_printf(sb, "%s%zu %s", first ? ": " : ", ", by_sev[s],
                             severity_plural((enum rv_severity)s, by_sev[s]));
            first = false;
        }
    }
    rv_strbuf_puts(sb, ".\n");
}

char *rv_report_markdown(const struct rv_report_file *files, size_t n,
                         const struct rv_report_options *opts) {
    size_t max_examples = opts && opts->max_examples ? opts->max_examples : DEFAULT_EXAMPLES;
    size_t nrefs = 0;
    for (size_t i = 0; i < n; i++) {
        nrefs += files[i].findings ? files[i].findings->list.len : 0;
    }
    struct ref *refs = rv_xcalloc(nrefs + 1, sizeof(*refs));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; files[i].findings && j < files[i].findings->list.len; j++) {
            const struct rv_finding *f = &files[i].findings->list.items[j];
            const struct rv_rule_info *rule = rv_rule_by_code(f->code);
            if (rule == NULL) {
                continue; // a retired or unknown code has nothing to say
            }
            struct rv_lsp_pos pos = rv_text_pos_of(files[i].text, f->start_byte, RV_ENC_UTF32);
            refs[k++] = (struct ref){&files[i], f, rule, i, pos.line + 1, pos.character + 1};
        }
    }
    nrefs = k;
    if (nrefs > 1) {
        qsort(refs, nrefs, sizeof(*refs), ref_cmp);
    }
    struct cat_group by_cat[RV_CAT_COUNT];
    size_t by_sev[5] = {0};
    for (int c = 0; c < RV_CAT_COUNT; c++) {
        by_cat[c] = (struct cat_group){(enum rv_category)c, RV_SEVERITY_HINT, 0, {0}};
    }
    for (size_t i = 0; i < nrefs; i++) {
        enum rv_category c = refs[i].rule ? refs[i].rule->category : RV_CAT_SYNTAX;
        enum rv_severity s = effective(&refs[i]);
        by_cat[c].count++;
        by_cat[c].counts_by_sev[s]++;
        by_cat[c].worst = RV_MIN(by_cat[c].worst, s);
        by_sev[s]++;
    }
    struct cat_group ordered[RV_CAT_COUNT];
    size_t ncats = 0;
    for (int c = 0; c < RV_CAT_COUNT; c++) {
        if (c != RV_CAT_SECURITY && by_cat[c].count) {
            ordered[ncats++] = by_cat[c];
        }
    }
    if (ncats > 1) {
        qsort(ordered, ncats, sizeof(*ordered), cat_group_cmp);
    }

    struct rv_strbuf sb = {0};
    rv_strbuf_puts(&sb, "# Code review\n\n");
    if (n == 1) {
        rv_strbuf_puts(&sb, "Reviewed ");
        put_code(&sb, files[0].path ? files[0].path : "<buffer>");
        rv_strbuf_puts(&sb, ".\n\n");
    } else {
        rv_strbuf_puts(&sb, "Reviewed ");
        put_count(&sb, n, "file", "files");
        rv_strbuf_puts(&sb, ".\n\n");
    }
    put_security(&sb, refs, nrefs, &by_cat[RV_CAT_SECURITY], opts, max_examples);
    if (ncats) {
        rv_strbuf_puts(&sb, "## Suggestions for improvement\n\n");
        for (size_t i = 0; i < ncats; i++) {
            rv_strbuf_printf(&sb, "### %zu. %s\n\n", i + 1, category_titles[ordered[i].cat]);
            put_count(&sb, ordered[i].count, "finding", "findings");
            rv_strbuf_puts(&sb, " (");
            bool first = true;
            for (int s = RV_SEVERITY_ERROR; s <= RV_SEVERITY_HINT; s++) {
                size_t c = ordered[i].counts_by_sev[s];
                if (c) {
                    rv_strbuf_printf(&sb, "%s%zu %s", first ? "" : ", ", c,
                                     severity_plural((enum rv_severity)s, c));
                    first = false;
                }
            }
            rv_strbuf_puts(&sb, ").\n\n");
            put_rule_list(&sb, refs, nrefs, ordered[i].cat, max_examples);
            rv_strbuf_putc(&sb, '\n');
        }
    }
    put_overall(&sb, ordered, ncats, &by_cat[RV_CAT_SECURITY], nrefs, n);
    put_counts(&sb, by_cat, nrefs, n, by_sev);
    free(refs);
    return rv_strbuf_take(&sb);
}
