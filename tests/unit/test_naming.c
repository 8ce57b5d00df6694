// SPDX-License-Identifier: MIT
// The naming-consistency family beyond what the text goldens show: the rename fix carries the
// converted name (acronyms included), and related information points at the names that set the
// dominant style. The word sets the naming families look names up in.
#include "check.h"
#include "reviewls/analysis.h"
#include "reviewls/parse.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Analyses `src` with only the naming-consistency rules; caller finishes `out`. */
static void analyse(const char *src, struct rv_findings *out) {
    struct rv_text text;
    rv_text_init(&text, src, strlen(src));
    TSParser *parser = rv_python_parser_create();
    TSTree *tree = rv_parse_text(parser, &text, NULL);
    struct rv_config cfg;
    rv_config_init(&cfg);
    for (size_t i = 0; i < rv_rules_count; i++) {
        cfg.selected[rv_rules[i].code] = rv_rules[i].category == RV_CAT_NAMING_CONSISTENCY;
    }
    struct rv_analysis_input in = {.text = &text, .tree = tree, .config = &cfg, .path = "m.py"};
    rv_analyze(&in, out);
    rv_config_finish(&cfg);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    rv_text_finish(&text);
}

static const struct rv_finding *find(const struct rv_findings *out, uint16_t code, int nth) {
    for (size_t i = 0; i < out->list.len; i++) {
        if (out->list.items[i].code == code && nth-- == 0) {
            return &out->list.items[i];
        }
    }
    return NULL;
}

static void test_snake_majority(void) {
    const char *src = "def make_hosts():\n    pass\n\n"
                      "def delete_server():\n    pass\n\n"
                      "def list_hosts():\n    pass\n\n"
                      "def count_hosts():\n    pass\n\n"
                      "def getHTTPResponse(urlPath, retry_count, server_id):\n    pass\n";
    struct rv_findings out = {0};
    analyse(src, &out);
    const struct rv_finding *f = find(&out, 101, 0);
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK_EQ_INT(f->fix, RV_FIX_RENAME);
        CHECK_EQ_STR(f->replacement, "get_http_response");
        // The range is the name token only.
        CHECK_EQ_INT(f->end_byte - f->start_byte, strlen("getHTTPResponse"));
        CHECK_EQ_INT(memcmp(src + f->start_byte, "getHTTPResponse", 15), 0);
        CHECK_EQ_INT(f->related.len, 3);
        if (f->related.len == 3) {
            CHECK_EQ_INT(memcmp(src + f->related.items[0].start_byte, "make_hosts", 10), 0);
            CHECK_EQ_STR(f->related.items[0].message, "`make_hosts` is snake_case");
        }
    }
    CHECK(find(&out, 101, 1) == NULL);
    const struct rv_finding *p = find(&out, 102, 0);
    CHECK(p != NULL);
    if (p != NULL) {
        CHECK_EQ_STR(p->replacement, "url_path");
    }
    rv_findings_finish(&out);
}

static void test_camel_majority(void) {
    const char *src = "def parseHeaders():\n    pass\n\n"
                      "def buildRequest():\n    pass\n\n"
                      "def sendRequest():\n    pass\n\n"
                      "def _parse_xml_doc():\n    pass\n";
    struct rv_findings out = {0};
    analyse(src, &out);
    const struct rv_finding *f = find(&out, 101, 0);
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK_EQ_STR(f->replacement, "_parseXmlDoc");
    }
    rv_findings_finish(&out);
}

static void test_class_and_plural_acronym(void) {
    const char *src = "class HostManager:\n    pass\n\n"
                      "class flavor_manager:\n    pass\n\n"
                      "class ServerManager:\n    pass\n\n"
                      "def make_hosts():\n    pass\n\n"
                      "def delete_server():\n    pass\n\n"
                      "def getURLs():\n    pass\n";
    struct rv_findings out = {0};
    analyse(src, &out);
    const struct rv_finding *c = find(&out, 106, 0);
    CHECK(c != NULL);
    if (c != NULL) {
        CHECK_EQ_STR(c->replacement, "FlavorManager");
    }
    const struct rv_finding *f = find(&out, 101, 0);
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK_EQ_STR(f->replacement, "get_urls");
    }
    rv_findings_finish(&out);
}

/* 300 words w0x..w299x and the set over them, for test_word_set. */
enum { WORDS = 300, RACERS = 4 };
static char word_text[WORDS][8];
static const char *word_list[WORDS + 1];
static struct rv_word_set word_set = RV_WORD_SET(word_list);

static void *look_up_all(void *arg) {
    size_t *found = arg;
    for (size_t i = 0; i < WORDS; i++) {
        *found += rv_word_set_has(&word_set, word_text[i], strlen(word_text[i]));
    }
    return NULL;
}

// Every word is found, from threads racing to build the table, and nothing else is: not a
// prefix, an extension, another case, the empty string, a word of the list with a byte changed.
static void test_word_set(void) {
    for (size_t i = 0; i < WORDS; i++) {
        snprintf(word_text[i], sizeof(word_text[i]), "w%zux", i);
        word_list[i] = word_text[i];
    }
    word_list[WORDS] = NULL;
    pthread_t threads[RACERS];
    size_t found[RACERS] = {0};
    for (size_t t = 0; t < RACERS; t++) {
        CHECK(pthread_create(&threads[t], NULL, look_up_all, &found[t]) == 0);
    }
    for (size_t t = 0; t < RACERS; t++) {
        pthread_join(threads[t], NULL);
        CHECK_EQ_INT(found[t], WORDS);
    }
    const char *absent[] = {"w1", "w1xx", "W1x", "", "w300x", "x1w", "w12y"};
    for (size_t i = 0; i < RV_ARRAY_LEN(absent); i++) {
        CHECK(!rv_word_set_has(&word_set, absent[i], strlen(absent[i])));
        CHECK(!rv_str_in_list(absent[i], strlen(absent[i]), word_list));
    }
    // Lengths count, not NUL bytes: "w1x" is found inside a longer buffer.
    CHECK(rv_word_set_has(&word_set, "w1xyz", 3));
    CHECK(!rv_word_set_has(&word_set, "w1xyz", 4));
    static const char *const empty[] = {NULL};
    static struct rv_word_set none = RV_WORD_SET(empty);
    CHECK(!rv_word_set_has(&none, "w1x", 3));
}

int main(void) {
    rv_parse_global_init();
    test_word_set();
    test_snake_majority();
    test_camel_majority();
    test_class_and_plural_acronym();
    return CHECK_DONE();
}
