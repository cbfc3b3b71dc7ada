// Call dispatch: n calls in each of four phases: one closure (monomorphic),
// four closures in turn (4-way polymorphic), one interface implementation,
// and four interface implementations in turn. Prints each phase's sum.
//
// A closure is a function pointer with its captured value; an interface value
// is a pointer to an object that starts with its method table. The targets are
// noinline so that every call stays a real call, as in the other versions.
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

typedef struct Closure {
    long (*fn)(const struct Closure *, long);
    long k;
} Closure;

static NOINLINE long add_fn(const Closure *c, long x) { return x + c->k; }
static NOINLINE long sub_fn(const Closure *c, long x) { return x - c->k; }
static NOINLINE long scale_fn(const Closure *c, long x) { return x * c->k; }
static NOINLINE long rev_fn(const Closure *c, long x) { return c->k - x; }

static Closure *make_closure(long (*fn)(const Closure *, long), long k) {
    Closure *c = malloc(sizeof(Closure));
    c->fn = fn;
    c->k = k;
    return c;
}

typedef struct OpVtable {
    long (*apply)(const void *self, long x);
} OpVtable;

typedef struct {
    const OpVtable *vt;
    long k;
} OpObject;

static NOINLINE long add_apply(const void *self, long x) { return x + ((const OpObject *)self)->k; }
static NOINLINE long sub_apply(const void *self, long x) { return x - ((const OpObject *)self)->k; }
static NOINLINE long scale_apply(const void *self, long x) { return x * ((const OpObject *)self)->k; }
static NOINLINE long rev_apply(const void *self, long x) { return ((const OpObject *)self)->k - x; }

static const OpVtable add_vt = {add_apply}, sub_vt = {sub_apply}, scale_vt = {scale_apply}, rev_vt = {rev_apply};

static OpObject *new_op(const OpVtable *vt, long k) {
    OpObject *o = malloc(sizeof(OpObject));
    o->vt = vt;
    o->k = k;
    return o;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;

    Closure *f = make_closure(add_fn, 3);
    long sum = 0;
    for (long i = 0; i < n; i++) sum += f->fn(f, i % 1000);
    printf("closure mono: %ld\n", sum);

    Closure *fs[4] = {make_closure(add_fn, 3), make_closure(sub_fn, 5), make_closure(scale_fn, 2),
                      make_closure(rev_fn, 7)};
    sum = 0;
    for (long i = 0; i < n; i++) {
        Closure *c = fs[i % 4];
        sum += c->fn(c, i % 1000);
    }
    printf("closure poly4: %ld\n", sum);

    OpObject *op = new_op(&add_vt, 3);
    sum = 0;
    for (long i = 0; i < n; i++) sum += op->vt->apply(op, i % 1000);
    printf("interface mono: %ld\n", sum);

    OpObject *ops[4] = {new_op(&add_vt, 3), new_op(&sub_vt, 5), new_op(&scale_vt, 2), new_op(&rev_vt, 7)};
    sum = 0;
    for (long i = 0; i < n; i++) {
        OpObject *o = ops[i % 4];
        sum += o->vt->apply(o, i % 1000);
    }
    printf("interface poly4: %ld\n", sum);
    return 0;
}
