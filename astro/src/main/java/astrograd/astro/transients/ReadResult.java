package astrograd.astro.transients;

import java.util.List;

/**
 * Light curves read from a survey file and the problems that made the reader drop an object: each problem names the
 * file, the line and the object ("ztf_bts.csv.gz, line 1203, object ZTF18abc: magerr is -0.1, must be > 0").
 */
public record ReadResult(List<TransientLightCurve> objects, List<String> problems) {
    /** The objects, or an exception listing the first problems when there were any. */
    public List<TransientLightCurve> requireClean() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " malformed object(s): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; …" : ""));
        }
        return objects;
    }
}
