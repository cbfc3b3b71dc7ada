// Sieve of Eratosthenes: count the primes below 1,000,000, n times over.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define LIMIT 1000000

static long count_primes(void) {
    bool *composite = calloc(LIMIT, sizeof(bool));
    long count = 0;
    for (long i = 2; i < LIMIT; i++) {
        if (!composite[i]) {
            count++;
            for (long j = i * i; j < LIMIT; j += i) composite[j] = true;
        }
    }
    free(composite);
    return count;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 6;
    long total = 0;
    for (long r = 0; r < n; r++) total += count_primes();
    printf("%ld\n", total);
    return 0;
}
