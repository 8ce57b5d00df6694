// SPDX-License-Identifier: MIT
// tree-sitter-python's external scanner, built with one correction: its deserialize, given
// no state (the start of a text, or a point before any external token), leaves the
// `inside_f_string` flag of whatever it scanned last. A parser that once stopped in an
// unclosed f-string then lexes the next text differently (DEDENT is suppressed inside
// f-strings), and an incremental reparse can disagree with a fresh parse of the same text.
// The grammar is fetched pinned and unmodified; this file compiles it in place of scanner.c.
#define tree_sitter_python_external_scanner_deserialize rv__python_scanner_deserialize_upstream
#include "scanner.c"
#undef tree_sitter_python_external_scanner_deserialize

void tree_sitter_python_external_scanner_deserialize(void *payload, const char *buffer,
                                                     unsigned length);

void tree_sitter_python_external_scanner_deserialize(void *payload, const char *buffer,
                                                     unsigned length) {
    ((Scanner *)payload)->inside_f_string = false;
    rv__python_scanner_deserialize_upstream(payload, buffer, length);
}
