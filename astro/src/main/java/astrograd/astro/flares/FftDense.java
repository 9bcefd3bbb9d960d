package astrograd.astro.flares;

import astrograd.tensor.Tensor;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * A many-channel, many-tap cross-correlation computed by FFT with overlap-save: for inputs {@code x[c, t]}
 * ({@code in} channels, length L) and weights {@code W[o, c, m]} ({@code taps} taps),
 * <pre>
 *   z[o, b] = Σ_c Σ_m W[o, c, m] · x[c, b + m],        b = 0 … L − taps
 *   Ẑ_o(f) = Σ_c conj(Ŵ_oc(f)) · X̂_c(f)                  per block of {@value #FFT} inputs
 * </pre>
 * Each block of {@value #FFT} inputs (zero beyond L) yields {@code FFT − taps + 1} outputs that the circular
 * correlation leaves exact. The products of all blocks of all inputs run as one batched real matrix product over
 * the {@code FFT/2 + 1} frequencies ({@code [blocks, 2·in] @ [2·in, 2·out]} per frequency, real and imaginary
 * parts side by side). For the flare network's dense layer (32 × 64 channels × 50 taps) this costs about 6 000
 * multiply-adds per output instead of 102 400, in float32 (relative error about 1e-6 of the sums' magnitude).
 */
final class FftDense {
    /** The FFT length of one block. */
    static final int FFT = 256;
    private final int out;
    private final int in;
    private final int taps;
    private final int step;
    private final int freqs = FFT / 2 + 1;
    private final Tensor spectra;

    /** @param weights {@code [out, in, taps]}, taps ≤ FFT / 2 */
    FftDense(Tensor weights) {
        if (weights.rank() != 3 || weights.size(2) > FFT / 2) {
            throw new IllegalArgumentException("FftDense: weights must be [out, in, taps ≤ " + FFT / 2 + "], got "
                    + astrograd.tensor.Shape.str(weights.shape()));
        }
        out = weights.size(0);
        in = weights.size(1);
        taps = weights.size(2);
        step = FFT - taps + 1;
        float[] w = weights.contiguous().toFloatArray();
        float[] s = new float[freqs * 2 * out * 2 * in];
        FloatFFT_1D fft = new FloatFFT_1D(FFT);
        float[] buf = new float[FFT];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                java.util.Arrays.fill(buf, 0f);
                System.arraycopy(w, (o * in + c) * taps, buf, 0, taps);
                fft.realForward(buf);
                for (int f = 0; f < freqs; f++) {
                    float re = real(buf, 0, f);
                    float im = imag(buf, 0, f);
                    // [Zr Zi] = [Xr Xi] @ [[Wr, −Wi], [Wi, Wr]]: Ẑ = X̂ · conj(Ŵ)
                    int base = f * 2 * in * 2 * out;
                    s[base + c * 2 * out + o] = re;
                    s[base + c * 2 * out + out + o] = -im;
                    s[base + (in + c) * 2 * out + o] = im;
                    s[base + (in + c) * 2 * out + out + o] = re;
                }
            }
        }
        spectra = Tensor.of(s, freqs, 2 * in, 2 * out);
    }

    /** The real part of frequency f of JTransforms' packed real spectrum at {@code packed[off..off+FFT)}. */
    private static float real(float[] packed, int off, int f) {
        return f == 0 ? packed[off] : f == FFT / 2 ? packed[off + 1] : packed[off + 2 * f];
    }

    private static float imag(float[] packed, int off, int f) {
        return f == 0 || f == FFT / 2 ? 0f : packed[off + 2 * f + 1];
    }

    /**
     * The correlations of several inputs at once.
     *
     * @param inputs each {@code [in, lengths[p]]}, channel-major
     * @return per input {@code [out, lengths[p] − taps + 1]} (empty when the input is shorter than the taps)
     */
    float[][] apply(float[][] inputs, int[] lengths) {
        int[] firstBlock = new int[inputs.length + 1];
        for (int p = 0; p < inputs.length; p++) {
            firstBlock[p + 1] = firstBlock[p] + blocks(lengths[p]);
        }
        int nb = firstBlock[inputs.length];
        float[][] z = new float[inputs.length][];
        for (int p = 0; p < inputs.length; p++) {
            z[p] = new float[out * Math.max(0, lengths[p] - taps + 1)];
        }
        if (nb == 0) {
            return z;
        }
        FloatFFT_1D fft = new FloatFFT_1D(FFT);
        float[] x = forward(fft, inputs, lengths, firstBlock, nb);
        float[] spectrum = Tensor.of(x, freqs, nb, 2 * in).matmul(spectra).toFloatArray();
        inverse(fft, spectrum, lengths, firstBlock, nb, z);
        return z;
    }

    private int blocks(int length) {
        int outputs = length - taps + 1;
        return outputs <= 0 ? 0 : (outputs + step - 1) / step;
    }

    /** X̂ as {@code [freqs, blocks, 2·in]}: real parts in columns {@code 0..in}, imaginary parts after. */
    private float[] forward(FloatFFT_1D fft, float[][] inputs, int[] lengths, int[] firstBlock, int nb) {
        float[] x = new float[freqs * nb * 2 * in];
        float[] buf = new float[in * FFT];
        for (int p = 0; p < inputs.length; p++) {
            int length = lengths[p];
            for (int j = 0; j < firstBlock[p + 1] - firstBlock[p]; j++) {
                int start = j * step;
                int count = Math.min(FFT, length - start);
                int blk = firstBlock[p] + j;
                for (int c = 0; c < in; c++) {
                    System.arraycopy(inputs[p], c * length + start, buf, c * FFT, count);
                    java.util.Arrays.fill(buf, c * FFT + count, (c + 1) * FFT, 0f);
                    fft.realForward(buf, c * FFT);
                }
                for (int f = 0; f < freqs; f++) {
                    int row = (f * nb + blk) * 2 * in;
                    for (int c = 0; c < in; c++) {
                        x[row + c] = real(buf, c * FFT, f);
                        x[row + in + c] = imag(buf, c * FFT, f);
                    }
                }
            }
        }
        return x;
    }

    private void inverse(FloatFFT_1D fft, float[] spectrum, int[] lengths, int[] firstBlock, int nb, float[][] z) {
        float[] buf = new float[out * FFT];
        for (int p = 0; p < lengths.length; p++) {
            int outputs = lengths[p] - taps + 1;
            for (int j = 0; j < firstBlock[p + 1] - firstBlock[p]; j++) {
                int blk = firstBlock[p] + j;
                int start = j * step;
                int count = Math.min(step, outputs - start);
                for (int f = 0; f < freqs; f++) {
                    int row = (f * nb + blk) * 2 * out;
                    for (int o = 0; o < out; o++) {
                        if (f == 0) {
                            buf[o * FFT] = spectrum[row + o];
                        } else if (f == freqs - 1) {
                            buf[o * FFT + 1] = spectrum[row + o];
                        } else {
                            buf[o * FFT + 2 * f] = spectrum[row + o];
                            buf[o * FFT + 2 * f + 1] = spectrum[row + out + o];
                        }
                    }
                }
                for (int o = 0; o < out; o++) {
                    fft.realInverse(buf, o * FFT, true);
                    System.arraycopy(buf, o * FFT, z[p], o * outputs + start, count);
                }
            }
        }
    }
}
