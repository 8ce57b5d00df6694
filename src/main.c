// SPDX-License-Identifier: MIT
// The command line entry point: dispatches to the server or to a CLI command. No logic here.
#include "reviewls/analysis.h"
#include "reviewls/cli.h"
#include "reviewls/parse.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    rv_parse_global_init();
    if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        return rv_cli_check(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "rules") == 0) {
        return rv_cli_rules(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "rule") == 0) {
        return rv_cli_rule(argc - 2, argv + 2);
    }
    fprintf(stderr, "usage: reviewls [serve|check|rules|rule]\n");
    return 2;
}
