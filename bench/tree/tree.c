// Recursive tree building and walking: n rounds, each inserting 1,000
// pseudo-random keys into an unbalanced binary search tree, then walking it
// recursively for its node count, key sum and height.
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
    long key;
    struct Node *left, *right;
} Node;

static Node *new_node(long key) {
    Node *n = malloc(sizeof(Node));
    n->key = key;
    n->left = n->right = NULL;
    return n;
}

static void insert(Node *n, long key) {
    if (key < n->key) {
        if (n->left == NULL) n->left = new_node(key);
        else insert(n->left, key);
    } else {
        if (n->right == NULL) n->right = new_node(key);
        else insert(n->right, key);
    }
}

static long count(const Node *n) {
    if (n == NULL) return 0;
    return 1 + count(n->left) + count(n->right);
}

static long sum(const Node *n) {
    if (n == NULL) return 0;
    return n->key + sum(n->left) + sum(n->right);
}

static long height(const Node *n) {
    if (n == NULL) return 0;
    long l = height(n->left), r = height(n->right);
    return (l > r ? l : r) + 1;
}

static void release(Node *n) {
    if (n == NULL) return;
    release(n->left);
    release(n->right);
    free(n);
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 100;
    long seed = 7;
    long nodes = 0, total = 0, heights = 0;
    for (long r = 0; r < rounds; r++) {
        seed = seed * 16807 % 2147483647;
        Node *root = new_node(seed % 100000);
        for (int i = 1; i < 1000; i++) {
            seed = seed * 16807 % 2147483647;
            insert(root, seed % 100000);
        }
        nodes += count(root);
        total += sum(root);
        heights += height(root);
        release(root);
    }
    printf("%ld %ld %ld\n", nodes, total, heights);
    return 0;
}
