// Task queue: n rounds of a priority scheduler over a slice of 200 task
// structs. Each step picks the pending task with the highest priority (the
// earliest on ties) through a pointer into the slice, runs it for one time
// slice, and lowers its priority if it is not finished.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

enum { TASKS_PER_ROUND = 200, QUANTUM = 4 };

typedef struct {
    long id, priority, work, runs;
    bool done;
} Task;

// Works on the task for at most one quantum and returns the time used.
static long task_run(Task *t) {
    long used = t->work < QUANTUM ? t->work : QUANTUM;
    t->work -= used;
    t->runs++;
    if (t->work == 0) t->done = true;
    else t->priority--;
    return used;
}

typedef struct {
    Task *tasks;
    long len, cap;
    long clock, finished, checksum;
} Scheduler;

static void scheduler_add(Scheduler *s, long id, long priority, long work) {
    if (s->len == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->tasks = realloc(s->tasks, s->cap * sizeof(Task));
    }
    s->tasks[s->len++] = (Task){.id = id, .priority = priority, .work = work};
}

static Task *scheduler_next(Scheduler *s) {
    Task *best = NULL;
    for (long i = 0; i < s->len; i++) {
        Task *t = &s->tasks[i];
        if (!t->done && (best == NULL || t->priority > best->priority)) best = t;
    }
    return best;
}

static void scheduler_run_all(Scheduler *s) {
    for (Task *t = scheduler_next(s); t != NULL; t = scheduler_next(s)) {
        s->clock += task_run(t);
        if (t->done) {
            s->finished++;
            s->checksum += s->clock * (t->id % 7 + 1) + t->runs;
        }
    }
}

static long seed = 12345;

static long random_next(long bound) {
    seed = seed * 16807 % 2147483647;
    return seed % bound;
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 100;
    long finished = 0, clock = 0, checksum = 0;
    for (long r = 0; r < rounds; r++) {
        Scheduler s = {0};
        for (long i = 0; i < TASKS_PER_ROUND; i++) {
            long priority = random_next(8);
            scheduler_add(&s, i, priority, 1 + random_next(40));
        }
        scheduler_run_all(&s);
        finished += s.finished;
        clock += s.clock;
        checksum += s.checksum;
        free(s.tasks);
    }
    printf("%ld %ld %ld\n", finished, clock, checksum);
    return 0;
}
