// SPDX-License-Identifier: MIT
// Fuzzes a whole server session through the server API. The input is a transcript as
// `reviewls --test-mode` reads it: message bodies separated by lines "---" (then the server
// drains: analyses and answers pulls) or "+++" (no drain). Oracles on everything the server
// sends: it serialises, it is JSON-RPC 2.0, responses carry exactly one of result and error,
// diagnostics have ordered ranges and messages, code actions have titles; and, when every
// body is valid UTF-8, each request gets exactly one response by the end of the session; and
// the decoder's long-string path reads every body as jansson does.
#include "fuzz.h"
#include "reviewls/parse.h"
#include "reviewls/rpc.h"
#include "reviewls/server.h"
#include "reviewls/text.h"

#include <string.h>

struct session {
    json_t *expected_ids; /* ids of requests still owed a response */
    bool exact;           /* false when some body was not valid UTF-8 */
};

static bool is_pos(json_t *p) {
    return json_is_object(p) && json_is_integer(json_object_get(p, "line")) &&
           json_integer_value(json_object_get(p, "line")) >= 0 &&
           json_is_integer(json_object_get(p, "character")) &&
           json_integer_value(json_object_get(p, "character")) >= 0;
}

static void check_range(json_t *r) {
    FUZZ_CHECK(json_is_object(r));
    json_t *a = json_object_get(r, "start");
    json_t *b = json_object_get(r, "end");
    FUZZ_CHECK(is_pos(a) && is_pos(b));
    json_int_t al = json_integer_value(json_object_get(a, "line"));
    json_int_t bl = json_integer_value(json_object_get(b, "line"));
    FUZZ_CHECK(al < bl || (al == bl && json_integer_value(json_object_get(a, "character")) <=
                                           json_integer_value(json_object_get(b, "character"))));
}

static void check_diagnostics(json_t *diags) {
    FUZZ_CHECK(json_is_array(diags));
    size_t i;
    json_t *d;
    json_array_foreach(diags, i, d) {
        check_range(json_object_get(d, "range"));
        FUZZ_CHECK(json_is_string(json_object_get(d, "message")));
        FUZZ_CHECK(json_is_string(json_object_get(d, "code")));
    }
}

static void check_workspace_edit(json_t *edit) {
    if (edit == NULL) {
        return;
    }
    FUZZ_CHECK(json_is_object(edit));
    const char *key;
    json_t *edits;
    json_object_foreach(json_object_get(edit, "changes"), key, edits) {
        size_t i;
        json_t *e;
        json_array_foreach(edits, i, e) {
            check_range(json_object_get(e, "range"));
            FUZZ_CHECK(json_is_string(json_object_get(e, "newText")));
        }
    }
    size_t i;
    json_t *dc;
    json_array_foreach(json_object_get(edit, "documentChanges"), i, dc) {
        FUZZ_CHECK(json_is_string(json_object_get(json_object_get(dc, "textDocument"), "uri")));
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(dc, "edits"), k, e) {
            check_range(json_object_get(e, "range"));
            FUZZ_CHECK(json_is_string(json_object_get(e, "newText")));
        }
    }
}

static void check_result(json_t *result) {
    // Code action lists (and resolved actions) have titles and well-formed edits.
    if (json_is_array(result)) {
        size_t i;
        json_t *a;
        json_array_foreach(result, i, a) {
            if (json_is_object(a) && json_object_get(a, "kind") != NULL) {
                FUZZ_CHECK(json_is_string(json_object_get(a, "title")));
                check_workspace_edit(json_object_get(a, "edit"));
            }
        }
    } else if (json_is_object(result)) {
        if (json_object_get(result, "title")) {
            FUZZ_CHECK(json_is_string(json_object_get(result, "title")));
            check_workspace_edit(json_object_get(result, "edit"));
        }
        if (json_object_get(result, "items")) {
            check_diagnostics(json_object_get(result, "items"));
        }
        if (json_object_get(result, "changes") || json_object_get(result, "documentChanges")) {
            check_workspace_edit(result);
        }
        if (json_object_get(result, "range") && json_object_get(result, "placeholder")) {
            check_range(json_object_get(result, "range"));
        }
    }
}

static void on_send(void *userdata, json_t *msg) {
    struct session *ses = userdata;
    size_t len = 0;
    char *text = rv_json_dump(msg, &len);
    FUZZ_CHECK(text != NULL && len > 0);
    free(text);
    FUZZ_CHECK(json_is_object(msg));
    json_t *version = json_object_get(msg, "jsonrpc");
    FUZZ_CHECK(json_is_string(version) && strcmp(json_string_value(version), "2.0") == 0);
    json_t *method = json_object_get(msg, "method");
    if (method != NULL) {
        FUZZ_CHECK(json_is_string(method));
        if (strcmp(json_string_value(method), "textDocument/publishDiagnostics") == 0) {
            json_t *params = json_object_get(msg, "params");
            FUZZ_CHECK(json_is_string(json_object_get(params, "uri")));
            check_diagnostics(json_object_get(params, "diagnostics"));
        }
        return;
    }
    json_t *id = json_object_get(msg, "id");
    json_t *result = json_object_get(msg, "result");
    json_t *error = json_object_get(msg, "error");
    FUZZ_CHECK(id != NULL);
    FUZZ_CHECK((result == NULL) != (error == NULL));
    if (error) {
        FUZZ_CHECK(json_is_integer(json_object_get(error, "code")));
        FUZZ_CHECK(json_is_string(json_object_get(error, "message")));
    } else {
        check_result(result);
    }
    if (json_is_null(id) || !ses->exact) {
        return;
    }
    size_t i;
    json_t *want;
    json_array_foreach(ses->expected_ids, i, want) {
        if (json_equal(want, id)) {
            json_array_remove(ses->expected_ids, i);
            return;
        }
    }
    char *dump = json_dumps(msg, 0);
    fprintf(stderr, "fuzz_rpc: a response to no outstanding request: %s\n", dump ? dump : "?");
    free(dump);
    FUZZ_CHECK(false);
}

// Predicts, as JSON-RPC defines it, whether `body` must be answered: every message with an
// integer or string id is, except a well-formed response (no method, a result or an error);
// invalid requests get their error with the id when it can be read.
static void expect_reply(struct session *ses, const char *body, size_t len) {
    if (!rv_utf8_valid(body, len)) {
        ses->exact = false;
        return;
    }
    json_t *root = json_loadb(body, len, JSON_ALLOW_NUL, NULL);
    json_t *version = json_object_get(root, "jsonrpc");
    json_t *id = json_object_get(root, "id");
    bool version_ok = json_is_string(version) && strcmp(json_string_value(version), "2.0") == 0;
    bool response = version_ok && json_object_get(root, "method") == NULL &&
                    (json_object_get(root, "result") || json_object_get(root, "error"));
    if ((json_is_integer(id) || json_is_string(id)) && !response) {
        json_array_append(ses->expected_ids, id);
    }
    json_decref(root);
}

// Moves every file:// uri under a directory that does not exist, so that fuzzed workspace
// folders, watched files and documents never make the server read the disk (a root of "/"
// would scan the whole machine), while the uri and path handling still runs.
static bool confine(json_t *v) {
    bool changed = false;
    if (json_is_string(v)) {
        return false;
    }
    const char *key;
    json_t *child;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, child) {
            const char *str = json_string_value(child);
            if (str && strncmp(str, "file://", 7) == 0) {
                char *moved = rv_xasprintf("file:///nonexistent-fuzz-root/%s", str + 7);
                json_object_set_new(v, key, json_string(moved));
                free(moved);
                changed = true;
            } else {
                changed |= confine(child);
            }
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, child) {
            const char *str = json_string_value(child);
            if (str && strncmp(str, "file://", 7) == 0) {
                char *moved = rv_xasprintf("file:///nonexistent-fuzz-root/%s", str + 7);
                json_array_set_new(v, i, json_string(moved));
                free(moved);
                changed = true;
            } else {
                changed |= confine(child);
            }
        }
    }
    return changed;
}

// Hands one body to the server, confined as above when it names file:// uris.
static void handle(struct rv_server *server, const char *body, size_t len) {
    struct rv_rpc_msg msg;
    json_t *reply = NULL;
    if (rv_rpc_decode(body, len, &msg, &reply) == 0) {
        if (confine(msg.root)) {
            size_t dumped_len;
            char *dumped = rv_json_dump(msg.root, &dumped_len);
            rv_server_handle(server, dumped, dumped_len);
            free(dumped);
            rv_rpc_msg_finish(&msg);
            return;
        }
        rv_rpc_msg_finish(&msg);
    }
    json_decref(reply);
    rv_server_handle(server, body, len);
}

// The long-string path of the decoder (every string counts as long here) gives jansson's
// value, or jansson's error at jansson's position.
static void check_long_strings(const char *body, size_t len) {
    if (!rv_utf8_valid(body, len)) {
        return;
    }
    json_error_t e1;
    json_error_t e2;
    json_t *fast = rv_json_loadb_long(body, len, 1, &e1);
    json_t *plain = json_loadb(body, len, JSON_ALLOW_NUL, &e2);
    FUZZ_CHECK((fast == NULL) == (plain == NULL));
    if (fast && plain) {
        FUZZ_CHECK(json_equal(fast, plain));
    } else if (fast == NULL) {
        FUZZ_CHECK(e1.position == e2.position && strcmp(e1.text, e2.text) == 0);
    }
    json_decref(fast);
    json_decref(plain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool ready;
    if (!ready) {
        rv_parse_global_init();
        ready = true;
    }
    // Big inputs only slow the fuzzer down; the corpus stays small.
    if (size > 1 << 16) {
        return 0;
    }
    struct session ses = {json_array(), true};
    struct rv_server *server = rv_server_create(on_send, &ses, true);
    const char *p = (const char *)data;
    const char *end = p + size;
    struct rv_strbuf msg = {0};
    bool exited = false;
    while (p <= end && !exited) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        size_t line_len = (size_t)(line_end - p);
        bool drain = line_len == 3 && memcmp(p, "---", 3) == 0;
        bool keep = line_len == 3 && memcmp(p, "+++", 3) == 0;
        if (!drain && !keep) {
            rv_strbuf_append(&msg, p, line_len);
            rv_strbuf_putc(&msg, '\n');
        }
        if (drain || keep || eol == NULL) {
            if (msg.len > 1) {
                check_long_strings(msg.data, msg.len);
                expect_reply(&ses, msg.data, msg.len);
                handle(server, msg.data, msg.len);
                exited = rv_server_exited(server, NULL);
            }
            rv_strbuf_reset(&msg);
            if (!keep) {
                rv_server_drain(server);
            }
        }
        if (eol == NULL) {
            break;
        }
        p = eol + 1;
    }
    if (!exited) {
        rv_server_drain(server);
        (void)rv_server_eof_status(server);
    }
    // Each request was answered exactly once (unless `exit` ended the session early).
    if (ses.exact && !exited) {
        if (json_array_size(ses.expected_ids) != 0) {
            char *left = json_dumps(ses.expected_ids, 0);
            fprintf(stderr, "fuzz_rpc: requests never answered: %s\n", left ? left : "?");
            free(left);
        }
        FUZZ_CHECK(json_array_size(ses.expected_ids) == 0);
    }
    rv_strbuf_finish(&msg);
    rv_server_destroy(server);
    json_decref(ses.expected_ids);
    return 0;
}
