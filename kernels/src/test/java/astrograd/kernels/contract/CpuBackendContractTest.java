package astrograd.kernels.contract;

import astrograd.tensor.Backend;

/** The contract on the CPU backend itself: checks the contract's own cases and comparisons. */
class CpuBackendContractTest extends ImageLinalgContract {
    @Override
    protected Backend backend() {
        return CPU;
    }
}
