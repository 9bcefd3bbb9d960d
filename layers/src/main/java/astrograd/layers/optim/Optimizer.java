package astrograd.layers.optim;

import astrograd.autodiff.GradMode;
import astrograd.layers.Parameter;
import astrograd.tensor.DType;
import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import astrograd.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of {@link Parameter}s from their gradients. {@link #step()} runs under
 * {@link GradMode#noGrad()}, skips frozen parameters and parameters without a gradient (as PyTorch skips
 * {@code grad is None}), scales the learning rate by each parameter's {@link Parameter#lrMultiplier()} (its
 * parameter group) and installs the new values with {@link Parameter#set}.
 *
 * <p>All state is exposed as named tensors by {@link #state()} and restored by {@link #loadState}: the
 * hyperparameters a schedule may change ({@code "lr"}, and {@code "momentum"} or {@code "beta1"}) as 0-d F64
 * tensors, and the per-parameter slots as {@code "param.<index>.<slot>"} (for example
 * {@code "param.3.exp_avg"}), where the index is the position in the list given to the constructor. Restoring
 * the state into a fresh optimizer over the same parameters continues bit for bit.
 *
 * <p>The optimizer owns its state: {@link #state()} returns copies and {@link #loadState} copies what it is
 * given, so a saved map (or a checkpoint's tensors, or another optimizer's state) never changes when this
 * optimizer steps, although {@link Adam} updates its own moments in place. A training step run inside a
 * {@link TensorScope} keeps the live state with {@link #keepState}.
 */
public abstract class Optimizer {
    private final String name;
    private final List<Parameter> params;
    private final List<Map<String, Tensor>> slots;
    private double lr;

    protected Optimizer(String name, List<Parameter> params, double lr) {
        this.name = name;
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
        this.params = List.copyOf(params);
        this.slots = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            slots.add(new LinkedHashMap<>());
        }
        setLr(lr);
    }

    /** Applies one update to every trainable parameter that has a gradient. */
    @SuppressWarnings("try") // the no-grad scope is held for its effect only
    public final void step() {
        try (GradMode.Scope noGrad = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor grad = p.grad();
                if (p.frozen() || grad == null) {
                    continue;
                }
                // a weight used transposed (Linear) gets a transposed gradient: one copy here, for every update
                p.set(update(i, p.value(), grad.contiguous(), lr * p.lrMultiplier()));
            }
        }
    }

    /**
     * The new value of parameter {@code index}; reads and writes its slots with {@link #slot} and
     * {@link #setSlot}. {@code lr} already includes the parameter's multiplier; {@code grad} is contiguous.
     */
    protected abstract Tensor update(int index, Tensor value, Tensor grad, double lr);

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    public final List<Parameter> parameters() {
        return params;
    }

    public final String name() {
        return name;
    }

    /** The base learning rate (before parameter multipliers). */
    public final double lr() {
        return lr;
    }

    public final void setLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** True if a schedule may cycle this optimizer's momentum (SGD and RMSprop momentum, Adam's beta1). */
    public boolean hasMomentum() {
        return false;
    }

    /** The momentum coefficient (beta1 for Adam). */
    public double momentum() {
        throw new UnsupportedOperationException(name + " has no momentum");
    }

    /** Sets the momentum coefficient (beta1 for Adam), as PyTorch's one-cycle schedule does. */
    public void setMomentum(double momentum) {
        throw new UnsupportedOperationException(name + " has no momentum");
    }

    /** The key of the momentum in {@link #state()}. */
    protected String momentumKey() {
        return "momentum";
    }

    /** A per-parameter slot (e.g. {@code "exp_avg"}), or null if not created yet. */
    protected final Tensor slot(int index, String slot) {
        return slots.get(index).get(slot);
    }

    protected final void setSlot(int index, String slot, Tensor value) {
        slots.get(index).put(slot, value);
    }

    /** Zeros of the parameter's dtype, shape and device. */
    protected static Tensor zerosLike(Tensor value) {
        return Tensor.zeros(value.dtype(), value.shape()).to(value.device());
    }

    /** Scalar slots (step counts) are 0-d F64 tensors. */
    protected final double scalarSlot(int index, String slot) {
        Tensor t = slot(index, slot);
        return t == null ? 0 : t.item();
    }

    protected final void setScalarSlot(int index, String slot, double value) {
        setSlot(index, slot, Tensor.scalar(value, DType.F64));
    }

    /** The slot names this optimizer uses (for validating {@link #loadState}). */
    protected abstract List<String> slotNames();

    /**
     * Hyperparameters, then every slot, as named tensors (see the class notes): a snapshot, every tensor a copy
     * that later steps leave as it is.
     */
    public final Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr, DType.F64));
        if (hasMomentum()) {
            out.put(momentumKey(), Tensor.scalar(momentum(), DType.F64));
        }
        for (int i = 0; i < slots.size(); i++) {
            for (Map.Entry<String, Tensor> e : slots.get(i).entrySet()) {
                out.put("param." + i + "." + e.getKey(), copyOf(e.getValue()));
            }
        }
        return out;
    }

    /**
     * Exempts this optimizer's live state tensors from {@code scope}'s release (see
     * {@link TensorScope#keepUnowned}): a training step run inside a scope allocates new slots there, and they must
     * outlive it and any scope the caller runs in. The tensors themselves stay private to the optimizer.
     */
    public final void keepState(TensorScope scope) {
        for (Map<String, Tensor> s : slots) {
            s.values().forEach(scope::keepUnowned);
        }
    }

    /**
     * Replaces the whole state by one from {@link #state()}; slots absent from the map start afresh. The tensors
     * are copied: the map and its tensors are not modified, now or by later steps.
     *
     * @throws IllegalArgumentException for an unknown key or parameter index
     * @throws ShapeException if a slot does not match its parameter's shape and dtype
     */
    public final void loadState(Map<String, Tensor> state) {
        List<Map<String, Tensor>> loaded = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            loaded.add(new HashMap<>());
        }
        double newLr = lr;
        double newMomentum = hasMomentum() ? momentum() : 0;
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            Tensor t = e.getValue();
            if (key.equals("lr")) {
                newLr = t.item();
            } else if (hasMomentum() && key.equals(momentumKey())) {
                newMomentum = t.item();
            } else {
                int index = parseIndex(key);
                String slot = key.substring(key.indexOf('.', 6) + 1);
                checkSlot(key, index, slot, t);
                loaded.get(index).put(slot, copyOf(t));
            }
        }
        setLr(newLr);
        if (hasMomentum()) {
            setMomentum(newMomentum);
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).clear();
            for (String s : slotNames()) {
                if (loaded.get(i).containsKey(s)) {
                    slots.get(i).put(s, loaded.get(i).get(s));
                }
            }
        }
    }

    private int parseIndex(String key) {
        String[] parts = key.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("param")) {
            throw new IllegalArgumentException(name + ".loadState: unknown key '" + key + "'");
        }
        int index;
        try {
            index = Integer.parseInt(parts[1]);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + ".loadState: bad parameter index in '" + key + "'");
        }
        if (index < 0 || index >= params.size()) {
            throw new IllegalArgumentException(name + ".loadState: '" + key + "' names parameter " + index
                    + " but the optimizer has " + params.size());
        }
        return index;
    }

    private void checkSlot(String key, int index, String slot, Tensor t) {
        if (!slotNames().contains(slot)) {
            throw new IllegalArgumentException(name + ".loadState: unknown slot '" + slot + "' in '" + key + "'; expected one of "
                    + slotNames());
        }
        if (t.rank() == 0) {
            return;
        }
        Tensor v = params.get(index).value();
        if (!Arrays.equals(v.shape(), t.shape()) || v.dtype() != t.dtype()) {
            throw new ShapeException(name + ".loadState: '" + key + "' is " + t.dtype() + " " + Shape.str(t.shape())
                    + " but parameter " + index + " is " + v.dtype() + " " + Shape.str(v.shape()));
        }
    }

    /** A new tensor with the same elements (bits), dtype, shape and device; contiguous. */
    private static Tensor copyOf(Tensor t) {
        Tensor out = new Tensor(t.backend().allocateUninitialized(t.dtype(), t.numel()), t.shape());
        t.backend().copyInto(t, out);
        return out;
    }

    static void checkRange(String op, String what, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(op + ": " + what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}
