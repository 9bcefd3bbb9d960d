package astrograd.tensor;

/** Gather, scatter and index selection with validation of indices. */
final class Indexing {
    private Indexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) { throw new UnsupportedOperationException(); }
    static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) { throw new UnsupportedOperationException(); }
    static Tensor indexSelect(Tensor x, int axis, Tensor index) { throw new UnsupportedOperationException(); }
    static Tensor oneHot(Tensor x, int n) { throw new UnsupportedOperationException(); }
}
