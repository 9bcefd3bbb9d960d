package astrograd.tensor.optable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.Backend;
import astrograd.tensor.Backends;
import astrograd.tensor.DType;
import astrograd.tensor.Device;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tensor module's op table ({@link OpForwardTest}: every op of the tensor library, composites included,
 * against its float64 reference) with the inputs on another device: each input keeps its layout (transposed,
 * strided with junk in the gaps, expanded, flipped) on the device, the row runs there through the public Tensor
 * API, and its results are read back and compared with the same references and tolerances. In this package to
 * reach the table; subclasses give the device's backend or skip saying why. Live device bytes must be back to
 * zero after each case.
 */
abstract class DeviceOpForwardContract {

    /** The backend of the device under test; aborts (skips) the test when it is unavailable. */
    protected abstract Backend backend();

    /** The device's live bytes (checked after each case's scope closed). */
    protected abstract long liveBytes();

    /** Random draws per case: {@link OpForwardTest#DRAWS} unless a subclass needs to be quicker. */
    protected int draws() {
        return OpForwardTest.DRAWS;
    }

    static Stream<Arguments> cases() {
        return OpForwardTest.cases();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void forwardOnTheDeviceMatchesReference(String id, DType dtype, Layouts layout) {
        Backend dev = backend();
        OpEntry e = OpTable.get(id);
        for (int draw = 0; draw < draws(); draw++) {
            SplittableRandom r = new SplittableRandom((id + dtype + layout).hashCode() * 31L + draw);
            try (TensorScope scope = TensorScope.open()) {
                Nd[] raw = e.inputs(r, dtype);
                Nd[] values = new Nd[raw.length];
                Tensor[] tensors = new Tensor[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    Layouts.Placed p = layout.place(raw[i]);
                    values[i] = p.values;
                    tensors[i] = onDevice(dev, p.tensor);
                }
                String what = id + " " + dtype + " " + layout + " on " + dev.device() + " inputs "
                        + OpForwardTest.describe(values);
                Tensor[] got = OpForwardTest.runOrFail(e, tensors, what);
                for (Tensor t : got) {
                    assertEquals(dev.device(), t.device(), what + ": result on the wrong device");
                }
                OpForwardTest.assertOutputs(what, e.reference(values), got);
                for (int i = 0; i < tensors.length; i++) {
                    assertTrue(Arrays.equals(values[i].data, Nd.of(tensors[i]).data), what + ": input " + i + " was modified");
                }
            }
            assertEquals(0, liveBytes(), id + " " + dtype + " " + layout + ": device bytes still live after the scope");
        }
    }

    /** The same view (shape, strides, offset) over a device copy of t's whole storage. */
    static Tensor onDevice(Backend dev, Tensor t) {
        Tensor whole = new Tensor(t.storage(), new int[] {t.storage().size()});
        Object host = Backends.cpu().download(whole);
        return new Tensor(dev.upload(host, t.dtype()), t.shape(), t.strides(), t.offset());
    }

    /** The CUDA device this contract runs on. */
    static Device cuda() {
        return Device.cuda(0);
    }
}
