// SPDX-License-Identifier: MIT
// Reports built from findings: the Markdown review, SARIF 2.1.0, GitHub workflow annotations,
// per-rule statistics, and baselines of known findings. Builders are pure: they read what the
// caller passes in and return strings or JSON; only the CLI reads and writes files.
#pragma once

#include "reviewls/analysis.h"
#include "reviewls/text.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/** One analysed file. All members are borrowed. Findings must carry effective severities
 *  (as rv_analyze leaves them). */
struct rv_report_file {
    const char *path;                   /* as shown to users */
    const struct rv_text *text;         /* for lines and columns */
    const struct rv_findings *findings; /* sorted by position */
};

struct rv_report_options {
    /* Which rules ran: the security verdict lists the security checks selected here. NULL
     * means every rule of the catalogue ran. */
    const struct rv_config *config;
    /* Examples shown per rule in the Markdown review; 0 means the default (3). */
    size_t max_examples;
};

/**
 * Builds the Markdown review of `files` (n may be 0): the security verdict, one numbered
 * section per category with findings (most important first), an overall assessment and the
 * counts. Deterministic for the same input. Returns a heap string (caller frees; never NULL).
 */
char *rv_report_markdown(const struct rv_report_file *files, size_t n,
                         const struct rv_report_options *opts);

/**
 * Builds a SARIF 2.1.0 log with one run: tool.driver.rules from the catalogue, a result per
 * finding (1-based lines, columns in Unicode code points, columnKind set on the run), and
 * fixes for renames and replacements. Returns a new reference (caller decrefs).
 */
json_t *rv_report_sarif(const struct rv_report_file *files, size_t n, const char *version);

/**
 * Appends GitHub workflow commands (`::warning file=...::message`), one per finding, to `out`.
 * Properties and messages are escaped as the runner expects.
 */
void rv_report_github(struct rv_strbuf *out, const struct rv_report_file *files, size_t n);

/** Appends per-rule counts (code, name, count), most frequent first, to `out`. */
void rv_report_statistics(struct rv_strbuf *out, const struct rv_report_file *files, size_t n);

/* ------------------------------------------------------------------------------------------ */
/* Baselines: known findings recorded once and hidden afterwards. A finding is identified by its
 * rule, its file, the name of its enclosing definition and its message with digit runs
 * normalised, never by its line: findings survive lines moving above them. When a key occurs
 * N times in the baseline, N occurrences in a file are absorbed and the rest are new. */

struct rv_baseline;

/**
 * Parses a baseline file's bytes. `base_dir` is the absolute directory of the baseline file
 * (paths inside it are relative to it) or NULL. Returns NULL and writes a message into `err`
 * (may be NULL; at least 128 bytes) when the bytes are not a baseline. Caller destroys.
 */
struct rv_baseline *rv_baseline_load(const char *bytes, size_t len, const char *base_dir, char *err,
                                     size_t err_size);
void rv_baseline_destroy(struct rv_baseline *bl);

/**
 * Removes from `findings` those that the baseline absorbs for the file `path` (absolute, or
 * relative to the baseline's directory). `text` is the file's current text. Returns the
 * number removed. Pure: no I/O; each call counts occurrences afresh for its file.
 */
size_t rv_baseline_filter(const struct rv_baseline *bl, const char *path,
                          const struct rv_text *text, struct rv_findings *findings);

/**
 * Builds the baseline JSON for `files` (their paths taken relative to `base_dir` when they are
 * absolute and below it). Returns a heap string ending in a newline (caller frees).
 */
char *rv_baseline_build(const struct rv_report_file *files, size_t n, const char *base_dir);

/* ------------------------------------------------------------------------------------------ */
/* CLI glue for `check` and `review` (src/report/cli.c): the only part of this module that does
 * I/O (reads and writes the baseline file, prints reports). */

struct rv_cli_report;

/** Returns a new report state with nothing requested (caller destroys). */
struct rv_cli_report *rv_cli_report_create(void);
void rv_cli_report_destroy(struct rv_cli_report *r);
/** Accepts the formats this module prints: sarif, github, markdown. False for others. */
bool rv_cli_report_set_format(struct rv_cli_report *r, const char *name);
/**
 * Consumes argv[*i] when it is --statistics, --baseline FILE (or =FILE) or --write-baseline,
 * advancing *i past a separate value. Returns 1 when consumed, 0 when not ours, -1 when a
 * value is missing.
 */
int rv_cli_report_option(struct rv_cli_report *r, int argc, char **argv, int *i);
/** Validates the options and loads the --baseline file. Returns 0, or -1 after printing why. */
int rv_cli_report_start(struct rv_cli_report *r);
/** True when findings must be handed to rv_cli_report_add rather than printed one by one. */
bool rv_cli_report_collects(const struct rv_cli_report *r);
/**
 * Hides the findings that a baseline absorbs (none while writing one): the --baseline file, else
 * `configured`, the baseline that the file's configuration names (resolved: absolute or relative
 * to the working directory; NULL for none), read on first use.
 */
void rv_cli_report_filter(struct rv_cli_report *r, const char *path, const struct rv_text *text,
                          struct rv_findings *findings, const char *configured);
/** Takes `text` and `findings` (both left empty) for the report of `path`, analysed with
 *  `config` (borrowed; its rule selection is remembered), whose configuration names the
 *  baseline `configured` (or NULL): where --write-baseline alone records it. */
void rv_cli_report_add(struct rv_cli_report *r, const char *path, struct rv_text *text,
                       struct rv_findings *findings, const struct rv_config *config,
                       const char *configured);
/**
 * Prints the collected report or writes the baseline. *findings is the count that decides the
 * exit code; writing a baseline sets it to 0. Returns 0, or -1 after printing an I/O error.
 */
int rv_cli_report_finish(struct rv_cli_report *r, size_t *findings);
