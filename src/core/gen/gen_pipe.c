/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator's two stages on two threads. The reading stage (the caller's
 * thread) turns bytes into sentences and the facts found without context;
 * the second stage takes its items in order and finds dated events and member
 * lists, which read the document's context, and stores every fact. Items are
 * handed over a paragraph at a time; the reading stage waits when it is
 * far ahead, so memory stays bounded. With one thread the items are handled
 * as they are handed over, by the same code: the draft is the same either way.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "gen_pipeline.h"

/* Items queued beyond which the reading stage waits for the second. */
#define PIPE_MAX_QUEUED 4096
/* Items gathered before they are handed over, even within a paragraph. */
#define PIPE_BATCH 64
/* Items queued from which the second stage is behind: the reading stage takes on lists. */
#define PIPE_BEHIND 512
/* Items queued under which it is short of work: it takes on acronyms. */
#define PIPE_IDLE 128

struct chain {
    struct gen_item *head, *tail;
    size_t count;
};

struct gen_pipe {
    struct recite_gen *gen;
    struct chain pending; /* gathered by the reading stage, not yet handed over */
    bool threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t work, done; /* items queued / the second stage idle or room made */
    struct chain queued;       /* handed over, waiting for the second stage */
    /*
     * Handled by the second stage, for the reading stage to free: freed on the
     * thread that made them, their memory goes back without taking the lock of
     * that thread's heap (which the two threads fought for, a free at a time).
     */
    struct chain handled;
    size_t in_hand;            /* taken by the second stage, not yet handled */
    bool quit;
    int rc; /* the second stage's first error; later items are dropped */
    int failed; /* the reading stage's: an item it could not make */
    bool behind; /* many items were queued at the last hand-over */
    bool idle;   /* few were */
    int list_stage; /* 0: lists where there is time; 1: the reading stage's; 2: the second's */
};

void gen_item_free(struct gen_item *item)
{
    if (!item)
        return;
    free(item->facts); /* their strings are the generator's arenas' */
    free(item->keys);
    free(item->quote);
    free(item);
}

static void chain_add(struct chain *c, struct gen_item *item)
{
    item->next = NULL;
    if (c->tail)
        c->tail->next = item;
    else
        c->head = item;
    c->tail = item;
    c->count++;
}

static void chain_join(struct chain *c, struct chain *more)
{
    if (!more->head)
        return;
    if (c->tail)
        c->tail->next = more->head;
    else
        c->head = more->head;
    c->tail = more->tail;
    c->count += more->count;
    *more = (struct chain){0};
}

static void free_chain(struct chain *c)
{
    for (struct gen_item *item = c->head, *next; item; item = next) {
        next = item->next;
        gen_item_free(item);
    }
    *c = (struct chain){0};
}

/*
 * Handles the items of c in order, then frees them or, with done, adds them
 * to it; returns the first error, with rc's.
 */
static int handle(struct recite_gen *gen, struct chain *c, int rc, struct chain *done)
{
    for (struct gen_item *item = c->head, *next; item; item = next) {
        next = item->next;
        if (next)
            gen_stage2_prefetch(gen, next);
        if (rc == 0)
            rc = gen_stage2(gen, item);
        if (done)
            chain_add(done, item);
        else
            gen_item_free(item);
    }
    *c = (struct chain){0};
    return rc;
}

static void *second_stage(void *arg)
{
    struct gen_pipe *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->queued.head && !p->quit)
            pthread_cond_wait(&p->work, &p->lock);
        if (!p->queued.head)
            break;
        struct chain mine = p->queued;
        p->queued = (struct chain){0};
        p->in_hand = mine.count;
        int rc = p->rc;
        pthread_mutex_unlock(&p->lock);
        struct chain done = {0};
        rc = handle(p->gen, &mine, rc, &done);
        pthread_mutex_lock(&p->lock);
        chain_join(&p->handled, &done);
        p->rc = rc;
        p->in_hand = 0;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

unsigned gen_threads(unsigned asked)
{
    if (asked == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        asked = cpus >= 2 ? 2 : 1;
    }
    return asked;
}

int gen_pipe_new(struct gen_pipe **out, struct recite_gen *gen, unsigned threads)
{
    struct gen_pipe *p = calloc(1, sizeof(*p));
    if (!p)
        return RECITE_ENOMEM;
    p->gen = gen;
    if (gen_threads(threads) >= 2 && pthread_mutex_init(&p->lock, NULL) == 0) {
        if (pthread_cond_init(&p->work, NULL) == 0) {
            if (pthread_cond_init(&p->done, NULL) == 0) {
                /* no second thread (a limit reached) is no error: the caller's does it all */
                p->threaded = pthread_create(&p->thread, NULL, second_stage, p) == 0;
                if (!p->threaded)
                    pthread_cond_destroy(&p->done);
            }
            if (!p->threaded)
                pthread_cond_destroy(&p->work);
        }
        if (!p->threaded)
            pthread_mutex_destroy(&p->lock);
    }
    *out = p;
    return 0;
}

/* Hands the pending items over; waits while too many are queued. */
static int hand_over(struct gen_pipe *p)
{
    if (p->failed)
        return handle(p->gen, &p->pending, p->failed, NULL); /* dropped */
    if (!p->threaded) {
        p->rc = handle(p->gen, &p->pending, p->rc, NULL);
        return p->rc;
    }
    pthread_mutex_lock(&p->lock);
    chain_join(&p->queued, &p->pending);
    pthread_cond_signal(&p->work);
    while (p->queued.count + p->in_hand > PIPE_MAX_QUEUED && p->rc == 0)
        pthread_cond_wait(&p->done, &p->lock);
    p->behind = p->queued.count + p->in_hand >= PIPE_BEHIND;
    p->idle = p->queued.count + p->in_hand < PIPE_IDLE;
    int rc = p->rc;
    struct chain done = p->handled;
    p->handled = (struct chain){0};
    pthread_mutex_unlock(&p->lock);
    free_chain(&done);
    return rc;
}

bool gen_pipe_behind(const struct gen_pipe *p)
{
    if (p->list_stage)
        return p->list_stage == 1;
    return p->threaded && p->behind;
}

bool gen_pipe_lists_here(const struct gen_pipe *p)
{
    return p->list_stage ? p->list_stage == 1 : p->threaded;
}

bool gen_pipe_idle(const struct gen_pipe *p)
{
    if (p->list_stage)
        return p->list_stage == 2;
    return p->threaded && p->idle;
}

void gen_pipe_list_stage(struct gen_pipe *p, int stage)
{
    p->list_stage = stage;
}

int gen_pipe_push(struct gen_pipe *p, struct gen_item *item)
{
    if (!item) {
        p->failed = RECITE_ENOMEM;
        return p->failed;
    }
    chain_add(&p->pending, item);
    return p->pending.count >= PIPE_BATCH ? hand_over(p) : 0;
}

int gen_pipe_flush(struct gen_pipe *p)
{
    return p->pending.head ? hand_over(p) : 0;
}

int gen_pipe_drain(struct gen_pipe *p)
{
    int rc = gen_pipe_flush(p), failed = p->failed;
    p->failed = 0; /* the next document starts afresh */
    if (!p->threaded) {
        p->rc = 0;
        return failed ? failed : rc;
    }
    pthread_mutex_lock(&p->lock);
    while (p->queued.head || p->in_hand)
        pthread_cond_wait(&p->done, &p->lock);
    rc = p->rc;
    p->rc = 0;
    struct chain done = p->handled;
    p->handled = (struct chain){0};
    pthread_mutex_unlock(&p->lock);
    free_chain(&done);
    return failed ? failed : rc;
}

void gen_pipe_free(struct gen_pipe *p)
{
    if (!p)
        return;
    if (p->threaded) {
        pthread_mutex_lock(&p->lock);
        p->quit = true;
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->work);
        pthread_mutex_destroy(&p->lock);
        handle(p->gen, &p->queued, RECITE_EINTERNAL, NULL); /* frees what a failure left */
        free_chain(&p->handled);
    }
    handle(p->gen, &p->pending, RECITE_EINTERNAL, NULL);
    free(p);
}
