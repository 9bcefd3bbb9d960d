package astrograd.astro.lightcurve;

import java.util.Locale;

/**
 * Which quality-flag bits make a cadence bad: a cadence is dropped when {@code (quality & bits) != 0}. The named
 * presets follow lightkurve's {@code TessQualityFlags} and {@code KeplerQualityFlags} and resolve per mission.
 *
 * <p><b>TESS</b> bits (TESS Science Data Products Description Document, quality flags table): 1 attitude tweak,
 * 2 safe mode, 4 coarse point, 8 Earth point, 16 Argabrightening, 32 reaction-wheel desaturation, 64 cosmic ray in
 * the optimal aperture, 128 manual exclude, 256 discontinuity corrected, 512 impulsive outlier, 1024 cosmic ray in
 * collateral data, 2048 stray light (MIT), 4096 stray light (SPOC), 8192 planet-search exclude, 16384 bad
 * calibration exclude, 32768 insufficient targets for error correction.
 * <ul>
 *   <li>{@link #DEFAULT} = 1|2|4|8|32|128 = 175 (0xAF): cadences that are certainly useless — pointing not
 *   fine (attitude tweak, safe mode, coarse point, Earth point), momentum dumps and manual excludes.</li>
 *   <li>{@link #HARD} = DEFAULT|64|1024|2048|4096 = 7407 (0x1CEF): also cosmic rays and stray light.</li>
 *   <li>{@link #HARDEST} = 65535 (0xFFFF): any of the 16 flags.</li>
 * </ul>
 *
 * <p><b>Kepler/K2</b> bits (Kepler Archive Manual, table 2.3): 1 attitude tweak, 2 safe mode, 4 coarse point,
 * 8 Earth point, 16 zero crossing, 32 desaturation, 64 Argabrightening, 128 cosmic ray in the optimal aperture,
 * 256 manual exclude, 1024 sudden sensitivity dropout, 2048 impulsive outlier, 4096 Argabrightening on the CCD,
 * 8192 cosmic ray in collateral data, 16384 detector anomaly, 32768 no fine point, 65536 no data, 131072 rolling
 * band in the optimal aperture, 262144 rolling band in the full mask, 524288 possible thruster firing, 1048576
 * thruster firing.
 * <ul>
 *   <li>{@link #DEFAULT} = 1|2|4|8|32|256|16384|65536|1048576 = 1130799 (0x11412F).</li>
 *   <li>{@link #HARD} = DEFAULT|128|1024|8192|524288 = 1664431 (0x1965AF).</li>
 *   <li>{@link #HARDEST} = 2096639 (0x1FFDFF): every defined flag.</li>
 * </ul>
 *
 * <p>{@link #NONE} (0) keeps every cadence; {@link #ANY} (all 32 bits) keeps only cadences with quality 0;
 * {@link #of(int)} uses the same explicit bits for every mission.
 *
 * @param name the preset's name ("none", "default", "hard", "hardest", "any") or the bits in hex
 * @param tessBits the bits for TESS files (and files of unknown mission)
 * @param keplerBits the bits for Kepler and K2 files
 */
public record QualityMask(String name, int tessBits, int keplerBits) {
    /** Keep every cadence. */
    public static final QualityMask NONE = new QualityMask("none", 0, 0);
    /** lightkurve's "default": TESS 175, Kepler 1130799. */
    public static final QualityMask DEFAULT = new QualityMask("default", 175, 1130799);
    /** lightkurve's "hard": TESS 7407, Kepler 1664431. */
    public static final QualityMask HARD = new QualityMask("hard", 7407, 1664431);
    /** lightkurve's "hardest": TESS 65535, Kepler 2096639. */
    public static final QualityMask HARDEST = new QualityMask("hardest", 65535, 2096639);
    /** Every bit: only cadences with quality 0 survive. */
    public static final QualityMask ANY = new QualityMask("any", -1, -1);

    /** The same explicit {@code bits} for every mission. */
    public static QualityMask of(int bits) {
        return new QualityMask(hex(bits), bits, bits);
    }

    /**
     * A preset by name ("none", "default", "hard", "hardest", "any", case-insensitive) or explicit bits in decimal
     * or {@code 0x} hexadecimal.
     */
    public static QualityMask parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (QualityMask preset : new QualityMask[] {NONE, DEFAULT, HARD, HARDEST, ANY}) {
            if (preset.name.equals(t)) {
                return preset;
            }
        }
        try {
            long bits = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (bits < 0 || bits > 0xffffffffL) {
                throw new NumberFormatException();
            }
            return of((int) bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quality mask '" + text + "': expected none, default, hard, hardest, "
                    + "any, or a bit mask such as 175 or 0xAF");
        }
    }

    /** The bits for {@code mission} (TESS's for UNKNOWN). */
    public int bitsFor(Mission mission) {
        return mission == Mission.KEPLER ? keplerBits : tessBits;
    }

    /** {@code "0x..."} for {@code bits}. */
    public static String hex(int bits) {
        return "0x" + Integer.toHexString(bits).toUpperCase(Locale.ROOT);
    }
}
