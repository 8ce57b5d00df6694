// SPDX-License-Identifier: MIT
// A didChange read straight from its bytes (src/lsp/fast_change.c) is read as jansson reads it,
// or not at all: the shapes editors send are taken, anything else is left to the general way,
// and a server applying the same messages either way holds the same texts and versions.
#include "check.h"
#include "lsp_internal.h"
#include "reviewls/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void drop(void *userdata, json_t *message) {
    (void)userdata;
    (void)message;
}

static void handle(struct rv_server *s, const char *json) {
    rv_server_handle(s, json, strlen(json));
}

static struct rv_server *server(bool slow) {
    struct rv_server *s = rv_server_create(drop, NULL, true);
    s->slow_changes = slow;
    handle(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
              "{\"capabilities\":{}}}");
    handle(s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    handle(s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{"
              "\"textDocument\":{\"uri\":\"file:///m.py\",\"languageId\":\"python\","
              "\"version\":1,\"text\":\"def f():\\n    return 1\\n\\n\\nx = f()\\n\"}}}");
    return s;
}

#define CHANGE(body)                                                                               \
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":" body "}"

// Messages of the usual shapes: each is taken, and read as the general way reads it.
static const char *const taken[] = {
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":2},\"contentChanges\":[{"
           "\"range\":{\"start\":{\"line\":1,\"character\":11},\"end\":{\"line\":1,"
           "\"character\":12}},\"rangeLength\":1,\"text\":\"2\"}]}"),
    // Neovim: rangeLength, escapes; eglot: keys in another order, spaces.
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":3},\"contentChanges\":[{"
           "\"range\":{\"start\":{\"line\":0,\"character\":8},\"end\":{\"line\":0,"
           "\"character\":8}},\"text\":\"\\n    \\\"\\\"\\\"Doc \\\\ \\/ \\t.\\\"\\\"\\\"\"}]}"),
    "{ \"params\" : { \"contentChanges\" : [ { \"text\" : \"y\" , \"range\" : { \"end\" : { "
    "\"character\" : 1 , \"line\" : 5 } , \"start\" : { \"character\" : 0 , \"line\" : 5 } } } ] "
    ", \"textDocument\" : { \"version\" : 4 , \"uri\" : \"file:///m.py\" } } , \"method\" : "
    "\"textDocument/didChange\" , \"jsonrpc\" : \"2.0\" }\r\n",
    // Several changes, one of them the whole text; non-ASCII text; a position past the end.
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":5},\"contentChanges\":["
           "{\"text\":\"a = 1\\nb = \\\"é\\\"\\n\"},{\"range\":{\"start\":{\"line\":9,"
           "\"character\":99},\"end\":{\"line\":9,\"character\":99}},\"text\":\"# end\"},"
           "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,"
           "\"character\":1}},\"text\":\"\"}]}"),
    // No version, no change at all; a document that is not open.
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\"},\"contentChanges\":[]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///other.py\",\"version\":7},\"contentChanges\":["
           "{\"text\":\"z\"}]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":8},\"contentChanges\":[{"
           "\"range\":{\"start\":{\"line\":0,\"character\":4294967296},\"end\":{\"line\":0,"
           "\"character\":4294967297}},\"text\":\"!\"}]}"),
};

// Messages the general way must read: a \u escape, a request, another key, a number that is
// not a plain integer, a negative position, a key twice, no text, invalid UTF-8, a control
// byte in a string, another method, trailing bytes.
static const char *const refused[] = {
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":["
           "{\"text\":\"\\u00e9\"}]}"),
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/didChange\",\"params\":{"
    "\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[]}}",
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[],"
           "\"extra\":1}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9.0},\"contentChanges\":[]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":1e1},\"contentChanges\":[]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":09},\"contentChanges\":[]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[{"
           "\"range\":{\"start\":{\"line\":-1,\"character\":0},\"end\":{\"line\":0,"
           "\"character\":0}},\"text\":\"x\"}]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"uri\":\"file:///n.py\"},"
           "\"contentChanges\":[]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":["
           "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,"
           "\"character\":0}}}]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":["
           "{\"text\":\"\xff\"}]}"),
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":["
           "{\"text\":\"a\tb\"}]}"),
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":{"
    "\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[]}}",
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[]}") "x",
    CHANGE("{\"textDocument\":{\"uri\":\"file:///m.py\",\"version\":9},\"contentChanges\":[{"),
};

static void same_documents(struct rv_server *a, struct rv_server *b, const char *what) {
    struct rv_doc *da = rv_doc_store_get(&a->docs, "file:///m.py");
    struct rv_doc *db = rv_doc_store_get(&b->docs, "file:///m.py");
    CHECK(da != NULL && db != NULL);
    if (da == NULL || db == NULL) {
        return;
    }
    bool same = da->version == db->version && da->text.len == db->text.len &&
                memcmp(da->text.bytes, db->text.bytes, da->text.len) == 0;
    if (!same) {
        fprintf(stderr,
                "%s\n--- read from its bytes (version %lld)\n%.*s\n--- the general way "
                "(version %lld)\n%.*s\n",
                what, (long long)da->version, (int)da->text.len, da->text.bytes,
                (long long)db->version, (int)db->text.len, db->text.bytes);
    }
    CHECK(same);
}

static void test_shapes(void) {
    struct rv_server *fast = server(false);
    struct rv_server *slow = server(true);
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(taken); i++) {
        struct rv_lsp_did_change c;
        bool ok = rv_lsp_read_did_change(taken[i], strlen(taken[i]), &c);
        if (!ok) {
            fprintf(stderr, "not taken: %s\n", taken[i]);
        }
        CHECK(ok);
        rv_lsp_did_change_finish(&c);
        handle(fast, taken[i]);
        handle(slow, taken[i]);
        same_documents(fast, slow, taken[i]);
    }
    for (size_t i = 0; i < RV_ARRAY_LEN_TEST(refused); i++) {
        struct rv_lsp_did_change c;
        bool ok = rv_lsp_read_did_change(refused[i], strlen(refused[i]), &c);
        if (ok) {
            fprintf(stderr, "taken: %s\n", refused[i]);
        }
        CHECK(!ok);
        CHECK(c.uri == NULL && c.changes.len == 0);
        handle(fast, refused[i]);
        handle(slow, refused[i]);
        same_documents(fast, slow, refused[i]);
    }
    rv_server_destroy(fast);
    rv_server_destroy(slow);
}

// Random damage to the usual messages: whatever the reader takes, the general way reads alike.
static void test_damaged(void) {
    struct rv_server *fast = server(false);
    struct rv_server *slow = server(true);
    unsigned seed = 12345;
    size_t taken_count = 0;
    const char alphabet[] = "{}[]:,\"\\ 0123456789-.eE\tnrtu/xyz\n";
    for (int round = 0; round < 4000; round++) {
        const char *base = taken[round % 4];
        char *m = rv_xstrdup(base);
        size_t n = strlen(m);
        int hits = 1 + round % 3;
        for (int h = 0; h < hits; h++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            m[at] = alphabet[(seed >> 8) % (sizeof(alphabet) - 1)];
        }
        struct rv_lsp_did_change c;
        if (rv_lsp_read_did_change(m, n, &c)) {
            taken_count++;
        }
        rv_lsp_did_change_finish(&c);
        handle(fast, m);
        handle(slow, m);
        same_documents(fast, slow, m);
        free(m);
    }
    CHECK(taken_count > 100); // the damage often leaves a message of the usual shape
    rv_server_destroy(fast);
    rv_server_destroy(slow);
}

int main(void) {
    rv_log_set_level((enum rv_log_level)0); // the general way's warnings are expected here
    test_shapes();
    test_damaged();
    return CHECK_DONE();
}
