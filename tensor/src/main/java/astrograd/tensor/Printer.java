package astrograd.tensor;

/** Readable text for {@link Tensor#toString()}: header, then values (at most 6 per axis, with ellipses). */
final class Printer {
    private static final int EDGE = 3;

    private Printer() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Tensor(").append(t.dtype()).append(", ").append(Shape.str(t.shape()));
        if (!t.device().isCpu()) {
            sb.append(", ").append(t.device());
        }
        sb.append(")\n");
        Tensor c = t.to(Device.cpu());
        values(c, sb);
        return sb.toString();
    }

    private static void values(Tensor t, StringBuilder sb) {
        if (t.rank() == 0) {
            sb.append(element(t));
            return;
        }
        int n = t.size(0);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                sb.append("..., ");
                i = n - EDGE;
            }
            values(t.select(0, i), sb);
            if (i < n - 1) {
                sb.append(t.rank() > 1 ? ",\n" : ", ");
            }
        }
        sb.append(']');
    }

    private static String element(Tensor t) {
        double v = t.item();
        switch (t.dtype()) {
            case BOOL: return v != 0 ? "true" : "false";
            case I32:
            case I64: return Long.toString((long) v);
            case F32: return Float.toString((float) v);
            default: return Double.toString(v);
        }
    }
}
