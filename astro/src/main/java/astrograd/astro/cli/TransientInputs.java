package astrograd.astro.cli;

import astrograd.astro.io.DataPaths;
import astrograd.astro.transients.ReadResult;
import astrograd.astro.transients.SnanaReader;
import astrograd.astro.transients.TransientLightCurve;
import astrograd.astro.transients.ZtfBtsReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Light curves named on the command line: ZTF BTS (default: the shared sample) or a folder of SNANA files. */
final class TransientInputs {
    @Option(names = "--ztf", description = "ZTF BTS long-format light curves (.csv or .csv.gz; default: "
            + "supernovae/ztf_bts_snia_lightcurves.csv.gz of the shared data)")
    Path ztf;

    @Option(names = "--catalog", description = "ZTF BTS catalogue CSV (default: supernovae/ztf_bts_snia_catalog.csv)")
    Path catalog;

    @Option(names = "--snana", description = "folder of SNANA *.snana.dat files (PS1-MDS) instead of ZTF")
    Path snana;

    @Option(names = "--meta", description = "SNANA meta table with types (SN Redshift Type ...)")
    Path meta;

    @Option(names = "--limit", description = "use only the first N objects")
    Integer limit;

    @Option(names = "--no-dereddening", description = "keep the Milky-Way extinction in the magnitudes")
    boolean noDereddening;

    List<TransientLightCurve> load() throws IOException {
        ReadResult r;
        if (snana != null) {
            r = SnanaReader.readDirectory(snana, meta);
        } else {
            Path lc = ztf != null ? ztf : DataPaths.sharedData().resolve("supernovae/ztf_bts_snia_lightcurves.csv.gz");
            Path cat = catalog != null ? catalog : ztf == null
                    ? DataPaths.sharedData().resolve("supernovae/ztf_bts_snia_catalog.csv") : null;
            if (!Files.exists(lc)) {
                throw new IOException(lc + ": no such file (give --ztf or --snana, or -Dastrograd.data)");
            }
            r = ZtfBtsReader.read(lc, cat);
        }
        for (String p : r.problems()) {
            System.err.println("skipped: " + p);
        }
        List<TransientLightCurve> objs = r.objects().stream().filter(o -> o.detections() > 0)
                .map(o -> noDereddening ? o : o.dereddened()).toList();
        if (limit != null) {
            objs = objs.subList(0, Math.min(limit, objs.size()));
        }
        if (objs.isEmpty()) {
            throw new IOException("no light curves with detections to work on");
        }
        return objs;
    }
}
