package astrograd.autodiff.gradtable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every differentiable {@link astrograd.autodiff.Var} op as data (see {@link GradRow}): elementwise,
 * reductions, movement, indexing, linear algebra and the convolution family. Drives
 * {@link GradOpTableTest} (finite differences and the inner-product check) and
 * {@link TorchGradFixtureTest} (PyTorch gradients from {@code make_grad_fixtures.py}, which defines the same
 * rows under the same ids).
 */
final class GradOpTable {
    private static final Map<String, GradRow> ROWS = build();

    private GradOpTable() {
    }

    private static Map<String, GradRow> build() {
        List<GradRow> rows = new ArrayList<>();
        ElementwiseRows.addTo(rows);
        ReductionRows.addTo(rows);
        MovementRows.addTo(rows);
        IndexingRows.addTo(rows);
        LinalgRows.addTo(rows);
        ConvRows.addTo(rows);
        Map<String, GradRow> byId = new LinkedHashMap<>();
        for (GradRow r : rows) {
            if (byId.put(r.id, r) != null) {
                throw new IllegalStateException("GradOpTable: duplicate row id " + r.id);
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    static List<GradRow> rows() {
        return new ArrayList<>(ROWS.values());
    }

    static GradRow get(String id) {
        GradRow r = ROWS.get(id);
        if (r == null) {
            throw new IllegalArgumentException("GradOpTable: no row " + id);
        }
        return r;
    }
}
