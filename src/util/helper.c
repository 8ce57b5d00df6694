// SPDX-License-Identifier: MIT
// A second thread for work that one caller splits in two: the caller hands it one half, does
// the other, then waits. The thread sleeps on a condition variable between jobs.
#include "reviewls/util.h"

#include <pthread.h>
#include <stdlib.h>

struct rv_helper {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* a job came, or the helper is stopping */
    pthread_cond_t done; /* the job returned */
    void (*fn)(void *);  /* the job, NULL when there is none; guarded by lock */
    void *arg;
    bool busy;     /* a job was handed over and has not returned; guarded by lock */
    bool stopping; /* guarded by lock */
    size_t jobs;   /* how many were handed over (the caller's thread only) */
};

static void *helper_main(void *arg) {
    struct rv_helper *h = arg;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        while (h->fn == NULL && !h->stopping) {
            pthread_cond_wait(&h->wake, &h->lock);
        }
        if (h->fn == NULL) {
            break;
        }
        void (*fn)(void *) = h->fn;
        void *job = h->arg;
        h->fn = NULL;
        pthread_mutex_unlock(&h->lock);
        fn(job);
        pthread_mutex_lock(&h->lock);
        h->busy = false;
        pthread_cond_signal(&h->done);
    }
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

struct rv_helper *rv_helper_create(void) {
    struct rv_helper *h = rv_xcalloc(1, sizeof(*h));
    if (pthread_mutex_init(&h->lock, NULL) != 0) {
        goto fail_lock;
    }
    if (pthread_cond_init(&h->wake, NULL) != 0) {
        goto fail_wake;
    }
    if (pthread_cond_init(&h->done, NULL) != 0) {
        goto fail_done;
    }
    if (pthread_create(&h->thread, NULL, helper_main, h) != 0) {
        goto fail_thread;
    }
    return h;
fail_thread:
    pthread_cond_destroy(&h->done);
fail_done:
    pthread_cond_destroy(&h->wake);
fail_wake:
    pthread_mutex_destroy(&h->lock);
fail_lock:
    free(h);
    return NULL;
}

void rv_helper_start(struct rv_helper *h, void (*fn)(void *), void *arg) {
    h->jobs++;
    pthread_mutex_lock(&h->lock);
    while (h->busy) { // one job at a time: the last one's caller has not waited yet
        pthread_cond_wait(&h->done, &h->lock);
    }
    h->fn = fn;
    h->arg = arg;
    h->busy = true;
    pthread_cond_signal(&h->wake);
    pthread_mutex_unlock(&h->lock);
}

void rv_helper_wait(struct rv_helper *h) {
    pthread_mutex_lock(&h->lock);
    while (h->busy) {
        pthread_cond_wait(&h->done, &h->lock);
    }
    pthread_mutex_unlock(&h->lock);
}

size_t rv_helper_jobs(const struct rv_helper *h) {
    return h ? h->jobs : 0;
}

void rv_helper_destroy(struct rv_helper *h) {
    if (h == NULL) {
        return;
    }
    pthread_mutex_lock(&h->lock);
    while (h->busy) {
        pthread_cond_wait(&h->done, &h->lock);
    }
    h->stopping = true;
    pthread_cond_signal(&h->wake);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->thread, NULL);
    pthread_cond_destroy(&h->done);
    pthread_cond_destroy(&h->wake);
    pthread_mutex_destroy(&h->lock);
    free(h);
}
