// SPDX-License-Identifier: MIT
// Deletes trees on a thread of its own, as redis frees large values (lazyfree): deleting the
// trees an analysis let go of releases every subtree no other tree shares, up to milliseconds
// after an edit that crossed a syntax error in a long module. Deleted on the loop after the
// diagnostics went out, that time stood between the next keystroke and its analysis whenever
// the keystroke came first (bench/run's edits come one after another's diagnostics).
//
// tree-sitter counts a subtree's holders with atomic operations, and every tree handed here is
// a copy (ts_tree_copy) that nothing else uses, so deleting it while the loop parses and walks
// the trees that share its subtrees is what a copy is for.
#include "lsp_internal.h"

#include <stdlib.h>
#include <tree_sitter/api.h>
#include <uv.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* A vector of trees (the fields RV_VEC's macros use), named so that two can trade places. */
struct tree_vec {
    TSTree **items;
    size_t len;
    size_t cap;
};

struct rv_lazyfree {
    uv_thread_t thread;
    uv_mutex_t lock;
    uv_cond_t wake;
    struct tree_vec queue; /* guarded by lock */
    bool stopping;         /* guarded by lock */
    bool threaded;         /* false when the thread could not start: trees are deleted inline */
};

static void delete_all(TSTree **trees, size_t n) {
    for (size_t i = 0; i < n; i++) {
        ts_tree_delete(trees[i]);
    }
}

static void worker(void *arg) {
    struct rv_lazyfree *lf = arg;
#ifdef __linux__
    // Below the loop thread: on a machine whose cores are all busy, the next keystroke's
    // analysis comes first. Never starved (a nice level, not SCHED_IDLE): memory is let go.
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
    struct tree_vec batch = {0};
    uv_mutex_lock(&lf->lock);
    for (;;) {
        while (lf->queue.len == 0 && !lf->stopping) {
            uv_cond_wait(&lf->wake, &lf->lock);
        }
        if (lf->queue.len == 0) {
            break; // stopping, and nothing is left
        }
        // Take the whole queue, leaving the emptied batch vector in its place.
        struct tree_vec taken = lf->queue;
        lf->queue = batch;
        batch = taken;
        uv_mutex_unlock(&lf->lock);
        delete_all(batch.items, batch.len);
        batch.len = 0;
        uv_mutex_lock(&lf->lock);
    }
    uv_mutex_unlock(&lf->lock);
    rv_vec_finish(&batch);
}

struct rv_lazyfree *rv_lsp_lazyfree_create(void) {
    struct rv_lazyfree *lf = rv_xcalloc(1, sizeof(*lf));
    if (uv_mutex_init(&lf->lock) != 0) {
        return lf; // not threaded
    }
    if (uv_cond_init(&lf->wake) != 0) {
        uv_mutex_destroy(&lf->lock);
        return lf;
    }
    lf->threaded = uv_thread_create(&lf->thread, worker, lf) == 0;
    if (!lf->threaded) {
        uv_cond_destroy(&lf->wake);
        uv_mutex_destroy(&lf->lock);
    }
    return lf;
}

void rv_lsp_lazyfree_trees(struct rv_lazyfree *lf, TSTree **trees, size_t n) {
    if (n == 0) {
        return;
    }
    if (!lf->threaded) {
        delete_all(trees, n);
        return;
    }
    uv_mutex_lock(&lf->lock);
    bool idle = lf->queue.len == 0;
    rv_vec_reserve(&lf->queue, lf->queue.len + n);
    memcpy(lf->queue.items + lf->queue.len, trees, n * sizeof(*trees));
    lf->queue.len += n;
    uv_mutex_unlock(&lf->lock);
    if (idle) {
        uv_cond_signal(&lf->wake);
    }
}

void rv_lsp_lazyfree_destroy(struct rv_lazyfree *lf) {
    if (lf == NULL) {
        return;
    }
    if (lf->threaded) {
        uv_mutex_lock(&lf->lock);
        lf->stopping = true;
        uv_mutex_unlock(&lf->lock);
        uv_cond_signal(&lf->wake);
        uv_thread_join(&lf->thread); // it deletes what is queued before it returns
        uv_cond_destroy(&lf->wake);
        uv_mutex_destroy(&lf->lock);
    }
    rv_vec_finish(&lf->queue);
    free(lf);
}
