// SPDX-License-Identifier: MIT
// The command line entry point: parses global options and dispatches to the language server
// (stdio or --test-mode transcripts) or to a CLI command. No analysis logic lives here.
#include "reviewls/analysis.h"
#include "reviewls/cli.h"
#include "reviewls/parse.h"
#include "reviewls/rpc.h"
#include "reviewls/server.h"
#include "reviewls/transport.h"
#include "reviewls/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RV_VERSION
#define RV_VERSION "0.1.0"
#endif

static const char usage_text[] =
    "usage: reviewls [OPTIONS] [COMMAND] [ARGS]\n"
    "\n"
    "A language server and command line reviewer for Python code.\n"
    "\n"
    "Commands:\n"
    "  serve              speak LSP over stdio (the default)\n"
    "  check PATH...      review files and directories; exit 1 when there are findings\n"
    "                     [--format text|json|sarif|github|markdown] [--select X]\n"
    "                     [--ignore X] [--config FILE] [--statistics]\n"
    "                     [--baseline FILE [--write-baseline]] [--jobs N]\n"
    "  review PATH...     print a Markdown review (check --format markdown)\n"
    "  rules              list every rule\n"
    "  rule CODE          show one rule's documentation\n"
    "\n"
    "Options:\n"
    "  --log-file FILE    also write logs to FILE\n"
    "  --log-level LEVEL  error, warn (default), info or debug\n"
    "  --test-mode        read '---'-separated JSON-RPC messages without headers from stdin\n"
    "                     and print canonical JSON replies (for transcript tests)\n"
    "  --version          print the version\n"
    "  --help             print this help\n";

/* ------------------------------------------------------------------------------------------ */
/* stdio server. */

static struct rv_stdio *stdio_handle;

static void stdio_send(void *userdata, json_t *message) {
    (void)userdata;
    size_t len;
    char *body = rv_json_dump(message, &len);
    if (stdio_handle) {
        rv_stdio_send(stdio_handle, body, len);
    }
    free(body);
}

static void stdio_send_text(void *userdata, const char *body, size_t len) {
    (void)userdata;
    if (stdio_handle) {
        rv_stdio_send(stdio_handle, body, len);
    }
}

static void stdio_message(void *userdata, const char *body, size_t len) {
    struct rv_server *server = userdata;
    rv_server_handle(server, body, len);
    if (rv_server_exited(server, NULL)) {
        rv_stdio_stop(stdio_handle);
    }
}

static void stdio_idle(void *userdata) {
    rv_server_drain(userdata);
    uint64_t later = rv_server_quiet_wait_ms(userdata);
    if (rv_server_busy(userdata) && stdio_handle) {
        rv_stdio_wake(stdio_handle);
    } else if (later > 0 && stdio_handle) {
        rv_stdio_wake_after(stdio_handle, later);
    }
}

static int serve(void) {
    struct rv_server *server = rv_server_create(stdio_send, NULL, false);
    rv_server_set_send_text(server, stdio_send_text);
    rv_stdio_run(stdio_message, stdio_idle, server, &stdio_handle);
    int code;
    if (!rv_server_exited(server, &code)) {
        code = rv_server_eof_status(server);
    }
    rv_server_destroy(server);
    return code;
}

/* ------------------------------------------------------------------------------------------ */
/* Transcript mode: messages separated by lines "---" (then drain) or "+++" (no drain);
 * lines starting with # are comments. */

static void test_send(void *userdata, json_t *message) {
    (void)userdata;
    char *s = json_dumps(message, JSON_SORT_KEYS | JSON_INDENT(2));
    printf("%s\n", s ? s : "null");
    free(s);
}

static int test_mode(void) {
    struct rv_strbuf all = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
        rv_strbuf_append(&all, chunk, n);
    }
    struct rv_server *server = rv_server_create(test_send, NULL, true);
    int code = -1;
    char *p = all.data ? all.data : "";
    char *end = p + all.len;
    struct rv_strbuf msg = {0};
    while (p <= end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        char *line_end = eol ? eol : end;
        size_t line_len = (size_t)(line_end - p);
        bool sep_drain = line_len == 3 && memcmp(p, "---", 3) == 0;
        bool sep_keep = line_len == 3 && memcmp(p, "+++", 3) == 0;
        bool last = eol == NULL;
        bool comment = line_len >= 1 && p[0] == '#';
        if (!sep_drain && !sep_keep && !comment) {
            rv_strbuf_append(&msg, p, line_len);
            rv_strbuf_putc(&msg, '\n');
        }
        if (sep_drain || sep_keep || last) {
            // Lines starting with '#' are comments; a chunk with nothing else is skipped.
            bool blank = true;
            for (size_t i = 0; i < msg.len && blank; i++) {
                blank = msg.data[i] == ' ' || msg.data[i] == '\n' || msg.data[i] == '\r';
            }
            if (!blank) {
                rv_server_handle(server, msg.data, msg.len);
                if (rv_server_exited(server, &code)) {
                    break;
                }
            }
            rv_strbuf_reset(&msg);
            if (!sep_keep) {
                rv_server_drain(server);
            }
        }
        if (last) {
            break;
        }
        p = eol + 1;
    }
    if (code < 0) {
        code = rv_server_eof_status(server);
    }
    fflush(stdout);
    rv_strbuf_finish(&msg);
    rv_strbuf_finish(&all);
    rv_server_destroy(server);
    return code;
}

int main(int argc, char **argv) {
    rv_parse_global_init();
    bool test = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--version") == 0) {
            printf("reviewls %s\n", RV_VERSION);
            return 0;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(arg, "--test-mode") == 0) {
            test = true;
        } else if (strcmp(arg, "--stdio") == 0) {
            // What some clients pass to every server; stdio is our only transport.
        } else if (strcmp(arg, "--log-file") == 0 && i + 1 < argc) {
            int err = rv_log_open_file(argv[++i]);
            if (err) {
                fprintf(stderr, "reviewls: cannot open log file %s: %s\n", argv[i], strerror(-err));
                return 2;
            }
        } else if (strcmp(arg, "--log-level") == 0 && i + 1 < argc) {
            enum rv_log_level level;
            if (!rv_log_level_parse(argv[++i], &level)) {
                fprintf(stderr, "reviewls: unknown log level: %s\n", argv[i]);
                return 2;
            }
            rv_log_set_level(level);
        } else {
            fprintf(stderr, "reviewls: unknown option: %s\n%s", arg, usage_text);
            return 2;
        }
    }
    const char *cmd = i < argc ? argv[i] : "serve";
    int rest_argc = i < argc ? argc - i - 1 : 0;
    char **rest = argv + (i < argc ? i + 1 : argc);
    if (test) {
        return test_mode();
    }
    if (strcmp(cmd, "serve") == 0) {
        return serve();
    }
    if (strcmp(cmd, "check") == 0) {
        return rv_cli_check(rest_argc, rest);
    }
    if (strcmp(cmd, "review") == 0) {
        return rv_cli_review(rest_argc, rest);
    }
    if (strcmp(cmd, "rules") == 0) {
        return rv_cli_rules(rest_argc, rest);
    }
    if (strcmp(cmd, "rule") == 0) {
        return rv_cli_rule(rest_argc, rest);
    }
    fprintf(stderr, "reviewls: unknown command: %s\n%s", cmd, usage_text);
    return 2;
}
