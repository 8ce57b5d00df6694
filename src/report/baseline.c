// SPDX-License-Identifier: MIT
// Baselines: the findings a project accepts today, recorded in a JSON file, so that later runs
// and the editor show only new ones. Matching never uses lines: a finding is its file, rule,
// enclosing definition and message (digit runs normalised, since counts and line numbers in
// messages move with the code). Pure: the caller reads and writes the file.
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASELINE_VERSION 1

struct bl_entry {
    char *key; /* path \x1f code \x1f scope \x1f normalised message */
    size_t count;
};

struct rv_baseline {
    RV_VEC(struct bl_entry) entries; /* sorted by key, keys unique */
    char *base_dir;                  /* or NULL */
};

// Appends `s` with every run of ASCII digits replaced by one '#'.
static void put_normalised(struct rv_strbuf *sb, const char *s) {
    while (*s) {
        if (*s >= '0' && *s <= '9') {
            rv_strbuf_putc(sb, '#');
            while (*s >= '0' && *s <= '9') {
                s++;
            }
        } else {
            rv_strbuf_putc(sb, *s++);
        }
    }
}

static char *make_key(const char *path, const char *code, const char *scope, size_t scope_len,
                      const char *message) {
    struct rv_strbuf sb = {0};
    rv_strbuf_puts(&sb, path);
    rv_strbuf_putc(&sb, '\x1f');
    rv_strbuf_puts(&sb, code);
    rv_strbuf_putc(&sb, '\x1f');
    rv_strbuf_append(&sb, scope, scope_len);
    rv_strbuf_putc(&sb, '\x1f');
    put_normalised(&sb, message);
    return rv_strbuf_take(&sb);
}

// The name of the finding's enclosing definition, borrowed from the text ("" at module level).
static const char *scope_of(const struct rv_text *text, const struct rv_finding *f, size_t *len) {
    if (f->scope_end_byte > f->scope_start_byte && f->scope_end_byte <= text->len) {
        *len = f->scope_end_byte - f->scope_start_byte;
        return text->bytes + f->scope_start_byte;
    }
    *len = 0;
    return "";
}

static char *finding_key(const char *path, const struct rv_text *text, const struct rv_finding *f) {
    const struct rv_rule_info *rule = rv_rule_by_code(f->code);
    char code[16];
    snprintf(code, sizeof(code), "RV%03u", (unsigned)f->code);
    size_t scope_len;
    const char *scope = scope_of(text, f, &scope_len);
    return make_key(path, rule ? rule->code_str : code, scope, scope_len, f->message);
}

static int entry_cmp(const void *pa, const void *pb) {
    return strcmp(((const struct bl_entry *)pa)->key, ((const struct bl_entry *)pb)->key);
}

static void set_err(char *err, size_t size, const char *msg) {
    if (err && size) {
        snprintf(err, size, "%s", msg);
    }
}

struct rv_baseline *rv_baseline_load(const char *bytes, size_t len, const char *base_dir, char *err,
                                     size_t err_size) {
    json_error_t jerr;
    json_t *root = json_loadb(bytes, len, 0, &jerr);
    if (root == NULL) {
        if (err && err_size) {
            snprintf(err, err_size, "line %d: %s", jerr.line, jerr.text);
        }
        return NULL;
    }
    json_t *list = json_object_get(root, "findings");
    json_t *version = json_object_get(root, "version");
    if (!json_is_array(list) || !json_is_integer(version)) {
        set_err(err, err_size, "not a reviewls baseline (no \"version\" and \"findings\")");
        json_decref(root);
        return NULL;
    }
    if (json_integer_value(version) != BASELINE_VERSION) {
        set_err(err, err_size, "unsupported baseline version");
        json_decref(root);
        return NULL;
    }
    struct rv_baseline *bl = rv_xcalloc(1, sizeof(*bl));
    bl->base_dir = base_dir ? rv_xstrdup(base_dir) : NULL;
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        const char *path = json_string_value(json_object_get(item, "path"));
        const char *code = json_string_value(json_object_get(item, "code"));
        const char *scope = json_string_value(json_object_get(item, "scope"));
        const char *message = json_string_value(json_object_get(item, "message"));
        json_t *count = json_object_get(item, "count");
        if (!path || !code || !message) {
            char msg[96];
            snprintf(msg, sizeof(msg), "finding %zu lacks path, code or message", i);
            set_err(err, err_size, msg);
            rv_baseline_destroy(bl);
            json_decref(root);
            return NULL;
        }
        // Keys are compared the way findings are keyed, whatever the file's spelling.
        const char *rel = rv_report__relative(path, NULL);
        const struct rv_rule_info *rule = rv_rule_lookup(code);
        struct bl_entry e = {
            make_key(rel, rule ? rule->code_str : code, scope ? scope : "",
                     scope ? strlen(scope) : 0, message),
            json_is_integer(count) && json_integer_value(count) > 0
                ? (size_t)json_integer_value(count)
                : 1,
        };
        rv_vec_push(&bl->entries, e);
    }
    json_decref(root);
    if (bl->entries.len > 1) {
        qsort(bl->entries.items, bl->entries.len, sizeof(struct bl_entry), entry_cmp);
    }
    // Merge equal keys (a hand-edited file may repeat one), adding their counts.
    size_t w = 0;
    for (size_t r = 0; r < bl->entries.len; r++) {
        if (w > 0 && strcmp(bl->entries.items[w - 1].key, bl->entries.items[r].key) == 0) {
            bl->entries.items[w - 1].count += bl->entries.items[r].count;
            free(bl->entries.items[r].key);
        } else {
            bl->entries.items[w++] = bl->entries.items[r];
        }
    }
    bl->entries.len = w;
    return bl;
}

void rv_baseline_destroy(struct rv_baseline *bl) {
    if (bl == NULL) {
        return;
    }
    for (size_t i = 0; i < bl->entries.len; i++) {
        free(bl->entries.items[i].key);
    }
    rv_vec_finish(&bl->entries);
    free(bl->base_dir);
    free(bl);
}

static ptrdiff_t find_entry(const struct rv_baseline *bl, const char *key) {
    size_t lo = 0;
    size_t hi = bl->entries.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(bl->entries.items[mid].key, key);
        if (c == 0) {
            return (ptrdiff_t)mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

size_t rv_baseline_filter(const struct rv_baseline *bl, const char *path,
                          const struct rv_text *text, struct rv_findings *findings) {
    if (bl == NULL || findings->list.len == 0) {
        return 0;
    }
    const char *rel = rv_report__relative(path ? path : "", bl->base_dir);
    // Occurrences absorbed so far in this call, per entry; findings come in position order, so
    // the first N occurrences of a key are the ones hidden.
    size_t *used = rv_xcalloc(bl->entries.len + 1, sizeof(*used));
    struct rv_findings gone = {0};
    size_t w = 0;
    for (size_t i = 0; i < findings->list.len; i++) {
        struct rv_finding f = findings->list.items[i];
        char *key = finding_key(rel, text, &f);
        ptrdiff_t at = find_entry(bl, key);
        free(key);
        if (at >= 0 && used[at] < bl->entries.items[at].count) {
            used[at]++;
            rv_vec_push(&gone.list, f);
        } else {
            findings->list.items[w++] = f;
        }
    }
    findings->list.len = w;
    size_t removed = gone.list.len;
    rv_findings_finish(&gone);
    free(used);
    return removed;
}

struct build_row {
    char *key;
    const char *path;
    const struct rv_rule_info *rule;
    char *scope;
    const char *message;
};

static int build_row_cmp(const void *pa, const void *pb) {
    const struct build_row *a = pa;
    const struct build_row *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : strcmp(a->message, b->message);
}

char *rv_baseline_build(const struct rv_report_file *files, size_t n, const char *base_dir) {
    RV_VEC(struct build_row) rows = {0};
    for (size_t i = 0; i < n; i++) {
        const char *rel = rv_report__relative(files[i].path ? files[i].path : "", base_dir);
        for (size_t j = 0; files[i].findings && j < files[i].findings->list.len; j++) {
            const struct rv_finding *f = &files[i].findings->list.items[j];
            const struct rv_rule_info *rule = rv_rule_by_code(f->code);
            if (rule == NULL) {
                continue;
            }
            size_t scope_len;
            const char *scope = scope_of(files[i].text, f, &scope_len);
            struct build_row row = {finding_key(rel, files[i].text, f), rel, rule,
                                    rv_xstrndup(scope, scope_len), f->message};
            rv_vec_push(&rows, row);
        }
    }
    if (rows.len > 1) {
        qsort(rows.items, rows.len, sizeof(struct build_row), build_row_cmp);
    }
    json_t *list = json_array();
    for (size_t i = 0; i < rows.len;) {
        size_t j = i + 1;
        while (j < rows.len && strcmp(rows.items[j].key, rows.items[i].key) == 0) {
            j++;
        }
        const struct build_row *r = &rows.items[i];
        json_t *obj = json_object();
        json_object_set_new(obj, "path", rv_report__json_string(r->path));
        json_object_set_new(obj, "code", json_string(r->rule->code_str));
        json_object_set_new(obj, "name", json_string(r->rule->name));
        json_object_set_new(obj, "scope", rv_report__json_string(r->scope));
        json_object_set_new(obj, "message", rv_report__json_string(r->message));
        json_object_set_new(obj, "count", json_integer((json_int_t)(j - i)));
        json_array_append_new(list, obj);
        i = j;
    }
    for (size_t i = 0; i < rows.len; i++) {
        free(rows.items[i].key);
        free(rows.items[i].scope);
    }
    rv_vec_finish(&rows);
    json_t *root = json_object();
    json_object_set_new(root, "version", json_integer(BASELINE_VERSION));
    json_object_set_new(root, "tool", json_string("reviewls"));
    json_object_set_new(root, "findings", list);
    char *dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    char *out = rv_xasprintf("%s\n", dump ? dump : "{}");
    free(dump);
    return out;
}
