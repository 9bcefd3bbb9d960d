/**
 * Launch planning, independent of any driver so that it is tested on the CPU: strided layouts packed for the kernels
 * ({@link astrograd.kernels.plan.LayoutPacker}, {@link astrograd.kernels.plan.StridedLayout}), grid and block shapes
 * ({@link astrograd.kernels.plan.LaunchPlanner}), and the plans of the GEMM and reduction kernels
 * ({@link astrograd.kernels.plan.GemmPlan}, {@link astrograd.kernels.plan.ReducePlan}).
 */
package astrograd.kernels.plan;
