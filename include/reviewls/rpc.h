// SPDX-License-Identifier: MIT
// JSON-RPC 2.0 as the LSP specification uses it: decoding a body into a classified message,
// and building responses, errors and notifications. Knows JSON-RPC, not LSP methods.
#pragma once

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum rv_rpc_code {
    RV_RPC_PARSE_ERROR = -32700,
    RV_RPC_INVALID_REQUEST = -32600,
    RV_RPC_METHOD_NOT_FOUND = -32601,
    RV_RPC_INVALID_PARAMS = -32602,
    RV_RPC_INTERNAL_ERROR = -32603,
    RV_RPC_SERVER_NOT_INITIALIZED = -32002,
    RV_RPC_REQUEST_CANCELLED = -32800,
    RV_RPC_CONTENT_MODIFIED = -32801,
};

enum rv_rpc_kind {
    RV_RPC_REQUEST,
    RV_RPC_NOTIFICATION,
    RV_RPC_RESPONSE,
};

struct rv_rpc_msg {
    enum rv_rpc_kind kind;
    json_t *root;       /* owned: the decoded message */
    json_t *id;         /* borrowed from root: integer or string (requests, responses) */
    const char *method; /* borrowed (requests, notifications) */
    json_t *params;     /* borrowed; NULL when absent */
    json_t *result;     /* borrowed (responses) */
    json_t *error;      /* borrowed (responses) */
    bool lossy_utf8;    /* the body had invalid UTF-8, mapped as rv_rpc_unmap_bytes says */
};

/**
 * Decodes and validates one message body. Returns 0 and fills `msg` (finish it with
 * rv_rpc_msg_finish), or returns a JSON-RPC error code and, when an error response is due,
 * stores it in *reply (caller sends and decrefs): -32700 for unparsable JSON (id null),
 * -32600 for JSON that is not a JSON-RPC message.
 *
 * Invalid UTF-8 bytes do not make the body unparsable: each is mapped to U+F700 + byte
 * (a private-use code point) and msg->lossy_utf8 is set, so that document text can be
 * restored byte for byte with rv_rpc_unmap_bytes.
 */
int rv_rpc_decode(const char *body, size_t len, struct rv_rpc_msg *msg, json_t **reply);
void rv_rpc_msg_finish(struct rv_rpc_msg *msg);

/**
 * json_loadb(body, len, JSON_ALLOW_NUL, err), with every string value of at least `long_at`
 * bytes (a document's text) decoded here instead of by jansson's lexer, which spends about a
 * hundred instructions a byte: the same value, or the same error. `body` must be valid UTF-8.
 */
json_t *rv_json_loadb_long(const char *body, size_t len, size_t long_at, json_error_t *err);

/** Reverses the invalid-byte mapping in place; returns the new length. */
size_t rv_rpc_unmap_bytes(char *s, size_t len);

/** Builds {"jsonrpc":"2.0","id":id,"result":result}; steals `result` (NULL means null). */
json_t *rv_rpc_result(json_t *id, json_t *result);
/** Builds an error response; `id` may be NULL (null id). */
json_t *rv_rpc_error(json_t *id, int code, const char *message);
/** Builds a notification; steals `params` (may be NULL). */
json_t *rv_rpc_notification(const char *method, json_t *params);
/** Builds a request with an integer id; steals `params`. */
json_t *rv_rpc_request(long long id, const char *method, json_t *params);

/** A JSON string from bytes that may be invalid UTF-8 (bad bytes become U+FFFD). */
json_t *rv_json_string_lossy(const char *s, size_t len);
/** Serialises compactly (caller frees). */
char *rv_json_dump(const json_t *value, size_t *len);

struct rv_strbuf;
/**
 * Appends `s` as a JSON string literal, as rv_json_string_lossy and rv_json_dump would write
 * it: invalid UTF-8 becomes U+FFFD, and only '"', '\\' and control characters are escaped.
 * For messages built as text without jansson (publishDiagnostics, the largest and most
 * frequent message, where building and dumping objects took a third of an edit's time).
 */
void rv_json_put_string(struct rv_strbuf *sb, const char *s, size_t len);
