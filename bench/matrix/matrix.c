// Matrix multiply: two n x n float64 matrices, multiplied row by row
// (i-k-j order); prints the sum of the product's entries.
#include <stdio.h>
#include <stdlib.h>

static double **new_matrix(int n) {
    double **m = malloc(n * sizeof(double *));
    for (int i = 0; i < n; i++) m[i] = calloc(n, sizeof(double));
    return m;
}

static void free_matrix(double **m, int n) {
    for (int i = 0; i < n; i++) free(m[i]);
    free(m);
}

static double **multiply(double **a, double **b, int n) {
    double **c = new_matrix(n);
    for (int i = 0; i < n; i++) {
        double *ci = c[i];
        for (int k = 0; k < n; k++) {
            double aik = a[i][k];
            const double *bk = b[k];
            for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
        }
    }
    return c;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    double **a = new_matrix(n), **b = new_matrix(n);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            a[i][j] = (double)((i + 1) * (j + 2) % 17) / 16 - 0.5;
            b[i][j] = (double)((3 * i + j) % 13) / 12;
        }
    }
    double **c = multiply(a, b, n);
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) sum += c[i][j];
    printf("%.6f\n", sum);
    free_matrix(a, n);
    free_matrix(b, n);
    free_matrix(c, n);
    return 0;
}
