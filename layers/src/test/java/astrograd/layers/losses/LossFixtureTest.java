package astrograd.layers.losses;

import astrograd.autodiff.Var;
import astrograd.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every loss, forward and gradients, against torch.nn.functional (fixtures of heads_losses_fixtures.py). */
class LossFixtureTest {
    static Stream<Arguments> dtypesAndReductions() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : new DType[] {DType.F64, DType.F32}) {
            for (Reduction r : Reduction.values()) {
                out.add(Arguments.of(d, r));
            }
        }
        return out.stream();
    }

    private static String suffix(Reduction r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    private static void pairwise(String name, DType dtype, BiFunction<Var, Var, Var> loss) {
        Fixture f = Fixture.load(name);
        Var input = f.param("input", dtype);
        Var target = f.param("target", dtype);
        f.check(loss.apply(input, target), dtype, Map.of("input", input, "target", target));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void mse(DType dtype, Reduction r) {
        pairwise("mse_" + suffix(r), dtype, (x, y) -> Losses.mse(x, y, r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void l1(DType dtype, Reduction r) {
        pairwise("l1_" + suffix(r), dtype, (x, y) -> Losses.l1(x, y, r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void huber(DType dtype, Reduction r) {
        pairwise("huber_" + suffix(r), dtype, (x, y) -> Losses.huber(x, y, 0.7, r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void bceOnProbabilities(DType dtype, Reduction r) {
        pairwise("bce_" + suffix(r), dtype, (p, y) -> Losses.bce(p, y, r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void bceWithLogitsIncludingZeroAndSaturatedLogits(DType dtype, Reduction r) {
        pairwise("bce_logits_" + suffix(r), dtype, (x, y) -> Losses.bceWithLogits(x, y, r));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void crossEntropyWithWeightsAndSmoothing(DType dtype, Reduction r) {
        for (String tag : new String[] {"plain", "weighted", "smooth", "weighted_smooth"}) {
            Fixture f = Fixture.load("ce_" + tag + "_" + suffix(r));
            Var logits = f.param("input", dtype);
            double eps = tag.contains("smooth") ? 0.2 : 0;
            var weights = f.has("class_weight") ? f.get("class_weight", dtype) : null;
            f.check(Losses.crossEntropy(logits, f.get("target", dtype), weights, eps, r), dtype, Map.of("input", logits));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void gaussianNll(DType dtype, Reduction r) {
        threeWay("gnll_" + suffix(r), dtype, (x, y, v) -> GaussianLosses.gaussianNll(x, y, v, r));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F64", "F32"})
    void gaussianNllVarianceShapesFullFlagAndClamp(String dt) {
        DType dtype = DType.valueOf(dt);
        threeWay("gnll_full_rowvar", dtype, (x, y, v) -> GaussianLosses.gaussianNll(x, y, v, true, 1e-6, Reduction.SUM));
        threeWay("gnll_lastdim1", dtype, (x, y, v) -> GaussianLosses.gaussianNll(x, y, v, Reduction.MEAN));
        threeWay("gnll_clamped", dtype, (x, y, v) -> GaussianLosses.gaussianNll(x, y, v, false, 1e-6, Reduction.SUM));
    }

    private interface Ternary {
        Var apply(Var a, Var b, Var c);
    }

    private static void threeWay(String name, DType dtype, Ternary loss) {
        Fixture f = Fixture.load(name);
        Var input = f.param("input", dtype);
        Var target = f.param("target", dtype);
        Var variance = f.param("var", dtype);
        f.check(loss.apply(input, target, variance), dtype, Map.of("input", input, "target", target, "var", variance));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndReductions")
    void klBetweenDiagonalGaussians(DType dtype, Reduction r) {
        Fixture f = Fixture.load("kl_" + suffix(r));
        Var mq = f.param("mean_q", dtype);
        Var lq = f.param("logvar_q", dtype);
        Var mp = f.param("mean_p", dtype);
        Var lp = f.param("logvar_p", dtype);
        f.check(GaussianLosses.klDiagonalGaussians(mq, lq, mp, lp, r), dtype,
                Map.of("mean_q", mq, "logvar_q", lq, "mean_p", mp, "logvar_p", lp));
    }

    @ParameterizedTest(name = "{0} unbiased={1}")
    @MethodSource("dtypesAndEstimators")
    void multiKernelMmd(DType dtype, boolean unbiased) {
        Fixture f = Fixture.load(unbiased ? "mmd_unbiased" : "mmd_biased");
        Var x = f.param("x", dtype);
        Var y = f.param("y", dtype);
        double[] bandwidths = f.get("bandwidths", DType.F64).toDoubleArray();
        f.check(Mmd.mmd2(x, y, bandwidths, unbiased), dtype, Map.of("x", x, "y", y));
    }

    static Stream<Arguments> dtypesAndEstimators() {
        return Stream.of(Arguments.of(DType.F64, false), Arguments.of(DType.F64, true),
                Arguments.of(DType.F32, false), Arguments.of(DType.F32, true));
    }
}
