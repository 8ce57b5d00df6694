// SPDX-License-Identifier: MIT
// A second thread for work that one caller splits in two: the caller hands it one half, does
// the other, then waits. The thread sleeps on a condition variable between jobs, which costs
// some tens of microseconds to wake it and as many to wake the caller after; warmed
// (rv_helper_warm) for a while ahead of the work, it polls instead, and so does a caller that
// waits: a keystroke's short runs are then worth sharing too.
#include "reviewls/util.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct rv_helper {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* a job came, or the helper is stopping */
    pthread_cond_t done; /* the job returned */
    void (*fn)(void *);  /* the job, NULL when there is none; guarded by lock */
    void *arg;
    bool busy;           /* a job was handed over and has not returned; guarded by lock */
    bool stopping;       /* guarded by lock */
    size_t jobs;         /* how many were handed over (the caller's thread only) */
    size_t taken_back;   /* of those, how many the caller ran itself (rv_helper_wait); lock */
    size_t wakeups;      /* how many times the thread woke from its sleep; lock */
    atomic_bool polling; /* the thread polls for jobs (warm or lingering) */
    /* What polling reads without the lock: a job is waiting to be taken; the job handed over
     * has not returned (busy, as the caller may poll it); until when the thread polls
     * (CLOCK_MONOTONIC ns, 0 when cold). */
    atomic_bool posted;
    atomic_bool running;
    _Atomic uint64_t warm_until;
    /* Until when the thread goes on polling once cooled (CLOCK_MONOTONIC ns): a keystroke that
     * follows the last one's diagnostics within it (a burst, a client sending the next change
     * at once) warms it without waking it, a system call of several microseconds. */
    _Atomic uint64_t linger_until;
};

// How long a cooled helper goes on polling (yielding its core at each turn).
#define LINGER_NS 1000000

// How long a caller polls for its job before it sleeps: a keystroke's share is tens of
// microseconds, a whole file's a few milliseconds, which a sleep costs nothing to wait for.
#define WAIT_POLL_NS 300000

uint64_t rv_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

// One turn of a poll: the core goes to any other thread that wants it (the loop thread, the
// lazyfree thread), so that a polling thread never holds one that has work; alone, the call
// returns at once.
static inline void relax(void) {
    sched_yield();
}

// Runs the job handed over (h->fn set), entered and left with the lock held; the job runs
// without it.
static void run_job(struct rv_helper *h) {
    void (*fn)(void *) = h->fn;
    void *job = h->arg;
    h->fn = NULL;
    atomic_store(&h->posted, false);
    pthread_mutex_unlock(&h->lock);
    fn(job);
    pthread_mutex_lock(&h->lock);
    h->busy = false;
    atomic_store_explicit(&h->running, false, memory_order_release);
}

static void *helper_main(void *arg) {
    struct rv_helper *h = arg;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        while (h->fn == NULL && !h->stopping) {
            uint64_t now = rv_monotonic_ns();
            if (atomic_load(&h->warm_until) > now || atomic_load(&h->linger_until) > now) {
                // Warm, or lingering: poll for a job without the lock until it comes or the
                // warmth ends.
                atomic_store(&h->polling, true);
                pthread_mutex_unlock(&h->lock);
                for (;;) {
                    if (atomic_load_explicit(&h->posted, memory_order_acquire)) {
                        break;
                    }
                    now = rv_monotonic_ns();
                    if (atomic_load(&h->warm_until) <= now &&
                        atomic_load(&h->linger_until) <= now) {
                        break;
                    }
                    relax();
                }
                pthread_mutex_lock(&h->lock);
                atomic_store(&h->polling, false);
                continue;
            }
            pthread_cond_wait(&h->wake, &h->lock);
            h->wakeups++;
        }
        if (h->fn == NULL) {
            break;
        }
        run_job(h);
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
    atomic_store(&h->running, true);
    atomic_store_explicit(&h->posted, true, memory_order_release);
    pthread_cond_signal(&h->wake); // a thread that polls is not waiting: no system call
    pthread_mutex_unlock(&h->lock);
}

void rv_helper_wait(struct rv_helper *h) {
    // A job the thread has not taken yet is the caller's to run: on two cores shared with the
    // loop, the lazyfree thread and the client, the helper may not have had a core since it
    // was handed over, and the caller, its own half done, would only wait for one.
    pthread_mutex_lock(&h->lock);
    if (h->fn != NULL) {
        run_job(h);
        h->taken_back++;
        pthread_mutex_unlock(&h->lock);
        return;
    }
    pthread_mutex_unlock(&h->lock);
    if (atomic_load(&h->warm_until) > 0) {
        uint64_t give_up = rv_monotonic_ns() + WAIT_POLL_NS;
        while (atomic_load_explicit(&h->running, memory_order_acquire) &&
               rv_monotonic_ns() < give_up) {
            relax();
        }
    }
    pthread_mutex_lock(&h->lock);
    while (h->busy) {
        pthread_cond_wait(&h->done, &h->lock);
    }
    pthread_mutex_unlock(&h->lock);
}

void rv_helper_warm(struct rv_helper *h, uint64_t ns) {
    if (h == NULL) {
        return;
    }
    uint64_t now = rv_monotonic_ns();
    bool cold = atomic_load(&h->warm_until) <= now;
    atomic_store(&h->warm_until, now + ns);
    if (cold) { // it may be asleep: wake it to poll (a lingering one waits on nothing: no call)
        pthread_mutex_lock(&h->lock);
        pthread_cond_signal(&h->wake);
        pthread_mutex_unlock(&h->lock);
    }
}

void rv_helper_cool(struct rv_helper *h) {
    if (h != NULL) {
        atomic_store(&h->linger_until, rv_monotonic_ns() + LINGER_NS);
        atomic_store(&h->warm_until, 0);
    }
}

bool rv_helper_warm_now(const struct rv_helper *h) {
    return h != NULL && atomic_load(&h->warm_until) > rv_monotonic_ns();
}

size_t rv_helper_jobs(const struct rv_helper *h) {
    return h ? h->jobs : 0;
}

bool rv_helper_polling(const struct rv_helper *h) {
    return h != NULL && atomic_load(&h->polling);
}

// A count the thread and the caller both write, under the lock.
static size_t locked_count(struct rv_helper *h, const size_t *count) {
    pthread_mutex_lock(&h->lock);
    size_t n = *count;
    pthread_mutex_unlock(&h->lock);
    return n;
}

size_t rv_helper_wakeups(struct rv_helper *h) {
    return h ? locked_count(h, &h->wakeups) : 0;
}

size_t rv_helper_taken_back(struct rv_helper *h) {
    return h ? locked_count(h, &h->taken_back) : 0;
}

void rv_helper_destroy(struct rv_helper *h) {
    if (h == NULL) {
        return;
    }
    atomic_store(&h->warm_until, 0);
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
