package astrograd.kernels.contract;

import astrograd.tensor.Backend;
import astrograd.tensor.DType;
import astrograd.tensor.Tensor;

/**
 * The same view of the same values on the CPU backend (the reference) and on the backend under test.
 *
 * @param cpu the reference tensor
 * @param dev the tensor on the backend under test
 */
record Twin(Tensor cpu, Tensor dev) {

    /** Places {@code values} (the whole buffer, of the placement's size) on both backends with one layout. */
    static Twin of(Backend cpu, Backend dev, Object values, DType dtype, int[] shape, ViewKind.Placement p) {
        return new Twin(new Tensor(cpu.upload(values, dtype), shape.clone(), p.strides().clone(), p.offset()),
                new Tensor(dev.upload(values, dtype), shape.clone(), p.strides().clone(), p.offset()));
    }
}
