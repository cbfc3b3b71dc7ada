// Fannkuch-redux: for every permutation of 1..n, count the pancake flips
// until 1 comes first; print a signed checksum and the largest flip count.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fannkuch(int n, long *checksum_out, int *max_flips_out) {
    int *perm = malloc(n * sizeof(int));
    int *current = malloc(n * sizeof(int));
    int *count = malloc(n * sizeof(int));
    for (int i = 0; i < n; i++) current[i] = i;
    long checksum = 0, index = 0;
    int max_flips = 0;
    int r = n;
    for (;;) {
        for (; r != 1; r--) count[r - 1] = r;
        memcpy(perm, current, n * sizeof(int));
        int flips = 0;
        for (int k = perm[0]; k != 0; k = perm[0]) {
            for (int i = 0, j = k; i < j; i++, j--) {
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            flips++;
        }
        if (flips > max_flips) max_flips = flips;
        checksum += index % 2 == 0 ? flips : -flips;
        // Advance to the next permutation by rotating a growing prefix.
        for (;;) {
            if (r == n) {
                free(perm);
                free(current);
                free(count);
                *checksum_out = checksum;
                *max_flips_out = max_flips;
                return;
            }
            int first = current[0];
            for (int i = 0; i < r; i++) current[i] = current[i + 1];
            current[r] = first;
            if (--count[r] > 0) break;
            r++;
        }
        index++;
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 10;
    long checksum;
    int max_flips;
    fannkuch(n, &checksum, &max_flips);
    printf("%ld\nPfannkuchen( %d ) = %d\n", checksum, n, max_flips);
    return 0;
}
