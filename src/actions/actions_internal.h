// SPDX-License-Identifier: MIT
// Builders shared between the files of actions/; not part of the public contract.
#pragma once

#include "reviewls/actions.h"

/**
 * Re-indents the logical lines that start in rows [row_lo, row_hi] to their nesting level
 * times the file's dominant unit. Continuation lines and string contents are left alone.
 * Returns false when nothing changes.
 */
bool rv_actions__reindent(const struct rv_action_input *in, uint32_t row_lo, uint32_t row_hi,
                          struct rv_edits *out);
