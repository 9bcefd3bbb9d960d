package astrograd.tensor.optable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward pass of every {@link OpTable} row against its float64 reference, for each accepted dtype and
 * each input {@link Layouts layout}, on {@value #DRAWS} random draws of shapes and values (seeded
 * {@link SplittableRandom}; broadcast, size-0 and size-1 axes included). Tolerances are those of
 * {@link Tolerance}. Non-contiguous inputs must also give the same result as their contiguous copies, and
 * no input may be modified. An op that throws (a stub's {@link UnsupportedOperationException} included) fails
 * its rows: a missing op is never reported as skipped.
 */
class OpForwardTest {
    static final int DRAWS = 3;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (OpEntry e : OpTable.entries()) {
            for (DType dt : e.dtypes) {
                for (Layouts layout : Layouts.values()) {
                    if (layout == Layouts.EXPANDED && e.keepsValues()) {
                        continue;
                    }
                    out.add(Arguments.of(e.id, dt, layout));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void forwardMatchesReference(String id, DType dtype, Layouts layout) {
        OpEntry e = OpTable.get(id);
        for (int draw = 0; draw < DRAWS; draw++) {
            SplittableRandom r = new SplittableRandom((id + dtype + layout).hashCode() * 31L + draw);
            Nd[] raw = e.inputs(r, dtype);
            Nd[] values = new Nd[raw.length];
            Tensor[] tensors = new Tensor[raw.length];
            for (int i = 0; i < raw.length; i++) {
                Layouts.Placed p = layout.place(raw[i]);
                values[i] = p.values;
                tensors[i] = p.tensor;
            }
            String what = id + " " + dtype + " " + layout + " inputs " + describe(values);
            Tensor[] got = runOrFail(e, tensors, what);
            Nd[] expected = e.reference(values);
            assertOutputs(what, expected, got);
            if (layout != Layouts.CONTIGUOUS) {
                Tensor[] copies = Arrays.stream(tensors).map(Tensor::contiguous).toArray(Tensor[]::new);
                Nd[] fromCopies = Arrays.stream(runOrFail(e, copies, what + " (contiguous copy)")).map(Nd::of).toArray(Nd[]::new);
                assertOutputs(what + " vs its contiguous copy", fromCopies, got);
            }
            for (int i = 0; i < tensors.length; i++) {
                assertTrue(Arrays.equals(values[i].data, Nd.of(tensors[i]).data), what + ": input " + i + " was modified");
            }
        }
    }

    /** Runs the row; any exception (a stub's included) fails it naming the case. */
    static Tensor[] runOrFail(OpEntry e, Tensor[] in, String what) {
        try {
            return e.run(in);
        } catch (RuntimeException ex) {
            throw new AssertionError(what + ": threw " + ex, ex);
        }
    }

    static void assertOutputs(String what, Nd[] expected, Tensor[] got) {
        assertEquals(expected.length, got.length, what + ": number of results");
        for (int i = 0; i < got.length; i++) {
            String msg = Tolerance.mismatch(what + (got.length > 1 ? " result " + i : ""), expected[i], Nd.of(got[i]));
            if (msg != null) {
                fail(msg);
            }
        }
    }

    static String describe(Nd[] in) {
        StringBuilder sb = new StringBuilder();
        for (Nd x : in) {
            sb.append(x.dtype).append(Arrays.toString(x.shape)).append(' ');
        }
        return sb.toString().trim();
    }

    /** The table covers every op the brief lists; a renamed or dropped row shows here. */
    @Test
    void tableCoversEveryOp() {
        String[] ops = {"add", "sub", "mul", "div", "pow", "maximum", "minimum", "neg", "abs", "sign", "exp", "log",
            "log1p", "expm1", "sqrt", "rsqrt", "square", "sin", "cos", "tanh", "sigmoid", "relu", "softplus", "erf",
            "lgamma", "clamp", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "where", "to", "sum", "mean",
            "var_unbiased", "var_biased", "std_unbiased", "std_biased", "max", "min", "argmax", "argmin", "logsumexp",
            "prod", "cumsum", "softmax", "logSoftmax", "cat", "stack", "split", "chunk", "pad", "roll", "flip",
            "gather", "scatterAdd", "indexSelect", "maskedFill", "oneHot", "takeAlongAxis", "matmul", "atan2", "digamma"};
        for (String op : ops) {
            assertTrue(OpTable.entries().stream().anyMatch(e -> e.op.equals(op)), "no op table row for " + op);
        }
    }
}
