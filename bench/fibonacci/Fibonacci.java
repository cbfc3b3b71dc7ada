// Recursive Fibonacci: fib(n) with two calls per level.
public class Fibonacci {
    static long fib(int n) {
        if (n < 2) return n;
        return fib(n - 1) + fib(n - 2);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 35;
        System.out.println(fib(n));
    }
}
