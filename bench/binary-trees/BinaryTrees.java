// Binary trees: allocate and walk many perfect binary trees (depth from the
// argument), plus one long-lived tree that survives the whole run.
public class BinaryTrees {
    static final class Node {
        final Node left, right;

        Node(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        int check() {
            if (left == null) return 1;
            return 1 + left.check() + right.check();
        }
    }

    static Node bottomUp(int depth) {
        if (depth == 0) return new Node(null, null);
        return new Node(bottomUp(depth - 1), bottomUp(depth - 1));
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int minDepth = 4;
        int maxDepth = Math.max(minDepth + 2, n);

        int stretch = maxDepth + 1;
        System.out.println("stretch tree of depth " + stretch + " check: " + bottomUp(stretch).check());

        Node longLived = bottomUp(maxDepth);
        for (int d = minDepth; d <= maxDepth; d += 2) {
            int iterations = 1 << (maxDepth - d + minDepth);
            long check = 0;
            for (int i = 0; i < iterations; i++) check += bottomUp(d).check();
            System.out.println(iterations + " trees of depth " + d + " check: " + check);
        }
        System.out.println("long lived tree of depth " + maxDepth + " check: " + longLived.check());
    }
}
