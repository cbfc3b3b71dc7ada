// Matrix multiply: two n x n float64 matrices, multiplied row by row
// (i-k-j order); prints the sum of the product's entries.
import java.util.Locale;

public class Matrix {
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                double[] bk = b[k];
                for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
            }
        }
        return c;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double[][] a = new double[n][n], b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = (double) ((i + 1) * (j + 2) % 17) / 16 - 0.5;
                b[i][j] = (double) ((3 * i + j) % 13) / 12;
            }
        }
        double[][] c = multiply(a, b);
        double sum = 0.0;
        for (double[] row : c)
            for (double x : row) sum += x;
        System.out.print(String.format(Locale.ROOT, "%.6f\n", sum));
    }
}
