package astrograd.tensor.optable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import astrograd.tensor.DType;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link OpTable} row against golden values from PyTorch 1.13 ({@code make_fixtures.py}; see the
 * package documentation to regenerate). Each fixture case's inputs are fed to the row's astrograd call and
 * every result must match torch's: same dtype and shape, and element-wise
 * {@code |got - torch| <= rtol * |torch| + atol} with rtol = atol = 1e-5 for F32 and rtol = atol = 1e-12
 * for F64 (exact for integer and BOOL results; NaN matches NaN). A failure names the row, the dtype and the
 * worst element. A row without a fixture file fails, and so does a fixture file without a row, so the table
 * and the script cannot drift apart. An op that throws (a stub included) fails its rows.
 */
class TorchFixtureTest {

    static Stream<String> ids() {
        return OpTable.entries().stream().map(e -> e.id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void matchesTorch(String id) {
        OpEntry e = OpTable.get(id);
        List<Fixtures.Case> cases = Fixtures.load(id);
        assertNotNull(cases, "missing fixture " + Fixtures.DIR + id + ".txt: run make_fixtures.py");
        assertTrue(!cases.isEmpty(), id + ".txt holds no cases");
        TreeSet<DType> covered = new TreeSet<>();
        for (Fixtures.Case c : cases) {
            covered.add(c.dtype);
            Tensor[] in = c.inputs.stream().map(Nd::toTensor).toArray(Tensor[]::new);
            String what = id + " " + c.dtype + " inputs " + OpForwardTest.describe(c.inputs.toArray(new Nd[0]));
            Tensor[] got = OpForwardTest.runOrFail(e, in, what);
            assertEquals(c.outputs.size(), got.length, what + ": number of results");
            for (int i = 0; i < got.length; i++) {
                String msg = Tolerance.mismatch(what + (got.length > 1 ? " result " + i : "") + " vs torch",
                        c.outputs.get(i), Nd.of(got[i]));
                if (msg != null) {
                    fail(msg);
                }
            }
        }
        assertEquals(new TreeSet<>(e.dtypes), covered, id + ": fixture dtypes differ from the table's");
    }

    /**
     * The table's float64 references agree with torch on the fixture inputs (same tolerances): checks the
     * references themselves, independently of astrograd, so a reference bug cannot hide behind a stub.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void referenceMatchesTorch(String id) {
        OpEntry e = OpTable.get(id);
        List<Fixtures.Case> cases = Fixtures.load(id);
        assertNotNull(cases, "missing fixture " + Fixtures.DIR + id + ".txt: run make_fixtures.py");
        for (Fixtures.Case c : cases) {
            Nd[] expected = e.reference(c.inputs.toArray(new Nd[0]));
            String what = id + " " + c.dtype + " reference inputs " + OpForwardTest.describe(c.inputs.toArray(new Nd[0]));
            assertEquals(c.outputs.size(), expected.length, what + ": number of results");
            for (int i = 0; i < expected.length; i++) {
                String msg = Tolerance.mismatch(what + " vs torch", c.outputs.get(i), expected[i]);
                if (msg != null) {
                    fail(msg);
                }
            }
        }
    }

    @Test
    void everyFixtureHasATableRow() {
        List<String> orphans = new ArrayList<>();
        for (String id : Fixtures.presentIds()) {
            if (OpTable.entries().stream().noneMatch(e -> e.id.equals(id))) {
                orphans.add(id);
            }
        }
        assertTrue(orphans.isEmpty(), "fixture files without an op table row: " + orphans);
    }
}
