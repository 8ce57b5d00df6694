// SPDX-License-Identifier: MIT
// The tests rule family. Not implemented yet: reports nothing.
#include "reviewls/analysis.h"

void rv_check_tests(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    (void)ctx;
    (void)out;
}
