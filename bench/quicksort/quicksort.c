// Quicksort: sort n pseudo-random ints (Park-Miller generator) with a
// recursive Hoare-partition quicksort; print the smallest, median and largest.
#include <stdio.h>
#include <stdlib.h>

static void quicksort(long *a, long lo, long hi) {
    if (lo >= hi) return;
    long pivot = a[lo + (hi - lo) / 2];
    long i = lo, j = hi;
    while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
    }
    quicksort(a, lo, j);
    quicksort(a, i, hi);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long *a = malloc(n * sizeof(long));
    long seed = 42;
    for (long i = 0; i < n; i++) {
        seed = seed * 16807 % 2147483647;
        a[i] = seed;
    }
    quicksort(a, 0, n - 1);
    for (long i = 1; i < n; i++) {
        if (a[i - 1] > a[i]) {
            printf("not sorted at %ld\n", i);
            return 0;
        }
    }
    printf("%ld %ld %ld\n", a[0], a[n / 2], a[n - 1]);
    free(a);
    return 0;
}
