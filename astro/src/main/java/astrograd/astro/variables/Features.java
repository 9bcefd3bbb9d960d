package astrograd.astro.variables;

import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The network input of a folded light curve: chunks of at most {@code length} observations in phase order,
 * each a {@code [C, Lc]} block whose channels at position j (point k of the chunk, next point k' cyclically) are
 * <ol>
 *   <li>the phase gap to the next point with wrap-around, {@code Lc · ((φ_k' − φ_k) mod 1)} (the gap in units of
 *       the period, scaled by the chunk length so that its mean is 1; the gaps of a chunk sum to one period);</li>
 *   <li>the standardized magnitude {@code (m − μ_b) / σ_b} of the point's band, clipped to ±{@value #CLIP};</li>
 *   <li>optionally the standardized error {@code e / σ_b};</li>
 *   <li>with several bands, a one-hot band indicator per band (the bands are concatenated in one phase-sorted
 *       sequence);</li>
 *   <li>the auxiliary inputs, standardized over the training set and broadcast along the sequence: per band the
 *       mean magnitude μ_b and the scatter as {@code log10 σ_b}, then {@code log10 P}; with {@code shapeAux}, then per
 *       band the phase-invariant {@link ShapeStatistics} (log amplitude, Fourier R21, R31, φ21, φ31, skewness), and
 *       for each pair of adjacent bands the colour {@code μ_b − μ_{b+1}} and the log amplitude ratio.</li>
 * </ol>
 * A rotation of the phase origin rolls every chunk cyclically and changes nothing else, because chunks are
 * chosen by rank in time, never by phase.
 *
 * @param length     the chunk length L (observations per chunk)
 * @param withErrors whether to add the error channel
 * @param bands      the number of photometric bands
 * @param minPoints  the fewest observations a star needs
 * @param shapeAux   whether to add the shape statistics, colours and amplitude ratios to the auxiliary inputs
 */
public record Features(int length, boolean withErrors, int bands, int minPoints, boolean shapeAux) {
    /** Standardized magnitudes are clipped to ± this (outlying points must not dominate a chunk). */
    public static final double CLIP = 10;

    public Features {
        if (length < 2 || bands < 1 || minPoints < 2 || minPoints > length) {
            throw new IllegalArgumentException("Features: need length >= 2, bands >= 1 and 2 <= minPoints <= length, got L="
                    + length + ", bands " + bands + ", minPoints " + minPoints);
        }
    }

    /** The features with the shape statistics (the recommended setting). */
    public Features(int length, boolean withErrors, int bands, int minPoints) {
        this(length, withErrors, bands, minPoints, true);
    }

    /** Channels that vary along the sequence. */
    public int sequenceChannels() {
        return 2 + (withErrors ? 1 : 0) + (bands > 1 ? bands : 0);
    }

    /** Auxiliary inputs: mean magnitude and log10 scatter per band, log10 period, and the shape inputs. */
    public int auxCount() {
        return 2 * bands + 1 + (shapeAux ? ShapeStatistics.COUNT * bands + 2 * (bands - 1) : 0);
    }

    /** All input channels C of the network. */
    public int inputChannels() {
        return sequenceChannels() + auxCount();
    }

    /** Folds {@code lc} and checks it has enough points and the right number of bands. */
    public FoldedCurve fold(LightCurve lc) {
        if (lc.bands() != bands) {
            throw new BadStarException(lc.id(), "has " + lc.bands() + " bands, the features expect " + bands);
        }
        return FoldedCurve.fold(lc, minPoints);
    }

    /** The raw (unstandardized) auxiliary inputs of a star. */
    public double[] rawAux(FoldedCurve fc) {
        double[] a = new double[auxCount()];
        for (int b = 0; b < bands; b++) {
            a[b] = fc.bandMean(b);
            a[bands + b] = Math.log10(Math.max(fc.bandScatter(b), FoldedCurve.MIN_SCATTER));
        }
        a[2 * bands] = Math.log10(fc.source().period());
        if (shapeAux) {
            int c = 2 * bands + 1;
            double[][] shape = new double[bands][];
            for (int b = 0; b < bands; b++) {
                shape[b] = bandShape(fc, b);
                System.arraycopy(shape[b], 0, a, c, ShapeStatistics.COUNT);
                c += ShapeStatistics.COUNT;
            }
            for (int b = 0; b + 1 < bands; b++) {
                a[c++] = fc.bandMean(b) - fc.bandMean(b + 1);
                a[c++] = shape[b][0] - shape[b + 1][0];
            }
        }
        return a;
    }

    private static double[] bandShape(FoldedCurve fc, int b) {
        int n = 0;
        for (int k = 0; k < fc.size(); k++) {
            n += fc.band(k) == b ? 1 : 0;
        }
        double[] phase = new double[n];
        double[] mag = new double[n];
        int i = 0;
        for (int k = 0; k < fc.size(); k++) {
            if (fc.band(k) == b) {
                phase[i] = fc.phase(k);
                mag[i++] = fc.mag(k);
            }
        }
        return ShapeStatistics.of(phase, mag);
    }

    /**
     * The chunks used to classify a star, as positions in phase order: with n ≥ L observations,
     * {@code m = floor(n / L)} chunks of L points, the points with time ranks {@code floor(i·n/(m·L))},
     * {@code i = 0 .. mL−1}, dealt out in turn (chunk j takes every i ≡ j mod m); with fewer, one chunk of all n.
     */
    public List<int[]> chunks(FoldedCurve fc) {
        int n = fc.size();
        if (n < length) {
            return List.of(positionsOf(fc, allRanks(n)));
        }
        int m = n / length;
        List<int[]> out = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            int[] ranks = new int[length];
            for (int q = 0; q < length; q++) {
                long i = (long) q * m + j;
                ranks[q] = (int) (i * n / ((long) m * length));
            }
            out.add(positionsOf(fc, ranks));
        }
        return out;
    }

    /** {@code len} distinct observations drawn uniformly (a training chunk), as positions in phase order. */
    public int[] randomChunk(FoldedCurve fc, int len, Rng rng) {
        int n = fc.size();
        if (len > n) {
            throw new IllegalArgumentException("Features: chunk of " + len + " from " + n + " points");
        }
        int[] ranks = allRanks(n);
        for (int i = 0; i < len; i++) {
            int j = i + rng.nextInt(n - i);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        return positionsOf(fc, java.util.Arrays.copyOf(ranks, len));
    }

    private static int[] allRanks(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The phase-order positions of the points with the given time ranks, ascending. */
    private static int[] positionsOf(FoldedCurve fc, int[] ranks) {
        boolean[] chosen = new boolean[fc.size()];
        for (int r : ranks) {
            chosen[r] = true;
        }
        int[] pos = new int[ranks.length];
        int c = 0;
        for (int k = 0; k < fc.size(); k++) {
            if (chosen[fc.timeRank(k)]) {
                pos[c++] = k;
            }
        }
        if (c != ranks.length) {
            throw new IllegalArgumentException("Features: repeated time ranks in a chunk");
        }
        return pos;
    }

    /**
     * Writes the {@code [C, Lc]} block of one chunk into {@code out} at {@code offset} (row-major, C rows).
     *
     * @param aux the star's standardized auxiliary inputs ({@link #auxCount()} values)
     */
    public void fill(FoldedCurve fc, int[] positions, double[] aux, double[] out, int offset) {
        int len = positions.length;
        int c = 0;
        for (int j = 0; j < len; j++) {
            int k = positions[j];
            out[offset + j] = len * gap(fc.phase(k), fc.phase(positions[(j + 1) % len]), len);
            out[offset + len + j] = Math.max(-CLIP, Math.min(CLIP, fc.standardizedMag(k)));
        }
        c = 2;
        if (withErrors) {
            for (int j = 0; j < len; j++) {
                double e = fc.standardizedErr(positions[j]);
                out[offset + c * len + j] = Double.isFinite(e) ? Math.min(e, CLIP) : 0;
            }
            c++;
        }
        if (bands > 1) {
            for (int j = 0; j < len; j++) {
                out[offset + (c + fc.band(positions[j])) * len + j] = 1;
            }
            c += bands;
        }
        for (double a : aux) {
            java.util.Arrays.fill(out, offset + c * len, offset + (c + 1) * len, a);
            c++;
        }
    }

    /** {@code (next − cur) mod 1}, and a whole period for a one-point chunk. */
    private static double gap(double cur, double next, int len) {
        if (len == 1) {
            return 1;
        }
        double d = next - cur;
        return d < 0 ? d + 1 : d;
    }

    /** {@code positions} rotated left by {@code shift}: the chunk's features rolled by {@code −shift} along the sequence. */
    public static int[] rotate(int[] positions, int shift) {
        int n = positions.length;
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = positions[Math.floorMod(j + shift, n)];
        }
        return out;
    }

    /** A batch {@code [N, C, Lc]} of chunks of equal length; {@code aux.get(i)} belongs to {@code curves.get(i)}. */
    public Tensor batch(List<FoldedCurve> curves, List<int[]> positions, List<double[]> aux, DType dtype) {
        int n = curves.size();
        int len = positions.get(0).length;
        int block = inputChannels() * len;
        double[] data = new double[n * block];
        for (int i = 0; i < n; i++) {
            if (positions.get(i).length != len) {
                throw new IllegalArgumentException("Features.batch: chunk " + i + " has " + positions.get(i).length
                        + " points, chunk 0 has " + len);
            }
            fill(curves.get(i), positions.get(i), aux.get(i), data, i * block);
        }
        return Tensor.of(data, n, inputChannels(), len).to(dtype);
    }
}
