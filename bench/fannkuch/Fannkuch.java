// Fannkuch-redux: for every permutation of 1..n, count the pancake flips
// until 1 comes first; print a signed checksum and the largest flip count.
public class Fannkuch {
    static long checksum;
    static int maxFlips;

    static void fannkuch(int n) {
        int[] perm = new int[n];
        int[] current = new int[n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) current[i] = i;
        long index = 0;
        int r = n;
        while (true) {
            for (; r != 1; r--) count[r - 1] = r;
            System.arraycopy(current, 0, perm, 0, n);
            int flips = 0;
            for (int k = perm[0]; k != 0; k = perm[0]) {
                for (int i = 0, j = k; i < j; i++, j--) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                flips++;
            }
            if (flips > maxFlips) maxFlips = flips;
            checksum += index % 2 == 0 ? flips : -flips;
            // Advance to the next permutation by rotating a growing prefix.
            while (true) {
                if (r == n) return;
                int first = current[0];
                for (int i = 0; i < r; i++) current[i] = current[i + 1];
                current[r] = first;
                if (--count[r] > 0) break;
                r++;
            }
            index++;
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        fannkuch(n);
        System.out.println(checksum);
        System.out.println("Pfannkuchen( " + n + " ) = " + maxFlips);
    }
}
