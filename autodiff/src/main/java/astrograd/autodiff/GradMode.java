package astrograd.autodiff;

/**
 * Whether ops record the graph on this thread. {@link #noGrad()} opens a scope in which nothing is
 * recorded (inference, optimizer updates):
 *
 * <pre>{@code
 * try (GradMode.Scope s = GradMode.noGrad()) {
 *     Var prediction = model.forward(x);   // no graph, no saved tensors
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** True unless a {@link #noGrad()} scope is open on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Disables recording until the returned scope closes (scopes nest). */
    public static Scope noGrad() {
        Scope s = new Scope(ENABLED.get());
        ENABLED.set(Boolean.FALSE);
        return s;
    }

    /** Restores the previous mode on close. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            ENABLED.set(previous);
        }
    }
}
