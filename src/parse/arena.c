// SPDX-License-Identifier: MIT
// The tree arena: while a thread is inside one, everything tree-sitter allocates on it comes
// from the arena's chunks, a pointer bump each, and a free is nothing; leaving the arena drops
// it all at once. A tree that is parsed, read once and thrown away (`reviewls check`) is then
// never freed node by node: ts_tree_delete and the allocator's bookkeeping were a tenth of the
// whole check of the standard library. Outside an arena, tree-sitter allocates as before.
//
// Nothing allocated inside may outlive the leave: the parser is made inside too, since it grows
// its stacks while it parses. The grammar's external scanner allocates with the C library
// directly, not through tree-sitter, so ts_parser_delete must still run before the leave.
#include "reviewls/parse.h"
#include "reviewls/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Each block starts with its size, so that realloc knows what to copy; it keeps the block
// aligned as malloc's are.
#define HEADER 16
#define ALIGN 16
#define FIRST_CHUNK (1u << 20)

struct chunk {
    char *base;
    size_t size;
};

struct rv_tree_arena {
    RV_VEC(struct chunk) chunks; /* kept from one use to the next */
    size_t cur;                  /* the chunk being filled */
    size_t used;                 /* bytes of it handed out */
    size_t high;                 /* the most bytes held at once, over every use (stats) */
    size_t held;                 /* bytes of the chunks before `cur`, in this use */
};

static _Thread_local struct rv_tree_arena *current;

struct rv_tree_arena *rv_tree_arena_new(void) {
    // Without the hooks, trees made inside would come from the C library and, never deleted,
    // leak. Installing them again is harmless: outside an arena they are the same allocator.
    rv_parse_global_init();
    return rv_xcalloc(1, sizeof(struct rv_tree_arena));
}

void rv_tree_arena_free(struct rv_tree_arena *a) {
    if (a == NULL) {
        return;
    }
    for (size_t i = 0; i < a->chunks.len; i++) {
        free(a->chunks.items[i].base);
    }
    rv_vec_finish(&a->chunks);
    free(a);
}

void rv_tree_arena_enter(struct rv_tree_arena *a) {
    current = a;
    a->cur = 0;
    a->used = 0;
    a->held = 0;
}

void rv_tree_arena_leave(struct rv_tree_arena *a) {
    size_t now = a->held + a->used;
    a->high = now > a->high ? now : a->high;
    current = NULL;
}

size_t rv_tree_arena_high_water(const struct rv_tree_arena *a) {
    return a->high;
}

static bool owns(const struct rv_tree_arena *a, const void *p) {
    const char *c = p;
    for (size_t i = 0; i < a->chunks.len; i++) {
        const struct chunk *k = &a->chunks.items[i];
        if (c >= k->base && c < k->base + k->size) {
            return true;
        }
    }
    return false;
}

static void *arena_alloc(struct rv_tree_arena *a, size_t n) {
    if (n > SIZE_MAX / 4) {
        return rv_xmalloc(n); // no memory has that much: out of memory, as outside an arena
    }
    size_t need = HEADER + ((n + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    while (a->cur < a->chunks.len && a->used + need > a->chunks.items[a->cur].size) {
        a->held += a->used;
        a->cur++;
        a->used = 0;
    }
    if (a->cur == a->chunks.len) {
        size_t last = a->chunks.len ? a->chunks.items[a->chunks.len - 1].size : FIRST_CHUNK / 2;
        size_t size = 2 * last > need ? 2 * last : need;
        struct chunk k = {rv_xmalloc(size), size};
        rv_vec_push(&a->chunks, k);
    }
    char *block = a->chunks.items[a->cur].base + a->used;
    a->used += need;
    memcpy(block, &n, sizeof(n));
    return block + HEADER;
}

static size_t block_size(const void *p) {
    size_t n;
    memcpy(&n, (const char *)p - HEADER, sizeof(n));
    return n;
}

static void *ts_arena_malloc(size_t n) {
    return current ? arena_alloc(current, n) : rv_xmalloc(n);
}

static void *ts_arena_calloc(size_t count, size_t size) {
    if (current == NULL) {
        return rv_xcalloc(count, size);
    }
    if (size && count > SIZE_MAX / size) {
        return rv_xcalloc(count, size); // overflows: out of memory, as outside an arena
    }
    void *p = arena_alloc(current, count * size);
    memset(p, 0, count * size);
    return p;
}

static void *ts_arena_realloc(void *p, size_t n) {
    struct rv_tree_arena *a = current;
    if (a == NULL || (p != NULL && !owns(a, p))) {
        return rv_xrealloc(p, n);
    }
    if (p == NULL) {
        return arena_alloc(a, n);
    }
    size_t old = block_size(p);
    // The last block of the chunk grows where it is.
    struct chunk *k = &a->chunks.items[a->cur];
    size_t old_need = HEADER + ((old + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    size_t new_need = HEADER + ((n + ALIGN - 1) & ~(size_t)(ALIGN - 1));
    char *block = (char *)p - HEADER;
    if (block + old_need == k->base + a->used && block - k->base + new_need <= k->size) {
        a->used = (size_t)(block - k->base) + new_need;
        memcpy(block, &n, sizeof(n));
        return p;
    }
    void *q = arena_alloc(a, n);
    memcpy(q, p, old < n ? old : n);
    return q;
}

static void ts_arena_free(void *p) {
    if (p != NULL && (current == NULL || !owns(current, p))) {
        free(p);
    }
}

void rv_parse_global_init(void) {
    // Allocation failures inside tree-sitter abort with our message, like ours; inside a tree
    // arena its allocations are the arena's.
    ts_set_allocator(ts_arena_malloc, ts_arena_calloc, ts_arena_realloc, ts_arena_free);
}
