package astrograd.astro.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransientEvaluationTest {
    @Test
    void matchingTakesTheNearestDetectionOnceWithinTheRadius() {
        List<SurveyPair.Transient> truth = List.of(new SurveyPair.Transient(10, 10, 100, 20, false),
                new SurveyPair.Transient(11, 10, 50, 10, false), new SurveyPair.Transient(40, 40, 10, 5, true));
        List<Detection> found = List.of(new Detection(10, 11, 9, 1), new Detection(43, 40, 9, 1),
                new Detection(12, 10, 9, 1));
        assertArrayEquals(new int[] {0, 2, -1}, Matching.match(truth, found, 2));
    }

    @Test
    void binsCoverFiveToFiftyWithTheTopBinOpen() {
        assertEquals(-1, TransientEvaluation.bin(4.9));
        assertEquals(0, TransientEvaluation.bin(5));
        assertEquals(1, TransientEvaluation.bin(9.99));
        assertEquals(2, TransientEvaluation.bin(10));
        assertEquals(3, TransientEvaluation.bin(50));
        assertEquals(3, TransientEvaluation.bin(400));
    }

    @Test
    void zogyWithTruePsfsOnRegisteredPairsFindsBrightTransientsAndNaiveIsLessPure() {
        SurveyConfig registered = SurveyConfig.defaults().withSize(128).withMisregistration(0, 0).withCounts(2, 3, 0, 2);
        TransientEvaluation ev = new TransientEvaluation(5, 2, 2);
        ev.run(new SurveySimulator(registered, 99), 0, 6, List.of(DifferenceMethod.ZOGY), null, 0, null);
        TransientEvaluation.Tally z = ev.tally(DifferenceMethod.ZOGY);
        assertTrue(z.injected(2) >= 6, "bright transients injected: " + z.injected(2));
        assertTrue(z.completeness(2) >= 0.9, "ZOGY completeness at S/N >= 10: " + z.completeness(2));
        assertTrue(z.purity(2) >= 0.9, "ZOGY purity at S/N >= 10: " + z.purity(2));
        assertTrue(z.medianFluxError(2) <= 0.15, "ZOGY flux error " + z.medianFluxError(2));

        SurveyConfig misregistered = SurveyConfig.defaults().withSize(128).withCounts(2, 3, 0, 2);
        TransientEvaluation hard = new TransientEvaluation(5, 2, 2);
        hard.run(new SurveySimulator(misregistered, 98), 0, 6, List.of(DifferenceMethod.NAIVE, DifferenceMethod.ZOGY),
                null, misregistered.maxShift() / Math.sqrt(3), null);
        double naive = hard.tally(DifferenceMethod.NAIVE).purity(0);
        double zogy = hard.tally(DifferenceMethod.ZOGY).purity(0);
        assertTrue(naive < 0.5, "naive purity " + naive);
        assertTrue(zogy > naive, "ZOGY purity " + zogy + " vs naive " + naive);
        String table = hard.table(List.of(DifferenceMethod.NAIVE, DifferenceMethod.ZOGY));
        assertTrue(table.contains("| **naive** | **≥ 10** |"), table);
    }
}
