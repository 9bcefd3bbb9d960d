package astrograd.tensor.optable;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One row of the {@link OpTable}: an op in one configuration (axes, keepDim, pads...). Holds its name,
 * arity (tensor inputs), input domains, accepted dtypes, how to draw inputs, the astrograd call and the
 * float64 reference. {@code id} names the fixture file {@code fixtures/<id>.txt}.
 */
final class OpEntry {
    /** Draws the inputs of one case for the case dtype. */
    interface Gen {
        Nd[] inputs(SplittableRandom r, DType dtype);
    }

    /** Draws the input shapes of one case. */
    interface ShapeGen {
        int[][] shapes(SplittableRandom r);
    }

    /** The astrograd call; ops with several results (split, chunk) return them all. */
    interface Call {
        Tensor[] apply(Tensor[] in);
    }

    /** The float64 reference on the same inputs. */
    interface RefFn {
        Nd[] apply(Nd[] in);
    }

    /** Single-result forms of {@link Call} and {@link RefFn}. */
    interface Call1 {
        Tensor apply(Tensor[] in);
    }

    interface Ref1 {
        Nd apply(Nd[] in);
    }

    final String id;
    final String op;
    final Domain[] domains;
    final List<DType> dtypes;
    private boolean keepValues;
    private Gen gen;
    private Call call;
    private RefFn ref;

    private OpEntry(String id, String op, Domain[] domains, DType[] dtypes) {
        this.id = id;
        this.op = op;
        this.domains = domains;
        this.dtypes = List.of(dtypes);
    }

    /** An entry with one domain per tensor input (the arity is the number of domains). */
    static OpEntry of(String id, String op, DType[] dtypes, Domain... domains) {
        return new OpEntry(id, op, domains, dtypes);
    }

    int arity() {
        return domains.length;
    }

    /** Inputs drawn from the domains on the given shapes (BOOL domains give BOOL inputs). */
    OpEntry shapes(ShapeGen shapes) {
        this.gen = (r, dtype) -> {
            int[][] s = shapes.shapes(r);
            Nd[] in = new Nd[domains.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = domains[i].fill(r, dtype, s[i]);
            }
            return in;
        };
        return this;
    }

    OpEntry gen(Gen g) {
        this.gen = g;
        return this;
    }

    OpEntry call(Call1 c) {
        this.call = in -> new Tensor[] {c.apply(in)};
        return this;
    }

    OpEntry callMany(Call c) {
        this.call = c;
        return this;
    }

    OpEntry ref(Ref1 f) {
        this.ref = in -> new Nd[] {f.apply(in)};
        return this;
    }

    OpEntry refMany(RefFn f) {
        this.ref = f;
        return this;
    }

    /** Marks a row whose inputs must keep their drawn values (no EXPANDED layout: it repeats slices). */
    OpEntry keepValues() {
        this.keepValues = true;
        return this;
    }

    boolean keepsValues() {
        return keepValues;
    }

    Nd[] inputs(SplittableRandom r, DType dtype) {
        return gen.inputs(r, dtype);
    }

    Tensor[] run(Tensor[] in) {
        return call.apply(in);
    }

    Nd[] reference(Nd[] in) {
        return ref.apply(in);
    }

    @Override
    public String toString() {
        return id + " (" + op + ", arity " + arity() + ", " + Arrays.toString(domains) + ")";
    }
}
