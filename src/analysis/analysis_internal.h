// SPDX-License-Identifier: MIT
// Internals shared by the analysis files; not part of the public contract.
#pragma once

#include "reviewls/analysis.h"

/** One suppression comment and which of its codes were used. */
struct rv_suppression {
    uint32_t row;        /* the line it silences (ignored for file-wide ones) */
    uint32_t start_byte; /* the comment's range, for unused-suppression findings */
    uint32_t end_byte;
    bool file_wide;         /* reviewls: ignore-file */
    bool all;               /* bare: silences every rule */
    bool nosec;             /* bandit's comment: security rules only */
    RV_VEC(uint16_t) codes; /* our codes it names */
    RV_VEC(char *) bandit;  /* bandit ids it names (nosec) */
    RV_VEC(bool) code_used;
    bool used;
};

struct rv_suppressions {
    RV_VEC(struct rv_suppression) list;
};

/** Reads every suppression comment of the model. */
void rv_suppress__parse(struct rv_suppressions *out, const struct rv_text *text,
                        const struct rv_model *model);
/** Returns true (and marks the comment used) when `f` is silenced. */
bool rv_suppress__match(struct rv_suppressions *sups, const struct rv_text *text, TSNode root,
                        const struct rv_finding *f);
/** Appends an RV403 finding for each code of a suppression that silenced nothing, among the
 *  rules that ran under `cfg`. */
void rv_suppress__report_unused(const struct rv_suppressions *sups, const struct rv_config *cfg,
                                struct rv_findings *out);
void rv_suppress__finish(struct rv_suppressions *sups);
