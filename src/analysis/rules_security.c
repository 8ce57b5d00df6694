// SPDX-License-Identifier: MIT
// The security rule family. Not implemented yet: reports nothing.
#include "reviewls/analysis.h"

void rv_check_security(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    (void)ctx;
    (void)out;
}
