package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.Domain.AWAY_FROM_ZERO;
import static astrograd.autodiff.gradtable.Domain.DISCRETE;
import static astrograd.autodiff.gradtable.Domain.GRID_EVEN;
import static astrograd.autodiff.gradtable.Domain.GRID_ODD;
import static astrograd.autodiff.gradtable.Domain.NONZERO;
import static astrograd.autodiff.gradtable.Domain.POSITIVE;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Elementwise rows. Every unary op has a contiguous row ({@code [3, 4]}) and a {@code _strided} row whose
 * input {@code [4, 5]} reaches the op as {@code x.transpose(0, 1).slice(0, 0, 5, 2)} (a transposed,
 * step-2 view of shape {@code [3, 4]}; torch: {@code x.t()[::2]}). Every binary op has a same-shape row,
 * a broadcast row ({@code [2, 1, 4]} with {@code [3, 1]}) and a {@code _strided} row (a transposed
 * {@code [4, 3]} with a rank-1 {@code [4]}).
 */
final class ElementwiseRows {
    private ElementwiseRows() {
    }

    /** A transposed, step-2 view: {@code [a, b]} becomes {@code [ceil(b/2), a]}. */
    static Var strided(Var x) {
        return x.transpose(0, 1).slice(0, 0, x.value().size(1), 2);
    }

    private static void unary(List<GradRow> rows, String id, String covers, Domain d, UnaryOperator<Var> f) {
        rows.add(row(id, covers).in(d, 3, 4).unary(f));
        rows.add(row(id + "_strided", covers).in(d, 4, 5).unary(x -> f.apply(strided(x))));
    }

    private static void binary(List<GradRow> rows, String id, String covers, Domain da, Domain db,
                               BinaryOperator<Var> f) {
        rows.add(row(id, covers).in(da, 3, 4).in(db, 3, 4).binary(f));
        rows.add(row(id + "_bcast", covers).in(da, 2, 1, 4).in(db, 3, 1).binary(f));
        rows.add(row(id + "_strided", covers).in(da, 4, 3).in(db, 4).binary((a, b) -> f.apply(a.transpose(0, 1), b)));
    }

    static void addTo(List<GradRow> rows) {
        unary(rows, "neg", "neg()", ANY, Var::neg);
        unary(rows, "abs", "abs()", AWAY_FROM_ZERO, Var::abs);
        unary(rows, "sign", "sign()", AWAY_FROM_ZERO, Var::sign);
        unary(rows, "exp", "exp()", ANY, Var::exp);
        unary(rows, "log", "log()", POSITIVE, Var::log);
        unary(rows, "log1p", "log1p()", Domain.ABOVE_MINUS_ONE, Var::log1p);
        unary(rows, "expm1", "expm1()", ANY, Var::expm1);
        unary(rows, "sqrt", "sqrt()", POSITIVE, Var::sqrt);
        unary(rows, "rsqrt", "rsqrt()", POSITIVE, Var::rsqrt);
        unary(rows, "square", "square()", ANY, Var::square);
        unary(rows, "sin", "sin()", ANY, Var::sin);
        unary(rows, "cos", "cos()", ANY, Var::cos);
        unary(rows, "tanh", "tanh()", Domain.WIDE, Var::tanh);
        unary(rows, "sigmoid", "sigmoid()", Domain.WIDE, Var::sigmoid);
        unary(rows, "relu", "relu()", AWAY_FROM_ZERO, Var::relu);
        unary(rows, "softplus", "softplus()", Domain.WIDE, Var::softplus);
        unary(rows, "erf", "erf()", ANY, Var::erf);
        unary(rows, "lgamma", "lgamma()", Domain.LGAMMA, Var::lgamma);
        unary(rows, "digamma", "digamma()", Domain.LGAMMA, Var::digamma);
        rows.add(row("digamma_negative", "digamma()").in(Domain.LGAMMA, 3, 4).unary(x -> x.mul(-0.125).sub(1).digamma()));
        unary(rows, "clamp", "clamp(double,double)", GRID_EVEN, x -> x.clamp(-1.05, 0.95));
        unary(rows, "add_scalar", "add(double)", ANY, x -> x.add(1.5));
        unary(rows, "sub_scalar", "sub(double)", ANY, x -> x.sub(0.7));
        unary(rows, "mul_scalar", "mul(double)", ANY, x -> x.mul(-2.5));
        unary(rows, "div_scalar", "div(double)", ANY, x -> x.div(0.4));
        unary(rows, "pow_scalar", "pow(double)", POSITIVE, x -> x.pow(2.5));
        unary(rows, "pow_scalar_negative", "pow(double)", POSITIVE, x -> x.pow(-1.5));
        unary(rows, "pow_scalar_int", "pow(double)", ANY, x -> x.pow(3));
        rows.add(row("pow_scalar_zero", "pow(double)").in(DISCRETE, 3, 4).unary(x -> x.pow(0)));
        unary(rows, "maximum_scalar", "maximum(double)", GRID_EVEN, x -> x.maximum(0.1));
        unary(rows, "minimum_scalar", "minimum(double)", GRID_EVEN, x -> x.minimum(-0.3));
        unary(rows, "to_f64", "to(DType)", ANY, x -> x.to(DType.F64));

        binary(rows, "add", "add(Var)", ANY, ANY, Var::add);
        binary(rows, "sub", "sub(Var)", ANY, ANY, Var::sub);
        binary(rows, "mul", "mul(Var)", ANY, ANY, Var::mul);
        binary(rows, "div", "div(Var)", ANY, NONZERO, Var::div);
        binary(rows, "pow", "pow(Var)", POSITIVE, ANY, Var::pow);
        binary(rows, "maximum", "maximum(Var)", GRID_EVEN, GRID_ODD, Var::maximum);
        binary(rows, "minimum", "minimum(Var)", GRID_EVEN, GRID_ODD, Var::minimum);
        binary(rows, "atan2", "atan2(Var)", NONZERO, ANY, Var::atan2);
        rows.add(row("mul_zero_dim", "mul(Var)").in(ANY, 3, 4).in(ANY).binary(Var::mul));
        rows.add(row("div_zero_dim_numerator", "div(Var)").in(ANY).in(NONZERO, 3, 4).binary(Var::div));
        rows.add(row("mul_self", "mul(Var)").in(ANY, 3, 4).unary(x -> x.mul(x)));
        rows.add(row("self_reuse_chain", "add(Var)", "mul(Var)").in(ANY, 3, 4)
                .unary(x -> x.mul(x.add(x.sin())).add(x)));

        rows.add(row("where", "where(Tensor,Var,Var)").in(ANY, 3, 4).in(ANY, 4)
                .aux((r, s) -> new Tensor[] {bools(r, s[0])}).call((x, a) -> Var.where(a[0], x[0], x[1])));
        rows.add(row("where_bcast", "where(Tensor,Var,Var)").in(ANY, 1, 4).in(ANY, 4, 3)
                .aux((r, s) -> new Tensor[] {bools(r, (s[1][1] + 1) / 2, 1)})
                .call((x, a) -> Var.where(a[0], x[0], strided(x[1]))));
        rows.add(row("masked_fill", "maskedFill(Tensor,double)").in(ANY, 3, 4)
                .aux((r, s) -> new Tensor[] {bools(r, s[0][1])}).call((x, a) -> x[0].maskedFill(a[0], 2.5)));
        rows.add(row("masked_fill_strided", "maskedFill(Tensor,double)").in(ANY, 4, 5)
                .aux((r, s) -> new Tensor[] {bools(r, (s[0][1] + 1) / 2, s[0][0])})
                .call((x, a) -> strided(x[0]).maskedFill(a[0], -1.0)));

        addKinkRows(rows);
    }

    /** Rows on kinks and ties, checked against PyTorch's conventions only. */
    private static void addKinkRows(List<GradRow> rows) {
        String kink = "inputs on the kink at 0 on purpose: PyTorch's one-sided convention";
        String ties = "ties on purpose: PyTorch splits the gradient of maximum/minimum equally between tied inputs";
        rows.add(row("relu_kink", "relu()").in(DISCRETE, 3, 4).unary(Var::relu).torchOnly(kink));
        rows.add(row("abs_kink", "abs()").in(DISCRETE, 3, 4).unary(Var::abs).torchOnly(kink));
        rows.add(row("clamp_kink", "clamp(double,double)").in(DISCRETE, 3, 4).unary(x -> x.clamp(-0.5, 0.5))
                .torchOnly("inputs on the clamp bounds on purpose: gradient 1 at the bounds (inclusive), as PyTorch"));
        rows.add(row("maximum_ties", "maximum(Var)").in(DISCRETE, 3, 4).in(DISCRETE, 4).binary(Var::maximum).torchOnly(ties));
        rows.add(row("minimum_ties", "minimum(Var)").in(DISCRETE, 3, 4).in(DISCRETE, 4).binary(Var::minimum).torchOnly(ties));
        rows.add(row("pow_zero_base", "pow(Var)").in(Domain.ZERO_OR_ABOVE_ONE, 3, 4).in(Domain.ZERO_OR_ABOVE_ONE, 4)
                .binary(Var::pow).torchOnly("bases and exponents at 0 on purpose: gradient 0 where the formulas "
                        + "meet 0 times infinity, as PyTorch"));
        rows.add(row("detach", "detach()").in(ANY, 3, 4).unary(x -> x.mul(x.detach()))
                .torchOnly("detach cuts the gradient on purpose: d(x * detach(x))/dx = x, finite differences see 2x"));
        rows.add(row("cast_roundtrip", "to(DType)").in(ANY, 3, 4).unary(x -> x.to(DType.F32).to(DType.F64))
                .torchOnly("piecewise constant at F64 resolution; the gradient is rounded through F32 as in PyTorch"));
    }

    /** A BOOL tensor with true and false at equal odds. */
    static Tensor bools(SplittableRandom r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextBoolean();
        }
        return Tensor.of(b, shape);
    }
}
