// SPDX-License-Identifier: MIT
// Small helpers shared by the report builders: lossless-where-possible JSON strings and
// relative paths. Pure string work, no I/O.
#include "report_internal.h"
#include "reviewls/rpc.h"

#include <string.h>

json_t *rv_report__json_string(const char *s) {
    // Messages quote the user's bytes, and jansson refuses invalid UTF-8.
    return rv_json_string_lossy(s, strlen(s));
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
