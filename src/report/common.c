// SPDX-License-Identifier: MIT
// Small helpers shared by the report builders: lossless-where-possible JSON strings and
// relative paths. Pure string work, no I/O.
#include "report_internal.h"

#include <string.h>

json_t *rv_report__json_string(const char *s) {
    json_t *str = json_string(s);
    if (str) {
        return str;
    }
    // Messages quote the user's bytes, and jansson refuses invalid UTF-8.
    struct rv_strbuf sb = {0};
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        bool ok;
        size_t n = rv_utf8_decode(p + i, len - i, &cp, &ok);
        if (ok) {
            rv_strbuf_append(&sb, s + i, n);
        } else {
            rv_strbuf_puts(&sb, "\xEF\xBF\xBD");
        }
        i += n;
    }
    str = json_string(sb.data ? sb.data : "");
    rv_strbuf_finish(&sb);
    return str ? str : json_string("");
}

const char *rv_report__relative(const char *path, const char *base_dir) {
    if (base_dir && path[0] == '/') {
        size_t n = strlen(base_dir);
        while (n > 1 && base_dir[n - 1] == '/') {
            n--;
        }
        if (n == 1 && base_dir[0] == '/') {
            return path + 1;
        }
        if (strncmp(path, base_dir, n) == 0 && path[n] == '/') {
            return path + n + 1;
        }
    }
    while (path[0] == '.' && path[1] == '/') {
        path += 2;
    }
    return path;
}
