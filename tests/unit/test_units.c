// SPDX-License-Identifier: MIT
// The units of incremental analysis: rv_model_units gives what a plain reference (below,
// child by child, no cursor) gives; rv_model_units_window gives, for every window between two
// units' boundaries, exactly the units there (and the head of the class whose body the window
// starts in); rv_model_unit_find finds every unit's node from its start, kind and depth. Over
// the modules given as arguments.
#include "analysis_internal.h"
#include "check.h"
#include "reviewls/parse.h"
#include "reviewls/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_unit(const struct rv_model_unit *a, const struct rv_model_unit *b) {
    return ts_node_eq(a->node, b->node) && a->kind == b->kind && a->class_depth == b->class_depth &&
           a->start_byte == b->start_byte && a->end_byte == b->end_byte &&
           (ts_node_is_null(a->stop) ? ts_node_is_null(b->stop) : ts_node_eq(a->stop, b->stop));
}

// The units by their definition: each child of the module, except that a class (decorated or
// not) whose body has two children or more is a head (up to the body's first child) and a
// unit per further child.
static void reference_units(TSNode root, struct rv_model_units *out) {
    for (uint32_t i = 0; i < ts_node_child_count(root); i++) {
        TSNode child = ts_node_child(root, i);
        TSNode cls = child;
        uint8_t depth = 1;
        if (strcmp(ts_node_type(child), "decorated_definition") == 0) {
            cls = ts_node_child_by_field_name(child, "definition", 10);
            depth = 2;
        }
        TSNode block = {0};
        if (!ts_node_is_null(cls) && strcmp(ts_node_type(cls), "class_definition") == 0) {
            block = ts_node_child_by_field_name(cls, "body", 4);
        }
        if (ts_node_is_null(block) || ts_node_child_count(block) < 2) {
            struct rv_model_unit u = {.node = child,
                                      .kind = RV_UNIT_STATEMENT,
                                      .start_byte = ts_node_start_byte(child),
                                      .end_byte = ts_node_end_byte(child)};
            rv_vec_push(&out->list, u);
            continue;
        }
        TSNode stop = ts_node_child(block, 0);
        struct rv_model_unit head = {.node = child,
                                     .stop = stop,
                                     .kind = RV_UNIT_CLASS_HEAD,
                                     .class_depth = depth,
                                     .start_byte = ts_node_start_byte(child),
                                     .end_byte = ts_node_end_byte(stop)};
        rv_vec_push(&out->list, head);
        for (uint32_t k = 1; k < ts_node_child_count(block); k++) {
            TSNode stmt = ts_node_child(block, k);
            struct rv_model_unit b = {.node = stmt,
                                      .kind = RV_UNIT_CLASS_BODY,
                                      .class_depth = depth,
                                      .start_byte = ts_node_start_byte(stmt),
                                      .end_byte = ts_node_end_byte(stmt)};
            rv_vec_push(&out->list, b);
        }
    }
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
        struct rv_model_units ref = {0};
        reference_units(root, &ref);
        bool same = all.list.len == ref.list.len;
        for (size_t i = 0; same && i < all.list.len; i++) {
            same = same_unit(&all.list.items[i], &ref.list.items[i]);
        }
        if (!same) {
            fprintf(stderr, "%s: rv_model_units differs from the reference\n", argv[a]);
        }
        CHECK(same);
        rv_vec_finish(&ref.list);
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
