package astrograd.kernels.shim;

import astrograd.kernels.driver.DeviceDriver;
import astrograd.kernels.driver.DeviceProperties;
import astrograd.kernels.driver.KernelArgs;
import astrograd.kernels.driver.Launch;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DeviceDriver} whose device is the host shim process (cuda_shim.h, shim_main.cpp): memory is the
 * process's heap under AddressSanitizer, and launches run the real kernel sources on the CPU, one block at a
 * time. With it the {@link astrograd.kernels.CudaBackend} runs end to end in CI — launch planning, argument
 * marshalling (the shim checks each parameter's size against the kernel's signature) and the kernels — and
 * is compared with the CPU backend. A kernel that reads or writes outside its buffers kills the process;
 * the next call then throws {@link ShimException} with the sanitizer's report, which names the kernel and
 * the source line.
 */
public final class ShimDriver implements DeviceDriver, AutoCloseable {
    private final Process process;
    private final OutputStream out;
    private final InputStream in;
    private final Path stderr;

    /** Starts a shim process (building the shim first if needed). */
    public ShimDriver() throws IOException {
        stderr = Files.createTempFile("astrograd-shim", ".err");
        process = new ProcessBuilder(ShimBinary.path().toString()).redirectError(stderr.toFile()).start();
        out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(process.getInputStream(), 1 << 16);
    }

    @Override
    public DeviceProperties properties() {
        return new DeviceProperties(0, "host shim (g++, AddressSanitizer)", 9, 0, 1, 1L << 32);
    }

    @Override
    public synchronized long malloc(long bytes) {
        send(request(1, 8).putLong(bytes));
        answer();
        return readBuffer(8).getLong();
    }

    @Override
    public synchronized void free(long address) {
        send(request(2, 8).putLong(address));
        answer();
    }

    @Override
    public synchronized void memsetZero(long address, long bytes) {
        send(request(6, 16).putLong(address).putLong(bytes));
        answer();
    }

    @Override
    public synchronized void upload(long dst, Object hostArray, int count) {
        byte[] data = HostArrays.toBytes(hostArray, count);
        send(request(3, 16 + data.length).putLong(dst).putLong(data.length).put(data));
        answer();
    }

    @Override
    public synchronized void download(long src, Object hostArray, int count) {
        int bytes = count * HostArrays.elementSize(hostArray);
        send(request(4, 16).putLong(src).putLong(bytes));
        answer();
        HostArrays.fromBytes(readBuffer(bytes), hostArray, count);
    }

    @Override
    public synchronized void copy(long dst, long src, long bytes) {
        send(request(5, 24).putLong(dst).putLong(src).putLong(bytes));
        answer();
    }

    @Override
    public synchronized void launch(String name, Launch l, KernelArgs args) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int size = 4 + n.length + 28;
        for (int i = 0; i < args.size(); i++) {
            size += 4 + args.byteSize(i);
        }
        ByteBuffer b = request(7, size).putInt(n.length).put(n)
                .putInt(l.gridX()).putInt(l.gridY()).putInt(l.gridZ())
                .putInt(l.blockX()).putInt(l.blockY()).putInt(l.blockZ()).putInt(args.size());
        for (int i = 0; i < args.size(); i++) {
            b.putInt(args.byteSize(i)).put(args.bytes(i));
        }
        send(b);
        answer();
    }

    /** Exact sizes, so AddressSanitizer sees the true end of every buffer. */
    @Override
    public boolean exactAllocations() {
        return true;
    }

    /** Launches run to completion before they return: nothing to wait for. */
    @Override
    public void synchronize() {
    }

    @Override
    public long[] memoryInfo() {
        return new long[] {1L << 32, 1L << 32};
    }

    /** Whether the process still runs (it dies on a sanitizer report). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The kernels the shim registered (every AG_EXPORT). */
    public synchronized List<String> kernels() {
        send(request(8, 0));
        answer();
        int count = readBuffer(4).getInt();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = readBuffer(4).getInt();
            names.add(new String(readBuffer(len).array(), StandardCharsets.US_ASCII));
        }
        return names;
    }

    @Override
    public synchronized void close() throws IOException {
        if (process.isAlive()) {
            try {
                send(request(9, 0));
            } catch (ShimException e) {
                // already gone
            }
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stderr);
    }

    private static ByteBuffer request(int op, int size) {
        return ByteBuffer.allocate(1 + size).order(ByteOrder.LITTLE_ENDIAN).put((byte) op);
    }

    private void send(ByteBuffer b) {
        try {
            out.write(b.array(), 0, b.position());
            out.flush();
        } catch (IOException e) {
            throw died(e);
        }
    }

    /** Reads the status byte; a failure's message becomes a {@link ShimException}. */
    private void answer() {
        byte status = readBuffer(1).get();
        if (status != 0) {
            int len = readBuffer(4).getInt();
            throw new ShimException(new String(readBuffer(len).array(), StandardCharsets.UTF_8));
        }
    }

    private ByteBuffer readBuffer(int n) {
        byte[] b = new byte[n];
        try {
            int got = in.readNBytes(b, 0, n);
            if (got < n) {
                throw died(null);
            }
        } catch (IOException e) {
            throw died(e);
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The process is gone: its stderr (a sanitizer report, usually) says why. */
    private ShimException died(IOException cause) {
        try {
            process.waitFor();
            String report = SanitizerReport.summarize(Files.readString(stderr));
            return new ShimException("the shim process died (exit " + process.exitValue() + "):\n" + report);
        } catch (IOException | InterruptedException e) {
            return new ShimException("the shim process died and its report could not be read: " + e);
        }
    }
}
