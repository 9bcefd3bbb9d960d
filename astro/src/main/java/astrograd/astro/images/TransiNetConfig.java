package astrograd.astro.images;

import astrograd.tensor.DType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TransiNet's channel widths: the paper's (Sedaghat &amp; Mahabal 2018, the PyTorch port's f = 2) times
 * {@code widthFactor}, each at least {@code minChannels}.
 *
 * @param widthFactor 1 = the paper's 154.9M-parameter network; {@link #cpu()} uses 1/16
 * @param minChannels the smallest width any layer gets
 * @param dtype F32 to train, F64 for gradient checks
 */
public record TransiNetConfig(double widthFactor, int minChannels, DType dtype) {
    /** conv1, conv2, conv3, conv3_1, conv4, conv4_1, conv5, conv5_1, conv6, conv6_1 of the paper. */
    public static final int[] ENCODER = {128, 256, 512, 512, 1024, 1024, 1024, 1024, 2048, 2048};
    /** deconv5 … deconv0 of the paper. */
    public static final int[] DECODER = {1024, 512, 256, 128, 64, 32};

    public TransiNetConfig {
        if (!(widthFactor > 0) || minChannels < 1) {
            throw new IllegalArgumentException("TransiNetConfig: width factor " + widthFactor + " and minimum channels "
                    + minChannels + " must be positive");
        }
    }

    /** The paper's widths. */
    public static TransiNetConfig paper() {
        return new TransiNetConfig(1.0, 1, DType.F32);
    }

    /** The recommended CPU configuration: widths / 16 (8 … 128 channels). */
    public static TransiNetConfig cpu() {
        return new TransiNetConfig(1.0 / 16, 2, DType.F32);
    }

    public int encoder(int i) {
        return scaled(ENCODER[i]);
    }

    public int decoder(int i) {
        return scaled(DECODER[i]);
    }

    private int scaled(int c) {
        return Math.max(minChannels, (int) Math.round(c * widthFactor));
    }

    /** For checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "TransiNet");
        m.put("widthFactor", widthFactor);
        m.put("minChannels", minChannels);
        return m;
    }

    /** Reads {@link #toMap()} back (F32). */
    public static TransiNetConfig fromMap(Map<String, Object> m) {
        if (!"TransiNet".equals(m.get("model"))) {
            throw new IllegalArgumentException("not a TransiNet checkpoint (model = " + m.get("model") + ")");
        }
        return new TransiNetConfig(((Number) m.get("widthFactor")).doubleValue(),
                ((Number) m.get("minChannels")).intValue(), DType.F32);
    }
}
