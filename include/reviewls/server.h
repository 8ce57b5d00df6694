// SPDX-License-Identifier: MIT
// The language server: lifecycle, documents, configuration and diagnostics over JSON-RPC.
// Transport-agnostic: it receives message bodies and hands outgoing JSON to a send callback,
// so the stdio loop and the --test-mode transcript runner drive the same code.
#pragma once

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rv_server;

/** Receives each outgoing message (borrowed for the call). */
typedef void rv_server_send_fn(void *userdata, json_t *message);

/** Receives an outgoing message the server wrote as JSON text (borrowed for the call). */
typedef void rv_server_send_text_fn(void *userdata, const char *body, size_t len);

/** Creates a server; `test_mode` accepts test:/// uris and never touches the disk for them. */
struct rv_server *rv_server_create(rv_server_send_fn *send, void *userdata, bool test_mode);
/**
 * Lets the server hand over as text the messages it writes without jansson
 * (publishDiagnostics). Without it, such a message is parsed back, checked against the one
 * jansson builds (a difference aborts: tests and fuzzers run this way) and given to `send`.
 */
void rv_server_set_send_text(struct rv_server *s, rv_server_send_text_fn *send_text);
/** Destroys a server; accepts NULL. */
void rv_server_destroy(struct rv_server *s);
/** Handles one message body (framing already removed). Never fails: errors are replies. */
void rv_server_handle(struct rv_server *s, const char *body, size_t len);
/** Does deferred work: reparses and analyses edited documents, publishes, answers pulls. */
void rv_server_drain(struct rv_server *s);
/** True while deferred work remains after a drain (the workspace scan goes in slices): the
 *  loop must call rv_server_drain again once the input is served. */
bool rv_server_busy(const struct rv_server *s);
/** Milliseconds after which the loop must call rv_server_drain again if no message arrives
 *  meanwhile (a whole reparse waits for a quiet moment), or 0. */
uint64_t rv_server_quiet_wait_ms(const struct rv_server *s);
/** True once `exit` was received; *code is its exit status (0 after shutdown, else 1). */
bool rv_server_exited(const struct rv_server *s, int *code);
/** The exit status when input ends without `exit`. */
int rv_server_eof_status(const struct rv_server *s);
