// SPDX-License-Identifier: MIT
// The command line: `reviewls check`, `reviewls rules`, `reviewls rule CODE`. Each entry point
// takes argv after its subcommand and returns the process exit code.
#pragma once

#include <stdio.h>

/** `check [--format text|json] [--config FILE] [--select X] [--ignore X] PATH...`:
 *  0 when there are no findings, 1 when there are, 2 on a usage or I/O error. */
int rv_cli_check(int argc, char **argv);
/** `review PATH...`: `check --format markdown` (src/report/cli.c). */
int rv_cli_review(int argc, char **argv);
/** `rules`: the catalogue, one rule per line. */
int rv_cli_rules(int argc, char **argv);
/** `rule CODE`: one rule's documentation. */
int rv_cli_rule(int argc, char **argv);
