package astrograd.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackendsTest {
    /** No CUDA backend exists yet: the message says so instead of pointing at a module that provides nothing. */
    @Test
    void aCudaDeviceIsRefusedWithWhatExistsToday() {
        DeviceException e = assertThrows(DeviceException.class, () -> Tensor.ones(3).to(Device.cuda(0)));
        assertEquals("device cuda:0: no backend for CUDA is on the class path; astrograd has only its CPU backend so"
                + " far (the CUDA backend is not written yet): use Device.cpu()", e.getMessage());
    }
}
