// Spectral norm: the largest singular value of the infinite matrix
// A(i,j) = 1/((i+j)(i+j+1)/2+i+1), cut to n x n, by 10 power iterations.
import java.util.Locale;

public class SpectralNorm {
    static double a(int i, int j) {
        return 1.0 / ((long) (i + j) * (i + j + 1) / 2 + i + 1);
    }

    static void mulAv(double[] v, double[] av) {
        for (int i = 0; i < av.length; i++) {
            double s = 0.0;
            for (int j = 0; j < v.length; j++) s += a(i, j) * v[j];
            av[i] = s;
        }
    }

    static void mulAtv(double[] v, double[] atv) {
        for (int i = 0; i < atv.length; i++) {
            double s = 0.0;
            for (int j = 0; j < v.length; j++) s += a(j, i) * v[j];
            atv[i] = s;
        }
    }

    static void mulAtAv(double[] v, double[] out, double[] tmp) {
        mulAv(v, tmp);
        mulAtv(tmp, out);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double[] u = new double[n], v = new double[n], tmp = new double[n];
        java.util.Arrays.fill(u, 1.0);
        for (int i = 0; i < 10; i++) {
            mulAtAv(u, v, tmp);
            mulAtAv(v, u, tmp);
        }
        double vBv = 0, vv = 0;
        for (int i = 0; i < n; i++) {
            vBv += u[i] * v[i];
            vv += v[i] * v[i];
        }
        System.out.print(String.format(Locale.ROOT, "%.9f\n", Math.sqrt(vBv / vv)));
    }
}
