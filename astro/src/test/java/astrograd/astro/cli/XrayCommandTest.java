package astrograd.astro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import astrograd.astro.xray.EventSimulator;
import astrograd.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.NullDataHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XrayCommandTest {
    @TempDir
    Path dir;

    /** 100 s of Poisson events at 200 counts/s in an EVENTS table with a GTI table, as a NuSTAR file has them. */
    private Path eventFile() throws IOException {
        double t0 = 8.0e7;
        double[] times = EventSimulator.poissonProcess(200, t0, t0 + 100, new Rng(5));
        Path file = dir.resolve("fake.evt");
        try (Fits fits = new Fits()) {
            fits.addHDU(new NullDataHDU());
            BinaryTableHDU ev = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(new Object[] {times}));
            ev.setColumnName(0, "TIME", null);
            ev.addValue("EXTNAME", "EVENTS", "");
            ev.addValue("MJDREFI", 55197, "");
            ev.addValue("MJDREFF", 7.6601852e-4, "");
            ev.addValue("TIMESYS", "TDB", "");
            fits.addHDU(ev);
            BinaryTableHDU gti = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(new Object[] {new double[] {t0},
                new double[] {t0 + 100}}));
            gti.setColumnName(0, "START", null);
            gti.setColumnName(1, "STOP", null);
            gti.addValue("EXTNAME", "GTI", "");
            fits.addHDU(gti);
            fits.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException(e);
        }
        return file;
    }

    @Test
    void helpNamesTheSubcommandsAndOptions() {
        Object[] r = SampleCommandTest.run("xray", "--help");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).contains("lightcurve") && ((String) r[1]).contains("pds"), (String) r[1]);
        r = SampleCommandTest.run("xray", "pds", "--help");
        assertEquals(0, r[0]);
        for (String word : List.of("--events", "--dt", "--segment", "--norm", "--log-rebin", "--gti", "--out")) {
            assertTrue(((String) r[1]).contains(word), word + " missing from the help");
        }
    }

    @Test
    void lightCurveAndPeriodogramWriteTablesAndPlots() throws IOException {
        Path file = eventFile();
        Path out = dir.resolve("out");
        Object[] r = SampleCommandTest.run("xray", "lightcurve", "--events", file.toString(), "--dt", "2", "--out",
                out.toString());
        assertEquals(0, r[0], (String) r[2]);
        List<String> lc = Files.readAllLines(out.resolve("fake_lc.csv"));
        assertEquals("time,time_rel,counts,rate", lc.get(0));
        assertEquals(51, lc.size(), "50 bins of 2 s");
        assertTrue(Files.size(out.resolve("fake_lc.png")) > 1000);
        r = SampleCommandTest.run("xray", "pds", "--events", file.toString(), "--dt", "0.001", "--segment", "4",
                "--log-rebin", "0.05", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("25 segments of 4 s"), (String) r[1]);
        List<String> pds = Files.readAllLines(out.resolve("fake_pds.csv"));
        assertEquals("freq,power,power_err", pds.get(0));
        assertEquals(1 + 1999, pds.size());
        double mean = pds.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).average()
                .orElseThrow();
        assertEquals(2, mean, 3 * 2 / Math.sqrt(25 * 1999.0), "Leahy level of Poisson events");
        assertTrue(Files.readAllLines(out.resolve("fake_pds_logbin.csv")).size() > 10);
        r = SampleCommandTest.run("xray", "pds", "--events", file.toString(), "--dt", "0.001", "--segment", "4",
                "--dead-time", "0.0025", "--no-plot", "--out", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        List<String> withModel = Files.readAllLines(out.resolve("fake_pds.csv"));
        assertEquals("freq,power,power_err,zhang_model", withModel.get(0));
        double low = Double.parseDouble(withModel.get(1).split(",")[3]);
        // the model reads the observed 200 counts/s as a detected rate: at low frequency a non-paralyzable dead time
        // gives the Leahy power 2(1 − r τ)² (the Fano factor of the renewal process), 0.50 here
        assertEquals(2 * Math.pow(1 - 202.5 * 2.5e-3, 2), low, 0.05);
        assertTrue(Files.size(out.resolve("fake_pds.png")) > 1000);
    }

    @Test
    void simulateWritesThetaSummariesAndFrequencies() throws IOException {
        Object[] r = SampleCommandTest.run("xray", "simulate", "--simulations", "3", "--quiet", "--out",
                dir.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(((String) r[1]).contains("ms per simulation"), (String) r[1]);
        List<String> rows = Files.readAllLines(dir.resolve("simulations.csv"));
        List<String> freq = Files.readAllLines(dir.resolve("frequencies.csv"));
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).startsWith("rate,nu0,q,rms,s0,s1"));
        assertEquals(4 + freq.size() - 1, rows.get(1).split(",").length);
        r = SampleCommandTest.run("xray", "simulate", "--simulations", "0", "--out", dir.toString());
        assertEquals(2, r[0]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
    }

    @Test
    void badInputGivesOneLine() throws IOException {
        Path file = eventFile();
        for (String[] bad : new String[][] {{"--dt", "0"}, {"--norm", "watts"}, {"--gti", "sky"},
            {"--segment", "-1"}, {"--dead-time", "-1"}, {"--dead-time", "0.001", "--norm", "frac"}}) {
            String[] args = new String[bad.length + 6];
            args[0] = "xray";
            args[1] = "pds";
            args[2] = "--events";
            args[3] = file.toString();
            args[4] = "--out";
            args[5] = dir.toString();
            System.arraycopy(bad, 0, args, 6, bad.length);
            Object[] r = SampleCommandTest.run(args);
            assertEquals(2, r[0], String.join(" ", bad) + ": " + r[2]);
            assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
        }
        Object[] r = SampleCommandTest.run("xray", "pds", "--events", dir.resolve("absent.evt").toString(), "--out",
                dir.toString());
        assertEquals(1, r[0]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
        assertTrue(((String) r[2]).contains("no such file"), (String) r[2]);
        r = SampleCommandTest.run("xray", "pds", "--events", file.toString(), "--segment", "200", "--out",
                dir.toString());
        assertEquals(1, r[0]);
        assertTrue(((String) r[2]).contains("no good time interval holds a whole segment of 200"), (String) r[2]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
    }
}
