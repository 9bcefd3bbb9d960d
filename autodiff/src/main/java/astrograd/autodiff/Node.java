package astrograd.autodiff;

/** The op that produced a {@link Var}: its name, its inputs and its vector-Jacobian product. */
final class Node {
    final String op;
    final Var[] inputs;
    final Vjp vjp;

    Node(String op, Var[] inputs, Vjp vjp) {
        this.op = op;
        this.inputs = inputs;
        this.vjp = vjp;
    }
}
