package astrograd.astro.variables;

import astrograd.layers.data.Dataset;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Training batches of folded stars of unequal length. Stars are sorted by {@code min(n, L)} (ties in random order)
 * and cut into groups
 * of {@code batchSize}; one example of this dataset is one whole group, so a {@link astrograd.layers.data.DataLoader}
 * with batch size 1 shuffles the order of the groups. Every time a group is fetched, each of its stars gives a
 * fresh random chunk ({@link Features#randomChunk}) of the group's length, the smallest {@code min(n, L)} in it —
 * a random subset of the observations, which is the augmentation. The fields are the inputs {@code [B, C, Lg]}
 * and the labels {@code [B]} (I64).
 */
public final class ChunkDataset implements Dataset {
    private final Features features;
    private final List<FoldedCurve> curves;
    private final int[] labels;
    private final List<double[]> aux;
    private final List<int[]> groups = new ArrayList<>();
    private final DType dtype;
    private final Rng rng;
    private long fetches;

    /**
     * @param aux the standardized auxiliary inputs of each star
     */
    public ChunkDataset(Features features, List<FoldedCurve> curves, int[] labels, List<double[]> aux, int batchSize,
                        DType dtype, Rng rng) {
        if (curves.isEmpty() || curves.size() != labels.length || aux.size() != labels.length) {
            throw new IllegalArgumentException("ChunkDataset: " + curves.size() + " curves, " + labels.length
                    + " labels and " + aux.size() + " aux rows must be equal and non-zero");
        }
        this.features = features;
        this.curves = curves;
        this.labels = labels;
        this.aux = aux;
        this.dtype = dtype;
        this.rng = rng.split();
        // ties in length are broken at random: a stable sort would leave the input order (often class by class)
        // inside the groups and give batches of a single class
        long[] tieBreak = this.rng.fold(-1).permutation(curves.size()).toLongArray();
        Integer[] order = IntStream.range(0, curves.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(this::usable).thenComparingLong(i -> tieBreak[i]));
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[] g = new int[end - start];
            for (int i = start; i < end; i++) {
                g[i - start] = order[i];
            }
            groups.add(g);
        }
    }

    private int usable(int star) {
        return Math.min(curves.get(star).size(), features.length());
    }

    @Override
    public int size() {
        return groups.size();
    }

    @Override
    public List<Tensor> batch(Tensor indices) {
        int[] picked = astrograd.layers.metrics.Metrics.labels(indices);
        List<FoldedCurve> cs = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        List<double[]> as = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        int len = Integer.MAX_VALUE;
        for (int g : picked) {
            for (int s : groups.get(g)) {
                len = Math.min(len, usable(s));
            }
        }
        Rng draw = rng.fold(fetches++);
        for (int g : picked) {
            for (int s : groups.get(g)) {
                cs.add(curves.get(s));
                pos.add(features.randomChunk(curves.get(s), len, draw));
                as.add(aux.get(s));
                ys.add(labels[s]);
            }
        }
        long[] y = ys.stream().mapToLong(Integer::longValue).toArray();
        return List.of(features.batch(cs, pos, as, dtype), Tensor.of(y, y.length));
    }
}
