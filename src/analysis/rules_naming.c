// SPDX-License-Identifier: MIT
// The naming-consistency family (RV101-RV106): learns the file's dominant style for each kind of
// name (functions, parameters, locals, attributes, module variables, classes) from the model's
// bindings and reports the definitions that break it, with a converted name as the fix. It judges
// only names this file defines, never uses of another module's API.
#include "analysis_internal.h"
#include "kinds.h"
#include "reviewls/analysis.h"

#include <stdlib.h>
#include <string.h>

/* Styles as bits: a name may fit several (a one-word lowercase name is snake_case and camelCase).
 */
enum style {
    ST_SNAKE = 1u << 0,
    ST_CAMEL = 1u << 1,
    ST_PASCAL = 1u << 2,
    ST_UPPER = 1u << 3,
    ST_MIXED = 1u << 4,
};

#define STYLE_COUNT 5

static const char *const style_names[STYLE_COUNT] = {
    "snake_case", "camelCase", "PascalCase", "UPPER_CASE", "mixed_Case",
};

static int style_index(unsigned bit) {
    for (int i = 0; i < STYLE_COUNT; i++) {
        if (bit == (1u << i)) {
            return i;
        }
    }
    return STYLE_COUNT - 1;
}

static bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static char to_lower(char c) {
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static char to_upper(char c) {
    return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

/* A name split into its leading underscores, core and trailing underscores. */
struct parts {
    const char *core;
    size_t core_len;
    size_t pre;  /* leading underscores */
    size_t post; /* trailing underscores */
};

static struct parts split_affixes(const char *s, size_t len) {
    struct parts p = {s, len, 0, 0};
    while (p.pre < len && s[p.pre] == '_') {
        p.pre++;
    }
    while (p.post < len - p.pre && s[len - 1 - p.post] == '_') {
        p.post++;
    }
    p.core = s + p.pre;
    p.core_len = len - p.pre - p.post;
    return p;
}

// Returns the mask of styles the core fits, or 0 when it has no letters. Only ASCII identifiers
// are judged; a non-ASCII byte makes the name unjudged.
static unsigned classify(const char *s, size_t len) {
    bool lower = false;
    bool upper = false;
    bool underscore = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (is_lower(c)) {
            lower = true;
        } else if (is_upper(c)) {
            upper = true;
        } else if (c == '_') {
            underscore = true;
        } else if (!is_digit(c)) {
            return 0;
        }
    }
    if (!lower && !upper) {
        return 0;
    }
    if (!upper) {
        return underscore ? ST_SNAKE : ST_SNAKE | ST_CAMEL;
    }
    if (!lower) {
        return underscore ? ST_UPPER : ST_UPPER | ST_PASCAL;
    }
    if (underscore) {
        return ST_MIXED;
    }
    return is_lower(s[0]) || is_digit(s[0]) ? ST_CAMEL : ST_PASCAL;
}

struct word {
    const char *s;
    size_t len;
};

#define MAX_WORDS 64

// Splits a core into words at underscores and case changes. An acronym ends before a capital
// that starts a lowercase word (HTTPResponse -> HTTP Response), except a plural `s`
// (getURLs -> get URLs). Digits stay with the word before them (md5Sum -> md5 Sum).
static size_t split_words(const char *s, size_t len, struct word *out) {
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == '_') {
            i++;
        }
        if (i >= len) {
            break;
        }
        size_t start = i++;
        while (i < len && s[i] != '_') {
            char prev = s[i - 1];
            char c = s[i];
            bool next_lower = i + 1 < len && is_lower(s[i + 1]);
            bool plural = i + 1 < len && s[i + 1] == 's' && (i + 2 >= len || !is_lower(s[i + 2]));
            if (is_upper(c) && (is_lower(prev) || is_digit(prev))) {
                break;
            }
            if (is_upper(c) && is_upper(prev) && next_lower && !plural) {
                break;
            }
            i++;
        }
        if (n == MAX_WORDS) {
            out[n - 1].len = (size_t)(s + i - out[n - 1].s);
        } else {
            out[n].s = s + start;
            out[n].len = i - start;
            n++;
        }
    }
    return n;
}

// Renders `name` in `style`, keeping its leading and trailing underscores. Caller frees.
static char *convert(const char *name, size_t len, unsigned style) {
    struct parts p = split_affixes(name, len);
    struct word words[MAX_WORDS];
    size_t n = split_words(p.core, p.core_len, words);
    struct rv_strbuf sb = {0};
    rv_strbuf_append(&sb, name, p.pre);
    for (size_t w = 0; w < n; w++) {
        if (w > 0 && (style == ST_SNAKE || style == ST_UPPER)) {
            rv_strbuf_putc(&sb, '_');
        }
        for (size_t i = 0; i < words[w].len; i++) {
            char c = words[w].s[i];
            bool capital = style == ST_UPPER ||
                           (i == 0 && (style == ST_PASCAL || (style == ST_CAMEL && w > 0)));
            rv_strbuf_putc(&sb, capital ? to_upper(c) : to_lower(c));
        }
    }
    rv_strbuf_append(&sb, name + len - p.post, p.post);
    return rv_strbuf_take(&sb);
}

static bool has_prefix(const char *s, size_t len, const char *prefix) {
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

// Methods whose names a base class imposes: overriding them under another name would not work.
static const char *const framework_methods[] = {
    /* unittest.TestCase and TestResult */
    "setUp",
    "tearDown",
    "setUpClass",
    "tearDownClass",
    "setUpModule",
    "tearDownModule",
    "asyncSetUp",
    "asyncTearDown",
    "addCleanup",
    "addClassCleanup",
    "addAsyncCleanup",
    "doCleanups",
    "doClassCleanups",
    "enterContext",
    "enterClassContext",
    "countTestCases",
    "defaultTestResult",
    "shortDescription",
    "subTest",
    "skipTest",
    "startTest",
    "stopTest",
    "startTestRun",
    "stopTestRun",
    "addSuccess",
    "addFailure",
    "addError",
    "addSkip",
    "addExpectedFailure",
    "addUnexpectedSuccess",
    "addSubTest",
    "addDuration",
    "wasSuccessful",
    "printErrors",
    "printErrorList",
    "getDescription",
    "loadTestsFromTestCase",
    "loadTestsFromModule",
    "loadTestsFromName",
    "getTestCaseNames",
    "load_tests",
    /* logging */
    "emit",
    "makeRecord",
    "handleError",
    "createLock",
    "setFormatter",
    "getMessage",
    "formatTime",
    "formatException",
    "formatStack",
    "usesTime",
    "formatMessage",
    "setLevel",
    "findCaller",
    /* ast.NodeVisitor / NodeTransformer */
    "generic_visit",
    /* xml.sax handlers */
    "startDocument",
    "endDocument",
    "startElement",
    "endElement",
    "startElementNS",
    "endElementNS",
    "startPrefixMapping",
    "endPrefixMapping",
    "ignorableWhitespace",
    "processingInstruction",
    "setDocumentLocator",
    "skippedEntity",
    /* Twisted protocols and factories */
    "connectionMade",
    "connectionLost",
    "dataReceived",
    "lineReceived",
    "rawDataReceived",
    "buildProtocol",
    "startFactory",
    "stopFactory",
    "clientConnectionFailed",
    "clientConnectionLost",
    "startedConnecting",
    "makeConnection",
    /* Qt */
    "sizeHint",
    "minimumSizeHint",
    "rowCount",
    "columnCount",
    "headerData",
    "setData",
    "flags",
    "eventFilter",
    "timerEvent",
    NULL,
};
static struct rv_word_set framework_method_set = RV_WORD_SET(framework_methods);

// Returns true when a definition's name is imposed by a framework or a protocol it implements.
static bool framework_method(const char *s, size_t len) {
    if (rv_word_set_has(&framework_method_set, s, len)) {
        return true;
    }
    // ast.NodeVisitor and docutils hooks: visit_Name, visitNode, depart_paragraph, leave_Call.
    static const char *const hook_prefixes[] = {"visit", "depart", "leave", "enter"};
    for (size_t i = 0; i < RV_ARRAY_LEN(hook_prefixes); i++) {
        size_t n = strlen(hook_prefixes[i]);
        if (has_prefix(s, len, hook_prefixes[i]) && len > n + 1 &&
            (s[n] == '_' || is_upper(s[n]))) {
            return true;
        }
    }
    // http.server's do_GET, do_POST...; unittest-style assertion helpers (assertHostUp) that
    // mirror the base class's camelCase; Qt's event handlers (keyPressEvent).
    if (has_prefix(s, len, "do_") && len > 3 && is_upper(s[3])) {
        return true;
    }
    if ((has_prefix(s, len, "assert") && len > 6 && is_upper(s[6])) ||
        (has_prefix(s, len, "fail") && len > 4 && is_upper(s[4]))) {
        return true;
    }
    if (len > 5 && memcmp(s + len - 5, "Event", 5) == 0 && is_lower(s[0])) {
        return true;
    }
    return false;
}

// Instance attributes a base class reads under its own name (unittest's maxDiff).
static const char *const framework_attributes[] = {
    "maxDiff", "longMessage", "failureException", "_testMethodName", "_testMethodDoc", NULL,
};

/* ------------------------------------------------------------------------------------------ */

enum kind {
    K_FUNCTION,
    K_PARAM,
    K_LOCAL,
    K_ATTRIBUTE,
    K_MODULE_VAR,
    K_CLASS,
    K_COUNT,
};

struct kind_info {
    uint16_t code;
    const char *plural; /* for messages: "9 of 11 <plural> in this file" */
    const char *pep8_noun;
    unsigned pep8;
};

static const struct kind_info kinds[K_COUNT] = {
    [K_FUNCTION] = {101, "function and method names", "functions", ST_SNAKE},
    [K_PARAM] = {102, "parameter names", "parameters", ST_SNAKE},
    [K_LOCAL] = {103, "local variable names", "local variables", ST_SNAKE},
    [K_ATTRIBUTE] = {104, "attribute names", "instance attributes", ST_SNAKE},
    [K_MODULE_VAR] = {105, "module variable names", "module variables", ST_SNAKE},
    [K_CLASS] = {106, "class names", "classes", ST_PASCAL},
};

struct entry {
    const struct rv_binding *b;
    const char *name;
    size_t len;
    unsigned mask;
};

struct ctx {
    const struct rv_rule_ctx *rc;
    RV_VEC(struct entry) entries[K_COUNT];
    /* The memo holds each kind's judgement of the whole file (judge): a ranged run collects
     * the names in its range only, and of the functions outside it those named like one inside
     * (an override is told by the names before it). */
    bool remembered;
    unsigned only; /* when not 0, the kinds (a bit per enum kind) collected, else every one */
};

/* The names of the functions in a ranged run's range (few: the run is a statement or two). */
struct range_names {
    RV_VEC(struct entry) list;
};

static bool range_names_has(const struct range_names *r, const char *name, size_t len) {
    for (size_t i = 0; i < r->list.len; i++) {
        if (r->list.items[i].len == len && memcmp(r->list.items[i].name, name, len) == 0) {
            return true;
        }
    }
    return false;
}

// The memo's facts, per kind k at facts[MEMO_WORDS * k]: whether the convention was learned
// and the dominant style; the dominant style's count and the number of definite names; the
// bindings (indices into the model's) of the first three names in the dominant style, the
// evidence. They follow from names and flags (and the outline's module variables), which a
// ranged run finds unchanged, so binding indices are too.
enum { MEMO_WORDS = 4 };
/* In a kind's first word: judge() wrote the kind's words (a kind with no name leaves them). */
#define MEMO_JUDGED (1ULL << 8)
#define MEMO_NONE UINT32_MAX
_Static_assert(MEMO_WORDS *K_COUNT <= RV_ARRAY_LEN(((struct rv_family_memo *)0)->facts),
               "the memo holds every kind");

static bool is_literal(TSNode node) {
    switch (rv_kind(node)) {
    case RV_K_STRING:
    case RV_K_CONCATENATED_STRING:
    case RV_K_INTEGER:
    case RV_K_FLOAT:
    case RV_K_TRUE:
    case RV_K_FALSE:
    case RV_K_NONE:
    case RV_K_LIST:
    case RV_K_DICTIONARY:
    case RV_K_TUPLE:
    case RV_K_SET:
    case RV_K_UNARY_OPERATOR:
        return true;
    default:
        return false;
    }
}

// A PascalCase module variable bound to a call or an alias is a class-like object (a TypeVar,
// a namedtuple, a declarative base, a type alias); only one bound to a literal is a variable.
static bool module_var_is_type_like(const struct rv_model *m, TSNode name) {
    TSNode parent = rv_model_parent(m, name);
    if (!rv_is(parent, RV_K_ASSIGNMENT)) {
        return true;
    }
    TSNode right = rv_field(parent, RV_F_RIGHT);
    return ts_node_is_null(right) || !is_literal(right);
}

static const struct rv_function *function_named(const struct rv_model *m, TSNode name,
                                                size_t *cursor) {
    uint32_t target = ts_node_start_byte(name);
    while (*cursor < m->functions.len &&
           ts_node_start_byte(m->functions.items[*cursor].name) < target) {
        (*cursor)++;
    }
    if (*cursor < m->functions.len && ts_node_eq(m->functions.items[*cursor].name, name)) {
        return &m->functions.items[*cursor];
    }
    return NULL;
}

static bool is_self_param(const struct rv_model *m, const struct rv_binding *b) {
    if (b->function < 0) {
        return false;
    }
    const struct rv_function *fn = &m->functions.items[b->function];
    if (fn->params_count == 0) {
        return false;
    }
    const struct rv_param *p = &m->params.items[fn->params_start];
    return p->kind == RV_PARAM_SELF && ts_node_eq(p->name, b->name);
}

uint64_t rv__local_name_style(const char *name, size_t len) {
    struct parts p = split_affixes(name, len);
    if ((p.pre >= 2 && p.post >= 2) || p.core_len <= 1) {
        return 0; // as collect(): dunders and one-letter names say nothing about a style
    }
    return 1 + (uint64_t)classify(p.core, p.core_len);
}

static int kind_of(const struct rv_binding *b) {
    switch (b->kind) {
    case RV_BIND_FUNCTION:
    case RV_BIND_METHOD:
        return K_FUNCTION;
    case RV_BIND_PARAM:
        return K_PARAM;
    case RV_BIND_LOCAL:
    case RV_BIND_LOOP_VAR:
    case RV_BIND_WITH_VAR:
        return b->function >= 0 ? K_LOCAL : -1;
    case RV_BIND_ATTRIBUTE:
        return K_ATTRIBUTE;
    case RV_BIND_MODULE_VAR:
        return K_MODULE_VAR;
    case RV_BIND_CLASS:
        return K_CLASS;
    case RV_BIND_CLASS_VAR:
    case RV_BIND_COMPREHENSION_VAR:
    case RV_BIND_EXCEPT_VAR:
    case RV_BIND_IMPORT:
    case RV_BIND_GLOBAL:
    case RV_BIND_KIND_COUNT:
        return -1;
    }
    return -1;
}

// The function names judged so far, for "an override repeats its base's name": an open-
// addressing table of entry indices (+1) into entries[K_FUNCTION], by the name's hash.
struct name_set {
    uint32_t *slots;
    size_t cap;
    size_t len;
};

static uint64_t name_hash(const char *s, size_t len) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    return h;
}

static bool name_set_has(const struct name_set *set, const struct entry *items, const char *name,
                         size_t len) {
    if (set->cap == 0) {
        return false;
    }
    for (size_t j = name_hash(name, len) & (set->cap - 1); set->slots[j];
         j = (j + 1) & (set->cap - 1)) {
        const struct entry *e = &items[set->slots[j] - 1];
        if (e->len == len && memcmp(e->name, name, len) == 0) {
            return true;
        }
    }
    return false;
}

static void name_set_put(struct name_set *set, const struct entry *items, size_t index) {
    if ((set->len + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        uint32_t *slots = rv_xcalloc(cap, sizeof(uint32_t));
        for (size_t i = 0; i < set->cap; i++) {
            if (set->slots[i]) {
                const struct entry *e = &items[set->slots[i] - 1];
                size_t j = name_hash(e->name, e->len) & (cap - 1);
                while (slots[j]) {
                    j = (j + 1) & (cap - 1);
                }
                slots[j] = set->slots[i];
            }
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    const struct entry *e = &items[index];
    size_t j = name_hash(e->name, e->len) & (set->cap - 1);
    while (set->slots[j]) {
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = (uint32_t)index + 1;
    set->len++;
}

static bool same_text(const struct rv_text *text, TSNode a, TSNode b) {
    size_t alen;
    size_t blen;
    const char *as = rv_node_text(text, a, &alen);
    const char *bs = rv_node_text(text, b, &blen);
    return alen == blen && memcmp(as, bs, alen) == 0;
}

// Bases whose API is camelCase (xml.dom, xml.sax, logging, Qt): a subclass's public methods
// extend that API in its style. unittest is left out: a test's own helpers follow the file (its
// hooks and assertions are in framework_methods).
static const char *const camel_bases[] = {
    "Node",           "Document",          "Element",      "DOMImplementation",
    "ContentHandler", "DTDHandler",        "ErrorHandler", "EntityResolver",
    "XMLReader",      "IncrementalParser", "Locator",      "InputSource",
    "XMLFilterBase",  "Handler",           "Formatter",    "Filter",
    "Logger",         "LoggerAdapter",     "QObject",      "QWidget",
    "QMainWindow",    "QDialog",           NULL,
};
static struct rv_word_set camel_base_set = RV_WORD_SET(camel_bases);

// Does class `index` derive, directly or through classes of this file, from a camelCase API?
static bool derives_camel_api(const struct rv_rule_ctx *rc, int32_t index, int depth) {
    const struct rv_model *m = rc->model;
    TSNode list = rv_field(m->classes.items[index].node, RV_F_SUPERCLASSES);
    uint32_t n = ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
    for (uint32_t i = 0; i < n && depth < 8; i++) {
        TSNode base = ts_node_named_child(list, i);
        if (rv_is(base, RV_K_ATTRIBUTE)) {
            base = rv_field(base, RV_F_ATTRIBUTE);
        }
        if (!rv_is(base, RV_K_IDENTIFIER)) {
            continue;
        }
        size_t len;
        const char *name = rv_node_text(rc->text, base, &len);
        if (rv_word_set_has(&camel_base_set, name, len)) {
            return true;
        }
        for (size_t c = 0; c < m->classes.len; c++) {
            if ((int32_t)c != index && !ts_node_is_null(m->classes.items[c].name) &&
                same_text(rc->text, m->classes.items[c].name, base) &&
                derives_camel_api(rc, (int32_t)c, depth + 1)) {
                return true;
            }
        }
    }
    return false;
}

// Names whose shape a convention other than the file's dictates: accessors that mirror a
// camelCase attribute (`_get_nodeName`, `_set_entityResolver`), command dispatch methods
// (`smtp_DATA`, like http.server's `do_GET`) and PascalCase factories that stand in for a class
// (`def Value(...)`, `def Manager(self)`).
static bool shape_imposed(const char *s, size_t len, unsigned mask) {
    if (mask == ST_PASCAL) {
        return true;
    }
    if (mask != ST_MIXED) {
        return false;
    }
    size_t i = 0;
    while (i < len && s[i] == '_') {
        i++;
    }
    static const char *const accessors[] = {"get_", "set_", "del_"};
    for (size_t a = 0; a < RV_ARRAY_LEN(accessors); a++) {
        if (has_prefix(s + i, len - i, accessors[a])) {
            const char *rest = s + i + 4;
            size_t rlen = len - i - 4;
            return rlen > 0 && classify(rest, rlen) == ST_CAMEL;
        }
    }
    size_t us = len;
    while (us > 0 && s[us - 1] != '_') {
        us--;
    }
    return us > 1 && us < len && classify(s + us, len - us) == (ST_UPPER | ST_PASCAL) &&
           classify(s, us - 1) == (ST_SNAKE | ST_CAMEL);
}

// The model's record of the parameter that binding `b` binds, or NULL.
static const struct rv_param *param_of(const struct rv_model *m, const struct rv_binding *b) {
    if (b->function < 0) {
        return NULL;
    }
    const struct rv_function *fn = &m->functions.items[b->function];
    for (uint32_t i = 0; i < fn->params_count; i++) {
        const struct rv_param *p = &m->params.items[fn->params_start + i];
        if (ts_node_eq(p->name, b->name)) {
            return p;
        }
    }
    return NULL;
}

// `_WaitForSingleObject=_winapi.WaitForSingleObject`, `Link=_Link`: a parameter that binds a
// global as a fast local keeps the global's name. Every parameter is asked (its answer counts
// toward the file's style even outside an incremental run's range), so the default is read
// from the model's parameter record: a name's parent is a (typed_)default_parameter exactly
// when the record holds its `value`, which spares a parent lookup and a field search.
static bool binds_global(const struct rv_rule_ctx *rc, const struct rv_binding *b) {
    TSNode name = b->name;
    const struct rv_param *param = param_of(rc->model, b);
    TSNode value;
    if (param != NULL) {
        value = param->default_value;
        if (ts_node_is_null(value)) {
            return false;
        }
    } else {
        TSNode parent = rv_model_parent(rc->model, name);
        if (!rv_is(parent, RV_K_DEFAULT_PARAMETER) &&
            !rv_is(parent, RV_K_TYPED_DEFAULT_PARAMETER)) {
            return false;
        }
        value = rv_field(parent, RV_F_VALUE);
    }
    if (rv_is(value, RV_K_ATTRIBUTE)) {
        value = rv_field(value, RV_F_ATTRIBUTE);
    }
    if (!rv_is(value, RV_K_IDENTIFIER)) {
        return false;
    }
    size_t nlen;
    size_t vlen;
    const char *n = rv_node_text(rc->text, name, &nlen);
    const char *v = rv_node_text(rc->text, value, &vlen);
    while (nlen > 0 && n[0] == '_') {
        n++;
        nlen--;
    }
    while (vlen > 0 && v[0] == '_') {
        v++;
        vlen--;
    }
    return nlen == vlen && nlen > 0 && memcmp(n, v, nlen) == 0;
}

// Whether a parameter named `name`, whose core fits `mask`, counts toward the file's style.
static bool param_counts(const struct rv_rule_ctx *rc, const struct rv_binding *b, const char *name,
                         size_t len, unsigned mask) {
    // `RequestHandlerClass`, `protocol_factory`'s PascalCase twin: a parameter that holds a
    // class is named like one.
    return !(is_self_param(rc->model, b) ||
             (mask == ST_PASCAL &&
              (rv_str_has_suffix(name, len, "Class") || rv_str_has_suffix(name, len, "Factory") ||
               rv_str_has_suffix(name, len, "Type"))) ||
             binds_global(rc, b));
}

// Whether an instance attribute named `name`, whose core fits `mask`, counts toward the style.
static bool attribute_counts(const char *name, size_t len, unsigned mask) {
    return !rv_str_in_list(name, len, framework_attributes) && mask != ST_UPPER;
}

uint64_t rv__definition_name_fact(const char *name, size_t len) {
    struct parts p = split_affixes(name, len);
    if ((p.pre >= 2 && p.post >= 2) || p.core_len <= 1) {
        // Dunders by their text: type hints reads which protocol (`__init__` returns None).
        return rv_hash_bytes(name, len, 0) | 1;
    }
    unsigned mask = classify(p.core, p.core_len);
    uint64_t bits = (uint64_t)mask | (uint64_t)framework_method(name, len) << 5 |
                    (uint64_t)shape_imposed(name, len, mask) << 6 |
                    (uint64_t)(name[0] == '_') << 7 |
                    (uint64_t)rv__none_by_protocol(name, len) << 8;
    return 2 + (bits << 1);
}

uint64_t rv__binding_name_fact(const struct rv_text *text, const struct rv_model *m,
                               const struct rv_binding *b) {
    size_t len;
    const char *name = rv_binding_name(text, b, &len);
    struct parts p = split_affixes(name, len);
    if (p.core_len <= 1) {
        // Naming counts no single letter. An attribute's by its text: variable naming pairs `x`
        // with `y` in one class (coordinates), a parameter's only in its own function.
        return b->kind == RV_BIND_ATTRIBUTE ? rv_hash_bytes(name, len, 0) | 1 : 1;
    }
    if (p.pre >= 2 && p.post >= 2) {
        return 0;
    }
    unsigned mask = classify(p.core, p.core_len);
    struct rv_rule_ctx rc = {.text = text, .model = m};
    bool counts = mask != 0 && (b->kind == RV_BIND_PARAM ? param_counts(&rc, b, name, len, mask)
                                                         : attribute_counts(name, len, mask));
    return counts ? 2 + (uint64_t)mask : 2;
}

static bool class_is_command(const struct rv_rule_ctx *rc, TSNode name) {
    TSNode cls = rv_model_parent(rc->model, name);
    TSNode list = ts_node_is_null(cls) ? cls : rv_field(cls, RV_F_SUPERCLASSES);
    uint32_t n = ts_node_is_null(list) ? 0 : ts_node_named_child_count(list);
    for (uint32_t i = 0; i < n; i++) {
        TSNode base = ts_node_named_child(list, i);
        size_t len;
        const char *s = rv_node_text(rc->text, base, &len);
        if (rv_str_eq(s, len, "Command") || rv_str_has_suffix(s, len, ".Command") ||
            rv_str_has_suffix(s, len, "_command")) {
            return true;
        }
    }
    return false;
}

// The kinds (a bit per enum kind) that have a name inside the context's range, and the names
// of its functions in `functions`. A kind without one can report nothing the run wants, so its
// names are neither filtered nor judged; a whole-file run wants every kind.
static unsigned wanted_kinds(const struct rv_rule_ctx *rc, struct range_names *functions) {
    unsigned all = (1u << K_COUNT) - 1;
    if (rc->range_start == 0 && rc->range_end == UINT32_MAX) {
        return all;
    }
    unsigned wanted = 0;
    const struct rv_model *m = rc->model;
    for (size_t i = rc->bindings_first; i < rc->bindings_end; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        int k = kind_of(b);
        if (k >= 0 && b->first_in_scope && rv_ctx_wants(rc, ts_node_start_byte(b->name))) {
            wanted |= 1u << k;
            if (k == K_FUNCTION) {
                struct entry e = {.b = b};
                e.name = rv_binding_name(rc->text, b, &e.len);
                rv_vec_push(&functions->list, e);
            }
        }
    }
    return wanted;
}

// The styles a name fits, by its core: 0 for a dunder, a single character, an all-underscore
// name or one without letters, which say nothing about a style.
static unsigned style_mask(const char *name, size_t len) {
    struct parts p = split_affixes(name, len);
    if ((p.pre >= 2 && p.post >= 2) || p.core_len <= 1) {
        return 0;
    }
    return classify(p.core, p.core_len);
}

// The style mask a function's binding counts with in collect(), or 0 when it is left out:
// hooks, framework and shape-imposed names, camelCase APIs a base imposes, tests named after
// a camelCase function, and overrides (a method named like a function collected before it).
static unsigned function_mask(struct ctx *c, const struct rv_binding *b, const char *name,
                              size_t len, size_t *fn_cursor, const struct name_set *functions) {
    unsigned mask = style_mask(name, len);
    if (mask == 0) {
        return 0;
    }
    const struct rv_model *m = c->rc->model;
    const struct rv_function *fn = function_named(m, b->name, fn_cursor);
    if (fn != NULL && fn->is_override_hook) {
        return 0;
    }
    if (framework_method(name, len) || shape_imposed(name, len, mask)) {
        return 0;
    }
    if (fn != NULL && fn->class_index >= 0 && mask == ST_CAMEL && name[0] != '_' &&
        derives_camel_api(c->rc, fn->class_index, 0)) {
        return 0;
    }
    // test_getHost_returns_none names the camelCase function it tests.
    if (fn != NULL && fn->is_test && mask == ST_MIXED) {
        return 0;
    }
    // An override in a subclass repeats its base's name: judge the name once.
    if (b->kind == RV_BIND_METHOD &&
        name_set_has(functions, c->entries[K_FUNCTION].items, name, len)) {
        return 0;
    }
    return mask;
}

// The style mask a binding of kind `k`, not a function's, counts with in collect(), or 0 when
// it is left out. It reads the binding's own statement only (the function of a parameter, the
// class of a class name, the assignment of a module variable): a statement's tally of these
// (rv__naming_tally) is its share of the file's counts.
static unsigned counted_mask(const struct rv_rule_ctx *rc, const struct rv_binding *b, int k,
                             const char *name, size_t len) {
    unsigned mask = style_mask(name, len);
    if (mask == 0) {
        return 0;
    }
    if (k == K_PARAM) {
        return param_counts(rc, b, name, len, mask) ? mask : 0;
    }
    if (k == K_CLASS) {
        // distutils and setuptools name a command's class after the command (`install_lib`).
        return (mask & ST_SNAKE) && class_is_command(rc, b->name) ? 0 : mask;
    }
    if (k == K_ATTRIBUTE) {
        return attribute_counts(name, len, mask) ? mask : 0;
    }
    // UPPER_CASE variables are constants, a different kind of name.
    if (mask == ST_UPPER || mask == (ST_UPPER | ST_PASCAL)) {
        return 0;
    }
    if (k == K_MODULE_VAR && mask == ST_PASCAL && module_var_is_type_like(rc->model, b->name)) {
        return 0;
    }
    return mask;
}

static void collect(struct ctx *c) {
    const struct rv_model *m = c->rc->model;
    struct range_names in_range = {0};
    unsigned wanted = wanted_kinds(c->rc, &in_range) & (c->only ? c->only : ~0u);
    size_t fn_cursor = 0;
    struct name_set functions = {0};
    // Remembered, only the window's names are judged, against the functions before them that
    // an override among them may repeat: the bindings after the window are not read.
    size_t end = c->remembered ? c->rc->bindings_end : m->bindings.len;
    for (size_t i = 0; i < end; i++) {
        const struct rv_binding *b = &m->bindings.items[i];
        if (c->remembered && i < c->rc->bindings_first && b->kind != RV_BIND_FUNCTION &&
            b->kind != RV_BIND_METHOD) {
            continue;
        }
        int k = kind_of(b);
        if (k < 0 || !b->first_in_scope || !(wanted & (1u << k))) {
            continue;
        }
        bool outside = c->remembered && !rv_ctx_wants(c->rc, ts_node_start_byte(b->name));
        if (outside && k != K_FUNCTION) {
            continue;
        }
        size_t len;
        const char *name = rv_binding_name(c->rc->text, b, &len);
        // A function outside the range counts only as the base an override in it repeats.
        if (outside && !range_names_has(&in_range, name, len)) {
            continue;
        }
        unsigned mask;
        if (k == K_FUNCTION) {
            mask = function_mask(c, b, name, len, &fn_cursor, &functions);
        } else {
            mask = counted_mask(c->rc, b, k, name, len);
        }
        if (mask == 0) {
            continue;
        }
        struct entry e = {b, name, len, mask};
        rv_vec_push(&c->entries[k], e);
        if (k == K_FUNCTION) {
            name_set_put(&functions, c->entries[k].items, c->entries[k].len - 1);
        }
    }
    free(functions.slots);
    rv_vec_finish(&in_range.list);
}

static bool is_single(unsigned mask) {
    return mask != 0 && (mask & (mask - 1)) == 0;
}

// Reports the names of kind `k` in the run's range that do not fit `dominant`, with the counts
// behind the judgement and `evidence` (bindings in the dominant style, MEMO_NONE for none).
static void report(struct ctx *c, int k, bool learned, unsigned dominant, size_t dom_count,
                   size_t definite, const uint32_t *evidence, struct rv_findings *out) {
    const struct kind_info *info = &kinds[k];
    const struct rv_model *m = c->rc->model;
    long min_names = rv_config_int(c->rc->config, "min-names-for-convention");
    int dom_index = style_index(dominant);
    for (size_t i = 0; i < c->entries[k].len; i++) {
        const struct entry *e = &c->entries[k].items[i];
        // Outside an incremental run's range only the counts needed the entry.
        if ((e->mask & dominant) || !rv_ctx_wants(c->rc, ts_node_start_byte(e->b->name))) {
            continue;
        }
        unsigned own = e->mask;
        // A one-word name fits two styles: name the one a reader sees (`scheduler` is
        // snake_case, `HTTP` UPPER_CASE).
        unsigned shown = is_single(own)     ? own
                         : (own & ST_SNAKE) ? ST_SNAKE
                         : (own & ST_UPPER) ? ST_UPPER
                                            : ST_MIXED;
        const char *own_name = style_names[style_index(shown)];
        char *fixed = convert(e->name, e->len, dominant);
        struct rv_finding *f;
        uint32_t start = ts_node_start_byte(e->b->name);
        uint32_t end = ts_node_end_byte(e->b->name);
        if (learned) {
            f = rv_findings_add(out, info->code, start, end,
                                "`%.*s` is %s; %zu of %zu %s in this file are %s: rename to `%s`",
                                (int)e->len, e->name, own_name, dom_count, definite, info->plural,
                                style_names[dom_index], fixed);
        } else if ((long)definite < min_names) {
            f = rv_findings_add(out, info->code, start, end,
                                "`%.*s` is %s; this file has too few %s to set a convention of "
                                "its own, and PEP 8 writes %s in %s: rename to `%s`",
                                (int)e->len, e->name, own_name, info->plural, info->pep8_noun,
                                style_names[dom_index], fixed);
        } else {
            f = rv_findings_add(out, info->code, start, end,
                                "`%.*s` is %s; %s in this file have no clear majority (%zu of %zu "
                                "are %s), and PEP 8 writes %s in %s: rename to `%s`",
                                (int)e->len, e->name, own_name, info->plural, dom_count, definite,
                                style_names[dom_index], info->pep8_noun, style_names[dom_index],
                                fixed);
        }
        rv_finding_set_fix(f, RV_FIX_RENAME, fixed);
        free(fixed);
        // Evidence: up to three names that already follow the expected style.
        for (size_t j = 0; j < 3 && evidence[j] != MEMO_NONE; j++) {
            TSNode name = m->bindings.items[evidence[j]].name;
            size_t len;
            const char *s = rv_node_text(c->rc->text, name, &len);
            rv_finding_relate(f, ts_node_start_byte(name), ts_node_end_byte(name), "`%.*s` is %s",
                              (int)len, s, style_names[dom_index]);
        }
    }
}

/* A kind's judgement of the file: whether it learned a convention, which style is expected,
 * and the counts messages quote. */
struct verdict {
    bool learned;
    unsigned dominant;
    size_t dom_count; /* names of the dominant style alone */
    size_t definite;  /* names of one style alone */
};

// Judges kind `k` from its names' styles: `counts` of the names of each style alone, `fits` of
// the names each style fits (one-word names fit two), `n` names in all. Learns the majority of
// the names whose style is unambiguous, or falls back to PEP 8.
static struct verdict decide(int k, const size_t counts[STYLE_COUNT],
                             const size_t fits[STYLE_COUNT], size_t n,
                             const struct rv_config *cfg) {
    const struct kind_info *info = &kinds[k];
    size_t definite = 0;
    for (int st = 0; st < STYLE_COUNT; st++) {
        definite += counts[st];
    }
    long ratio = rv_config_int(cfg, "dominant-style-ratio");
    long min_names = rv_config_int(cfg, "min-names-for-convention");
    // Only snake_case, camelCase and PascalCase can be a file's convention: UPPER_CASE marks
    // constants and a mixed_Case majority is no convention to follow. Functions are the
    // exception: a module of UPPER_CASE functions mirrors C macros (stat's S_ISDIR).
    int best = 0;
    int last = k == K_FUNCTION ? 3 : 2;
    for (int st = 1; st <= last; st++) {
        if (counts[st] > counts[best] || (counts[st] == counts[best] && (1u << st) == info->pep8)) {
            best = st;
        }
    }
    // The majority must also fit most of the names a file has, one-word ones included: two
    // PascalCase parameters (`HandlerClass`) among forty lowercase ones set no convention.
    bool learned =
        definite > 0 && (long)definite >= min_names &&
        (long double)counts[best] * 100.0L >= (long double)ratio * (long double)definite &&
        (long double)fits[best] * 100.0L >= (long double)ratio * (long double)n;
    unsigned dominant = learned ? 1u << best : info->pep8;
    struct verdict v = {learned, dominant, counts[style_index(dominant)], definite};
    return v;
}

// decide() over `n` collected names of kind `k`.
static struct verdict decide_entries(int k, const struct entry *items, size_t n,
                                     const struct rv_config *cfg) {
    size_t counts[STYLE_COUNT] = {0};
    size_t fits[STYLE_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned mask = items[i].mask;
        if (is_single(mask)) {
            counts[style_index(mask)]++;
        }
        for (int st = 0; st < STYLE_COUNT; st++) {
            fits[st] += (mask & (1u << st)) != 0;
        }
    }
    return decide(k, counts, fits, n, cfg);
}

// A kind's judgement and evidence as its memo words (see MEMO_WORDS).
static void memo_words(uint64_t *words, const struct verdict *v, const uint32_t evidence[3]) {
    words[0] = (uint64_t)v->learned | (uint64_t)v->dominant << 1 | MEMO_JUDGED;
    words[1] = (uint64_t)v->dom_count | (uint64_t)v->definite << 32;
    words[2] = (uint64_t)evidence[0] | (uint64_t)evidence[1] << 32;
    words[3] = evidence[2];
}

// judge() in a ranged run: the judgement of the whole file is the memo's.
static void judge_remembered(struct ctx *c, int k, const uint64_t *memo, struct rv_findings *out) {
    uint32_t evidence[3] = {(uint32_t)memo[2], (uint32_t)(memo[2] >> 32), (uint32_t)memo[3]};
    report(c, k, memo[0] & 1, (unsigned)(memo[0] >> 1 & 0x7f), (size_t)(uint32_t)memo[1],
           (size_t)(memo[1] >> 32), evidence, out);
}

// Reports one kind: learns the majority of the names whose style is unambiguous, or falls back
// to PEP 8, then flags each name that does not fit.
static void judge(struct ctx *c, int k, struct rv_findings *out) {
    size_t n = c->entries[k].len;
    if (n == 0) {
        return;
    }
    uint64_t *memo = c->rc->memo ? c->rc->memo->facts + MEMO_WORDS * k : NULL;
    if (c->remembered) {
        judge_remembered(c, k, memo, out);
        return;
    }
    struct verdict v = decide_entries(k, c->entries[k].items, n, c->rc->config);
    uint32_t evidence[3] = {MEMO_NONE, MEMO_NONE, MEMO_NONE};
    for (size_t j = 0, e = 0; j < n && e < 3; j++) {
        if (c->entries[k].items[j].mask == v.dominant) {
            evidence[e++] = (uint32_t)(c->entries[k].items[j].b - c->rc->model->bindings.items);
        }
    }
    if (memo != NULL) {
        memo_words(memo, &v, evidence);
    }
    report(c, k, v.learned, v.dominant, v.dom_count, v.definite, evidence, out);
}

void rv_check_naming(const struct rv_rule_ctx *ctx, struct rv_findings *out) {
    struct ctx c = {.rc = ctx, .remembered = ctx->memo != NULL && ctx->memo->valid};
    collect(&c);
    for (int k = 0; k < K_COUNT; k++) {
        judge(&c, k, out);
        rv_vec_finish(&c.entries[k]);
    }
    // Only a whole-file run judged every kind (a ranged one collects the kinds in its range).
    if (ctx->memo != NULL && !c.remembered && ctx->range_start == 0 &&
        ctx->range_end == UINT32_MAX) {
        ctx->memo->valid = true;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The counts of the kinds a statement's styles part holds, kept by the incremental analysis
 * for every statement, so that a change of styles alone judges those kinds again from the
 * statements' tallies instead of collecting every name of the file (rv__naming_rejudge). */

/* struct rv_naming_tally's kinds, in its order. */
static const int tallied[RV_NAMING_TALLIED] = {K_PARAM, K_LOCAL, K_ATTRIBUTE, K_MODULE_VAR};

/* The style masks classify() returns, in struct rv_naming_tally's order. */
static const unsigned slot_mask[RV_NAMING_MASKS] = {
    ST_SNAKE, ST_SNAKE | ST_CAMEL, ST_CAMEL, ST_PASCAL, ST_UPPER, ST_UPPER | ST_PASCAL, ST_MIXED,
};

static int mask_slot(unsigned mask) {
    for (int i = 0; i < RV_NAMING_MASKS; i++) {
        if (slot_mask[i] == mask) {
            return i;
        }
    }
    return RV_NAMING_MASKS - 1;
}

// The tallied kind of a binding collect() would count (first in its scope), or -1.
static int tallied_of(const struct rv_binding *b) {
    if (!b->first_in_scope) {
        return -1;
    }
    int k = kind_of(b);
    for (int t = 0; t < RV_NAMING_TALLIED; t++) {
        if (tallied[t] == k) {
            return t;
        }
    }
    return -1;
}

void rv__naming_tally(const struct rv_rule_ctx *rc, uint32_t first, uint32_t end,
                      struct rv_naming_tally *out) {
    memset(out, 0, sizeof(*out));
    for (uint32_t i = first; i < end; i++) {
        const struct rv_binding *b = &rc->model->bindings.items[i];
        int t = tallied_of(b);
        if (t < 0) {
            continue;
        }
        size_t len;
        const char *name = rv_binding_name(rc->text, b, &len);
        unsigned mask = counted_mask(rc, b, tallied[t], name, len);
        if (mask != 0) {
            out->n[t][mask_slot(mask)]++;
        }
    }
}

// The first three names of tallied kind `t` whose mask is `dominant`, in binding order (the
// evidence judge() finds), searched in the units whose tally holds such a name.
static void find_evidence(const struct rv_rule_ctx *rc, const struct rv_naming_units *units, int t,
                          unsigned dominant, uint32_t evidence[3]) {
    int slot = mask_slot(dominant);
    size_t e = 0;
    for (size_t j = 0; j < units->count && e < 3; j++) {
        const struct rv_naming_tally *tally =
            (const struct rv_naming_tally *)((const char *)units->tally + j * units->stride);
        if (tally->n[t][slot] == 0) {
            continue;
        }
        const struct rv_model_chunk *c = &units->chunks[j];
        for (uint32_t i = c->first[RV_MODEL_BINDINGS]; i < c->end[RV_MODEL_BINDINGS] && e < 3;
             i++) {
            const struct rv_binding *b = &rc->model->bindings.items[i];
            if (tallied_of(b) != t) {
                continue;
            }
            size_t len;
            const char *name = rv_binding_name(rc->text, b, &len);
            if (counted_mask(rc, b, tallied[t], name, len) == dominant) {
                evidence[e++] = i;
            }
        }
    }
}

// Moves the evidence (binding indices) in a kind's memo `words` past a run of bindings that
// went from [first, old_end) to [first, new_end): false when one lay inside it.
static bool move_evidence(uint64_t *words, uint32_t first, uint32_t old_end, uint32_t new_end) {
    uint32_t evidence[3] = {(uint32_t)words[2], (uint32_t)(words[2] >> 32), (uint32_t)words[3]};
    for (int e = 0; e < 3; e++) {
        if (evidence[e] == MEMO_NONE || evidence[e] < first) {
            continue;
        }
        if (evidence[e] < old_end) {
            return false;
        }
        evidence[e] = evidence[e] - old_end + new_end;
    }
    words[2] = (uint64_t)evidence[0] | (uint64_t)evidence[1] << 32;
    words[3] = evidence[2];
    return true;
}

// The unit of `units` whose bindings hold binding `i`.
static uint32_t unit_of_binding(const struct rv_naming_units *units, uint32_t i) {
    size_t lo = 0;
    size_t hi = units->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (units->chunks[mid].end[RV_MODEL_BINDINGS] <= i) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (uint32_t)lo;
}

// Judges kinds K_FUNCTION and K_CLASS again from every name of the file (collect() with those
// kinds only: which function comes first, and other classes' bases, decide what counts), into
// `words`; appends to `found` the units of the names that do not fit the conventions (the
// findings to be). False when a convention changed.
static bool recount_definitions(const struct rv_rule_ctx *rc, const uint64_t *memo_facts,
                                const struct rv_naming_units *units,
                                uint64_t words[K_COUNT][MEMO_WORDS], struct rv_u32_list *found) {
    struct ctx c = {.rc = rc, .only = 1u << K_FUNCTION | 1u << K_CLASS};
    collect(&c);
    bool same = true;
    const int recounted[] = {K_FUNCTION, K_CLASS};
    for (size_t r = 0; r < RV_ARRAY_LEN(recounted); r++) {
        int k = recounted[r];
        size_t n = c.entries[k].len;
        const uint64_t *old = memo_facts + MEMO_WORDS * k;
        if (n == 0) {
            continue; // nothing of the kind is reported: its words stay unread
        }
        if (!(old[0] & MEMO_JUDGED)) {
            same = false;
            break;
        }
        struct verdict v = decide_entries(k, c.entries[k].items, n, rc->config);
        uint32_t evidence[3] = {MEMO_NONE, MEMO_NONE, MEMO_NONE};
        for (size_t i = 0, e = 0; i < n; i++) {
            const struct entry *en = &c.entries[k].items[i];
            uint32_t index = (uint32_t)(en->b - rc->model->bindings.items);
            if (en->mask == v.dominant && e < 3) {
                evidence[e++] = index;
            }
            if (!(en->mask & v.dominant)) {
                rv_vec_push(found, unit_of_binding(units, index));
            }
        }
        memo_words(words[k], &v, evidence);
        if (words[k][0] != old[0]) {
            same = false; // another convention: other names fit it, or not
            break;
        }
    }
    for (int k = 0; k < K_COUNT; k++) {
        rv_vec_finish(&c.entries[k]);
    }
    return same;
}

enum rv_rejudge rv__naming_rejudge(const struct rv_rule_ctx *rc, struct rv_family_memo *memo,
                                   const struct rv_naming_units *units, uint32_t run_first,
                                   uint32_t old_run_end, uint32_t new_run_end, bool definitions,
                                   uint16_t *codes, struct rv_u32_list *found) {
    *codes = 0;
    if (memo == NULL || !memo->valid) {
        return RV_REJUDGE_WHOLE;
    }
    uint64_t others[K_COUNT][MEMO_WORDS];
    memcpy(others, memo->facts, sizeof(others));
    if (definitions) {
        // Functions' and classes' names changed: their kinds are judged again, and their
        // findings examined again wherever they are, or are to be.
        if (!recount_definitions(rc, memo->facts, units, others, found)) {
            return RV_REJUDGE_WHOLE;
        }
        *codes |= (uint16_t)(1u << RV_NAMING_TALLIED | 1u << (RV_NAMING_TALLIED + 1));
    } else {
        // The other kinds keep their judgement; their evidence follows the bindings the run
        // added or dropped (a local's, which the styles part holds).
        for (int k = 0; k < K_COUNT; k++) {
            bool kept = true;
            for (int t = 0; t < RV_NAMING_TALLIED; t++) {
                kept = kept && tallied[t] != k;
            }
            if (kept && (others[k][0] & MEMO_JUDGED) &&
                !move_evidence(others[k], run_first, old_run_end, new_run_end)) {
                return RV_REJUDGE_WHOLE;
            }
        }
    }
    struct rv_naming_tally total = {0};
    for (size_t j = 0; j < units->count; j++) {
        const struct rv_naming_tally *tally =
            (const struct rv_naming_tally *)((const char *)units->tally + j * units->stride);
        for (int t = 0; t < RV_NAMING_TALLIED; t++) {
            for (int m = 0; m < RV_NAMING_MASKS; m++) {
                total.n[t][m] += tally->n[t][m];
            }
        }
    }
    uint64_t words[RV_NAMING_TALLIED][MEMO_WORDS];
    enum rv_rejudge result = RV_REJUDGE_SAME;
    for (int t = 0; t < RV_NAMING_TALLIED && result != RV_REJUDGE_WHOLE; t++) {
        int k = tallied[t];
        const uint64_t *old = memo->facts + MEMO_WORDS * k;
        size_t counts[STYLE_COUNT] = {0};
        size_t fits[STYLE_COUNT] = {0};
        size_t n = 0;
        for (int m = 0; m < RV_NAMING_MASKS; m++) {
            uint32_t count = total.n[t][m];
            n += count;
            if (is_single(slot_mask[m])) {
                counts[style_index(slot_mask[m])] += count;
            }
            for (int st = 0; st < STYLE_COUNT; st++) {
                fits[st] += slot_mask[m] & (1u << st) ? count : 0;
            }
        }
        memcpy(words[t], old, sizeof(words[t]));
        if (n == 0) {
            continue; // no name of the kind: nothing of it is reported, its words stay unread
        }
        if (!(old[0] & MEMO_JUDGED)) {
            result = RV_REJUDGE_WHOLE;
            break;
        }
        struct verdict v = decide(k, counts, fits, n, rc->config);
        uint32_t evidence[3] = {MEMO_NONE, MEMO_NONE, MEMO_NONE};
        find_evidence(rc, units, t, v.dominant, evidence);
        memo_words(words[t], &v, evidence);
        if (words[t][0] != old[0]) {
            result = RV_REJUDGE_WHOLE; // another convention: other names fit it, or not
        } else if (memcmp(words[t], old, sizeof(words[t])) != 0) {
            *codes |= (uint16_t)(1u << t);
        }
    }
    if (result == RV_REJUDGE_WHOLE) {
        *codes = 0;
        return result;
    }
    for (int t = 0; t < RV_NAMING_TALLIED; t++) {
        memcpy(others[tallied[t]], words[t], sizeof(words[t]));
    }
    memcpy(memo->facts, others, sizeof(others));
    return *codes ? RV_REJUDGE_COUNTS : RV_REJUDGE_SAME;
}

uint16_t rv__naming_rejudged_code(int bit) {
    return kinds[bit < RV_NAMING_TALLIED    ? tallied[bit]
                 : bit == RV_NAMING_TALLIED ? K_FUNCTION
                                            : K_CLASS]
        .code;
}
