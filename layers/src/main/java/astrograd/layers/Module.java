package astrograd.layers;

import astrograd.tensor.Rng;
import astrograd.tensor.Shape;
import astrograd.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network component: named parameters and buffers, submodules, and a train/eval mode. Names nest with
 * dots ({@code "encoder.conv1.weight"}), in registration order, as in PyTorch's {@code state_dict}, so
 * checkpoints map one to one. Subclasses register what they own in their constructor with
 * {@link #parameter}, {@link #buffer}, {@link #module} and, for the random streams they draw from while
 * running (dropout masks), {@link #stream(String, Rng)}: a checkpoint saves their positions, so a resumed run
 * draws the same masks as an uninterrupted one.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Rng> streams = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter with its initial value. */
    protected final Parameter parameter(String name, Tensor init) {
        checkName(name);
        Parameter p = new Parameter(name, init);
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer (state that is saved but not trained, e.g. running statistics). */
    protected final void buffer(String name, Tensor init) {
        checkName(name);
        buffers.put(name, init);
    }

    /** Registers a submodule and returns it. */
    protected final <M extends Module> M module(String name, M child) {
        checkName(name);
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' must be non-empty without dots");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name) || streams.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is registered twice");
        }
    }

    /** A buffer of this module (not of its children). */
    protected final Tensor buffer(String name) {
        Tensor t = buffers.get(name);
        if (t == null && !buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no buffer '" + name + "'");
        }
        return t;
    }

    /** Replaces a buffer of this module. */
    protected final void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no buffer '" + name + "'");
        }
        buffers.put(name, value);
    }

    /** All parameters of this module and its descendants by dotted name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    /** All parameters, in registration order. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters that are not frozen. */
    public final List<Parameter> trainableParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : parameters()) {
            if (!p.frozen()) {
                out.add(p);
            }
        }
        return out;
    }

    /** All buffers of this module and its descendants by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectBuffers(prefix + n + ".", out));
    }

    /** Sets a buffer anywhere in the tree by dotted name (for checkpoint loading). */
    public final void setBufferByName(String dotted, Tensor value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            Tensor old = buffer(dotted);
            if (old != null && (!java.util.Arrays.equals(old.shape(), value.shape()) || old.dtype() != value.dtype())) {
                throw new astrograd.tensor.ShapeException("buffer " + dotted + ": " + value.dtype() + " "
                        + Shape.str(value.shape()) + " does not match " + old.dtype() + " " + Shape.str(old.shape()));
            }
            setBuffer(dotted, value);
            return;
        }
        Module child = children.get(dotted.substring(0, dot));
        if (child == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no submodule '" + dotted.substring(0, dot) + "'");
        }
        child.setBufferByName(dotted.substring(dot + 1), value);
    }

    /** Registers a random stream the module draws from while running (its position is training state). */
    protected final void stream(String name, Rng rng) {
        checkName(name);
        streams.put(name, rng);
    }

    /** A stream of this module (the one last set, see {@link #setStreamByName}). */
    protected final Rng stream(String name) {
        Rng r = streams.get(name);
        if (r == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no stream '" + name + "'");
        }
        return r;
    }

    /** The random streams of this module and its descendants by dotted name: copies at their current positions. */
    public final Map<String, Rng> namedStreams() {
        Map<String, Rng> out = new LinkedHashMap<>();
        collectStreams("", out);
        return out;
    }

    private void collectStreams(String prefix, Map<String, Rng> out) {
        streams.forEach((n, r) -> out.put(prefix + n, new Rng(r.key(), r.counter())));
        children.forEach((n, c) -> c.collectStreams(prefix + n + ".", out));
    }

    /** Moves a stream anywhere in the tree, by dotted name, to the position (key and counter) of {@code rng}. */
    public final void setStreamByName(String dotted, Rng rng) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            stream(dotted);
            streams.put(dotted, new Rng(rng.key(), rng.counter()));
            return;
        }
        Module child = children.get(dotted.substring(0, dot));
        if (child == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no submodule '" + dotted.substring(0, dot) + "'");
        }
        child.setStreamByName(dotted.substring(dot + 1), rng);
    }

    /** Direct submodules by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Training mode (dropout active, batch statistics used) for this module and its descendants. */
    public Module train() {
        return setTraining(true);
    }

    /** Evaluation mode for this module and its descendants. */
    public Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean mode) {
        training = mode;
        for (Module c : children.values()) {
            c.setTraining(mode);
        }
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Freezes every parameter whose dotted name starts with {@code prefix}; returns how many. */
    public final int freeze(String prefix) {
        return setFrozen(prefix, true);
    }

    /** Unfreezes every parameter whose dotted name starts with {@code prefix}; returns how many. */
    public final int unfreeze(String prefix) {
        return setFrozen(prefix, false);
    }

    private int setFrozen(String prefix, boolean frozen) {
        int n = 0;
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                e.getValue().setFrozen(frozen);
                n++;
            }
        }
        return n;
    }

    /** Puts every parameter whose name starts with {@code prefix} in a group with this learning-rate multiplier. */
    public final int setLrMultiplier(String prefix, double multiplier) {
        int n = 0;
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                e.getValue().setLrMultiplier(multiplier);
                n++;
            }
        }
        return n;
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Total number of parameter elements. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.count();
        }
        return n;
    }

    /** One line describing this module's own configuration (e.g. {@code "13 -> 64, bias"}); empty by default. */
    protected String describe() {
        return "";
    }

    /** A tree of the modules with their configuration and parameter counts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render("", null, sb);
        sb.append("total parameters: ").append(parameterCount());
        long trainable = 0;
        for (Parameter p : trainableParameters()) {
            trainable += p.count();
        }
        if (trainable != parameterCount()) {
            sb.append(" (trainable ").append(trainable).append(')');
        }
        return sb.toString();
    }

    private void render(String indent, String name, StringBuilder sb) {
        long own = 0;
        for (Parameter p : parameters.values()) {
            own += p.count();
        }
        sb.append(indent).append(name == null ? "" : name + ": ").append(getClass().getSimpleName());
        String d = describe();
        if (!d.isEmpty()) {
            sb.append('(').append(d).append(')');
        }
        if (own > 0) {
            sb.append("  [").append(own).append(" params]");
        }
        sb.append('\n');
        children.forEach((n, c) -> c.render(indent + "  ", n, sb));
    }
}
