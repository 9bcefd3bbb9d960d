/**
 * The vocabulary of the {@link astrograd.tensor.Backend} contract: the elementwise ops
 * ({@link astrograd.tensor.ops.UnaryOp}, {@link astrograd.tensor.ops.BinaryOp}), reductions
 * ({@link astrograd.tensor.ops.ReduceOp}, {@link astrograd.tensor.ops.ArgReduceOp}), random distributions
 * ({@link astrograd.tensor.ops.RandomKind}), padding modes ({@link astrograd.tensor.ops.PadMode}) and the geometry of
 * convolutions and pooling ({@link astrograd.tensor.ops.ConvSpec}, {@link astrograd.tensor.ops.PoolSpec}).
 */
package astrograd.tensor.ops;
