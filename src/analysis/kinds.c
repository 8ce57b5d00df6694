// SPDX-License-Identifier: MIT
// Builds the symbol -> kind and field tables of kinds.h from the grammar's own names, so that
// a kind test means exactly what strcmp(ts_node_type(node), name) meant.
#include "kinds.h"

#include "reviewls/parse.h"
#include "reviewls/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint8_t rv__kind_of_symbol[65536];
bool rv__symbol_is_statement[65536];
bool rv__symbol_named[65536];
TSFieldId rv__field_id[RV_F_COUNT];

#define RV_KIND_NAME(id, name) name,
static const char *const kind_names[RV_K_COUNT] = {NULL, RV_KIND_LIST(RV_KIND_NAME)};
#undef RV_KIND_NAME
#define RV_FIELD_NAME(id, name) name,
static const char *const field_names[RV_F_COUNT] = {RV_FIELD_LIST(RV_FIELD_NAME)};
#undef RV_FIELD_NAME

// Every field of the grammar, sorted by name, for rv_field_id_by_name's binary search.
struct field_entry {
    const char *name;
    TSFieldId id;
};
static struct field_entry all_fields[256];
static size_t all_fields_len;

static int cmp_field(const void *a, const void *b) {
    return strcmp(((const struct field_entry *)a)->name, ((const struct field_entry *)b)->name);
}

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
    // ts_node_symbol gives the public symbol (of the alias, if any), which has the name and the
    // named-ness of the node's own symbol: so this is what ts_node_is_named says.
    rv__symbol_named[sym] = ts_language_symbol_type(lang, sym) == TSSymbolTypeRegular;
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
    uint32_t fields = ts_language_field_count(lang);
    for (uint32_t id = 1; id <= fields && all_fields_len < RV_ARRAY_LEN(all_fields); id++) {
        const char *name = ts_language_field_name_for_id(lang, (TSFieldId)id);
        if (name != NULL) {
            all_fields[all_fields_len++] = (struct field_entry){name, (TSFieldId)id};
        }
    }
    qsort(all_fields, all_fields_len, sizeof(all_fields[0]), cmp_field);
    for (int f = 0; f < RV_F_COUNT; f++) {
        rv__field_id[f] =
            ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
    }
}

void rv_kinds_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build);
}

TSFieldId rv_field_id_by_name(const char *name) {
    rv_kinds_init();
    size_t lo = 0;
    size_t hi = all_fields_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(all_fields[mid].name, name);
        if (c == 0) {
            return all_fields[mid].id;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}
