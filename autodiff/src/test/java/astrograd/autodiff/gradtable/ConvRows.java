package astrograd.autodiff.gradtable;

import static astrograd.autodiff.gradtable.Domain.ANY;
import static astrograd.autodiff.gradtable.Domain.DISCRETE;
import static astrograd.autodiff.gradtable.Domain.DISTINCT;
import static astrograd.autodiff.gradtable.GradRow.row;

import astrograd.autodiff.Var;
import astrograd.autodiff.VarConv;
import astrograd.tensor.Conv;
import astrograd.tensor.ops.ConvSpec;
import astrograd.tensor.ops.PoolSpec;
import java.util.List;

/**
 * The convolution family of {@link VarConv}: strides, asymmetric padding, dilation, groups, bias present
 * and absent, transposed convolutions with output padding, max pooling (distinct values, so the argmax is
 * stable under the finite-difference step) and average pooling (ceil mode, with and without the padding
 * in the divisor), unfold and fold. Larger instances grow the batch and the spatial extent.
 */
final class ConvRows {
    private static final String CONV2D = "VarConv.conv2d(Var,Var,Var,ConvSpec)";

    private ConvRows() {
    }

    static void addTo(List<GradRow> rows) {
        ConvSpec grouped = new ConvSpec(2, 1, 1, 0, 2, 1, 1, 2, 2, 0, 0);
        rows.add(row("conv2d_grouped_bias", CONV2D).in(ANY, 2, 4, 6, 5).in(ANY, 6, 2, 3, 2).in(ANY, 6)
                .large(new int[] {3, 4, 13, 11}, new int[] {6, 2, 3, 2}, new int[] {6})
                .call((x, a) -> VarConv.conv2d(x[0], x[1], x[2], grouped)));
        ConvSpec ungrouped = new ConvSpec(2, 1, 1, 0, 2, 1, 1, 2, 1, 0, 0);
        rows.add(row("conv2d_strided_dilated_bias", CONV2D).in(ANY, 2, 4, 6, 5).in(ANY, 3, 4, 3, 2).in(ANY, 3)
                .large(new int[] {3, 4, 13, 11}, new int[] {3, 4, 3, 2}, new int[] {3})
                .call((x, a) -> VarConv.conv2d(x[0], x[1], x[2], ungrouped)));
        rows.add(row("conv2d_relu_grouped_bias", "VarConv.conv2dRelu(Var,Var,Var,ConvSpec)")
                .in(ANY, 2, 4, 6, 5).in(ANY, 6, 2, 3, 2).in(ANY, 6)
                .large(new int[] {3, 4, 13, 11}, new int[] {6, 2, 3, 2}, new int[] {6})
                .call((x, a) -> VarConv.conv2dRelu(x[0], x[1], x[2], grouped)));
        rows.add(row("conv1d_relu", "VarConv.conv1dRelu(Var,Var,Var,int,int,int,int,int)")
                .in(ANY, 2, 4, 9).in(ANY, 3, 4, 3).in(ANY, 3)
                .large(new int[] {3, 4, 40}, new int[] {3, 4, 3}, new int[] {3})
                .call((x, a) -> VarConv.conv1dRelu(x[0], x[1], x[2], 1, 2, 1, 2, 1)));
        rows.add(row("conv1d_relu_maxpool", "VarConv.conv1dReluMaxPool(Var,Var,Var,int,int,int,int,int,PoolSpec)")
                .in(ANY, 2, 4, 11).in(ANY, 3, 4, 3).in(ANY, 3)
                .large(new int[] {3, 4, 40}, new int[] {3, 4, 3}, new int[] {3})
                .call((x, a) -> VarConv.conv1dReluMaxPool(x[0], x[1], x[2], 1, 2, 1, 2, 1,
                        new PoolSpec(1, 3, 1, 2, 0, 0, 1, 1, false, true))));
        rows.add(row("conv2d_relu_maxpool_rows", "VarConv.conv2dReluMaxPool(Var,Var,Var,ConvSpec,PoolSpec)")
                .in(ANY, 2, 4, 6, 9).in(ANY, 6, 2, 3, 2).in(ANY, 6)
                .large(new int[] {3, 4, 13, 11}, new int[] {6, 2, 3, 2}, new int[] {6})
                .call((x, a) -> VarConv.conv2dReluMaxPool(x[0], x[1], x[2], grouped,
                        new PoolSpec(1, 2, 1, 2, 0, 0, 1, 1, false, true))));
        rows.add(row("conv2d_no_bias", CONV2D).in(ANY, 1, 2, 5, 5).in(ANY, 3, 2, 3, 3)
                .large(new int[] {2, 2, 16, 15}, new int[] {3, 2, 3, 3})
                .call((x, a) -> VarConv.conv2d(x[0], x[1], null, ConvSpec.defaults())));
        rows.add(row("conv2d_int_args", "VarConv.conv2d(Var,Var,Var,int,int,int,int)")
                .in(ANY, 2, 3, 5, 5).in(ANY, 4, 3, 3, 3).in(ANY, 4)
                .large(new int[] {2, 3, 14, 15}, new int[] {4, 3, 3, 3}, new int[] {4})
                .call((x, a) -> VarConv.conv2d(x[0], x[1], x[2], 2, 1, 1, 1)));
        rows.add(row("conv1d_explicit", "VarConv.conv1d(Var,Var,Var,int,int,int,int,int)")
                .in(ANY, 2, 4, 9).in(ANY, 6, 2, 3).in(ANY, 6)
                .large(new int[] {3, 4, 40}, new int[] {6, 2, 3}, new int[] {6})
                .call((x, a) -> VarConv.conv1d(x[0], x[1], x[2], 2, 2, 0, 2, 2)));
        rows.add(row("conv1d_explicit_ungrouped", "VarConv.conv1d(Var,Var,Var,int,int,int,int,int)")
                .in(ANY, 2, 4, 9).in(ANY, 3, 4, 3).in(ANY, 3)
                .large(new int[] {3, 4, 40}, new int[] {3, 4, 3}, new int[] {3})
                .call((x, a) -> VarConv.conv1d(x[0], x[1], x[2], 2, 2, 0, 2, 1)));
        rows.add(row("conv1d_same", "VarConv.conv1d(Var,Var,Var,int,Padding,int,int)")
                .in(ANY, 2, 3, 7).in(ANY, 2, 3, 4)
                .large(new int[] {2, 3, 30}, new int[] {2, 3, 4})
                .call((x, a) -> VarConv.conv1d(x[0], x[1], null, 1, Conv.Padding.SAME, 2, 1)));
        rows.add(row("conv1d_same_tf_strided", "VarConv.conv1d(Var,Var,Var,int,Padding,int,int)")
                .in(ANY, 2, 3, 8).in(ANY, 4, 3, 3).in(ANY, 4)
                .large(new int[] {2, 3, 31}, new int[] {4, 3, 3}, new int[] {4})
                .call((x, a) -> VarConv.conv1d(x[0], x[1], x[2], 3, Conv.Padding.SAME_TF, 1, 1)));

        ConvSpec transposed = new ConvSpec(2, 1, 1, 1, 0, 0, 1, 2, 2, 1, 0);
        rows.add(row("conv_transpose2d", "VarConv.convTranspose2d(Var,Var,Var,ConvSpec)")
                .in(ANY, 2, 4, 3, 4).in(ANY, 4, 3, 3, 2).in(ANY, 6)
                .large(new int[] {3, 4, 9, 8}, new int[] {4, 3, 3, 2}, new int[] {6})
                .call((x, a) -> VarConv.convTranspose2d(x[0], x[1], x[2], transposed)));
        ConvSpec transposedUngrouped = new ConvSpec(2, 1, 1, 1, 0, 0, 1, 2, 1, 1, 0);
        rows.add(row("conv_transpose2d_ungrouped", "VarConv.convTranspose2d(Var,Var,Var,ConvSpec)")
                .in(ANY, 2, 4, 3, 4).in(ANY, 4, 3, 3, 2).in(ANY, 3)
                .large(new int[] {3, 4, 9, 8}, new int[] {4, 3, 3, 2}, new int[] {3})
                .call((x, a) -> VarConv.convTranspose2d(x[0], x[1], x[2], transposedUngrouped)));
        rows.add(row("conv_transpose1d_ungrouped", "VarConv.convTranspose1d(Var,Var,Var,int,int,int,int,int)")
                .in(ANY, 2, 4, 5).in(ANY, 4, 3, 3)
                .large(new int[] {3, 4, 20}, new int[] {4, 3, 3})
                .call((x, a) -> VarConv.convTranspose1d(x[0], x[1], null, 2, 1, 1, 1, 1)));
        rows.add(row("conv_transpose1d", "VarConv.convTranspose1d(Var,Var,Var,int,int,int,int,int)")
                .in(ANY, 2, 4, 5).in(ANY, 4, 3, 3)
                .large(new int[] {3, 4, 20}, new int[] {4, 3, 3})
                .call((x, a) -> VarConv.convTranspose1d(x[0], x[1], null, 2, 1, 1, 1, 2)));

        addOutputPaddingRows(rows);

        PoolSpec maxSpec = new PoolSpec(3, 2, 2, 2, 1, 1, 1, 1, true, true);
        rows.add(row("max_pool2d_ceil", "VarConv.maxPool2d(Var,PoolSpec)").in(DISTINCT, 2, 3, 7, 6)
                .large(new int[] {2, 3, 15, 14}).unary(x -> VarConv.maxPool2d(x, maxSpec).values()));
        PoolSpec dilated = new PoolSpec(2, 2, 1, 2, 0, 1, 2, 1, false, true);
        rows.add(row("max_pool2d_dilated", "VarConv.maxPool2d(Var,PoolSpec)").in(DISTINCT, 1, 2, 6, 5)
                .large(new int[] {2, 2, 14, 13}).unary(x -> VarConv.maxPool2d(x, dilated).values()));
        rows.add(row("max_pool2d_values", "VarConv.maxPool2dValues(Var,PoolSpec)").in(DISTINCT, 2, 3, 7, 6)
                .large(new int[] {2, 3, 15, 14}).unary(x -> VarConv.maxPool2dValues(x, maxSpec)));
        rows.add(row("max_pool1d", "VarConv.maxPool1d(Var,int,int,int,int,boolean)").in(DISTINCT, 2, 3, 9)
                .large(new int[] {2, 3, 40}).unary(x -> VarConv.maxPool1d(x, 3, 2, 1, 1, false).values()));
        rows.add(row("max_pool2d_ties", "VarConv.maxPool2d(Var,PoolSpec)").in(DISCRETE, 1, 2, 4, 4)
                .unary(x -> VarConv.maxPool2d(x, new PoolSpec(2, 2, 1, 1, 0, 0, 1, 1, false, true)).values())
                .torchOnly("ties on purpose: each window's gradient goes to its first maximum, as PyTorch"));

        PoolSpec avgCeil = new PoolSpec(3, 2, 2, 2, 1, 1, 1, 1, true, false);
        rows.add(row("avg_pool2d_ceil_exclude_pad", "VarConv.avgPool2d(Var,PoolSpec)").in(ANY, 2, 3, 7, 6)
                .large(new int[] {2, 3, 15, 14}).unary(x -> VarConv.avgPool2d(x, avgCeil)));
        PoolSpec avgInclude = new PoolSpec(2, 3, 2, 1, 1, 1, 1, 1, false, true);
        rows.add(row("avg_pool2d_include_pad", "VarConv.avgPool2d(Var,PoolSpec)").in(ANY, 1, 2, 5, 6)
                .large(new int[] {2, 2, 13, 12}).unary(x -> VarConv.avgPool2d(x, avgInclude)));
        rows.add(row("avg_pool1d_ceil", "VarConv.avgPool1d(Var,int,int,int,boolean,boolean)").in(ANY, 2, 3, 8)
                .large(new int[] {2, 3, 30}).unary(x -> VarConv.avgPool1d(x, 3, 2, 1, true, false)));

        ConvSpec blocks = new ConvSpec(2, 1, 1, 2, 0, 1, 1, 2, 1, 0, 0);
        rows.add(row("unfold", "VarConv.unfold(Var,int,int,ConvSpec)").in(ANY, 2, 3, 5, 6)
                .large(new int[] {2, 3, 16, 17}).unary(x -> VarConv.unfold(x, 3, 2, blocks)));
        rows.add(row("fold", "VarConv.fold(Var,int,int,int,int,ConvSpec)").in(ANY, 2, 18, 15)
                .large(new int[] {3, 18, 15}).unary(c -> VarConv.fold(c, 5, 6, 3, 2, blocks)));
    }

    /**
     * Transposed convolutions whose output padding is at least the stride (allowed below the dilation): the
     * gradient's convolution must drop the rows that no input position writes.
     */
    private static void addOutputPaddingRows(List<GradRow> rows) {
        String transposed2d = "VarConv.convTranspose2d(Var,Var,Var,ConvSpec)";
        String transposed1d = "VarConv.convTranspose1d(Var,Var,Var,int,int,int,int,int)";
        ConvSpec beyondStride = new ConvSpec(1, 2, 0, 0, 0, 0, 2, 1, 1, 1, 1);
        rows.add(row("conv_transpose2d_outpad_ge_stride", transposed2d)
                .in(ANY, 2, 2, 4, 3).in(ANY, 2, 3, 3, 2).in(ANY, 3)
                .large(new int[] {3, 2, 10, 9}, new int[] {2, 3, 3, 2}, new int[] {3})
                .call((x, a) -> VarConv.convTranspose2d(x[0], x[1], x[2], beyondStride)));
        ConvSpec paddedGrouped = new ConvSpec(1, 1, 1, 1, 2, 2, 3, 2, 2, 2, 1);
        rows.add(row("conv_transpose2d_outpad_ge_stride_padded_grouped", transposed2d)
                .in(ANY, 2, 4, 3, 4).in(ANY, 4, 2, 2, 3).in(ANY, 4)
                .large(new int[] {3, 4, 9, 10}, new int[] {4, 2, 2, 3}, new int[] {4})
                .call((x, a) -> VarConv.convTranspose2d(x[0], x[1], x[2], paddedGrouped)));
        rows.add(row("conv_transpose1d_outpad_ge_stride", transposed1d)
                .in(ANY, 2, 3, 5).in(ANY, 3, 2, 3).in(ANY, 2)
                .large(new int[] {3, 3, 20}, new int[] {3, 2, 3}, new int[] {2})
                .call((x, a) -> VarConv.convTranspose1d(x[0], x[1], x[2], 1, 0, 1, 2, 1)));
        rows.add(row("conv_transpose1d_outpad_eq_stride_padded_grouped", transposed1d)
                .in(ANY, 2, 4, 4).in(ANY, 4, 3, 2)
                .large(new int[] {3, 4, 15}, new int[] {4, 3, 2})
                .call((x, a) -> VarConv.convTranspose1d(x[0], x[1], null, 2, 1, 2, 3, 2)));
    }
}
