// SPDX-License-Identifier: MIT
// The organization rule family. Not implemented yet: reports nothing.
#include "reviewls/analysis.h"

void rv_check_organization(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    (void)ctx;
    (void)out;
}
