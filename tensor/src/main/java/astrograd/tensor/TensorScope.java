package astrograd.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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
 * Scopes nest and must close in the reverse order of opening, on the thread that opened them; a kept
 * tensor moves to the enclosing scope (or to the garbage collector when there is none). Without any open
 * scope, storage is simply left to the garbage collector.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final TensorScope parent;
    private final Thread owner;
    private final List<Storage> owned = new ArrayList<>();
    private final Set<Storage> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope nested in the current one of this thread. */
    public static TensorScope open() {
        TensorScope s = new TensorScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** Called by backends for every storage they allocate; a no-op when no scope is open. */
    public static void register(Storage storage) {
        TensorScope s = CURRENT.get();
        if (s != null) {
            s.owned.add(storage);
        }
    }

    /** Exempts the tensor's storage from release; it moves to the enclosing scope. Returns the tensor. */
    public Tensor keep(Tensor t) {
        checkOpen("keep");
        if (kept.add(t.storage()) && parent != null) {
            parent.owned.add(t.storage());
        }
        return t;
    }

    /** Keeps several tensors. */
    public void keep(Tensor... ts) {
        for (Tensor t : ts) {
            keep(t);
        }
    }

    /** Releases the storage of every tensor allocated in this scope and not kept. */
    @Override
    public void close() {
        checkOpen("close");
        if (CURRENT.get() != this) {
            throw new IllegalStateException("TensorScope.close: an inner scope is still open; close scopes in reverse order");
        }
        closed = true;
        CURRENT.set(parent);
        for (Storage s : owned) {
            if (!kept.contains(s)) {
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
