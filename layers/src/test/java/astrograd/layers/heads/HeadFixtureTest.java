package astrograd.layers.heads;

import astrograd.autodiff.Var;
import astrograd.layers.Linear;
import astrograd.layers.losses.Fixture;
import astrograd.layers.losses.Reduction;
import astrograd.tensor.DType;
import astrograd.tensor.Rng;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Heads' NLLs and gradients (features, weight, bias) against hand-written torch (torch.distributions). */
class HeadFixtureTest {
    private final Rng rng = new Rng(11);

    /** Loads the fixture's weight and bias into the linear layer and returns the features leaf. */
    private static Map<String, Var> load(Fixture f, Linear linear, DType dtype, Var features) {
        linear.weight().set(f.get("weight", dtype));
        linear.bias().set(f.get("bias", dtype));
        return Map.of("features", features, "weight", linear.weight().var(), "bias", linear.bias().var());
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void diagonalGaussianHeadLogVariance(DType dtype) {
        Fixture f = Fixture.load("head_diag_logvar");
        DiagonalGaussianHead head = new DiagonalGaussianHead(4, 2, DiagonalGaussianHead.Scale.LOG_VARIANCE, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        f.check(head.forward(x).nll(Var.constant(f.get("target", dtype)), Reduction.MEAN), dtype, leaves);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void diagonalGaussianHeadSoftplusScale(DType dtype) {
        Fixture f = Fixture.load("head_diag_softplus");
        DiagonalGaussianHead head = new DiagonalGaussianHead(4, 2, DiagonalGaussianHead.Scale.SOFTPLUS, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        f.check(head.forward(x).nll(Var.constant(f.get("target", dtype)), Reduction.MEAN), dtype, leaves);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void fullGaussianHeadWithPrecisionCholesky(DType dtype) {
        Fixture f = Fixture.load("head_full_precision");
        FullGaussianHead head = new FullGaussianHead(4, 3, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        f.check(head.forward(x).nll(Var.constant(f.get("target", dtype)), Reduction.MEAN), dtype, leaves);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void mixtureDensityDiagonal(DType dtype) {
        Fixture f = Fixture.load("mdn_diag");
        MixtureDensity head = new MixtureDensity(4, 3, 2, MixtureDensity.Covariance.DIAGONAL, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        f.check(head.forward(x).nll(Var.constant(f.get("target", dtype)), Reduction.MEAN), dtype, leaves);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void mixtureDensityFull(DType dtype) {
        Fixture f = Fixture.load("mdn_full");
        MixtureDensity head = new MixtureDensity(4, 2, 3, MixtureDensity.Covariance.FULL, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        f.check(head.forward(x).nll(Var.constant(f.get("target", dtype)), Reduction.MEAN), dtype, leaves);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F64", "F32"})
    void mixtureMeanAndCovarianceWithGradients(DType dtype) {
        Fixture f = Fixture.load("mdn_full_moments");
        MixtureDensity head = new MixtureDensity(4, 2, 3, MixtureDensity.Covariance.FULL, dtype, rng);
        Var x = f.param("features", dtype);
        Map<String, Var> leaves = load(f, head.linear(), dtype, x);
        GaussianMixture mix = head.forward(x);
        Var flat = Var.cat(0, mix.mean().flatten(), mix.covariance().flatten());
        f.check(flat, dtype, leaves);
    }

}
