// SPDX-License-Identifier: MIT
// Builds the symbol -> kind and field tables of kinds.h from the grammar's own names, so that
// a kind test means exactly what strcmp(ts_node_type(node), name) meant.
#include "kinds.h"

#include "reviewls/parse.h"

#include <pthread.h>
#include <string.h>

uint8_t rv__kind_of_symbol[65536];
bool rv__symbol_is_statement[65536];
TSFieldId rv__field_id[RV_F_COUNT];

#define RV_KIND_NAME(id, name) name,
static const char *const kind_names[RV_K_COUNT] = {NULL, RV_KIND_LIST(RV_KIND_NAME)};
#undef RV_KIND_NAME
#define RV_FIELD_NAME(id, name) name,
static const char *const field_names[RV_F_COUNT] = {RV_FIELD_LIST(RV_FIELD_NAME)};
#undef RV_FIELD_NAME

static void classify(const TSLanguage *lang, TSSymbol sym) {
    const char *name = ts_language_symbol_name(lang, sym);
    if (name == NULL) {
        return;
    }
    for (int k = 1; k < RV_K_COUNT; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            rv__kind_of_symbol[sym] = (uint8_t)k;
            break;
        }
    }
    size_t n = strlen(name);
    rv__symbol_is_statement[sym] = (n > 10 && strcmp(name + n - 10, "_statement") == 0) ||
                                   strcmp(name, "function_definition") == 0 ||
                                   strcmp(name, "class_definition") == 0;
}

static void build(void) {
    const TSLanguage *lang = tree_sitter_python();
    uint32_t count = ts_language_symbol_count(lang);
    for (uint32_t sym = 0; sym < count; sym++) {
        classify(lang, (TSSymbol)sym);
    }
    // The error symbols live at the top of the symbol space.
    classify(lang, (TSSymbol)-1);
    classify(lang, (TSSymbol)-2);
    for (int f = 0; f < RV_F_COUNT; f++) {
        rv__field_id[f] =
            ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
    }
}

void rv_kinds_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build);
}
