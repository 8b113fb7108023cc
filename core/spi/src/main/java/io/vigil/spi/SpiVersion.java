package io.vigil.spi;

/**
 * The version of this SPI, which every plugin jar declares in its manifest as {@value #MANIFEST_ATTRIBUTE}, so that
 * Vigil can refuse a plugin built for an SPI it does not provide instead of failing on its first call.
 *
 * <p>{@code major.minor}: a minor version only adds (default methods, new types), so a plugin built for {@code 1.0}
 * loads in any Vigil providing {@code 1.x}; a plugin built for a newer minor, or another major, is refused at start-up
 * with both versions named, and the other plugins start. The packaging helper ({@code docs/plugins.md}) writes the
 * attribute.
 */
public final class SpiVersion {

    /** The SPI version this jar provides. */
    public static final String CURRENT = "1.0";

    /** The manifest attribute of a plugin jar naming the SPI version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Vigil-SPI-Version";

    private SpiVersion() {}

    /**
     * Why a plugin built against {@code declared} cannot run on this SPI, or {@code null} when it can.
     *
     * @param declared the plugin's {@value #MANIFEST_ATTRIBUTE}, or {@code null} when its manifest has none
     */
    public static String incompatibility(String declared) {
        if (declared == null || declared.isBlank()) {
            return "declares no " + MANIFEST_ATTRIBUTE + " in its manifest (this Vigil provides SPI " + CURRENT + ")";
        }
        int[] wanted = parse(declared.strip());
        int[] provided = parse(CURRENT);
        if (wanted == null) {
            return "declares " + MANIFEST_ATTRIBUTE + " '" + declared.strip()
                    + "', which is not major.minor (this Vigil" + " provides SPI " + CURRENT + ")";
        }
        if (wanted[0] != provided[0] || wanted[1] > provided[1]) {
            return "was built for SPI " + declared.strip() + ", but this Vigil provides SPI " + CURRENT
                    + " (plugins built for " + provided[0] + ".0 to " + CURRENT + " load)";
        }
        return null;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major < 0 || minor < 0 ? null : new int[] {major, minor};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
