/**
 * The pure-Java CPU backend. {@link astrograd.tensor.cpu.CpuBackend} only routes; each family of primitives has its
 * kernel classes: elementwise loops on the Vector API ({@code F32Unary}, {@code F32Binary}, their F64 twins, with the
 * exactly rounded exp, tanh and sigmoid of {@link astrograd.tensor.cpu.VectorMath}), reductions ({@code CpuReduce},
 * {@code RowReduce}), fused softmax and logsumexp ({@code CpuSoftmax}), blocked GEMM with register-tile micro-kernels
 * ({@link astrograd.tensor.cpu.Gemm}), direct and im2col convolutions and pooling ({@code CpuConv}), indexing,
 * Cholesky and triangular solves, and Philox fills ({@code CpuRandom}). Work is split over the one engine pool
 * ({@code EnginePool}, {@code -Dastrograd.threads}) at boundaries that depend only on the sizes and the thread count,
 * so results are deterministic for a given thread count. Storage is Java primitive arrays, recycled through
 * {@code ArrayPool} when a {@link astrograd.tensor.TensorScope} releases them.
 */
package astrograd.tensor.cpu;
