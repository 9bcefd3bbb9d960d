package astrograd.tensor.optable;

import astrograd.tensor.DType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every op of the tensor library as data (see {@link OpEntry}). The forward test, the PyTorch fixture
 * test and {@code make_fixtures.py} are all driven by the entry ids listed here.
 */
final class OpTable {
    static final DType[] FLOATS = {DType.F32, DType.F64};
    static final DType[] NUMERIC = {DType.F32, DType.F64, DType.I32, DType.I64};
    static final DType[] INTEGERS = {DType.I32, DType.I64};
    static final DType[] BOOLS = {DType.BOOL};
    static final DType[] ALL = {DType.F32, DType.F64, DType.I32, DType.I64, DType.BOOL};

    private static final List<OpEntry> ENTRIES = build();

    private OpTable() {
    }

    static List<OpEntry> entries() {
        return ENTRIES;
    }

    static OpEntry get(String id) {
        for (OpEntry e : ENTRIES) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no op table entry " + id);
    }

    private static List<OpEntry> build() {
        List<OpEntry> all = new ArrayList<>();
        ElementwiseOps.addTo(all);
        ReductionOps.addTo(all);
        StructureOps.addTo(all);
        LinalgOps.addTo(all);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OpEntry e : all) {
            if (!seen.add(e.id)) {
                throw new IllegalStateException("duplicate op table id " + e.id);
            }
        }
        return Collections.unmodifiableList(all);
    }
}
