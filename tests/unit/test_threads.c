// SPDX-License-Identifier: MIT
// Work off the loop thread: the helper thread that takes half of a long module's families
// (engine.c), whose findings must be a single thread's, in the same order, for a whole analysis
// and for an incremental one that widens; and the trees an analysis lets go of, handed over
// (rv_analysis_state_take_dead_trees) and deleted on the server's lazyfree thread. Under ASan
// and valgrind (the lsp suite), a tree deleted twice or never shows.
#include "check.h"
#include "findings_text.h"
#include "lsp_internal.h"
#include "reviewls/analysis.h"
#include "reviewls/doc.h"
#include "reviewls/parse.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void count_up(void *arg) {
    (*(int *)arg)++;
}

// A job that counts which thread ran it.
struct where {
    pthread_t caller;
    int on_caller;
    int elsewhere;
};

static void note_thread(void *arg) {
    struct where *w = arg;
    if (pthread_equal(pthread_self(), w->caller)) {
        w->on_caller++;
    } else {
        w->elsewhere++;
    }
}

// A job the helper has not taken yet when the caller waits is the caller's to run: each job
// runs once, on one thread or the other, and rv_helper_taken_back counts those the caller ran.
// Handed to a sleeping helper and waited for at once, some are the caller's (waking the thread
// takes tens of microseconds); handed to one that polls, after a pause, the helper's.
static void test_helper_taken_back(void) {
    struct rv_helper *h = rv_helper_create();
    CHECK(h != NULL);
    if (h == NULL) {
        return;
    }
    struct where w = {pthread_self(), 0, 0};
    for (int i = 0; i < 1000; i++) {
        rv_helper_start(h, note_thread, &w);
        rv_helper_wait(h);
    }
    CHECK_EQ_INT(w.on_caller + w.elsewhere, 1000);
    CHECK_EQ_INT((int)rv_helper_taken_back(h), w.on_caller);
    CHECK(w.on_caller > 0);
    rv_helper_warm(h, 5000000000u);
    struct where polled = {pthread_self(), 0, 0};
    for (int i = 0; i < 20; i++) {
        rv_helper_start(h, note_thread, &polled);
        struct timespec pause = {0, 2000000}; // the polling thread takes it meanwhile
        nanosleep(&pause, NULL);
        rv_helper_wait(h);
    }
    CHECK_EQ_INT(polled.on_caller + polled.elsewhere, 20);
    CHECK(polled.elsewhere > 0);
    CHECK_EQ_INT((int)rv_helper_taken_back(h), w.on_caller + polled.on_caller);
    rv_helper_destroy(h);
    CHECK_EQ_INT((int)rv_helper_taken_back(NULL), 0);
}

static bool polls(struct rv_helper *h, size_t want) {
    return rv_helper_polling(h) == (want != 0);
}

static bool woken_since(struct rv_helper *h, size_t wakeups) {
    return rv_helper_wakeups(h) != wakeups;
}

// Waits (up to a second) for what the thread does on its own time.
static void wait_for(bool (*done)(struct rv_helper *, size_t), struct rv_helper *h, size_t arg) {
    for (int i = 0; i < 1000 && !done(h, arg); i++) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
}

// Cooled, the helper goes on polling for a millisecond, so that the next keystroke of a burst
// warms it without waking it; then it sleeps, and warming it wakes it.
static void test_helper_lingers(void) {
    struct rv_helper *h = rv_helper_create();
    CHECK(h != NULL);
    if (h == NULL) {
        return;
    }
    int count = 0;
    rv_helper_warm(h, 5000000000u);
    wait_for(polls, h, true); // woken, it polls
    CHECK(rv_helper_polling(h));
    rv_helper_start(h, count_up, &count);
    rv_helper_wait(h);
    rv_helper_cool(h);
    uint64_t until = rv_monotonic_ns() + 300000;
    while (rv_monotonic_ns() < until) {
    }
    CHECK(rv_helper_polling(h)); // 0.3 ms after it cooled
    wait_for(polls, h, false);
    CHECK(!rv_helper_polling(h)); // asleep
    size_t woken = rv_helper_wakeups(h);
    rv_helper_warm(h, 5000000000u);
    wait_for(woken_since, h, woken);
    CHECK(rv_helper_wakeups(h) == woken + 1);
    CHECK(rv_helper_polling(h));
    rv_helper_cool(h);
    rv_helper_destroy(h);
    CHECK_EQ_INT(count, 1);
    CHECK(!rv_helper_polling(NULL));
    CHECK_EQ_INT((int)rv_helper_wakeups(NULL), 0);
}

// Jobs run on the helper, one after another, and rv_helper_wait returns after each.
static void test_helper_jobs(void) {
    struct rv_helper *h = rv_helper_create();
    CHECK(h != NULL);
    if (h == NULL) {
        return;
    }
    int count = 0;
    for (int i = 0; i < 100; i++) {
        rv_helper_start(h, count_up, &count);
        rv_helper_wait(h);
        CHECK_EQ_INT(count, i + 1);
    }
    CHECK_EQ_INT((int)rv_helper_jobs(h), 100);
    // Warm, it polls for jobs instead of sleeping, and so does the caller waiting: the same
    // jobs, the same results; cooled, it sleeps again and still takes jobs.
    CHECK(!rv_helper_warm_now(h));
    rv_helper_warm(h, 5000000000u);
    CHECK(rv_helper_warm_now(h));
    for (int i = 0; i < 1000; i++) {
        rv_helper_start(h, count_up, &count);
        rv_helper_wait(h);
        CHECK_EQ_INT(count, 101 + i);
    }
    rv_helper_cool(h);
    CHECK(!rv_helper_warm_now(h));
    rv_helper_start(h, count_up, &count);
    rv_helper_wait(h);
    CHECK_EQ_INT(count, 1101);
    rv_helper_warm(h, 5000000000u);
    rv_helper_start(h, count_up, &count); // destroy waits for a job still running, warm or not
    rv_helper_destroy(h);
    CHECK_EQ_INT(count, 1102);
    rv_helper_warm(NULL, 1);
    rv_helper_cool(NULL);
    CHECK(!rv_helper_warm_now(NULL));
    rv_helper_destroy(NULL);
    CHECK_EQ_INT((int)rv_helper_jobs(NULL), 0);
}

// A module long enough for its families to be shared: classes of methods with findings of
// every family that runs long (naming, variable naming, security, limits, docstrings).
static char *long_module(int classes) {
    struct rv_strbuf sb = {0};
    rv_strbuf_puts(&sb, "import os\nimport subprocess\n\n\n");
    for (int c = 0; c < classes; c++) {
        rv_strbuf_printf(&sb,
                         "class Shape%d:\n"
                         "    def area(self, x, widthValue):\n"
                         "        tmp = x * widthValue\n"
                         "        id = tmp + 1\n"
                         "        if tmp > 10:\n"
                         "            os.system(\"echo %%d\" %% tmp)\n"
                         "        return id\n\n"
                         "    def grow%d(self, a, b, data):\n"
                         "        \"\"\"Grows.\"\"\"\n"
                         "        list = [a, b]\n"
                         "        for item in data:\n"
                         "            list.append(item)\n"
                         "        subprocess.call(list, shell=True)\n"
                         "        return list\n\n\n",
                         c, c);
    }
    return rv_strbuf_take(&sb);
}

// A whole analysis with the helper equals one without, and shared its families.
static void test_whole_shared(TSParser *parser, const struct rv_config *cfg) {
    char *text = long_module(300);
    struct rv_text t;
    CHECK_EQ_INT(rv_text_init(&t, text, strlen(text)), 0);
    TSTree *tree = rv_parse_text(parser, &t, NULL);
    struct rv_helper *h = rv_helper_create();
    CHECK(h != NULL);
    struct rv_analysis_input in = {&t, tree, cfg, "m.py", 0, 0, NULL, false, NULL};
    struct rv_findings alone = {0};
    rv_analyze(&in, &alone);
    in.helper = h;
    struct rv_findings shared = {0};
    rv_analyze(&in, &shared);
    char *a = findings_text(&alone);
    char *b = findings_text(&shared);
    CHECK(alone.list.len > 1000);
    CHECK(strcmp(a, b) == 0);
    CHECK_EQ_INT((int)rv_helper_jobs(h), 1);
    free(a);
    free(b);
    rv_findings_finish(&alone);
    rv_findings_finish(&shared);
    rv_helper_destroy(h);
    ts_tree_delete(tree);
    rv_text_finish(&t);
    free(text);
}

// Incremental analyses with the helper: an edit whose names others read widens families over
// the long module (shared with the helper), and the result equals a whole analysis's. The
// trees the analysis let go of are handed over once, and deleted on the lazyfree thread.
static void test_incremental_shared(TSParser *parser, const struct rv_config *cfg, bool warm) {
    char *text = long_module(300);
    struct rv_doc_store store;
    rv_doc_store_init(&store);
    struct rv_doc *doc = rv_doc_store_open(&store, "file:///m.py", 1, text, strlen(text));
    rv_doc_parse(doc, parser);
    struct rv_helper *h = rv_helper_create();
    struct rv_lazyfree *lf = rv_lsp_lazyfree_create();
    struct rv_analysis_input in = {&doc->text, doc->tree, cfg, "m.py", 0, 0, NULL, false, h};
    struct rv_findings out = {0};
    rv_doc_analyze(doc, &in, &out);
    rv_findings_finish(&out);
    // Renaming a class's first method renames a definition others share in no class, then
    // `area` in one class only: naming's counts of function names change (camelCase).
    // Warm (as an edit arriving at the server leaves it), the helper shares keystrokes too: a
    // character typed into a name and deleted, whose runs stay in the statement's range.
    const char *steps[][2] = {{"def area", "def areaValue"},
                              {"def areaValue", "def area"},
                              {"tmp = x", "tmpx = x"},
                              {"tmpx = x", "tmp = x"}};
    size_t jobs = rv_helper_jobs(h);
    size_t handed = 0;
    for (size_t s = 0; s < RV_ARRAY_LEN(steps); s++) {
        const char *at = strstr(doc->text.bytes, steps[s][0]);
        CHECK(at != NULL);
        if (at == NULL) {
            break;
        }
        size_t start = (size_t)(at - doc->text.bytes);
        CHECK_EQ_INT(
            rv_doc_edit(doc, start, start + strlen(steps[s][0]), steps[s][1], strlen(steps[s][1])),
            0);
        rv_doc_parse(doc, parser);
        in.tree = doc->tree;
        struct rv_findings mine = {0};
        struct rv_findings whole = {0};
        if (warm) {
            rv_helper_warm(h, 5000000000u);
        }
        size_t before = rv_helper_jobs(h);
        rv_doc_analyze(doc, &in, &mine);
        // A keystroke's ranged runs are shared only when the helper is warm.
        CHECK(s < 2 || (rv_helper_jobs(h) > before) == warm);
        rv_helper_cool(h);
        struct rv_analysis_input alone = in;
        alone.helper = NULL;
        rv_analyze(&alone, &whole);
        char *a = findings_text(&mine);
        char *b = findings_text(&whole);
        CHECK(strcmp(a, b) == 0);
        free(a);
        free(b);
        rv_findings_finish(&mine);
        rv_findings_finish(&whole);
        size_t n;
        TSTree **dead = rv_analysis_state_take_dead_trees(doc->analysis, &n);
        handed += n;
        rv_lsp_lazyfree_trees(lf, dead, n);
        free(dead);
        CHECK(rv_analysis_state_take_dead_trees(doc->analysis, &n) == NULL && n == 0);
    }
    CHECK(rv_helper_jobs(h) > jobs);
    CHECK(handed > 0);
    rv_lsp_lazyfree_destroy(lf);
    rv_helper_destroy(h);
    rv_doc_store_finish(&store);
    free(text);
}

static void drop(void *userdata, json_t *message) {
    (void)userdata;
    (void)message;
}

static void handle(struct rv_server *s, const char *json) {
    rv_server_handle(s, json, strlen(json));
}

// A publish of many diagnostics is written in two halves at once when the helper is warm: the
// same bytes as one thread writes. (Without a text sink, the server checks each publish
// against jansson's: the warm publishes of the edits below went through that check too.)
static void test_publish_shared(void) {
    struct rv_server *s = rv_server_create(drop, NULL, true);
    handle(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
              "{\"capabilities\":{}}}");
    handle(s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    char *text = long_module(30);
    json_t *open = json_pack("{s:s,s:s,s:{s:{s:s,s:s,s:i,s:s}}}", "jsonrpc", "2.0", "method",
                             "textDocument/didOpen", "params", "textDocument", "uri",
                             "test:///m.py", "languageId", "python", "version", 1, "text", text);
    char *body = json_dumps(open, JSON_COMPACT);
    handle(s, body);
    rv_server_drain(s);
    // An edit warms the helper; its analysis and publish share the work. (For as long as a slow
    // build takes: sanitizers.)
    s->helper_warm_ns = 5000000000u;
    size_t jobs = rv_helper_jobs(s->helper);
    handle(s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{"
              "\"textDocument\":{\"uri\":\"test:///m.py\",\"version\":2},\"contentChanges\":"
              "[{\"range\":{\"start\":{\"line\":4,\"character\":8},\"end\":{\"line\":4,"
              "\"character\":8}},\"text\":\"x\"}]}}");
    CHECK(rv_helper_warm_now(s->helper));
    rv_server_drain(s);
    CHECK(rv_helper_jobs(s->helper) > jobs);
    CHECK(!rv_helper_warm_now(s->helper)); // the drain cooled it
    struct rv_doc *doc = rv_doc_store_get(&s->docs, "test:///m.py");
    CHECK(doc != NULL && doc->findings.list.len >= 128);
    if (doc != NULL) {
        struct rv_strbuf one = {0};
        rv_lsp_put_diagnostics(&one, s, doc);
        rv_helper_warm(s->helper, 5000000000u);
        jobs = rv_helper_jobs(s->helper);
        struct rv_strbuf two = {0};
        rv_lsp_put_diagnostics(&two, s, doc);
        CHECK_EQ_INT((int)(rv_helper_jobs(s->helper) - jobs), 1);
        CHECK(one.len > 10000 && two.len == one.len);
        CHECK(one.data && two.data && strcmp(one.data, two.data) == 0);
        rv_helper_cool(s->helper);
        rv_strbuf_finish(&one);
        rv_strbuf_finish(&two);
    }
    free(body);
    json_decref(open);
    free(text);
    rv_server_destroy(s);
}

int main(void) {
    TSParser *parser = rv_python_parser_create();
    struct rv_config cfg;
    rv_config_init(&cfg);
    test_helper_jobs();
    test_helper_taken_back();
    test_helper_lingers();
    test_whole_shared(parser, &cfg);
    test_incremental_shared(parser, &cfg, false);
    test_incremental_shared(parser, &cfg, true);
    test_publish_shared();
    rv_config_finish(&cfg);
    ts_parser_delete(parser);
    return CHECK_DONE();
}
