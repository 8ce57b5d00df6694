// SPDX-License-Identifier: MIT
// The pure report builders: GitHub annotation escaping, baseline matching by key with N
// occurrences absorbed, robustness to lines moving, and Markdown determinism for one input; the
// messages findings are made with, short and long; the adaptive sort of findings against a
// plain stable sort.
#include "check.h"
#include "reviewls/analysis.h"
#include "reviewls/report.h"
#include "reviewls/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_github_escaping(void) {
    struct rv_text text;
    rv_text_init(&text, "x = 1\n", 6);
    struct rv_findings fs = {0};
    rv_findings_add(&fs, 301, 0, 1, "50%% of\r\nlines: a, b");
    fs.list.items[0].severity = RV_SEVERITY_WARNING;
    struct rv_report_file file = {"dir:a,b/m.py", &text, &fs};
    struct rv_strbuf sb = {0};
    rv_report_github(&sb, &file, 1);
    CHECK_EQ_STR(sb.data, "::warning file=dir%3Aa%2Cb/m.py,line=1,endLine=1,col=1,endColumn=1,"
                          "title=RV301 single-letter-name::50%25 of%0D%0Alines: a, b\n");
    rv_strbuf_finish(&sb);
    rv_findings_finish(&fs);
    rv_text_finish(&text);
}

// Three identical findings in one scope, two of them in the baseline: one stays.
static void test_baseline_counts(void) {
    const char *src = "def f():\n    pass\n";
    struct rv_text text;
    rv_text_init(&text, src, strlen(src));
    struct rv_findings fs = {0};
    for (int i = 0; i < 3; i++) {
        struct rv_finding *f = rv_findings_add(&fs, 301, 4, 5, "`x` is a single letter (%d)", 7);
        f->scope_start_byte = 4;
        f->scope_end_byte = 5;
    }
    const char *bl_json = "{\"version\": 1, \"findings\": [{\"path\": \"pkg/m.py\", \"code\": "
                          "\"RV301\", \"scope\": \"f\", \"message\": \"`x` is a single letter "
                          "(12)\", \"count\": 2}]}";
    char err[128] = "";
    struct rv_baseline *bl = rv_baseline_load(bl_json, strlen(bl_json), "/proj", err, 128);
    CHECK(bl != NULL);
    CHECK_EQ_INT(rv_baseline_filter(bl, "/proj/pkg/m.py", &text, &fs), 2);
    CHECK_EQ_INT(fs.list.len, 1);
    // Another file: nothing absorbed.
    struct rv_findings other = {0};
    struct rv_finding *f = rv_findings_add(&other, 301, 4, 5, "`x` is a single letter (7)");
    f->scope_start_byte = 4;
    f->scope_end_byte = 5;
    rv_findings_add(&other, 302, 4, 5, "`x` is a single letter (7)");
    CHECK_EQ_INT(rv_baseline_filter(bl, "pkg/other.py", &text, &other), 0);
    // The same file again: each call counts afresh, so the RV301 one is absorbed.
    CHECK_EQ_INT(rv_baseline_filter(bl, "pkg/m.py", &text, &other), 1);
    CHECK_EQ_INT(other.list.len, 1);
    CHECK_EQ_INT(other.list.items[0].code, 302);
    rv_findings_finish(&other);
    rv_baseline_destroy(bl);
    CHECK(rv_baseline_load("[]", 2, NULL, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "baseline") != NULL);
    CHECK(rv_baseline_load("{", 1, NULL, err, sizeof(err)) == NULL);
    rv_findings_finish(&fs);
    rv_text_finish(&text);
}

// A baseline built from one text absorbs the same findings after lines are inserted above.
static void test_baseline_round_trip(void) {
    const char *before = "def f():\n    pass\n";
    const char *after = "# moved\n# down\n\ndef f():\n    pass\n";
    struct rv_text t1;
    struct rv_text t2;
    rv_text_init(&t1, before, strlen(before));
    rv_text_init(&t2, after, strlen(after));
    struct rv_findings f1 = {0};
    struct rv_finding *f = rv_findings_add(&f1, 253, 4, 5, "`f` has no docstring (line 1)");
    f->scope_start_byte = 4;
    f->scope_end_byte = 5;
    struct rv_report_file file = {"./m.py", &t1, &f1};
    char *json = rv_baseline_build(&file, 1, NULL);
    CHECK(strstr(json, "\"path\": \"m.py\"") != NULL);
    struct rv_baseline *bl = rv_baseline_load(json, strlen(json), NULL, NULL, 0);
    CHECK(bl != NULL);
    struct rv_findings f2 = {0};
    f = rv_findings_add(&f2, 253, 20, 21, "`f` has no docstring (line 4)");
    f->scope_start_byte = 20;
    f->scope_end_byte = 21;
    rv_findings_add(&f2, 301, 20, 21, "new");
    CHECK_EQ_INT(rv_baseline_filter(bl, "m.py", &t2, &f2), 1);
    CHECK_EQ_INT(f2.list.len, 1);
    CHECK_EQ_INT(f2.list.items[0].code, 301);
    rv_baseline_destroy(bl);
    free(json);
    rv_findings_finish(&f1);
    rv_findings_finish(&f2);
    rv_text_finish(&t1);
    rv_text_finish(&t2);
}

static void test_markdown_pure(void) {
    const char *src = "def doIt(l):\n    return l\n";
    struct rv_text text;
    rv_text_init(&text, src, strlen(src));
    struct rv_findings fs = {0};
    struct rv_finding *f = rv_findings_add(&fs, 101, 4, 8, "`doIt` is camelCase");
    f->severity = RV_SEVERITY_WARNING;
    rv_finding_set_fix(f, RV_FIX_RENAME, "do_it");
    struct rv_report_file file = {"m.py", &text, &fs};
    char *a = rv_report_markdown(&file, 1, NULL);
    char *b = rv_report_markdown(&file, 1, NULL);
    CHECK_EQ_STR(a, b);
    CHECK(strstr(a, "No security defects are detected") != NULL);
    CHECK(strstr(a, "### 1. Consistent naming style") != NULL);
    CHECK(strstr(a, "`m.py:1`: `doIt` is camelCase. Suggested name: `do_it`.") != NULL);
    free(a);
    free(b);
    char *empty = rv_report_markdown(NULL, 0, NULL);
    CHECK(strstr(empty, "0 files reviewed; 0 findings.") != NULL);
    free(empty);
    rv_findings_finish(&fs);
    rv_text_finish(&text);
}

// Messages are formatted on the stack first: one shorter than that buffer, one exactly at its
// size and one far longer come out whole, in findings and in their related information.
static void test_message_lengths(void) {
    static const size_t lengths[] = {0, 5, 318, 319, 320, 321, 4000};
    for (size_t i = 0; i < RV_ARRAY_LEN(lengths); i++) {
        size_t n = lengths[i];
        char *word = malloc(n + 1);
        memset(word, 'a' + (int)(i % 26), n);
        word[n] = '\0';
        struct rv_findings fs = {0};
        struct rv_finding *f = rv_findings_add(&fs, 101, 0, 1, "<%s>", word);
        rv_finding_relate(f, 0, 1, "%s|%zu", word, n);
        CHECK_EQ_INT(strlen(f->message), n + 2);
        CHECK(f->message[0] == '<' && f->message[n + 1] == '>' &&
              strncmp(f->message + 1, word, n) == 0);
        char tail[32];
        snprintf(tail, sizeof(tail), "|%zu", n);
        CHECK(strncmp(f->related.items[0].message, word, n) == 0 &&
              strcmp(f->related.items[0].message + n, tail) == 0);
        rv_findings_finish(&fs);
        free(word);
    }
}

/* A stable reference order for test_sort: insertion sort by rv_findings_sort's keys. */
static bool sorts_before(const struct rv_finding *a, const struct rv_finding *b) {
    if (a->start_byte != b->start_byte) {
        return a->start_byte < b->start_byte;
    }
    if (a->code != b->code) {
        return a->code < b->code;
    }
    if (a->end_byte != b->end_byte) {
        return a->end_byte < b->end_byte;
    }
    return strcmp(a->message, b->message) < 0;
}

// Lists with a sorted prefix of every length (none, part, all) and a random tail, with many
// ties, come out in the order a stable sort gives: ties keep their order (end_byte's twin,
// the severity, numbers each finding).
static void test_sort(void) {
    uint64_t seed = 88;
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(round % 40);
        size_t prefix = n ? (size_t)(round * 7) % (n + 1) : 0;
        struct rv_findings fs = {0};
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            uint32_t start = (uint32_t)(seed >> 33) % 12;
            struct rv_finding *f = rv_findings_add(&fs, (uint16_t)(100 + (seed >> 20) % 3), start,
                                                   start + 1, "m%u", (unsigned)((seed >> 40) % 2));
            f->severity = (enum rv_severity)(i + 1);
        }
        // Sort the prefix (insertion sort), leave the tail as drawn.
        for (size_t i = 1; i < prefix; i++) {
            for (size_t j = i; j > 0 && sorts_before(&fs.list.items[j], &fs.list.items[j - 1]);
                 j--) {
                struct rv_finding t = fs.list.items[j];
                fs.list.items[j] = fs.list.items[j - 1];
                fs.list.items[j - 1] = t;
            }
        }
        struct rv_finding *want = malloc((n ? n : 1) * sizeof(struct rv_finding));
        for (size_t i = 0; i < n; i++) {
            want[i] = fs.list.items[i];
            for (size_t j = i; j > 0 && sorts_before(&want[j], &want[j - 1]); j--) {
                struct rv_finding t = want[j];
                want[j] = want[j - 1];
                want[j - 1] = t;
            }
        }
        rv_findings_sort(&fs);
        bool same = true;
        for (size_t i = 0; i < n; i++) {
            same = same && fs.list.items[i].severity == want[i].severity;
        }
        CHECK(same);
        free(want);
        rv_findings_finish(&fs);
    }
}

int main(void) {
    test_sort();
    test_message_lengths();
    test_github_escaping();
    test_baseline_counts();
    test_baseline_round_trip();
    test_markdown_pure();
    return CHECK_DONE();
}
