package astrograd.layers.io;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that breaks the format, or a tensor map that cannot be written as one. */
public final class SafetensorsException extends IOException {
    SafetensorsException(Path file, String what) {
        super("safetensors file " + file + ": " + what);
    }

    SafetensorsException(Path file, String what, Throwable cause) {
        super("safetensors file " + file + ": " + what, cause);
    }
}
