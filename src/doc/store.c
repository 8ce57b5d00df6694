// SPDX-License-Identifier: MIT
// Being written.
typedef int rv_placeholder_t;
