/**
 * JMH benchmarks of the engine's hot kernels, one class per family ({@link astrograd.benchmarks.GemmBench},
 * {@link astrograd.benchmarks.ConvBench}, {@link astrograd.benchmarks.ElementwiseBench},
 * {@link astrograd.benchmarks.ReductionBench}). Every benchmark reports the average time per call in
 * milliseconds; forks get {@code --add-modules jdk.incubator.vector} from the class annotations and the
 * engine thread count from {@code -Dastrograd.threads=N} in the fork's JVM arguments (see
 * {@code benchmarks/README.md}). The same workloads in PyTorch live in {@code benchmarks/torch_workloads.py}.
 */
package astrograd.benchmarks;
