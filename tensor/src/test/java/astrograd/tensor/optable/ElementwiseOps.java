package astrograd.tensor.optable;

import static astrograd.tensor.optable.OpTable.ALL;
import static astrograd.tensor.optable.OpTable.BOOLS;
import static astrograd.tensor.optable.OpTable.FLOATS;
import static astrograd.tensor.optable.OpTable.NUMERIC;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** Table rows for elementwise maps, comparisons, logic, where, maskedFill and casts. */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static void addTo(List<OpEntry> t) {
        unaries(t);
        binaries(t);
        comparisons(t);
        logic(t);
        casts(t);
    }

    private static int[][] oneShape(SplittableRandom r) {
        return new int[][] {Shapes.random(r, 0, 4, true)};
    }

    /** A unary row whose result keeps the input dtype. */
    static OpEntry unary(String id, DType[] dtypes, Domain d, UnaryOperator<Tensor> call, DoubleUnaryOperator f) {
        return OpEntry.of(id, id, dtypes, d).shapes(ElementwiseOps::oneShape)
                .call(in -> call.apply(in[0]))
                .ref(in -> Ref.map(in[0], in[0].dtype, f));
    }

    /** A broadcasting binary row whose result has the dtype of the inputs (or {@code out} if given). */
    static OpEntry binary(String id, DType[] dtypes, Domain da, Domain db, DType out,
                          BinaryOperator<Tensor> call, DoubleBinaryOperator f) {
        return OpEntry.of(id, id, dtypes, da, db).shapes(r -> Shapes.broadcastGroup(r, 2))
                .call(in -> call.apply(in[0], in[1]))
                .ref(in -> Ref.zip(in[0], in[1], out != null ? out : in[0].dtype, f));
    }

    private static void unaries(List<OpEntry> t) {
        t.add(unary("neg", NUMERIC, Domain.ANY, Tensor::neg, x -> -x));
        t.add(unary("abs", NUMERIC, Domain.ANY, Tensor::abs, Math::abs));
        t.add(unary("sign", NUMERIC, Domain.DISCRETE, Tensor::sign, Math::signum));
        t.add(unary("square", NUMERIC, Domain.ANY, Tensor::square, x -> x * x));
        t.add(unary("relu", NUMERIC, Domain.ANY, Tensor::relu, x -> Math.max(x, 0)));
        t.add(unary("exp", FLOATS, Domain.ANY, Tensor::exp, Math::exp));
        t.add(unary("log", FLOATS, Domain.POSITIVE, Tensor::log, Math::log));
        t.add(unary("log1p", FLOATS, Domain.ABOVE_MINUS_ONE, Tensor::log1p, Math::log1p));
        t.add(unary("expm1", FLOATS, Domain.ANY, Tensor::expm1, Math::expm1));
        t.add(unary("sqrt", FLOATS, Domain.POSITIVE, Tensor::sqrt, Math::sqrt));
        t.add(unary("rsqrt", FLOATS, Domain.POSITIVE, Tensor::rsqrt, x -> 1 / Math.sqrt(x)));
        t.add(unary("sin", FLOATS, Domain.ANY, Tensor::sin, Math::sin));
        t.add(unary("cos", FLOATS, Domain.ANY, Tensor::cos, Math::cos));
        t.add(unary("tanh", FLOATS, Domain.WIDE, Tensor::tanh, Math::tanh));
        t.add(unary("sigmoid", FLOATS, Domain.WIDE, Tensor::sigmoid, Ref::sigmoid));
        t.add(unary("softplus", FLOATS, Domain.WIDE, Tensor::softplus, Ref::softplus));
        t.add(unary("erf", FLOATS, Domain.WIDE, Tensor::erf, Ref::erf));
        t.add(unary("lgamma", FLOATS, Domain.LGAMMA, Tensor::lgamma, Ref::lgamma));
        t.add(unary("digamma", FLOATS, Domain.LGAMMA, Tensor::digamma, Ref::digamma));
        t.add(unary("clamp", FLOATS, Domain.ANY, x -> x.clamp(-0.5, 1.25), x -> Math.min(Math.max(x, -0.5), 1.25)));
        t.add(unary("add_scalar", FLOATS, Domain.ANY, x -> x.add(1.5), x -> x + 1.5));
        t.add(unary("mul_scalar", FLOATS, Domain.ANY, x -> x.mul(-2.5), x -> x * -2.5));
        t.add(unary("div_scalar", FLOATS, Domain.ANY, x -> x.div(4), x -> x / 4));
        t.add(unary("pow_scalar", FLOATS, Domain.POSITIVE, x -> x.pow(2.5), x -> Math.pow(x, 2.5)));
    }

    private static void binaries(List<OpEntry> t) {
        t.add(binary("add", NUMERIC, Domain.ANY, Domain.ANY, null, Tensor::add, Double::sum));
        t.add(binary("sub", NUMERIC, Domain.ANY, Domain.ANY, null, Tensor::sub, (a, b) -> a - b));
        t.add(binary("mul", NUMERIC, Domain.ANY, Domain.ANY, null, Tensor::mul, (a, b) -> a * b));
        t.add(binary("div", FLOATS, Domain.ANY, Domain.NONZERO, null, Tensor::div, (a, b) -> a / b));
        t.add(binary("pow", FLOATS, Domain.POSITIVE, Domain.ANY, null, Tensor::pow, Math::pow));
        t.add(binary("maximum", NUMERIC, Domain.DISCRETE, Domain.ANY, null, Tensor::maximum, Math::max));
        t.add(binary("minimum", NUMERIC, Domain.DISCRETE, Domain.ANY, null, Tensor::minimum, Math::min));
        t.add(binary("atan2", FLOATS, Domain.ANY, Domain.ANY, null, Tensor::atan2, Math::atan2));
        t.add(binary("atan2_zeros", FLOATS, Domain.DISCRETE, Domain.DISCRETE, null, Tensor::atan2, Math::atan2));
    }

    private static void comparisons(List<OpEntry> t) {
        Domain d = Domain.DISCRETE;
        t.add(binary("eq", NUMERIC, d, d, DType.BOOL, Tensor::eq, (a, b) -> Ref.bool(a == b)));
        t.add(binary("ne", NUMERIC, d, d, DType.BOOL, Tensor::ne, (a, b) -> Ref.bool(a != b)));
        t.add(binary("lt", NUMERIC, d, d, DType.BOOL, Tensor::lt, (a, b) -> Ref.bool(a < b)));
        t.add(binary("le", NUMERIC, d, d, DType.BOOL, Tensor::le, (a, b) -> Ref.bool(a <= b)));
        t.add(binary("gt", NUMERIC, d, d, DType.BOOL, Tensor::gt, (a, b) -> Ref.bool(a > b)));
        t.add(binary("ge", NUMERIC, d, d, DType.BOOL, Tensor::ge, (a, b) -> Ref.bool(a >= b)));
        t.add(OpEntry.of("gt_scalar", "gt", FLOATS, d).shapes(ElementwiseOps::oneShape)
                .call(in -> in[0].gt(0.0))
                .ref(in -> Ref.map(in[0], DType.BOOL, x -> Ref.bool(x > 0))));
    }

    private static void logic(List<OpEntry> t) {
        Domain b = Domain.BOOL;
        t.add(binary("and", BOOLS, b, b, DType.BOOL, Tensor::and, (x, y) -> Ref.bool(x != 0 && y != 0)));
        t.add(binary("or", BOOLS, b, b, DType.BOOL, Tensor::or, (x, y) -> Ref.bool(x != 0 || y != 0)));
        t.add(unary("not", BOOLS, b, Tensor::not, x -> Ref.bool(x == 0)));
        t.add(OpEntry.of("where", "where", NUMERIC, Domain.BOOL, Domain.ANY, Domain.ANY)
                .shapes(r -> Shapes.broadcastGroup(r, 3))
                .call(in -> Tensor.where(in[0], in[1], in[2]))
                .ref(in -> Ref.where(in[0], in[1], in[2])));
        t.add(maskedFill("masked_fill", NUMERIC, 2.0));
        t.add(maskedFill("masked_fill_neginf", FLOATS, Double.NEGATIVE_INFINITY));
    }

    private static OpEntry maskedFill(String id, DType[] dtypes, double value) {
        return OpEntry.of(id, "maskedFill", dtypes, Domain.ANY, Domain.BOOL)
                .shapes(r -> {
                    int[] x = Shapes.random(r, 0, 4, true);
                    return new int[][] {x, Shapes.broadcastable(r, x)};
                })
                .call(in -> in[0].maskedFill(in[1], value))
                .ref(in -> Ref.maskedFill(in[0], in[1], value));
    }

    private static void casts(List<OpEntry> t) {
        for (DType target : ALL) {
            String id = "cast_" + target.name().toLowerCase(java.util.Locale.ROOT);
            t.add(OpEntry.of(id, "to", ALL, Domain.CAST).shapes(ElementwiseOps::oneShape)
                    .call(in -> in[0].to(target))
                    .ref(in -> in[0].as(target)));
        }
    }
}
