package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.Domain.CHOLESKY_FACTOR;
import static astrograd.autodiff.gradtable.Domain.LOWER;
import static astrograd.autodiff.gradtable.Domain.SPD;
import static astrograd.autodiff.gradtable.Domain.UPPER;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import java.util.List;

/**
 * Matrix products (vector, matrix, batched with broadcasting, transposed operands, a reused operand; the
 * large instances reach the blocked GEMM) and the Cholesky family. Cholesky reads only the lower triangle,
 * so its rows differentiate {@code cholesky((A + Aᵀ)/2)} (as PyTorch's own gradcheck does); triangular
 * solves take exactly triangular inputs and differentiate through the read triangle only.
 */
final class LinalgRows {
    private LinalgRows() {
    }

    private static Var sym(Var a) {
        return a.add(a.transpose(-1, -2)).mul(0.5);
    }

    static void addTo(List<GradRow> rows) {
        String mm = "matmul(Var)";
        rows.add(row("matmul_vv", mm).in(ANY, 4).in(ANY, 4).binary(Var::matmul));
        rows.add(row("matmul_mv", mm).in(ANY, 3, 4).in(ANY, 4).binary(Var::matmul));
        rows.add(row("matmul_vm", mm).in(ANY, 4).in(ANY, 4, 5).binary(Var::matmul));
        rows.add(row("matmul_mm", mm).in(ANY, 3, 4).in(ANY, 4, 5)
                .large(new int[] {67, 131}, new int[] {131, 75}).binary(Var::matmul));
        rows.add(row("matmul_batched_bcast", mm).in(ANY, 2, 1, 3, 4).in(ANY, 3, 4, 5).binary(Var::matmul));
        rows.add(row("matmul_batched_vec", mm).in(ANY, 2, 3, 4).in(ANY, 4).binary(Var::matmul));
        rows.add(row("matmul_transposed", mm).in(ANY, 4, 3).in(ANY, 5, 4)
                .large(new int[] {90, 40}, new int[] {70, 90})
                .binary((a, b) -> a.transpose(0, 1).matmul(b.transpose(0, 1))));
        rows.add(row("matmul_self", mm).in(ANY, 4, 4).unary(a -> a.matmul(a)));
        String lin = "linear(Var,Var)";
        rows.add(row("linear", lin).in(ANY, 3, 4).in(ANY, 5, 4).in(ANY, 5)
                .large(new int[] {70, 90}, new int[] {40, 90}, new int[] {40})
                .call((x, a) -> x[0].linear(x[1], x[2])));
        rows.add(row("linear_batched", lin).in(ANY, 2, 3, 4).in(ANY, 5, 4).in(ANY, 5)
                .call((x, a) -> x[0].linear(x[1], x[2])));
        rows.add(row("linear_vector_no_bias", lin).in(ANY, 4).in(ANY, 5, 4).binary((x, w) -> x.linear(w, null)));
        rows.add(row("linear_transposed_input", lin).in(ANY, 4, 3).in(ANY, 5, 4)
                .binary((x, w) -> x.transpose(0, 1).linear(w, null)));

        rows.add(row("cholesky", "cholesky()").in(SPD, 4, 4).unary(a -> sym(a).cholesky()));
        rows.add(row("cholesky_batched", "cholesky()").in(SPD, 2, 3, 3).unary(a -> sym(a).cholesky()));
        rows.add(row("triangular_solve_lower", "triangularSolve(Var,boolean,boolean)").in(LOWER, 4, 4).in(ANY, 4, 3)
                .binary((a, b) -> a.triangularSolve(b, true, false)));
        rows.add(row("triangular_solve_upper_t", "triangularSolve(Var,boolean,boolean)").in(UPPER, 4, 4).in(ANY, 4, 2)
                .binary((a, b) -> a.triangularSolve(b, false, true)));
        rows.add(row("triangular_solve_batched", "triangularSolve(Var,boolean,boolean)").in(LOWER, 2, 1, 3, 3)
                .in(ANY, 3, 3, 2).binary((a, b) -> a.triangularSolve(b, true, true)));
        rows.add(row("logdet_from_cholesky", "logdetFromCholesky()").in(CHOLESKY_FACTOR, 4, 4)
                .unary(Var::logdetFromCholesky));
        rows.add(row("logdet_from_cholesky_batched", "logdetFromCholesky()").in(CHOLESKY_FACTOR, 3, 2, 2)
                .unary(Var::logdetFromCholesky));
        rows.add(row("cholesky_solve", "choleskySolve(Var)").in(CHOLESKY_FACTOR, 4, 4).in(ANY, 4, 2)
                .binary(Var::choleskySolve));
        rows.add(row("cholesky_solve_batched", "choleskySolve(Var)").in(CHOLESKY_FACTOR, 2, 3, 3).in(ANY, 3, 1)
                .binary(Var::choleskySolve));
    }
}
