package astrograd.autodiff.gradtable;

import astrograd.autodiff.Var;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One row of the {@link GradOpTable}: a differentiable op in one configuration. It holds the id (also the
 * name of its PyTorch fixture {@code gradfixtures/<id>.txt}), the public {@link Var} / VarConv methods it
 * exercises ({@code covers}, as {@code name(ParamType,...)}), one domain and one small shape per
 * differentiable input (the arity), optional larger shapes for the inner-product check, a generator of
 * non-differentiable auxiliary inputs (indices, masks), and the call. The call may view its inputs
 * (transpose, slice, expand) before the op so that non-contiguous layouts reach the op.
 */
final class GradRow {
    /** The op applied to differentiable inputs {@code x} and auxiliary tensors {@code aux}. */
    interface Call {
        Var apply(Var[] x, Tensor[] aux);
    }

    /** Draws the auxiliary inputs for the given differentiable input shapes. */
    interface AuxGen {
        Tensor[] make(SplittableRandom r, int[][] shapes);
    }

    /** Default step and tolerances of the element-wise check (those of {@code GradCheck.check}). */
    static final double EPS = 1e-6;
    static final double ATOL = 1e-6;
    static final double RTOL = 1e-5;

    final String id;
    final List<String> covers;
    private final List<Domain> domains = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>();
    private int[][] large;
    private AuxGen aux = (r, s) -> new Tensor[0];
    private Call call;
    private String torchOnly;

    private GradRow(String id, String[] covers) {
        this.id = id;
        this.covers = List.of(covers);
    }

    /** A row exercising the given method signatures, e.g. {@code "pow(double)"}. */
    static GradRow row(String id, String... covers) {
        return new GradRow(id, covers);
    }

    /** Adds a differentiable input drawn from {@code d} with the given small shape. */
    GradRow in(Domain d, int... shape) {
        domains.add(d);
        shapes.add(shape);
        return this;
    }

    /** Shapes of the larger instance (default: every axis longer than 1 made three times longer). */
    GradRow large(int[]... s) {
        this.large = s;
        return this;
    }

    GradRow aux(AuxGen g) {
        this.aux = g;
        return this;
    }

    GradRow call(Call c) {
        this.call = c;
        return this;
    }

    /** A call on the single input. */
    GradRow unary(UnaryOperator<Var> f) {
        this.call = (x, a) -> f.apply(x[0]);
        return this;
    }

    /** A call on two inputs. */
    GradRow binary(java.util.function.BinaryOperator<Var> f) {
        this.call = (x, a) -> f.apply(x[0], x[1]);
        return this;
    }

    /**
     * Marks a row whose inputs sit on kinks or ties on purpose (or whose op is not smooth at F64 resolution):
     * finite differences do not apply, so it is compared with PyTorch's convention only.
     */
    GradRow torchOnly(String reason) {
        this.torchOnly = reason;
        return this;
    }

    /** Why the row has no finite-difference check, or null. */
    String torchOnlyReason() {
        return torchOnly;
    }

    int arity() {
        return domains.size();
    }

    Domain[] domains() {
        return domains.toArray(new Domain[0]);
    }

    int[][] smallShapes() {
        return shapes.toArray(new int[0][]);
    }

    int[][] largeShapes() {
        if (large != null) {
            return large;
        }
        int[][] s = new int[shapes.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = Arrays.stream(shapes.get(i)).map(d -> d > 1 ? 3 * d : d).toArray();
        }
        return s;
    }

    /** Differentiable inputs of the given shapes drawn from the row's domains. */
    Tensor[] draw(SplittableRandom r, int[][] s) {
        Tensor[] t = new Tensor[s.length];
        for (int i = 0; i < s.length; i++) {
            t[i] = domains.get(i).fill(r, s[i]);
        }
        return t;
    }

    Tensor[] drawAux(SplittableRandom r, int[][] s) {
        return aux.make(r, s);
    }

    /** The call with its auxiliary inputs fixed: the function GradCheck differentiates. */
    Function<Var[], Var> bind(Tensor[] auxInputs) {
        return x -> call.apply(x, auxInputs);
    }

    /** A seed for this row's random draws (stable across runs). */
    long seed(int variant) {
        return id.hashCode() * 0x9E3779B97F4A7C15L + variant;
    }

    @Override
    public String toString() {
        return id;
    }
}
