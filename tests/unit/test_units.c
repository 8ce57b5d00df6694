// SPDX-License-Identifier: MIT
// The units of incremental analysis read around an edit: rv_model_units_window gives, for
// every window between two units' boundaries, exactly the units rv_model_units gives there
// (and the head of the class whose body the window starts in), and rv_model_unit_find finds
// every unit's node from its start, kind and depth. Over the modules given as arguments.
#include "analysis_internal.h"
#include "check.h"
#include "reviewls/parse.h"
#include "reviewls/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static bool same_unit(const struct rv_model_unit *a, const struct rv_model_unit *b) {
    return ts_node_eq(a->node, b->node) && a->kind == b->kind && a->class_depth == b->class_depth &&
           a->start_byte == b->start_byte && a->end_byte == b->end_byte &&
           (ts_node_is_null(a->stop) ? ts_node_is_null(b->stop) : ts_node_eq(a->stop, b->stop));
}

// The head of the class whose body holds unit i, or SIZE_MAX.
static size_t head_of(const struct rv_model_units *all, size_t i) {
    if (all->list.items[i].kind != RV_UNIT_CLASS_BODY) {
        return SIZE_MAX;
    }
    while (i > 0 && all->list.items[i].kind == RV_UNIT_CLASS_BODY) {
        i--;
    }
    return i;
}

static void check_windows(const char *path, const struct rv_model_units *all, TSNode root) {
    size_t n = all->list.len;
    size_t bad = 0;
    size_t heads = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i; j < n && j < i + 4; j++) {
            uint32_t lo = all->list.items[i].start_byte;
            uint32_t hi = j + 1 == n ? UINT32_MAX : all->list.items[j].end_byte;
            struct rv_model_units w = {0};
            struct rv_model_unit head;
            bool ok = rv_model_units_window(root, lo, hi, &w, &head);
            bool same = ok && w.list.len == j - i + 1;
            for (size_t k = 0; same && k < w.list.len; k++) {
                same = same_unit(&w.list.items[k], &all->list.items[i + k]);
            }
            size_t h = head_of(all, i);
            if (h == SIZE_MAX) {
                same = same && head.kind == RV_UNIT_STATEMENT;
            } else {
                same = same && same_unit(&head, &all->list.items[h]);
                heads++;
            }
            if (!same && bad++ < 5) {
                fprintf(stderr, "%s: window of units %zu-%zu (bytes %u-%u) differs\n", path, i, j,
                        lo, hi);
            }
            rv_vec_finish(&w.list);
        }
        struct rv_model_unit u = all->list.items[i];
        u.node = (TSNode){0};
        u.stop = (TSNode){0};
        bool found = rv_model_unit_find(root, &u);
        if (!(found && same_unit(&u, &all->list.items[i])) && bad++ < 5) {
            fprintf(stderr, "%s: unit %zu (bytes %u-%u) not found\n", path, i,
                    all->list.items[i].start_byte, all->list.items[i].end_byte);
        }
    }
    CHECK_EQ_INT(bad, 0);
    fprintf(stderr, "%s: %zu units, %zu windows inside a class's body\n", path, n, heads);
}

// A window that starts inside a statement is refused, and a unit that is not there is not
// found.
static void check_refusals(const struct rv_model_units *all, TSNode root) {
    for (size_t i = 0; i < all->list.len; i++) {
        const struct rv_model_unit *u = &all->list.items[i];
        if (u->kind != RV_UNIT_STATEMENT || u->end_byte - u->start_byte < 2) {
            continue;
        }
        struct rv_model_units w = {0};
        struct rv_model_unit head;
        CHECK(!rv_model_units_window(root, u->start_byte + 1, UINT32_MAX, &w, &head));
        rv_vec_finish(&w.list);
        struct rv_model_unit moved = *u;
        moved.start_byte++;
        CHECK(!rv_model_unit_find(root, &moved));
        struct rv_model_unit as_body = *u;
        as_body.kind = RV_UNIT_CLASS_BODY;
        as_body.class_depth = 1;
        CHECK(!rv_model_unit_find(root, &as_body));
        return;
    }
}

int main(int argc, char **argv) {
    rv_parse_global_init();
    TSParser *parser = rv_python_parser_create();
    size_t with_heads = 0;
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        CHECK(f != NULL);
        if (f == NULL) {
            continue;
        }
        static char buf[1 << 20];
        size_t len = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        struct rv_text text;
        rv_text_init(&text, buf, len);
        TSTree *tree = rv_parse_text(parser, &text, NULL);
        TSNode root = ts_tree_root_node(tree);
        struct rv_model_units all = {0};
        rv_model_units(root, &all);
        CHECK(all.list.len > 0);
        check_windows(argv[a], &all, root);
        check_refusals(&all, root);
        for (size_t i = 0; i < all.list.len; i++) {
            with_heads += all.list.items[i].kind == RV_UNIT_CLASS_HEAD;
        }
        rv_vec_finish(&all.list);
        ts_tree_delete(tree);
        rv_text_finish(&text);
    }
    CHECK(with_heads > 0); // the modules given hold split classes
    ts_parser_delete(parser);
    return CHECK_DONE();
}
