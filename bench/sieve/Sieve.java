// Sieve of Eratosthenes: count the primes below 1,000,000, n times over.
public class Sieve {
    static final int LIMIT = 1000000;

    static int countPrimes() {
        boolean[] composite = new boolean[LIMIT];
        int count = 0;
        for (int i = 2; i < LIMIT; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j < LIMIT; j += i) composite[(int) j] = true;
            }
        }
        return count;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        long total = 0;
        for (int r = 0; r < n; r++) total += countPrimes();
        System.out.println(total);
    }
}
