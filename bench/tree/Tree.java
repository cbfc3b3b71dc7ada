// Recursive tree building and walking: n rounds, each inserting 1,000
// pseudo-random keys into an unbalanced binary search tree, then walking it
// recursively for its node count, key sum and height.
public class Tree {
    static final class Node {
        final long key;
        Node left, right;

        Node(long key) {
            this.key = key;
        }

        void insert(long k) {
            if (k < key) {
                if (left == null) left = new Node(k);
                else left.insert(k);
            } else {
                if (right == null) right = new Node(k);
                else right.insert(k);
            }
        }
    }

    static long count(Node n) {
        if (n == null) return 0;
        return 1 + count(n.left) + count(n.right);
    }

    static long sum(Node n) {
        if (n == null) return 0;
        return n.key + sum(n.left) + sum(n.right);
    }

    static long height(Node n) {
        if (n == null) return 0;
        return Math.max(height(n.left), height(n.right)) + 1;
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long seed = 7;
        long nodes = 0, total = 0, heights = 0;
        for (int r = 0; r < rounds; r++) {
            seed = seed * 16807 % 2147483647;
            Node root = new Node(seed % 100000);
            for (int i = 1; i < 1000; i++) {
                seed = seed * 16807 % 2147483647;
                root.insert(seed % 100000);
            }
            nodes += count(root);
            total += sum(root);
            heights += height(root);
        }
        System.out.println(nodes + " " + total + " " + heights);
    }
}
