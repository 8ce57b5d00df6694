// SPDX-License-Identifier: MIT
// The model as text, for tests that compare a kept model with a fresh build's.
#ifndef RV_TEST_MODEL_TEXT_H
#define RV_TEST_MODEL_TEXT_H

#include "reviewls/analysis.h"
#include "reviewls/util.h"

#include <stdlib.h>

// The model as text, record by record, every index and flag: the document's model after an
// edit must read the same as a fresh build's of the same tree (positions, not node identities).
static inline char *model_text(const struct rv_model *m) {
    struct rv_strbuf sb = {0};
    for (size_t i = 0; i < m->nodes.len; i++) {
        const struct rv_flat_node *n = &m->nodes.items[i];
        rv_strbuf_printf(&sb, "node %zu %u-%u %u parent %u end %u\n", i,
                         ts_node_start_byte(n->node), ts_node_end_byte(n->node), n->symbol,
                         n->parent, n->end);
    }
    for (size_t i = 0; i < m->functions.len; i++) {
        const struct rv_function *f = &m->functions.items[i];
        rv_strbuf_printf(
            &sb,
            "function %zu %u class %d parent %d params %u+%u node %u body %u rows "
            "%u %u %u flags %d%d%d%d%d%d%d%d%d%d%d\n",
            i, ts_node_start_byte(f->node), f->class_index, f->parent_function, f->params_start,
            f->params_count, f->node_index, f->body_index, f->def_row, f->body_first_row,
            f->end_row, f->is_method, f->is_async, f->is_test, f->is_property, f->is_staticmethod,
            f->is_classmethod, f->is_overload, f->is_override_hook, f->returns_value, f->raises,
            // The record's node is the model's node at its index (the same
            // node, not only the same place).
            f->node_index < m->nodes.len && f->node.id == m->nodes.items[f->node_index].node.id);
    }
    for (size_t i = 0; i < m->classes.len; i++) {
        const struct rv_class *c = &m->classes.items[i];
        rv_strbuf_printf(&sb, "class %zu %u parent %d function %d test %d methods %u\n", i,
                         ts_node_start_byte(c->node), c->parent_class, c->parent_function,
                         c->is_test, c->method_count);
    }
    for (size_t i = 0; i < m->params.len; i++) {
        rv_strbuf_printf(&sb, "param %zu %u function %u\n", i,
                         ts_node_start_byte(m->params.items[i].node), m->params.items[i].function);
    }
    for (size_t i = 0; i < m->bindings.len; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        rv_strbuf_printf(&sb, "binding %zu %u+%u kind %d function %d class %d first %d %d %d\n", i,
                         ts_node_start_byte(b->name), b->name_len, (int)b->kind, b->function,
                         b->class_index, b->first_in_scope, b->annotated, b->class_body);
    }
    for (size_t i = 0; i < m->imports.len; i++) {
        const struct rv_import *im = &m->imports.items[i];
        rv_strbuf_printf(&sb, "import %zu %u %s %s %s\n", i, ts_node_start_byte(im->node),
                         im->module ? im->module : "-", im->name ? im->name : "-",
                         im->local ? im->local : "-");
    }
    for (size_t i = 0; i < m->comments.len; i++) {
        rv_strbuf_printf(&sb, "comment %u\n", ts_node_start_byte(m->comments.items[i]));
    }
    for (size_t i = 0; i < m->calls.len; i++) {
        rv_strbuf_printf(&sb, "call %u\n", ts_node_start_byte(m->calls.items[i]));
    }
    rv_strbuf_printf(&sb, "counters %u %u %u\n", m->top_level_functions, m->module_variables,
                     m->empty_blocks);
    return rv_strbuf_take(&sb);
}

#endif
