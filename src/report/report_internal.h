// SPDX-License-Identifier: MIT
// Helpers shared by the report builders; not part of the public contract.
#pragma once

#include "reviewls/report.h"

/** Returns a new JSON string for `s`; invalid UTF-8 bytes become U+FFFD (never NULL). */
json_t *rv_report__json_string(const char *s);

/** Returns `path` relative to `base_dir` when it is absolute and below it, else `path` itself
 *  without a leading "./" (borrowed from `path`). */
const char *rv_report__relative(const char *path, const char *base_dir);
