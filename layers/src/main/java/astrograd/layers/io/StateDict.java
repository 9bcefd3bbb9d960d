package astrograd.layers.io;

import astrograd.layers.Module;
import astrograd.layers.Parameter;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's state as PyTorch's {@code state_dict}: parameters and buffers by dotted name
 * ({@code "0.weight"}, {@code "encoder.norm.running_mean"}), and loading such a map back into a module.
 */
public final class StateDict {
    /** What a load skipped: keys the module has but the state lacks, and keys the module does not have. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
        public LoadResult {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }

        /** True when every key matched. */
        public boolean isExact() {
            return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
        }
    }

    /** A state that does not fit a module; lists every offending key. */
    public static final class MismatchException extends IllegalArgumentException {
        private final List<String> missing;
        private final List<String> unexpected;
        private final List<String> mismatched;

        MismatchException(String message, List<String> missing, List<String> unexpected, List<String> mismatched) {
            super(message);
            this.missing = List.copyOf(missing);
            this.unexpected = List.copyOf(unexpected);
            this.mismatched = List.copyOf(mismatched);
        }

        public List<String> missingKeys() {
            return missing;
        }

        public List<String> unexpectedKeys() {
            return unexpected;
        }

        /** Keys whose shape or dtype differ. */
        public List<String> mismatchedKeys() {
            return mismatched;
        }
    }

    private StateDict() {
    }

    /** Parameters then buffers (buffers that are null are left out, as PyTorch leaves out None buffers). */
    public static Map<String, Tensor> of(Module module) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        module.namedParameters().forEach((name, p) -> out.put(name, p.value()));
        module.namedBuffers().forEach((name, b) -> {
            if (b != null) {
                out.put(name, b);
            }
        });
        return out;
    }

    /**
     * Installs {@code state} into {@code module}: each parameter via {@link Parameter#set} (frozen flags
     * and learning-rate multipliers stay) and each buffer via {@link Module#setBufferByName}. Nothing is
     * changed unless the whole load succeeds. Shapes and dtypes must match exactly; with {@code strict},
     * so must the key sets (a null buffer of the module is optional).
     *
     * @throws MismatchException listing the missing and unexpected keys (when strict) and every shape or
     *         dtype mismatch
     */
    public static LoadResult load(Module module, Map<String, Tensor> state, boolean strict) {
        return load(module, state, strict, module.getClass().getSimpleName());
    }

    /** Reads a safetensors file (e.g. a PyTorch {@code state_dict} saved as safetensors) into a module. */
    public static LoadResult load(Module module, Path file, boolean strict) throws IOException {
        return load(module, Safetensors.read(file).tensors(), strict, file.toString());
    }

    static LoadResult load(Module module, Map<String, Tensor> state, boolean strict, String source) {
        Map<String, Parameter> params = module.namedParameters();
        Map<String, Tensor> buffers = module.namedBuffers();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        params.forEach((name, p) -> check(name, p.value(), state, missing, mismatched, problems));
        buffers.forEach((name, b) -> {
            if (b != null) {
                check(name, b, state, missing, mismatched, problems);
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (String key : state.keySet()) {
            if (!params.containsKey(key) && !buffers.containsKey(key)) {
                unexpected.add(key);
            }
        }
        boolean keysFail = strict && !(missing.isEmpty() && unexpected.isEmpty());
        if (keysFail || !mismatched.isEmpty()) {
            throw new MismatchException(message(module, source, strict, missing, unexpected, problems),
                    missing, unexpected, mismatched);
        }
        params.forEach((name, p) -> {
            if (state.containsKey(name)) {
                p.set(state.get(name));
            }
        });
        buffers.keySet().forEach(name -> {
            if (state.containsKey(name)) {
                module.setBufferByName(name, state.get(name));
            }
        });
        return new LoadResult(missing, unexpected);
    }

    private static void check(String name, Tensor current, Map<String, Tensor> state, List<String> missing,
                              List<String> mismatched, List<String> problems) {
        Tensor loaded = state.get(name);
        if (loaded == null) {
            missing.add(name);
        } else if (loaded.dtype() != current.dtype() || !Arrays.equals(loaded.shape(), current.shape())) {
            mismatched.add(name);
            problems.add(name + ": state has " + loaded.dtype() + " " + Shape.str(loaded.shape()) + ", module has "
                    + current.dtype() + " " + Shape.str(current.shape()));
        }
    }

    private static String message(Module module, String source, boolean strict, List<String> missing,
                                  List<String> unexpected, List<String> problems) {
        StringBuilder sb = new StringBuilder("loading ").append(source).append(" into ")
                .append(module.getClass().getSimpleName()).append(strict ? " (strict)" : " (non-strict)").append(':');
        if (strict && !missing.isEmpty()) {
            sb.append(' ').append(missing.size()).append(" missing key").append(missing.size() == 1 ? " " : "s ")
                    .append(missing).append(';');
        }
        if (strict && !unexpected.isEmpty()) {
            sb.append(' ').append(unexpected.size()).append(" unexpected key").append(unexpected.size() == 1 ? " " : "s ")
                    .append(unexpected).append(';');
        }
        if (!problems.isEmpty()) {
            sb.append(' ').append(problems.size()).append(" shape/dtype mismatch").append(problems.size() == 1 ? " " : "es ")
                    .append(problems).append(';');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
