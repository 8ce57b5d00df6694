// SPDX-License-Identifier: MIT
// Node kinds and field ids of the Python grammar as small integers, looked up once, so that hot
// walks compare integers instead of calling ts_node_type and strcmp for every node. Internal to
// analysis/.
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

/* The kinds the analysis tests often; every other symbol is RV_K_OTHER. */
#define RV_KIND_LIST(X)                                                                            \
    X(ALIASED_IMPORT, "aliased_import")                                                            \
    X(ARGUMENT_LIST, "argument_list")                                                              \
    X(AS_PATTERN, "as_pattern")                                                                    \
    X(ASSERT_STATEMENT, "assert_statement")                                                        \
    X(ASSIGNMENT, "assignment")                                                                    \
    X(ASYNC, "async")                                                                              \
    X(ATTRIBUTE, "attribute")                                                                      \
    X(AUGMENTED_ASSIGNMENT, "augmented_assignment")                                                \
    X(BINARY_OPERATOR, "binary_operator")                                                          \
    X(BLOCK, "block")                                                                              \
    X(BOOLEAN_OPERATOR, "boolean_operator")                                                        \
    X(CALL, "call")                                                                                \
    X(CASE_CLAUSE, "case_clause")                                                                  \
    X(CLASS_DEFINITION, "class_definition")                                                        \
    X(COMMENT, "comment")                                                                          \
    X(COMPARISON_OPERATOR, "comparison_operator")                                                  \
    X(CONCATENATED_STRING, "concatenated_string")                                                  \
    X(CONDITIONAL_EXPRESSION, "conditional_expression")                                            \
    X(DECORATED_DEFINITION, "decorated_definition")                                                \
    X(DECORATOR, "decorator")                                                                      \
    X(DEFAULT_PARAMETER, "default_parameter")                                                      \
    X(DICTIONARY, "dictionary")                                                                    \
    X(DICTIONARY_SPLAT_PATTERN, "dictionary_splat_pattern")                                        \
    X(DOTTED_NAME, "dotted_name")                                                                  \
    X(ELIF_CLAUSE, "elif_clause")                                                                  \
    X(EXCEPT_CLAUSE, "except_clause")                                                              \
    X(EXCEPT_GROUP_CLAUSE, "except_group_clause")                                                  \
    X(EXPRESSION_LIST, "expression_list")                                                          \
    X(EXPRESSION_STATEMENT, "expression_statement")                                                \
    X(FALSE, "false")                                                                              \
    X(FLOAT, "float")                                                                              \
    X(FOR_IN_CLAUSE, "for_in_clause")                                                              \
    X(FOR_STATEMENT, "for_statement")                                                              \
    X(FUNCTION_DEFINITION, "function_definition")                                                  \
    X(GLOBAL_STATEMENT, "global_statement")                                                        \
    X(IDENTIFIER, "identifier")                                                                    \
    X(IF_CLAUSE, "if_clause")                                                                      \
    X(IF_STATEMENT, "if_statement")                                                                \
    X(IMPORT_FROM_STATEMENT, "import_from_statement")                                              \
    X(IMPORT_STATEMENT, "import_statement")                                                        \
    X(INTEGER, "integer")                                                                          \
    X(KEYWORD_ARGUMENT, "keyword_argument")                                                        \
    X(LAMBDA, "lambda")                                                                            \
    X(LIST, "list")                                                                                \
    X(LIST_PATTERN, "list_pattern")                                                                \
    X(LIST_SPLAT, "list_splat")                                                                    \
    X(LIST_SPLAT_PATTERN, "list_splat_pattern")                                                    \
    X(MATCH_STATEMENT, "match_statement")                                                          \
    X(NAMED_EXPRESSION, "named_expression")                                                        \
    X(NONE, "none")                                                                                \
    X(NONLOCAL_STATEMENT, "nonlocal_statement")                                                    \
    X(PAIR, "pair")                                                                                \
    X(PARENTHESIZED_EXPRESSION, "parenthesized_expression")                                        \
    X(PATTERN_LIST, "pattern_list")                                                                \
    X(RAISE_STATEMENT, "raise_statement")                                                          \
    X(RETURN_STATEMENT, "return_statement")                                                        \
    X(SET, "set")                                                                                  \
    X(STRING, "string")                                                                            \
    X(SUBSCRIPT, "subscript")                                                                      \
    X(TUPLE, "tuple")                                                                              \
    X(TRUE, "true")                                                                                \
    X(TUPLE_PATTERN, "tuple_pattern")                                                              \
    X(TYPED_DEFAULT_PARAMETER, "typed_default_parameter")                                          \
    X(TYPED_PARAMETER, "typed_parameter")                                                          \
    X(UNARY_OPERATOR, "unary_operator")                                                            \
    X(WHILE_STATEMENT, "while_statement")                                                          \
    X(WITH_ITEM, "with_item")                                                                      \
    X(YIELD, "yield")

#define RV_KIND_ENUM(id, name) RV_K_##id,
enum rv_kind {
    RV_K_OTHER = 0,
    RV_KIND_LIST(RV_KIND_ENUM) RV_K_COUNT,
};
#undef RV_KIND_ENUM

/* Fields read in hot paths. */
#define RV_FIELD_LIST(X)                                                                           \
    X(ALIAS, "alias")                                                                              \
    X(ARGUMENTS, "arguments")                                                                      \
    X(ATTRIBUTE, "attribute")                                                                      \
    X(BODY, "body")                                                                                \
    X(DEFINITION, "definition")                                                                    \
    X(FUNCTION, "function")                                                                        \
    X(LEFT, "left")                                                                                \
    X(MODULE_NAME, "module_name")                                                                  \
    X(NAME, "name")                                                                                \
    X(OBJECT, "object")                                                                            \
    X(PARAMETERS, "parameters")                                                                    \
    X(RETURN_TYPE, "return_type")                                                                  \
    X(RIGHT, "right")                                                                              \
    X(SUPERCLASSES, "superclasses")                                                                \
    X(TYPE, "type")                                                                                \
    X(VALUE, "value")

#define RV_FIELD_ENUM(id, name) RV_F_##id,
enum rv_field {
    RV_FIELD_LIST(RV_FIELD_ENUM) RV_F_COUNT,
};
#undef RV_FIELD_ENUM

/* Filled once by rv_kinds_init; read-only afterwards, so any thread may read them. */
extern uint8_t rv__kind_of_symbol[65536];
extern bool rv__symbol_is_statement[65536]; /* the name ends in _statement, or is a definition */
extern bool rv__symbol_named[65536]; /* ts_node_is_named of a node with this ts_node_symbol */
extern TSFieldId rv__field_id[RV_F_COUNT];

/** Fills the tables (thread-safe, once per process). rv_model_build calls it. */
void rv_kinds_init(void);

/** The kind of a node: equal kinds mean equal ts_node_type names. `node` must not be null. */
static inline enum rv_kind rv_kind(TSNode node) {
    return (enum rv_kind)rv__kind_of_symbol[ts_node_symbol(node)];
}

/** Like rv_kind, but a null node is RV_K_OTHER. */
static inline enum rv_kind rv_kind_or_other(TSNode node) {
    return ts_node_is_null(node) ? RV_K_OTHER : rv_kind(node);
}

static inline bool rv_is(TSNode node, enum rv_kind kind) {
    return !ts_node_is_null(node) && rv_kind(node) == kind;
}

/** The id of a field by name (0 when the grammar has none), by binary search. */
TSFieldId rv_field_id_by_name(const char *name);

/** ts_node_child_by_field_name without the name lookup. */
static inline TSNode rv_field(TSNode node, enum rv_field field) {
    return ts_node_child_by_field_id(node, rv__field_id[field]);
}
