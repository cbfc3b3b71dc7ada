// Sum over a large slice: fill 1,000,000 ints, then add them all up n times.
#include <stdio.h>
#include <stdlib.h>

#define LEN 1000000

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 10;
    long *xs = malloc(LEN * sizeof(long));
    for (long i = 0; i < LEN; i++) xs[i] = i % 1000;
    long total = 0;
    for (long pass = 0; pass < n; pass++)
        for (long i = 0; i < LEN; i++) total += xs[i];
    printf("%ld\n", total);
    free(xs);
    return 0;
}
