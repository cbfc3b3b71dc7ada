// Binary trees: allocate and walk many perfect binary trees (depth from the
// argument), plus one long-lived tree that survives the whole run.
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
    struct Node *left, *right;
} Node;

static Node *bottom_up(int depth) {
    Node *n = malloc(sizeof(Node));
    if (depth == 0) {
        n->left = n->right = NULL;
    } else {
        n->left = bottom_up(depth - 1);
        n->right = bottom_up(depth - 1);
    }
    return n;
}

static long check(const Node *n) {
    if (n->left == NULL) return 1;
    return 1 + check(n->left) + check(n->right);
}

static void release(Node *n) {
    if (n->left != NULL) {
        release(n->left);
        release(n->right);
    }
    free(n);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 16;
    int min_depth = 4;
    int max_depth = n < min_depth + 2 ? min_depth + 2 : n;

    int stretch = max_depth + 1;
    Node *t = bottom_up(stretch);
    printf("stretch tree of depth %d check: %ld\n", stretch, check(t));
    release(t);

    Node *long_lived = bottom_up(max_depth);
    for (int d = min_depth; d <= max_depth; d += 2) {
        long iterations = 1L << (max_depth - d + min_depth);
        long sum = 0;
        for (long i = 0; i < iterations; i++) {
            t = bottom_up(d);
            sum += check(t);
            release(t);
        }
        printf("%ld trees of depth %d check: %ld\n", iterations, d, sum);
    }
    printf("long lived tree of depth %d check: %ld\n", max_depth, check(long_lived));
    release(long_lived);
    return 0;
}
