package astrograd.autodiff.gradtable;

import astrograd.kernels.shim.ShimDevice;
import astrograd.tensor.Backend;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * The gradient table on {@code Device.cuda(0)} served by the CUDA backend over the host shim (CI, no GPU). The shim
 * runs a block's threads one after another, about a second per row on a busy 2-core machine, so CI checks a fixed
 * sixth of the rows (every sixth in table order: 44 of 260); {@code -Dastrograd.shim.allRows=true} checks them all (all 260
 * passed when this class was written). The GPU subclass always checks every row.
 */
class ShimGradTableTest extends DeviceGradTableContract {

    /** Hides the contract's row source: every sixth row, or all with -Dastrograd.shim.allRows=true. */
    static Stream<String> checkedRows() {
        List<String> all = GradOpTableTest.checkedRows().collect(Collectors.toList());
        if (Boolean.getBoolean("astrograd.shim.allRows")) {
            return all.stream();
        }
        return java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 6 == 0).mapToObj(all::get);
    }

    @Override
    protected Backend backend() {
        return ShimDevice.backend();
    }

    @Override
    protected long liveBytes() {
        return ShimDevice.backend().allocator().liveBytes();
    }

    @AfterAll
    static void stopShim() {
        ShimDevice.release();
    }
}
