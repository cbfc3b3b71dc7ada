// Sum over a large slice: fill 1,000,000 ints, then add them all up n times.
public class Sum {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long[] xs = new long[1000000];
        for (int i = 0; i < xs.length; i++) xs[i] = i % 1000;
        long total = 0;
        for (int pass = 0; pass < n; pass++)
            for (long x : xs) total += x;
        System.out.println(total);
    }
}
