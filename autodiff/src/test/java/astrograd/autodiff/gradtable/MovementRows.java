package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.ElementwiseRows.strided;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import astrograd.tensor.ops.PadMode;
import java.util.List;

/**
 * Views, joins, padding and rolling. Rows whose call names explicit sizes give explicit large shapes.
 * Multi-result ops (split, chunk) are joined back as {@code cat(axis, p_{n-1}·n, ..., p_0·1)}: reversed and
 * scaled so a gradient routed to the wrong piece shows.
 */
final class MovementRows {
    private MovementRows() {
    }

    /** Pieces reversed, piece k scaled by k + 1, concatenated along axis. */
    static Var rejoin(List<Var> pieces, int axis) {
        Var[] parts = new Var[pieces.size()];
        for (int k = 0; k < parts.length; k++) {
            parts[parts.length - 1 - k] = pieces.get(k).mul(k + 1);
        }
        return Var.cat(axis, parts);
    }

    static void addTo(List<GradRow> rows) {
        addViews(rows);
        addPads(rows);
        addJoins(rows);
    }

    private static void addViews(List<GradRow> rows) {
        rows.add(row("reshape", "reshape(int[])").in(ANY, 3, 4, 5).large(new int[] {6, 4, 5}).unary(x -> x.reshape(4, -1)));
        rows.add(row("reshape_strided", "reshape(int[])").in(ANY, 4, 6)
                .unary(x -> strided(x).reshape(2, -1).mul(x.sum())));
        rows.add(row("permute", "permute(int[])").in(ANY, 3, 4, 5).unary(x -> x.permute(2, 0, 1).mul(x.select(0, 0).sum())));
        rows.add(row("transpose", "transpose(int,int)").in(ANY, 3, 4, 5).unary(x -> x.transpose(0, 2).cumsum(0)));
        rows.add(row("slice_step2", "slice(int,int,int,int)").in(ANY, 3, 7, 5).unary(x -> x.slice(1, 1, 7, 2)));
        rows.add(row("slice_step3_negative_start", "slice(int,int,int,int)").in(ANY, 3, 4, 8)
                .unary(x -> x.slice(2, -7, Integer.MAX_VALUE, 3).square()));
        rows.add(row("narrow", "narrow(int,int,int)").in(ANY, 3, 4, 5).unary(x -> x.narrow(2, 1, 3).exp()));
        rows.add(row("select", "select(int,int)").in(ANY, 3, 4, 5).unary(x -> x.select(1, 2)));
        rows.add(row("select_negative", "select(int,int)").in(ANY, 3, 4, 5).unary(x -> x.select(0, -1).square()));
        rows.add(row("expand", "expand(int[])").in(ANY, 3, 1, 5).large(new int[] {9, 1, 15})
                .unary(x -> x.expand(2, x.value().size(0), 4, x.value().size(2)).square()));
        rows.add(row("broadcast_to", "broadcastTo(int[])").in(ANY, 4, 1).large(new int[] {12, 1})
                .unary(x -> x.broadcastTo(3, x.value().size(0), 5).sin()));
        rows.add(row("squeeze", "squeeze(int)").in(ANY, 3, 1, 5).unary(x -> x.squeeze(1).square()));
        rows.add(row("unsqueeze", "unsqueeze(int)").in(ANY, 3, 5).unary(x -> x.unsqueeze(0).unsqueeze(-1).square()));
        rows.add(row("flatten", "flatten()").in(ANY, 3, 4, 5).unary(x -> x.transpose(0, 1).flatten().cumsum(0)));
        rows.add(row("flatten_range", "flatten(int,int)").in(ANY, 3, 4, 5).unary(x -> x.flatten(1, 2).cumsum(1)));
        rows.add(row("flip", "flip(int[])").in(ANY, 3, 4, 5).unary(x -> x.flip(0, 2).cumsum(2)));
        rows.add(row("contiguous", "contiguous()").in(ANY, 4, 5).unary(x -> strided(x).contiguous().cumsum(1)));
        rows.add(row("roll", "roll(int,int)").in(ANY, 3, 4, 5).unary(x -> x.roll(2, 1).cumsum(1)));
        rows.add(row("roll_negative_long", "roll(int,int)").in(ANY, 3, 4, 5).unary(x -> x.roll(-7, 2).cumsum(2)));
        rows.add(row("roll_strided", "roll(int,int)").in(ANY, 4, 5).unary(x -> strided(x).roll(1, 0).cumsum(0)));
    }

    private static void pad(List<GradRow> rows, String id, int[] pads, PadMode mode, double value, int... shape) {
        rows.add(row(id, "pad(int[],PadMode,double)").in(ANY, shape).unary(x -> x.pad(pads, mode, value).cumsum(-1)));
    }

    private static void addPads(List<GradRow> rows) {
        pad(rows, "pad_constant", new int[] {1, 2}, PadMode.CONSTANT, 0.5, 3, 4);
        pad(rows, "pad_constant_asym2d", new int[] {0, 3, 2, 0}, PadMode.CONSTANT, -1.0, 2, 3, 4);
        pad(rows, "pad_circular", new int[] {1, 2}, PadMode.CIRCULAR, 0, 3, 4);
        pad(rows, "pad_circular_long", new int[] {5, 7}, PadMode.CIRCULAR, 0, 2, 3);
        pad(rows, "pad_circular_long2d", new int[] {4, 1, 0, 6}, PadMode.CIRCULAR, 0, 2, 2, 3);
        pad(rows, "pad_reflect", new int[] {1, 2}, PadMode.REFLECT, 0, 3, 4);
        pad(rows, "pad_reflect_long", new int[] {6, 5}, PadMode.REFLECT, 0, 2, 3);
        pad(rows, "pad_reflect_asym2d", new int[] {0, 2, 3, 1}, PadMode.REFLECT, 0, 2, 3, 4);
        pad(rows, "pad_replicate", new int[] {2, 3, 1, 0}, PadMode.REPLICATE, 0, 2, 3, 4);
        rows.add(row("pad_replicate_strided", "pad(int[],PadMode,double)").in(ANY, 4, 5)
                .unary(x -> strided(x).pad(new int[] {3, 1}, PadMode.REPLICATE, 0).cumsum(-1)));
        rows.add(row("pad_axis_reflect", "pad(int,int,int,PadMode,double)").in(ANY, 3, 2, 2)
                .unary(x -> x.pad(0, 3, 1, PadMode.REFLECT, 0).cumsum(0)));
        rows.add(row("pad_axis_constant", "pad(int,int,int,PadMode,double)").in(ANY, 3, 2, 2)
                .unary(x -> x.pad(1, 0, 2, PadMode.CONSTANT, 1.5).cumsum(1)));
    }

    private static void addJoins(List<GradRow> rows) {
        rows.add(row("cat", "cat(int,Var[])").in(ANY, 3, 2, 5).in(ANY, 3, 4, 5).in(ANY, 3, 1, 5)
                .large(new int[] {9, 2, 15}, new int[] {9, 12, 15}, new int[] {9, 1, 15})
                .call((x, a) -> Var.cat(1, x[0], x[1], x[2]).cumsum(1)));
        rows.add(row("cat_strided_reused", "cat(int,Var[])").in(ANY, 4, 5).in(ANY, 4, 2)
                .large(new int[] {12, 15}, new int[] {12, 2})
                .call((x, a) -> Var.cat(-1, strided(x[0]).transpose(0, 1), x[1], x[1].square()).cumsum(-1)));
        rows.add(row("stack", "stack(int,Var[])").in(ANY, 3, 4).in(ANY, 3, 4).binary((p, q) -> Var.stack(0, p, q).cumsum(0)));
        rows.add(row("stack_last", "stack(int,Var[])").in(ANY, 3, 4).in(ANY, 4, 3).in(ANY, 3, 4)
                .call((x, a) -> Var.stack(-1, x[0], x[1].transpose(0, 1), x[2]).cumsum(-1)));
        rows.add(row("split", "split(int,int)").in(ANY, 3, 7, 2).large(new int[] {9, 7, 6})
                .unary(x -> rejoin(x.split(3, 1), 1)));
        rows.add(row("split_sizes", "split(int[],int)").in(ANY, 3, 7, 2).large(new int[] {9, 7, 6})
                .unary(x -> rejoin(x.split(new int[] {2, 0, 4, 1}, 1), 1)));
        rows.add(row("split_sizes_unused", "split(int[],int)").in(ANY, 3, 7, 2).large(new int[] {9, 7, 6})
                .unary(x -> x.split(new int[] {3, 4}, 1).get(1).square()));
        rows.add(row("split_sizes_strided", "split(int[],int)").in(ANY, 4, 5)
                .unary(x -> rejoin(strided(x).split(new int[] {1, x.value().size(0) - 1}, -1), -1)));
        rows.add(row("chunk", "chunk(int,int)").in(ANY, 3, 7, 2).large(new int[] {9, 7, 6})
                .unary(x -> rejoin(x.chunk(3, 1), 1)));
        rows.add(row("chunk_axis0", "chunk(int,int)").in(ANY, 5, 3).large(new int[] {5, 9})
                .unary(x -> rejoin(x.chunk(2, 0), 0)));
    }
}
