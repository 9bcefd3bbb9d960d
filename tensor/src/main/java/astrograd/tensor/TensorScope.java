package astrograd.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * An explicit lifetime for the storage of temporaries. Storage allocated on this thread while a scope is
 * open belongs to it; {@link #close()} releases everything not {@linkplain #keep kept}, and the backend
 * recycles the memory (the CPU backend reuses released arrays, skipping the zeroing and cache misses of
 * fresh ones). A tensor whose storage was released throws {@link IllegalStateException} when read.
 *
 * <pre>{@code
 * for (int step = 0; step < steps; step++) {
 *     try (TensorScope scope = TensorScope.open()) {
 *         Tensor next = update(weights, batch);   // temporaries allocated here are released on close
 *         weights = scope.keep(next);             // ...except what outlives the step
 *     }
 * }
 * }</pre>
 *
 * Scopes nest and must close in the reverse order of opening, on the thread that opened them. Ownership follows
 * the allocation: a scope releases only storage allocated while it was the innermost open scope of its thread.
 * Keeping such a tensor moves its storage to the enclosing scope (or to the garbage collector when there is none);
 * keeping a tensor the scope does not own (allocated outside any scope, in an enclosing scope, on another thread,
 * or wrapping a caller's array) changes nothing, since this scope would never release it. Without any open scope,
 * storage is simply left to the garbage collector.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();
    /** Scopes open on any thread: while none is, {@link #register} skips the thread-local lookup. */
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    private final TensorScope parent;
    private final Thread owner;
    /** Storage registered with or moved to this scope; the entries whose {@code scope} is still this one are released. */
    private final List<Storage> owned = new ArrayList<>();
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope nested in the current one of this thread. */
    public static TensorScope open() {
        TensorScope s = new TensorScope(CURRENT.get());
        OPEN.incrementAndGet();
        CURRENT.set(s);
        return s;
    }

    /** Called by backends for every storage they allocate; a no-op when no scope is open. */
    public static void register(Storage storage) {
        if (OPEN.get() == 0) {
            return;
        }
        TensorScope s = CURRENT.get();
        if (s != null) {
            s.take(storage);
        }
    }

    /**
     * Exempts the tensor's storage from release by this scope: storage this scope owns moves to the enclosing
     * scope (or to the garbage collector); storage it does not own is left where it is. Returns the tensor.
     *
     * @throws IllegalStateException if the storage belongs to a scope nested in this one that is still open
     *     (keep it there first)
     */
    public Tensor keep(Tensor t) {
        return keep("keep", t, parent);
    }

    /**
     * As {@link #keep}, but storage this scope owns goes to the garbage collector instead of the enclosing scope:
     * for state that outlives whatever scope its caller runs in (a model's parameters and an optimizer's moments
     * after a training step, when {@code fit} is called inside a user's scope). Returns the tensor.
     */
    public Tensor keepUnowned(Tensor t) {
        return keep("keepUnowned", t, null);
    }

    private Tensor keep(String op, Tensor t, TensorScope heir) {
        checkOpen(op);
        Storage storage = t.storage();
        TensorScope owner = storage.scope;
        if (owner == this) {
            storage.scope = null;
            if (heir != null) {
                heir.take(storage);
            }
        } else if (owner != null && owner.isNestedIn(this)) {
            throw new IllegalStateException("TensorScope." + op + ": the tensor belongs to an inner scope that is "
                    + "still open; keep it in that scope first");
        }
        return t;
    }

    private void take(Storage storage) {
        storage.scope = this;
        owned.add(storage);
    }

    private boolean isNestedIn(TensorScope outer) {
        for (TensorScope s = parent; s != null; s = s.parent) {
            if (s == outer) {
                return true;
            }
        }
        return false;
    }

    /** Keeps several tensors. */
    public void keep(Tensor... ts) {
        for (Tensor t : ts) {
            keep(t);
        }
    }

    /** Releases the storage of every tensor allocated in this scope (or kept into it by an inner one) and not kept. */
    @Override
    public void close() {
        checkOpen("close");
        if (CURRENT.get() != this) {
            throw new IllegalStateException("TensorScope.close: an inner scope is still open; close scopes in reverse order");
        }
        closed = true;
        OPEN.decrementAndGet();
        CURRENT.set(parent);
        for (Storage s : owned) {
            if (s.scope == this) {
                s.scope = null;
                s.release();
            }
        }
        owned.clear();
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException("TensorScope." + op + ": the scope is already closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("TensorScope." + op + ": called from thread " + Thread.currentThread().getName()
                    + ", but the scope belongs to " + owner.getName());
        }
    }
}
