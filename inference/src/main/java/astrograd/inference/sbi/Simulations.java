package astrograd.inference.sbi;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Running a simulator in chunks (with a progress bar on a terminal), dropping failed runs, splitting data. */
public final class Simulations {
    /** Rows per simulator call. */
    public static final int CHUNK = 1000;

    private Simulations() {
    }

    /** The kept rows. */
    public record Finite(Tensor theta, Tensor x) {
    }

    /** {@code x [n, F]} for θ {@code [n, D]}, one {@link Rng} stream per chunk of {@value #CHUNK} rows. */
    public static Tensor simulate(Simulator simulator, Tensor theta, Rng rng, boolean progress, String label) {
        int n = theta.size(0);
        List<Tensor> out = new ArrayList<>();
        try (ProgressBar bar = progress && System.console() != null ? new ProgressBarBuilder().setTaskName(label)
                .setInitialMax(n).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
            for (int s = 0; s < n; s += CHUNK) {
                int m = Math.min(CHUNK, n - s);
                Tensor x = simulator.simulate(theta.narrow(0, s, m).contiguous(), rng.fold(s)).to(DType.F64);
                if (x.rank() != 2 || x.size(0) != m) {
                    throw new ShapeException("simulator: " + m + " parameter rows gave output " + Shape.str(x.shape())
                            + "; expected [" + m + ", F]");
                }
                out.add(x);
                if (bar != null) {
                    bar.stepBy(m);
                }
            }
        }
        return Tensor.cat(0, out);
    }

    /** The rows whose outputs are all finite (sbi drops NaN/Inf simulations too). */
    public static Finite keepFinite(Tensor theta, Tensor x) {
        double[] v = x.contiguous().toDoubleArray();
        int f = x.size(1);
        List<Long> keep = new ArrayList<>();
        for (int i = 0; i < x.size(0); i++) {
            boolean ok = true;
            for (int j = 0; j < f && ok; j++) {
                ok = Double.isFinite(v[i * f + j]);
            }
            if (ok) {
                keep.add((long) i);
            }
        }
        if (keep.size() == x.size(0)) {
            return new Finite(theta, x);
        }
        long[] idx = keep.stream().mapToLong(Long::longValue).toArray();
        Tensor index = Tensor.of(idx, idx.length);
        return new Finite(theta.indexSelect(0, index), x.indexSelect(0, index));
    }

    /** A random split {θ_train, x_train, θ_val, x_val} with at least one validation row. */
    public static Tensor[] split(Tensor theta, Tensor x, double validationFraction, Rng rng) {
        int n = theta.size(0);
        int val = Math.max(1, (int) Math.round(validationFraction * n));
        Tensor perm = rng.permutation(n).to(DType.I64);
        Tensor valIdx = perm.narrow(0, 0, val);
        Tensor trainIdx = perm.narrow(0, val, n - val);
        return new Tensor[] {theta.indexSelect(0, trainIdx), x.indexSelect(0, trainIdx), theta.indexSelect(0, valIdx),
            x.indexSelect(0, valIdx)};
    }
}
