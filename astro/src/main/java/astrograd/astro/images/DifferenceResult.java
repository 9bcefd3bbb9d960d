package astrograd.astro.images;

/**
 * What a differencing method gives: a difference image for display and photometry, a significance image (in σ units)
 * that detection thresholds, and how a transient's flux is read off.
 *
 * @param difference the difference image, science minus reference in the science image's flux units (for ZOGY: the
 *     proper difference image D, white with unit variance)
 * @param significance the detection statistic per pixel in σ units
 * @param flux the image flux is measured on
 * @param pointFlux true when {@code flux} holds the flux of a point source at its peak pixel (ZOGY's
 *     {@code S / (F_D² Σ P_D²)}); false when flux is an aperture sum over {@code flux}
 */
public record DifferenceResult(Image difference, Image significance, Image flux, boolean pointFlux) {
}
