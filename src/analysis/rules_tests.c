// SPDX-License-Identifier: MIT
// The test families: test names (RV451 vague, RV452 no outcome) and test classes (RV501 too
// many tests, RV502 unrelated subject groups). Names are split into words; suggestions come
// from what the test body asserts. Reads the model only; never judges non-test code.
#include "kinds.h"
#include "reviewls/analysis.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_WORDS = 32, MAX_WORD = 48 };

struct words {
    char w[MAX_WORDS][MAX_WORD]; /* lower case */
    size_t count;
    bool camel; /* testFooBar style */
};

// Splits the part of a test name after "test" into lower-case words, on underscores and on
// camelCase humps. Digits stay in their word ("migrate2").
static void split_name(const char *s, size_t len, struct words *out) {
    memset(out, 0, sizeof(*out));
    size_t i = 4; // after "test"
    out->camel = len > 4 && isupper((unsigned char)s[4]);
    size_t cur = 0;
    for (; i <= len; i++) {
        char c = i < len ? s[i] : '_';
        bool boundary = c == '_' || (out->camel && isupper((unsigned char)c) && cur > 0 &&
                                     !isupper((unsigned char)s[i - 1]));
        if (boundary && cur > 0) {
            if (out->count < MAX_WORDS) {
                out->count++;
            }
            cur = 0;
        }
        if (c == '_' || out->count >= MAX_WORDS) {
            continue;
        }
        if (cur + 1 < MAX_WORD) {
            out->w[out->count][cur++] = (char)tolower((unsigned char)c);
            out->w[out->count][cur] = '\0';
        }
    }
}

static bool all_digits(const char *w) {
    if (*w == '\0') {
        return false;
    }
    for (; *w; w++) {
        if (!isdigit((unsigned char)*w)) {
            return false;
        }
    }
    return true;
}

// Words that state an outcome or a condition.
static const char *const outcome_words[] = {
    "returns",  "return",    "raises",   "raise",     "fails",    "fail",     "succeeds",
    "succeed",  "works",     "passes",   "restores",  "is",       "are",      "has",
    "have",     "should",    "must",     "can",       "cannot",   "does",     "when",
    "if",       "without",   "with",     "after",     "before",   "on",       "unless",
    "while",    "during",    "rejects",  "ignores",   "creates",  "deletes",  "updates",
    "sets",     "calls",     "logs",     "emits",     "equals",   "matches",  "not",
    "no",       "empty",     "none",     "true",      "false",    "error",    "errors",
    "only",     "still",     "never",    "always",    "again",    "twice",    "once",
    "invalid",  "missing",   "unknown",  "until",     "by",       "via",      "for",
    "from",     "to",        "into",     "than",      "instead",  "noop",     "idempotent",
    "ok",       "exception", "timeout",  "disabled",  "enabled",  "allowed",  "forbidden",
    "denied",   "conflict",  "retries",  "skips",     "keeps",    "leaves",   "uses",
    "fallback", "default",   "defaults", "correctly", "properly", "expected", "unchanged",
};

static bool is_outcome_word(const char *w, size_t pos, size_t count) {
    for (size_t i = 0; i < RV_ARRAY_LEN(outcome_words); i++) {
        if (strcmp(w, outcome_words[i]) == 0) {
            return true;
        }
    }
    size_t n = strlen(w);
    if (pos == 0 || n < 4) {
        return false;
    }
    // A verb in the third person after the subject ("..._reverts_flavor"); a last word in -s is
    // as often a plural noun ("..._instances"), so only a word with an object counts.
    if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
        pos + 1 < count) {
        return true;
    }
    // A participle states a resulting state or a condition ("..._task_state_cleared").
    return n >= 5 && strcmp(w + n - 2, "ed") == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* What the body asserts, turned into name words. */

// Appends `s` (CamelCase or dotted) to `sb` in snake case, using only its last dotted part.
static void put_snake(struct rv_strbuf *sb, const char *s, size_t len) {
    size_t start = len;
    while (start > 0 && s[start - 1] != '.') {
        start--;
    }
    for (size_t i = start; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '_') {
            break;
        }
        if (isupper(c) && i > start && !isupper((unsigned char)s[i - 1]) && s[i - 1] != '_') {
            rv_strbuf_putc(sb, '_');
        }
        rv_strbuf_putc(sb, (char)tolower(c));
    }
}

// Returns the attribute name of `a.b` (not a call), or a null node.
static TSNode attribute_name(TSNode node) {
    TSNode null_node = {0};
    if (ts_node_is_null(node) || strcmp(ts_node_type(node), "attribute") != 0) {
        return null_node;
    }
    return rv_field(node, RV_F_ATTRIBUTE);
}

static TSNode nth_arg(TSNode call, uint32_t n) {
    TSNode null_node = {0};
    TSNode args = rv_field(call, RV_F_ARGUMENTS);
    if (ts_node_is_null(args)) {
        return null_node;
    }
    uint32_t seen = 0;
    uint32_t count = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (strcmp(ts_node_type(a), "comment") == 0) {
            continue;
        }
        if (seen++ == n) {
            return a;
        }
    }
    return null_node;
}

struct assertion {
    TSNode call;              /* the assertion call, or a null node */
    struct rv_strbuf outcome; /* suggested name words, snake case */
};

static bool ident_is(const struct rv_text *text, const char *s, size_t len, const char *lit) {
    (void)text;
    return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

// Does the (not NUL-terminated) s[0..len) contain `lit`?
static bool contains(const char *s, size_t len, const char *lit) {
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(s + i, lit, n) == 0) {
            return true;
        }
    }
    return false;
}

// Derives name words from one assertion call; returns false when it is not an assertion.
static bool outcome_of(const struct rv_text *text, TSNode call, struct rv_strbuf *sb) {
    TSNode fn = rv_field(call, RV_F_FUNCTION);
    if (ts_node_is_null(fn) || strcmp(ts_node_type(fn), "attribute") != 0) {
        return false;
    }
    TSNode attr = rv_field(fn, RV_F_ATTRIBUTE);
    TSNode object = rv_field(fn, RV_F_OBJECT);
    size_t len;
    const char *m = rv_node_text(text, attr, &len);
    if ((len >= 12 && memcmp(m, "assertRaises", 12) == 0) || ident_is(text, m, len, "raises")) {
        TSNode exc = nth_arg(call, 0);
        if (ts_node_is_null(exc) || strcmp(ts_node_type(exc), "keyword_argument") == 0) {
            return false;
        }
        size_t elen;
        const char *e = rv_node_text(text, exc, &elen);
        rv_strbuf_puts(sb, "raises_");
        put_snake(sb, e, elen);
        return true;
    }
    if (len > 7 && memcmp(m, "assert_", 7) == 0 && !ts_node_is_null(object)) {
        // mock_resize.assert_called_once_with(...) -> calls_resize
        size_t olen;
        const char *o = rv_node_text(text, object, &olen);
        TSNode oattr = attribute_name(object);
        if (!ts_node_is_null(oattr)) {
            o = rv_node_text(text, oattr, &olen);
        }
        if (olen > 5 && memcmp(o, "mock_", 5) == 0) {
            o += 5;
            olen -= 5;
        }
        bool negative = contains(m, len, "not_called");
        rv_strbuf_puts(sb, negative ? "does_not_call_" : "calls_");
        put_snake(sb, o, olen);
        return true;
    }
    if (len < 6 || memcmp(m, "assert", 6) != 0) {
        return false;
    }
    TSNode a0 = nth_arg(call, 0);
    TSNode a1 = nth_arg(call, 1);
    if (ident_is(text, m, len, "assertIsNone") || ident_is(text, m, len, "assertIsNotNone")) {
        bool none = len == 12;
        TSNode name = attribute_name(a0);
        if (!ts_node_is_null(name)) {
            size_t nlen;
            const char *n = rv_node_text(text, name, &nlen);
            rv_strbuf_puts(sb, none ? "clears_" : "sets_");
            put_snake(sb, n, nlen);
        } else {
            rv_strbuf_puts(sb, none ? "returns_none" : "returns_a_value");
        }
        return true;
    }
    if (ident_is(text, m, len, "assertTrue") || ident_is(text, m, len, "assertFalse")) {
        bool truth = len == 10;
        TSNode target = a0;
        if (!ts_node_is_null(target) && strcmp(ts_node_type(target), "call") == 0) {
            target = rv_field(target, RV_F_FUNCTION);
        }
        TSNode name = attribute_name(target);
        if (ts_node_is_null(name) && !ts_node_is_null(target) &&
            strcmp(ts_node_type(target), "identifier") == 0) {
            name = target;
        }
        size_t nlen = 0;
        const char *n = ts_node_is_null(name) ? "" : rv_node_text(text, name, &nlen);
        if (nlen > 3 && (memcmp(n, "is_", 3) == 0 || memcmp(n, "has_", 4) == 0)) {
            size_t verb = n[0] == 'i' ? 2 : 3;
            rv_strbuf_append(sb, n, verb);
            rv_strbuf_puts(sb, truth ? "_" : "_not_");
            put_snake(sb, n + verb + 1, nlen - verb - 1);
        } else {
            rv_strbuf_puts(sb, truth ? "returns_true" : "returns_false");
        }
        return true;
    }
    if (ident_is(text, m, len, "assertEqual") || ident_is(text, m, len, "assertEquals")) {
        // assertEqual(expected, obj.attr) either way round: the attribute is what gets set.
        TSNode name = attribute_name(a1);
        if (ts_node_is_null(name)) {
            name = attribute_name(a0);
        }
        if (!ts_node_is_null(name)) {
            size_t nlen;
            const char *n = rv_node_text(text, name, &nlen);
            rv_strbuf_puts(sb, "sets_");
            put_snake(sb, n, nlen);
        } else {
            rv_strbuf_puts(sb, "returns_<expected>");
        }
        return true;
    }
    if (ident_is(text, m, len, "assertIn")) {
        rv_strbuf_puts(sb, "includes_<item>");
        return true;
    }
    if (ident_is(text, m, len, "assertNotIn")) {
        rv_strbuf_puts(sb, "excludes_<item>");
        return true;
    }
    return false;
}

// Finds the most telling assertion of a test: an expected exception wins, else the last one.
static void find_assertion(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                           struct assertion *out) {
    memset(out, 0, sizeof(*out));
    if (ts_node_is_null(fn->body)) {
        return;
    }
    uint32_t start = ts_node_start_byte(fn->body);
    uint32_t end = ts_node_end_byte(fn->body);
    const struct rv_model *m = ctx->model;
    for (size_t i = 0; i < m->calls.len; i++) {
        TSNode call = m->calls.items[i];
        uint32_t b = ts_node_start_byte(call);
        if (b < start) {
            continue;
        }
        if (b >= end) {
            break;
        }
        struct rv_strbuf sb = {0};
        if (!outcome_of(ctx->text, call, &sb)) {
            rv_strbuf_finish(&sb);
            continue;
        }
        bool raises = strncmp(sb.data, "raises_", 7) == 0;
        bool have_raises = out->outcome.data && strncmp(out->outcome.data, "raises_", 7) == 0;
        if (!have_raises || raises) {
            rv_strbuf_finish(&out->outcome);
            out->outcome = sb;
            out->call = call;
            if (raises) {
                return;
            }
        } else {
            rv_strbuf_finish(&sb);
        }
    }
}

// Appends `name` + "_" + `words` in the name's own style (snake or camelCase).
static void suggest(struct rv_strbuf *sb, const char *name, size_t len, bool camel,
                    const char *words) {
    rv_strbuf_append(sb, name, len);
    if (!camel) {
        rv_strbuf_putc(sb, '_');
        rv_strbuf_puts(sb, words);
        return;
    }
    bool upper = true;
    for (const char *p = words; *p; p++) {
        if (*p == '_') {
            upper = true;
            continue;
        }
        rv_strbuf_putc(sb, upper ? (char)toupper((unsigned char)*p) : *p);
        upper = false;
    }
}

// Writes " the body asserts `...`: e.g. `<suggestion>`" or a generic hint.
static void describe_fix(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                         const char *name, size_t len, bool camel, struct rv_strbuf *msg) {
    struct assertion a;
    find_assertion(ctx, fn, &a);
    if (a.outcome.data) {
        TSNode callee = rv_field(a.call, RV_F_FUNCTION);
        size_t clen;
        const char *c = rv_node_text(ctx->text, callee, &clen);
        struct rv_strbuf s = {0};
        suggest(&s, name, len, camel, a.outcome.data);
        rv_strbuf_printf(msg, "; it checks `%.*s(...)`, so say so, e.g. `%s`", (int)clen, c,
                         s.data);
        rv_strbuf_finish(&s);
    } else {
        struct rv_strbuf s = {0};
        suggest(&s, name, len, camel, "<outcome>_when_<condition>");
        rv_strbuf_printf(msg, "; say what should happen, e.g. `%s`", s.data);
        rv_strbuf_finish(&s);
    }
    rv_strbuf_finish(&a.outcome);
}

static void check_test_name(const struct rv_rule_ctx *ctx, const struct rv_function *fn,
                            struct rv_findings *out) {
    size_t len;
    const char *name = rv_node_text(ctx->text, fn->name, &len);
    struct words w;
    split_name(name, len, &w);
    size_t real = 0; // words that are not bare numbers
    for (size_t i = 0; i < w.count; i++) {
        if (!all_digits(w.w[i])) {
            real++;
        }
    }
    uint32_t s = ts_node_start_byte(fn->name);
    uint32_t e = ts_node_end_byte(fn->name);
    struct rv_strbuf msg = {0};
    if (real == 0) {
        rv_strbuf_printf(&msg, "`%.*s` %s; name the subject and the expected outcome", (int)len,
                         name, w.count ? "is a numbered test name" : "names nothing after `test`");
        struct assertion a;
        find_assertion(ctx, fn, &a);
        if (a.outcome.data) {
            TSNode callee = rv_field(a.call, RV_F_FUNCTION);
            size_t clen;
            const char *c = rv_node_text(ctx->text, callee, &clen);
            rv_strbuf_printf(&msg, " (it checks `%.*s(...)`: `test_<subject>_%s`)", (int)clen, c,
                             a.outcome.data);
        }
        rv_strbuf_finish(&a.outcome);
        rv_findings_add(out, 451, s, e, "%s", msg.data);
        rv_strbuf_finish(&msg);
        return;
    }
    // The subject alone, perhaps numbered: test_migrate, test_migrate2, testMigrate.
    if (real == 1 && !is_outcome_word(w.w[0], 1, 2)) {
        rv_strbuf_printf(&msg, "`%.*s` names only its subject (`%s`)", (int)len, name, w.w[0]);
        // Strip a trailing number before suggesting.
        size_t base = len;
        while (base > 4 && (isdigit((unsigned char)name[base - 1]) || name[base - 1] == '_')) {
            base--;
        }
        describe_fix(ctx, fn, name, base, w.camel, &msg);
        rv_findings_add(out, 451, s, e, "%s", msg.data);
        rv_strbuf_finish(&msg);
        return;
    }
    for (size_t i = 0; i < w.count; i++) {
        if (is_outcome_word(w.w[i], i, w.count)) {
            return;
        }
    }
    rv_strbuf_printf(&msg, "`%.*s` names an action but no expected outcome or condition", (int)len,
                     name);
    describe_fix(ctx, fn, name, len, w.camel, &msg);
    rv_findings_add(out, 452, s, e, "%s", msg.data);
    rv_strbuf_finish(&msg);
}

/* ------------------------------------------------------------------------------------------ */
/* Test classes. */

// Qualifiers that precede the real subject: test_live_migrate_* is a migrate test.
static const char *const qualifiers[] = {
    "live", "cold", "hard", "soft", "force", "forced", "bulk", "async", "admin", "api", "basic",
};

struct group {
    char key[MAX_WORD];  /* normalised subject */
    char word[MAX_WORD]; /* the subject as first written */
    long count;
    size_t order; /* first appearance, to keep ties in source order */
};

static void subject_of(const struct words *w, char *key, char *word) {
    size_t i = 0;
    while (i + 1 < w->count) {
        bool qualifier = false;
        for (size_t q = 0; q < RV_ARRAY_LEN(qualifiers); q++) {
            qualifier = qualifier || strcmp(w->w[i], qualifiers[q]) == 0;
        }
        if (!qualifier) {
            break;
        }
        i++;
    }
    const char *s = w->count ? w->w[i] : "";
    strcpy(word, s);
    // unshelve belongs with shelve, unpause with pause.
    if (strncmp(s, "un", 2) == 0 && strlen(s) >= 6) {
        s += 2;
    }
    strcpy(key, s);
}

// Two subjects are one group when they share a stem: migrate/migration, resize/resizing.
static bool same_subject(const char *a, const char *b) {
    size_t la = strlen(a);
    size_t lb = strlen(b);
    size_t common = 0;
    while (a[common] && a[common] == b[common]) {
        common++;
    }
    if (common == la && common == lb) {
        return true;
    }
    size_t shorter = la < lb ? la : lb;
    return common >= 5 && common + 2 >= shorter;
}

static int by_count(const void *pa, const void *pb) {
    const struct group *a = pa;
    const struct group *b = pb;
    if (a->count != b->count) {
        return a->count > b->count ? -1 : 1;
    }
    return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

static void check_test_class(const struct rv_rule_ctx *ctx, size_t c, struct rv_findings *out) {
    const struct rv_class *cls = &ctx->model->classes.items[c];
    if (!cls->is_test || ts_node_is_null(cls->name)) {
        return;
    }
    const struct rv_model *m = ctx->model;
    RV_VEC(struct group) groups = {0};
    long tests = 0;
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *fn = &m->functions.items[i];
        if (fn->class_index != (int32_t)c || !fn->is_test || ts_node_is_null(fn->name)) {
            continue;
        }
        tests++;
        size_t len;
        const char *name = rv_node_text(ctx->text, fn->name, &len);
        struct words w;
        split_name(name, len, &w);
        struct group g = {0};
        subject_of(&w, g.key, g.word);
        if (g.key[0] == '\0' || all_digits(g.key)) {
            continue;
        }
        size_t j = 0;
        while (j < groups.len && !same_subject(groups.items[j].key, g.key)) {
            j++;
        }
        if (j == groups.len) {
            g.order = groups.len;
            rv_vec_push(&groups, g);
        }
        groups.items[j].count++;
    }
    size_t clen;
    const char *cname = rv_node_text(ctx->text, cls->name, &clen);
    uint32_t s = ts_node_start_byte(cls->name);
    uint32_t e = ts_node_end_byte(cls->name);
    long max_tests = rv_config_int(ctx->config, "max-tests-per-class");
    if (tests > max_tests) {
        rv_findings_add(out, 501, s, e, "`%.*s` has %ld tests; the limit is %ld", (int)clen, cname,
                        tests, max_tests);
    }
    long min_group = rv_config_int(ctx->config, "min-test-group-size");
    if (min_group < 1) {
        min_group = 1;
    }
    if (groups.len > 1) {
        qsort(groups.items, groups.len, sizeof(*groups.items), by_count);
    }
    size_t big = 0;
    long grouped = 0;
    while (big < groups.len && groups.items[big].count >= min_group) {
        grouped += groups.items[big].count;
        big++;
    }
    // Two groups in a small class are a detail; three, or two in an oversized class, are worth
    // a split.
    if (big >= 3 || (big == 2 && tests > max_tests)) {
        struct rv_strbuf msg = {0};
        rv_strbuf_printf(&msg, "`%.*s` has %ld tests in %zu unrelated groups: ", (int)clen, cname,
                         tests, big);
        for (size_t i = 0; i < big; i++) {
            rv_strbuf_printf(&msg, "%s%s (%ld)", i ? ", " : "", groups.items[i].word,
                             groups.items[i].count);
        }
        if (tests > grouped) {
            rv_strbuf_printf(&msg, ", and %ld ungrouped", tests - grouped);
        }
        rv_strbuf_puts(&msg, "; split into ");
        for (size_t i = 0; i < big; i++) {
            const char *word = groups.items[i].word;
            rv_strbuf_printf(&msg, "%s%c%sTest", i ? ", " : "", toupper((unsigned char)word[0]),
                             word + 1);
        }
        rv_findings_add(out, 502, s, e, "%s", msg.data);
        rv_strbuf_finish(&msg);
    }
    rv_vec_finish(&groups);
}

void rv_check_tests(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    const struct rv_model *m = ctx->model;
    if (ctx->config->selected[451] || ctx->config->selected[452]) {
        for (size_t i = ctx->functions_first; i < ctx->functions_end; i++) {
            const struct rv_function *fn = &m->functions.items[i];
            if (fn->is_test && !ts_node_is_null(fn->name) && !rv_ctx_skips_node(ctx, fn->outer)) {
                check_test_name(ctx, fn, out);
            }
        }
    }
    if (ctx->config->selected[501] || ctx->config->selected[502]) {
        for (size_t c = ctx->classes_first; c < ctx->classes_end; c++) {
            if (!rv_ctx_skips_node(ctx, m->classes.items[c].outer)) {
                check_test_class(ctx, c, out);
            }
        }
    }
}
