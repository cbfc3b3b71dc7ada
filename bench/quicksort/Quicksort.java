// Quicksort: sort n pseudo-random ints (Park-Miller generator) with a
// recursive Hoare-partition quicksort; print the smallest, median and largest.
public class Quicksort {
    static void quicksort(long[] a, int lo, int hi) {
        if (lo >= hi) return;
        long pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
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

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000000;
        long[] a = new long[n];
        long seed = 42;
        for (int i = 0; i < n; i++) {
            seed = seed * 16807 % 2147483647;
            a[i] = seed;
        }
        quicksort(a, 0, n - 1);
        for (int i = 1; i < n; i++) {
            if (a[i - 1] > a[i]) {
                System.out.println("not sorted at " + i);
                return;
            }
        }
        System.out.println(a[0] + " " + a[n / 2] + " " + a[n - 1]);
    }
}
