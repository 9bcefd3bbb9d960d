package astrograd.astro.transients;

import astrograd.astro.io.DataPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SupernovaReadersTest {
    private static final String CATALOG = "ZTFID,IAUID,RA,Dec,peakt,peakfilt,peakmag,peakabs,duration,rise,fade,type,"
            + "redshift,b,A_V\r\n"
            + "ZTF1,SN1,00:00:00,+00:00:00,100.0,g,18,-19,20,10,10,SN Ia,0.05,30,0.1\r\n"
            + "ZTF2,SN2,00:00:00,+00:00:00,200.0,g,18,-19,20,10,10,SN Iax,0.02,30,0.3\r\n";

    @TempDir
    Path dir;

    @Test
    void ztfRowsBecomeSortedLightCurvesWithCatalogueTypes() throws IOException {
        Path lc = write("lc.csv", "ztf_id,time,mag,magerr,band\n"
                + "ZTF1,58102.0,18.5,0.1,R\nZTF1,58100.0,19.0,0.2,g\nZTF2,58200.0,17.0,0.05,g\n");
        ReadResult r = ZtfBtsReader.read(lc, write("cat.csv", CATALOG));
        List<TransientLightCurve> objs = r.requireClean();
        assertEquals(2, objs.size());
        TransientLightCurve a = objs.get(0);
        assertEquals("ZTF1", a.id());
        assertEquals("SN Ia", a.type());
        assertEquals(58100.0, a.time()[0]);
        assertEquals(List.of(Passband.ZTF_G, Passband.ZTF_R), a.bands());
        assertEquals(0, a.band()[0]);
        assertEquals(Math.pow(10, (23.9 - 19.0) / 2.5), a.flux()[0], 1e-9);
        assertEquals(a.flux()[0] * 0.2 * Math.log(10) / 2.5, a.fluxErr()[0], 1e-12);
        assertEquals(100.0 + 57999.5, a.peakTime(), 1e-9);
        assertEquals("SN Iax", objs.get(1).type());
    }

    @Test
    void aMalformedRowDropsOnlyItsObjectWithFileLineAndObject() throws IOException {
        Path lc = write("lc.csv", "ztf_id,time,mag,magerr,band\n"
                + "ZTF1,58102.0,18.5,0.1,R\nZTF2,58200.0,17.0,-0.05,g\nZTF2,58201.0,17.0,0.05,g\n"
                + "ZTF1,58103.0,abc,0.1,R\nZTF3,58300.0,17.0,0.05,u\n");
        ReadResult r = ZtfBtsReader.read(lc, null);
        assertEquals(0, r.objects().size());
        assertEquals(3, r.problems().size());
        assertTrue(r.problems().get(0).contains("lc.csv, line 5, object ZTF1: ")
                && r.problems().get(0).contains("'mag' is not a number"), r.problems().get(0));
        assertTrue(r.problems().get(1).contains("line 3, object ZTF2: magerr is '-0.05', must be > 0"));
        assertTrue(r.problems().get(2).contains("unknown band 'u'"));
        assertThrows(IllegalArgumentException.class, r::requireClean);
        ReadResult missing = ZtfBtsReader.read(write("lc2.csv", "ztf_id,time,mag,magerr,band\nZTF9,1,18,0.1,g\n"),
                write("cat.csv", CATALOG));
        assertTrue(missing.problems().get(0).contains("object ZTF9: not in the catalogue"));
    }

    @Test
    void structuralZtfErrorsFailTheWholeRead() throws IOException {
        Path noColumn = write("a.csv", "ztf_id,time,mag,band\nZTF1,1,18,g\n");
        assertTrue(assertThrows(IOException.class, () -> ZtfBtsReader.read(noColumn, null)).getMessage()
                .contains("missing column 'magerr'"));
        Path shortLine = write("b.csv", "ztf_id,time,mag,magerr,band\nZTF1,1,18\n");
        assertTrue(assertThrows(IOException.class, () -> ZtfBtsReader.read(shortLine, null)).getMessage()
                .contains("line 2: 3 fields"));
        byte[] gz = gzip("ztf_id,time,mag,magerr,band\n" + "ZTF1,58102.0,18.5,0.1,R\n".repeat(2000));
        Path truncated = dir.resolve("c.csv.gz");
        Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertTrue(assertThrows(IOException.class, () -> ZtfBtsReader.read(truncated, null)).getMessage()
                .contains("corrupt or truncated gzip"));
    }

    @Test
    void snanaFluxesLimitsAndExtinction() throws IOException {
        Path f = write("X.snana.dat", snana(3, "OBS: 55000.0 g NULL 1000.0 10.0 nan nan\n"
                + "OBS: 54990.0 r NULL -5.0 10.0 nan nan\nOBS: 55010.0 g NULL 20.0 10.0 nan nan\n", true));
        TransientLightCurve lc = SnanaReader.read(f);
        assertEquals("PScX", lc.id());
        assertEquals(3.1 * 0.02, lc.mwAv(), 1e-12);
        assertEquals(0.1, lc.redshift(), 0);
        assertEquals(54990.0, lc.time()[0]);
        assertFalse(lc.detected()[0]);
        assertEquals(27.5 - 2.5 * Math.log10(30.0), lc.mag()[0], 1e-9);
        assertTrue(lc.detected()[1]);
        assertEquals(27.5 - 2.5 * Math.log10(1000.0), lc.mag()[1], 1e-9);
        assertEquals(1000.0 * SnanaReader.UJY_PER_FLUXCAL, lc.flux()[1], 1e-9);
        assertFalse(lc.detected()[2], "S/N 2 is a non-detection");
        TransientLightCurve d = lc.dereddened();
        double ag = Extinction.absorption(3.1 * 0.02, Passband.PS1_G.wavelength());
        assertEquals(lc.mag()[1] - ag, d.mag()[1], 1e-12);
        assertEquals(lc.flux()[1] * Math.pow(10, 0.4 * ag), d.flux()[1], 1e-9);
    }

    @Test
    void snanaErrorsNameFileAndLine() throws IOException {
        Path truncated = write("T.snana.dat", snana(3, "OBS: 55000.0 g NULL 1000.0 10.0 nan nan\n", false));
        assertTrue(assertThrows(IOException.class, () -> SnanaReader.read(truncated)).getMessage()
                .contains("NOBS says 3 observations, found 1 and no END: line"));
        Path badField = write("B.snana.dat", snana(1, "OBS: 55000.0 g NULL 1e3x 10.0 nan nan\n", true));
        String m = assertThrows(IOException.class, () -> SnanaReader.read(badField)).getMessage();
        assertTrue(m.contains("B.snana.dat, line 7: FLUXCAL is not a number: '1e3x'"), m);
        Path badFilter = write("F.snana.dat", snana(1, "OBS: 55000.0 y NULL 100 10.0 nan nan\n", true));
        assertTrue(assertThrows(IOException.class, () -> SnanaReader.read(badFilter)).getMessage()
                .contains("unknown filter 'y'"));
        Path fewFields = write("S.snana.dat", snana(1, "OBS: 55000.0 g NULL 100\n", true));
        assertTrue(assertThrows(IOException.class, () -> SnanaReader.read(fewFields)).getMessage()
                .contains("4 fields, VARLIST has 7"));
    }

    @Test
    void realZtfSampleAndPs1Examples() throws IOException {
        Path lc = DataPaths.sharedFile("supernovae/ztf_bts_snia_lightcurves.csv.gz");
        Path cat = DataPaths.sharedFile("supernovae/ztf_bts_snia_catalog.csv");
        Path ps1 = DataPaths.sharedFile("supernovae/ps1mds_superraenn_examples");
        assumeTrue(lc != null && cat != null && ps1 != null, "shared supernova data absent");
        List<TransientLightCurve> ztf = ZtfBtsReader.read(lc, cat).requireClean();
        assertEquals(2289, ztf.size());
        assertEquals(44339, ztf.stream().mapToInt(TransientLightCurve::size).sum());
        assertEquals(7, ztf.stream().filter(o -> "SN Iax".equals(o.type())).count());
        ReadResult ps = SnanaReader.readDirectory(ps1, ps1.resolve("example_meta_table.dat"));
        List<TransientLightCurve> objs = ps.requireClean();
        assertEquals(10, objs.size());
        Map<String, String> types = SnanaReader.readTypes(ps1.resolve("example_meta_table.dat"));
        assertEquals("SLSN", types.get("PSc060270"));
        TransientLightCurve first = objs.get(0);
        assertEquals("PSc000001", first.id());
        assertEquals("SNII", first.type());
        assertEquals(306, first.size());
        assertTrue(first.detections() > 10 && first.detections() < first.size());
    }

    @Test
    void extinctionLawIsOneAtVAndAboutOnePointThreeAtB() {
        assertEquals(1.0, Extinction.ratio(5495, 3.1), 0.01);
        assertEquals(1.32, Extinction.ratio(4400, 3.1), 0.02);
        assertThrows(IllegalArgumentException.class, () -> Extinction.ratio(1500, 3.1));
    }

    private static String snana(int nobs, String obs, boolean end) {
        return "SURVEY: PS1MD\nSNID:  PScX\nMWEBV: 0.0200 +- 0.0003 MW E(B-V)\nREDSHIFT_FINAL:  0.1 +- 0.001 (CMB)\n"
                + "NOBS: " + nobs + "\nVARLIST:  MJD  FLT FIELD   FLUXCAL   FLUXCALERR    MAG     MAGERR\n" + obs
                + (end ? "END:\n" : "");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static byte[] gzip(String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
            g.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
