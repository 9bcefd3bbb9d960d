package astrograd.autodiff;

import astrograd.tensor.Shape;
import astrograd.tensor.ShapeException;
import astrograd.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse walk. Orders the graph topologically without recursion, then visits nodes from the output
 * back: each node's upstream gradient goes through its {@link Vjp} for every input that needs a gradient
 * (once for all of them where the rule is a {@link JointVjp}),
 * is summed back over broadcast axes (the one place this happens), and is accumulated with {@code +=}.
 * Leaves receive their gradient into {@link Var#grad()}. Unless the graph is retained, every visited node
 * is cut from its output, so the graph and its saved tensors become garbage.
 */
final class Backward {
    private Backward() {
    }

    static void run(Var root, Tensor seed, boolean retainGraph) {
        List<Var> order = topologicalOrder(root);
        Map<Var, Tensor> pending = new IdentityHashMap<>(2 * order.size());
        Set<Var> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.put(root, seed);
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            Tensor g = pending.remove(v);
            Node node = v.node();
            if (g == null) {
                continue;
            }
            if (node == null) {
                if (v.freedOp() != null) {
                    throw new IllegalStateException("backward: the graph through '" + v.freedOp()
                            + "' was freed by an earlier backward pass; pass retainGraph = true to walk it twice");
                }
                v.accumulate(g);
                continue;
            }
            if (v.retainsGrad()) {
                v.accumulate(g);
            }
            propagate(node, g, pending, owned);
            if (!retainGraph) {
                v.cutGraph();
            }
        }
    }

    private static void propagate(Node node, Tensor g, Map<Var, Tensor> pending, Set<Var> owned) {
        Tensor[] joint = node.vjp instanceof JointVjp j ? jointGradients(node, j, g) : null;
        for (int k = 0; k < node.inputs.length; k++) {
            Var in = node.inputs[k];
            if (!in.requiresGrad()) {
                continue;
            }
            if (node.vjp instanceof ViewVjp) {
                addIntoRegion((ViewVjp) node.vjp, g, in, pending, owned);
                continue;
            }
            Tensor gi = joint != null ? joint[k] : node.vjp.apply(g, k);
            if (gi == null) {
                throw new UnsupportedOperationException(node.op + ": has no gradient with respect to input " + k);
            }
            gi = sumToShape(node.op, gi, in.value().shape());
            if (gi.dtype() != in.value().dtype()) {
                gi = gi.to(in.value().dtype());
            }
            Tensor prev = pending.get(in);
            pending.put(in, prev == null ? gi : prev.add(gi));
            owned.remove(in);
        }
    }

    /** All gradients of a node whose rule computes them together, for the inputs that need one. */
    private static Tensor[] jointGradients(Node node, JointVjp vjp, Tensor g) {
        boolean[] needed = new boolean[node.inputs.length];
        for (int k = 0; k < needed.length; k++) {
            needed[k] = node.inputs[k].requiresGrad();
        }
        Tensor[] grads = vjp.applyAll(g, needed);
        if (grads == null || grads.length != needed.length) {
            throw new IllegalStateException(node.op + ": the rule returned " + (grads == null ? "no array"
                    : grads.length + " gradients") + " for " + needed.length + " inputs");
        }
        return grads;
    }

    /**
     * Adds a view op's gradient into its region of the input's gradient buffer, in place. The buffer is
     * one the walker allocated itself (never a tensor anybody else holds); a gradient already pending from
     * another op is copied into a fresh buffer first.
     */
    private static void addIntoRegion(ViewVjp vjp, Tensor g, Var in, Map<Var, Tensor> pending, Set<Var> owned) {
        Tensor value = in.value();
        Tensor acc = pending.get(in);
        if (acc == null || !owned.contains(in)) {
            Tensor fresh = Tensor.zeros(value.dtype(), value.shape()).to(value.device());
            if (acc != null) {
                fresh.backend().copyInto(acc, fresh);
            }
            acc = fresh;
            pending.put(in, acc);
            owned.add(in);
        }
        Tensor region = vjp.region(acc);
        Tensor gi = g.dtype() == value.dtype() ? g : g.to(value.dtype());
        acc.backend().copyInto(region.add(gi), region);
    }

    /** Sums a gradient of a broadcast shape back to the shape of the input that was broadcast. */
    static Tensor sumToShape(String op, Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        if (lead < 0) {
            throw new ShapeException(op + ": gradient " + Shape.str(gs) + " has lower rank than input " + Shape.str(shape));
        }
        int[] axes = new int[gs.length];
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                axes[n++] = i;
            } else if (shape[i - lead] != gs[i]) {
                throw new ShapeException(op + ": gradient " + Shape.str(gs) + " does not reduce to input " + Shape.str(shape));
            }
        }
        Tensor r = n == 0 ? g : g.sum(Arrays.copyOf(axes, n), true);
        return r.reshape(shape);
    }

    /** Vars reachable from root through nodes, each after all its inputs (iterative DFS). */
    private static List<Var> topologicalOrder(Var root) {
        List<Var> order = new ArrayList<>();
        Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>(64));
        ArrayDeque<Var> stack = new ArrayDeque<>();
        int[] next = new int[16];
        stack.push(root);
        seen.add(root);
        while (!stack.isEmpty()) {
            Var v = stack.peek();
            int depth = stack.size() - 1;
            int k = next[depth];
            Node node = v.node();
            if (node != null && k < node.inputs.length) {
                next[depth] = k + 1;
                Var in = node.inputs[k];
                if (in.requiresGrad() && seen.add(in)) {
                    if (depth + 1 == next.length) {
                        next = Arrays.copyOf(next, 2 * next.length);
                    }
                    next[depth + 1] = 0;
                    stack.push(in);
                }
                continue;
            }
            stack.pop();
            order.add(v);
        }
        return order;
    }
}
