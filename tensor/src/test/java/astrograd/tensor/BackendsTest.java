package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackendsTest {
    /** Without astrograd-kernels on the class path, the message names the module and says how far it is. */
    @Test
    void aCudaDeviceIsRefusedWithWhatExistsToday() {
        DeviceException e = assertThrows(DeviceException.class, () -> Tensor.ones(3).to(Device.cuda(0)));
        assertEquals("device cuda:0: no backend for CUDA is on the class path; the CUDA backend is the"
                + " astrograd-kernels module (the whole backend contract, checked through a host shim; not yet run on a"
                + " GPU), or use Device.cpu()",
                e.getMessage());
    }
}
