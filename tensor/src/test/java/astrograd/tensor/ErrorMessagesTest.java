package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.tensor.ops.PadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Validation errors: each op refuses bad arguments in Java with the documented exception type
 * ({@link ShapeException}, {@link DTypeException}, {@link IllegalArgumentException}) and a message that
 * starts with the op's name and names the shapes, dtypes or axis at fault.
 */
class ErrorMessagesTest {

    /** Asserts {@code body} throws {@code type} with a message starting "op:" and holding every fragment. */
    static <T extends Throwable> T expect(Class<T> type, String op, Executable body, String... fragments) {
        T ex = assertThrows(type, body);
        String msg = ex.getMessage();
        assertTrue(msg != null && msg.startsWith(op + ":"), "message should start with '" + op + ":', got: " + msg);
        for (String f : fragments) {
            assertTrue(msg.contains(f), "message should contain '" + f + "', got: " + msg);
        }
        return ex;
    }

    static Tensor f32(int... shape) {
        return Tensor.zeros(DType.F32, shape);
    }

    static Tensor f64(int... shape) {
        return Tensor.zeros(DType.F64, shape);
    }

    static Tensor bools(int... shape) {
        return Tensor.zeros(DType.BOOL, shape);
    }

    static Tensor longs(long... values) {
        return Tensor.of(values, values.length);
    }

    // ---------------------------------------------------------------- matmul

    @Test
    void matmulInnerDimensions() {
        ShapeException ex = assertThrows(ShapeException.class, () -> f32(3, 4).matmul(f32(5, 6)));
        assertEquals("matmul: [3, 4] @ [5, 6]: inner dimensions differ (4 vs 5)", ex.getMessage());
        expect(ShapeException.class, "matmul", () -> f32(4).matmul(f32(5)), "[4] @ [5]", "(4 vs 5)");
    }

    @Test
    void matmulScalarOperand() {
        expect(ShapeException.class, "matmul", () -> f32().matmul(f32(3)), "rank >= 1");
    }

    /** The javadoc promises both operand shapes when batch axes do not broadcast. */
    @Test
    void matmulBatchMismatchNamesBothShapes() {
        expect(ShapeException.class, "matmul", () -> f32(2, 3, 4).matmul(f32(3, 4, 5)), "[2, 3, 4]", "[3, 4, 5]");
    }

    @Test
    void matmulDtypes() {
        expect(DTypeException.class, "matmul", () -> f32(2, 2).matmul(f64(2, 2)), "F32", "F64");
        expect(DTypeException.class, "matmul", () -> Tensor.zeros(DType.I32, 2, 2).matmul(Tensor.zeros(DType.I32, 2, 2)), "I32");
    }

    // ---------------------------------------------------------------- broadcasting and axes

    @Test
    void broadcastingFailureNamesShapesAndAxis() {
        ShapeException ex = assertThrows(ShapeException.class, () -> f32(2, 3).add(f32(4)));
        assertEquals("add: shapes [2, 3] and [4] cannot be broadcast: axis -1 has sizes 3 and 4", ex.getMessage());
        expect(ShapeException.class, "lt", () -> f32(2, 3, 1).lt(f32(4, 2)), "[2, 3, 1]", "[4, 2]", "axis -2", "3 and 4");
        expect(ShapeException.class, "atan2", () -> f32(2, 3).atan2(f32(2)), "[2, 3]", "[2]", "axis -1", "3 and 2");
        expect(ShapeException.class, "where", () -> Tensor.where(bools(2), f32(3), f32(3)), "[2]", "[3]");
        expect(ShapeException.class, "broadcastTo", () -> f32(2, 3).broadcastTo(3, 3), "[2, 3]", "[3, 3]");
        expect(ShapeException.class, "expand", () -> f32(2, 3).expand(4, 3), "[2, 3]", "[4, 3]", "axis 0");
    }

    @Test
    void badAxes() {
        expect(ShapeException.class, "sum", () -> f32(2, 3, 4).sum(new int[] {3}, false), "axis 3", "rank 3");
        expect(ShapeException.class, "sum", () -> f32(2, 3, 4).sum(new int[] {1, -2}, false), "given twice");
        expect(ShapeException.class, "softmax", () -> f32(2, 3).softmax(-3), "axis -3", "rank 2");
        expect(ShapeException.class, "argmax", () -> f32(2, 3).argmax(2, false), "axis 2", "rank 2");
        expect(ShapeException.class, "cumsum", () -> f32(2, 3).cumsum(5), "axis 5");
        expect(ShapeException.class, "cat", () -> Tensor.cat(2, f32(2, 3), f32(2, 3)), "axis 2");
        expect(ShapeException.class, "transpose", () -> f32(2, 3).transpose(0, 2), "axis 2");
        expect(ShapeException.class, "permute", () -> f32(2, 3).permute(0, 0), "given twice");
        expect(ShapeException.class, "permute", () -> f32(2, 3).permute(0), "[0]", "rank 2");
        expect(ShapeException.class, "roll", () -> f32(2, 3).roll(1, 2), "axis 2");
        expect(ShapeException.class, "squeeze", () -> f32(2, 3).squeeze(1), "axis 1", "[2, 3]", "size 3");
    }

    // ---------------------------------------------------------------- views

    @Test
    void reshapeSizeMismatch() {
        ShapeException ex = assertThrows(ShapeException.class, () -> f32(2, 3).reshape(4, 2));
        assertEquals("reshape: shape [2, 3] (6 elements) cannot become [4, 2] (8 elements)", ex.getMessage());
        expect(ShapeException.class, "reshape", () -> f32(2, 3).reshape(-1, 4), "[-1, 4]", "[2, 3]");
        expect(ShapeException.class, "reshape", () -> f32(2, 3).reshape(-1, -1), "only one size may be -1");
    }

    @Test
    void narrowSliceSelectOutOfRange() {
        expect(ShapeException.class, "narrow", () -> f32(2, 4).narrow(1, 2, 3),
                "start 2", "length 3", "axis 1", "size 4", "[2, 4]");
        expect(ShapeException.class, "narrow", () -> f32(2, 4).narrow(0, -1, 1), "start -1");
        expect(ShapeException.class, "select", () -> f32(2, 4).select(0, 2), "index 2", "axis 0", "[2, 4]");
        expect(ShapeException.class, "slice", () -> f32(2, 4).slice(1, 0, 4, 0), "step");
    }

    @Test
    void creationErrors() {
        expect(ShapeException.class, "of", () -> Tensor.of(new float[5], 2, 3), "5 values", "[2, 3]");
        expect(ShapeException.class, "full", () -> Tensor.zeros(DType.F32, 2, -1), "negative size", "[2, -1]");
        expect(ShapeException.class, "item", () -> f32(2).item(), "[2]");
    }

    // ---------------------------------------------------------------- dtypes

    @Test
    void logicalOpsNeedBool() {
        expect(DTypeException.class, "and", () -> f32(2).and(bools(2)), "F32", "BOOL");
        expect(DTypeException.class, "or", () -> bools(2).or(Tensor.zeros(DType.I64, 2)), "I64");
        expect(DTypeException.class, "not", () -> f32(2).not(), "F32");
        expect(DTypeException.class, "where", () -> Tensor.where(f32(2), f32(2), f32(2)), "F32");
        expect(DTypeException.class, "maskedFill", () -> f32(2).maskedFill(f32(2), 1), "F32");
    }

    @Test
    void arithmeticRefusesBool() {
        expect(DTypeException.class, "add", () -> bools(2).add(bools(2)), "BOOL");
        expect(DTypeException.class, "exp", () -> bools(2).exp(), "BOOL");
        expect(DTypeException.class, "atan2", () -> bools(2).atan2(bools(2)), "BOOL");
        expect(DTypeException.class, "trigamma", () -> bools(2).trigamma(), "BOOL");
    }

    @Test
    void floatingOnlyOps() {
        expect(DTypeException.class, "softmax", () -> Tensor.zeros(DType.I32, 3).softmax(0), "I32");
        expect(DTypeException.class, "logsumexp", () -> Tensor.zeros(DType.I64, 3).logsumexp(new int[0], false), "I64");
    }

    @Test
    void clampBounds() {
        IllegalArgumentException ex = expect(IllegalArgumentException.class, "clamp", () -> f32(2).clamp(1, 0), "1.0", "0.0");
        assertEquals(IllegalArgumentException.class, ex.getClass());
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void emptyReductionsRefused() {
        expect(ShapeException.class, "max", () -> f32(0, 3).max(new int[] {0}, false), "[0, 3]", "empty");
        expect(ShapeException.class, "min", () -> f32(0).min(new int[0], false), "[0]", "empty");
        expect(ShapeException.class, "argmax", () -> f32(2, 0).argmax(1, false), "axis 1", "[2, 0]", "empty");
    }

    // ---------------------------------------------------------------- joins, splits, pads

    @Test
    void joinErrors() {
        expect(ShapeException.class, "cat", () -> Tensor.cat(0, f32(2, 3), f32(2, 4)), "tensor 1", "[2, 4]", "[2, 3]", "axis 1");
        expect(ShapeException.class, "cat", () -> Tensor.cat(0, f32(2, 3), f32(3)), "[3]", "ranks differ");
        expect(ShapeException.class, "cat", () -> Tensor.cat(0), "at least one");
        expect(ShapeException.class, "stack", () -> Tensor.stack(0, f32(2, 3), f32(3, 2)), "tensor 1", "[3, 2]", "[2, 3]");
        expect(ShapeException.class, "split", () -> f32(2, 5).split(new int[] {2, 2}, 1), "[2, 2]", "add up to 4", "[2, 5]");
        expect(ShapeException.class, "split", () -> f32(2, 5).split(0, 1), "size must be >= 1");
        expect(ShapeException.class, "chunk", () -> f32(2, 5).chunk(0, 1), "chunks must be >= 1");
    }

    @Test
    void padErrors() {
        expect(ShapeException.class, "pad", () -> f32(2, 3).pad(new int[] {1}, PadMode.CONSTANT, 0), "[1]", "pairs");
        expect(ShapeException.class, "pad", () -> f32(3).pad(new int[] {1, 1, 1, 1}, PadMode.CONSTANT, 0), "[3]");
        expect(ShapeException.class, "pad", () -> f32(2, 3).pad(new int[] {-1, 0}, PadMode.CONSTANT, 0), ">= 0");
        expect(ShapeException.class, "pad", () -> f32(2, 1).pad(new int[] {1, 1}, PadMode.REFLECT, 0), "REFLECT", "[2, 1]");
        expect(ShapeException.class, "pad", () -> f32(2, 0).pad(new int[] {1, 1}, PadMode.CIRCULAR, 0), "CIRCULAR", "[2, 0]");
    }

    // ---------------------------------------------------------------- indexing

    @Test
    void gatherAndScatterErrors() {
        Tensor x = f32(2, 3);
        expect(ShapeException.class, "gather", () -> x.gather(1, Tensor.zeros(DType.I64, 2)), "[2]", "[2, 3]");
        expect(ShapeException.class, "gather", () -> x.gather(1, Tensor.zeros(DType.I64, 3, 1)), "[3, 1]", "[2, 3]", "axis 0");
        expect(DTypeException.class, "gather", () -> x.gather(1, f32(2, 3)), "F32");
        expect(ShapeException.class, "gather", () -> x.gather(1, Tensor.full(DType.I64, 3, 2, 1)), "index 3", "axis 1", "size 3");
        expect(ShapeException.class, "scatterAdd", () -> x.scatterAdd(0, Tensor.zeros(DType.I64, 1, 3), f32(1, 2)),
                "[1, 3]", "[1, 2]");
        expect(DTypeException.class, "scatterAdd", () -> x.scatterAdd(0, Tensor.zeros(DType.I64, 1, 3), f64(1, 3)),
                "F64", "F32");
        expect(ShapeException.class, "scatterAdd", () -> x.scatterAdd(0, Tensor.full(DType.I64, -1, 1, 3), f32(1, 3)),
                "index -1", "axis 0");
    }

    @Test
    void indexSelectAndOneHotErrors() {
        Tensor x = f32(2, 3);
        expect(ShapeException.class, "indexSelect", () -> x.indexSelect(1, Tensor.zeros(DType.I64, 1, 1)), "1-d", "[1, 1]");
        expect(ShapeException.class, "indexSelect", () -> x.indexSelect(1, longs(0, 3)), "index 3", "axis 1", "size 3", "[2, 3]");
        expect(ShapeException.class, "indexSelect", () -> x.indexSelect(1, longs(-4)), "index -4");
        expect(DTypeException.class, "indexSelect", () -> x.indexSelect(1, f32(1)), "F32");
        expect(DTypeException.class, "oneHot", () -> f32(3).oneHot(4), "F32");
        expect(ShapeException.class, "oneHot", () -> longs(0, 4).oneHot(4), "[0, 4)", "4]");
        expect(ShapeException.class, "oneHot", () -> longs(0).oneHot(0), ">= 1");
    }

    @Test
    void maskedFillMaskMustNotGrow() {
        expect(ShapeException.class, "maskedFill", () -> f32(3).maskedFill(bools(2, 3), 1), "[2, 3]", "[3]");
        expect(ShapeException.class, "maskedFill", () -> f32(3).maskedFill(bools(2), 1), "[2]", "[3]");
    }

    // ---------------------------------------------------------------- linalg

    @Test
    void choleskyErrors() {
        expect(ShapeException.class, "cholesky", () -> Linalg.cholesky(f64(2, 3)), "[2, 3]", "[..., n, n]");
        expect(DTypeException.class, "cholesky", () -> Linalg.cholesky(Tensor.zeros(DType.I32, 2, 2)), "I32");
        Tensor notPd = Tensor.of(new double[] {1, 0, 0, 1, 1, 2, 2, 1}, 2, 2, 2);
        NotPositiveDefiniteException ex = expect(NotPositiveDefiniteException.class, "cholesky",
                () -> Linalg.cholesky(notPd), "matrix 1", "[2]", "pivot 1");
        assertEquals(1, ex.batchIndex());
    }

    @Test
    void triangularSolveErrors() {
        expect(ShapeException.class, "triangularSolve", () -> Linalg.triangularSolve(f64(3, 3), f64(2, 1), true, false),
                "[3, 3]", "[2, 1]");
        expect(DTypeException.class, "triangularSolve", () -> Linalg.triangularSolve(f64(2, 2), f32(2, 1), true, false),
                "F64", "F32");
        expect(ShapeException.class, "triangularSolve",
                () -> Linalg.triangularSolve(f64(2, 3, 3), f64(4, 3, 1), true, false), "cannot be broadcast");
        expect(ArithmeticException.class, "triangularSolve",
                () -> Linalg.triangularSolve(Tensor.of(new double[] {1, 0, 5, 0}, 2, 2), f64(2, 1), true, false),
                "singular", "diagonal element 1");
        expect(ArithmeticException.class, "logdetFromCholesky",
                () -> Linalg.logdetFromCholesky(Tensor.of(new double[] {1, 0, 0, -1}, 2, 2)), "diagonal element 1");
    }
}
