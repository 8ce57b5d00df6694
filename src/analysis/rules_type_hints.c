// SPDX-License-Identifier: MIT
// The type-hints rule family. Not implemented yet: reports nothing.
#include "reviewls/analysis.h"

void rv_check_type_hints(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    (void)ctx;
    (void)out;
}
