// Call dispatch: n calls in each of four phases: one closure (monomorphic),
// four closures in turn (4-way polymorphic), one interface implementation,
// and four interface implementations in turn. Prints each phase's sum.
import java.util.function.LongUnaryOperator;

public class CallDispatch {
    interface Op {
        long apply(long x);
    }

    static final class Add implements Op {
        final long k;
        Add(long k) { this.k = k; }
        public long apply(long x) { return x + k; }
    }

    static final class Sub implements Op {
        final long k;
        Sub(long k) { this.k = k; }
        public long apply(long x) { return x - k; }
    }

    static final class Scale implements Op {
        final long k;
        Scale(long k) { this.k = k; }
        public long apply(long x) { return x * k; }
    }

    static final class Rev implements Op {
        final long k;
        Rev(long k) { this.k = k; }
        public long apply(long x) { return k - x; }
    }

    static LongUnaryOperator makeAdd(long k) { return x -> x + k; }
    static LongUnaryOperator makeSub(long k) { return x -> x - k; }
    static LongUnaryOperator makeScale(long k) { return x -> x * k; }
    static LongUnaryOperator makeRev(long k) { return x -> k - x; }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000000;

        LongUnaryOperator f = makeAdd(3);
        long sum = 0;
        for (int i = 0; i < n; i++) sum += f.applyAsLong(i % 1000);
        System.out.println("closure mono: " + sum);

        LongUnaryOperator[] fs = {makeAdd(3), makeSub(5), makeScale(2), makeRev(7)};
        sum = 0;
        for (int i = 0; i < n; i++) sum += fs[i % 4].applyAsLong(i % 1000);
        System.out.println("closure poly4: " + sum);

        Op op = new Add(3);
        sum = 0;
        for (int i = 0; i < n; i++) sum += op.apply(i % 1000);
        System.out.println("interface mono: " + sum);

        Op[] ops = {new Add(3), new Sub(5), new Scale(2), new Rev(7)};
        sum = 0;
        for (int i = 0; i < n; i++) sum += ops[i % 4].apply(i % 1000);
        System.out.println("interface poly4: " + sum);
    }
}
