package astrograd.astro.xray;

import static astrograd.astro.xray.EventFiles.cards;
import static astrograd.astro.xray.EventFiles.doubles;
import static astrograd.astro.xray.EventFiles.events;
import static astrograd.astro.xray.EventFiles.gti;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-list reader on files the test writes: keywords, GTIs, scaled columns, and bad or truncated files. */
class EventFileReaderTest {
    private static final Object[] NONE = {};

    @TempDir
    Path dir;

    private static void assertNamed(Path file, IOException e, String... words) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file first: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "mentions '" + w + "': " + m);
        }
    }

    private Path nustarLike(String name) throws IOException {
        return EventFiles.write(dir.resolve(name), cards("TELESCOP", "NuSTAR"),
                events(doubles(80000000.5, 80000000.25, 80000010.0),
                        "MJDREFI", 55197, "MJDREFF", 7.6601852e-4, "TIMEZERO", 2.0, "TIMESYS", "TDB", "INSTRUME", "FPMA"),
                gti("GTI", doubles(80000000.0, 80000005.0), doubles(80000003.0, 80000020.0)));
    }

    @Test
    void readsTimesWithTimezeroSortedWithGtisAndTheTimeReference() throws IOException {
        EventList ev = EventFileReader.read(nustarLike("a.evt"));
        assertArrayEquals(doubles(80000002.25, 80000002.5, 80000012.0), ev.times());
        assertArrayEquals(doubles(80000000.0, 80000005.0), ev.gti().starts());
        assertArrayEquals(doubles(80000003.0, 80000020.0), ev.gti().stops(), "the GTI table has no TIMEZERO");
        assertEquals(55197.00076601852, ev.meta().mjdRef(), 1e-12);
        assertEquals("TDB", ev.meta().timeSystem());
        assertEquals("NuSTAR", ev.meta().mission(), "TELESCOP from the primary header");
        assertEquals("FPMA", ev.meta().instrument());
        assertEquals(2.0, ev.meta().timeZero());
        assertEquals("HDU 1 'EVENTS'", ev.meta().eventsHdu());
        assertEquals(3, ev.inGti().size());
        assertEquals(55197.00076601852 + 1.0, ev.mjd(86400), 1e-12);
    }

    @Test
    void mjdrefAloneAndGzipAndSeveralGtiTablesIntersected() throws IOException {
        Path plain = EventFiles.write(dir.resolve("b.fits"), NONE,
                events(doubles(1.0, 2.0, 3.0, 50.0), "MJDREF", 50814.0, "TIMEZERO", 0.5),
                gti("GTI", doubles(0, 40), doubles(30, 100), "TIMEZERO", 0.5),
                gti("STDGTI", doubles(10), doubles(60)));
        byte[] bytes = Files.readAllBytes(plain);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        Path zipped = Files.write(dir.resolve("b.fits.gz"), gz.toByteArray());
        for (Path file : new Path[] {plain, zipped}) {
            EventList ev = EventFileReader.read(file);
            assertEquals(50814.0, ev.meta().mjdRef());
            assertArrayEquals(doubles(1.5, 2.5, 3.5, 50.5), ev.times());
            assertArrayEquals(doubles(10, 40.5), ev.gti().starts(), "GTI ∩ STDGTI, each with its TIMEZERO");
            assertArrayEquals(doubles(30.5, 60), ev.gti().stops());
            assertTrue(ev.meta().gtiSource().contains("'GTI'") && ev.meta().gtiSource().contains("'STDGTI'"));
            assertEquals(1, ev.inGti().size());
        }
    }

    @Test
    void aTimezeroOfThePrimaryHeaderAppliesToEventsAndGtis() throws IOException {
        Path file = EventFiles.write(dir.resolve("primaryzero.evt"), cards("TIMEZERO", 10.0, "MJDREF", 49353.0),
                events(doubles(1, 2)), gti("GTI", doubles(0), doubles(5)));
        EventList ev = EventFileReader.read(file);
        assertArrayEquals(doubles(11, 12), ev.times());
        assertArrayEquals(doubles(10), ev.gti().starts());
        assertEquals(49353.0, ev.meta().mjdRef());
        assertEquals(2, ev.inGti().size());
    }

    @Test
    void scaledTimeColumnsAreReadAsPhysicalValues() throws IOException {
        int[] stored = {0, 1500, 250000};
        Path file = EventFiles.write(dir.resolve("scaled.evt"), NONE,
                events(stored, "TSCAL1", 1e-3, "TZERO1", 8.0e7, "TSTART", 8.0e7, "TSTOP", 8.0e7 + 300));
        EventList ev = EventFileReader.read(file);
        assertArrayEquals(doubles(8.0e7, 8.0e7 + 1.5, 8.0e7 + 250), ev.times());
        assertEquals("TSTART/TSTOP (no GTI extension)", ev.meta().gtiSource());
        assertEquals(300, ev.gti().exposure(), 1e-9);
        assertTrue(Double.isNaN(ev.meta().mjdRef()));
        Path nulls = EventFiles.write(dir.resolve("nulls.evt"), NONE,
                events(new int[] {1, -1, 3}, "TNULL1", -1));
        assertNamed(nulls, assertThrows(IOException.class, () -> EventFileReader.read(nulls)), "TIME",
                "undefined", "row 2");
        Path badScale = EventFiles.write(dir.resolve("badscale.evt"), NONE,
                events(stored, "TSCAL1", "fast"));
        assertNamed(badScale, assertThrows(IOException.class, () -> EventFileReader.read(badScale)),
                "TSCAL1 is not a finite number");
    }

    @Test
    void missingExtensionsColumnsAndUnitsAreNamed() throws IOException {
        Path noEvents = EventFiles.write(dir.resolve("rate.fits"), NONE,
                new EventFiles.Table("RATE", new String[] {"TIME", "RATE"}, new Object[] {doubles(1, 2), doubles(3, 4)}));
        assertNamed(noEvents, assertThrows(IOException.class, () -> EventFileReader.read(noEvents)),
                "no events extension", "1 'RATE' (binary table)");
        Path noTime = EventFiles.write(dir.resolve("notime.evt"), NONE,
                new EventFiles.Table("EVENTS", new String[] {"PI", "X"}, new Object[] {new int[2], doubles(1, 2)}));
        assertNamed(noTime, assertThrows(IOException.class, () -> EventFileReader.read(noTime)),
                "HDU 1 'EVENTS' has no column TIME", "[PI, X]");
        Path gtiNoStop = EventFiles.write(dir.resolve("gtinostop.evt"), NONE, events(doubles(1, 2)),
                new EventFiles.Table("GTI", new String[] {"START", "END"}, new Object[] {doubles(0), doubles(5)}));
        assertNamed(gtiNoStop, assertThrows(IOException.class, () -> EventFileReader.read(gtiNoStop)),
                "HDU 2 'GTI' has no column STOP");
        Path emptyGti = EventFiles.write(dir.resolve("emptygti.evt"), NONE, events(doubles(1, 2)),
                gti("GTI", doubles(5), doubles(5)));
        assertNamed(emptyGti, assertThrows(IOException.class, () -> EventFileReader.read(emptyGti)),
                "HDU 2 'GTI'", "empty");
        Path days = EventFiles.write(dir.resolve("days.evt"), NONE, events(doubles(1, 2), "TIMEUNIT", "d"));
        assertNamed(days, assertThrows(IOException.class, () -> EventFileReader.read(days)), "TIMEUNIT 'd'");
        Path nothingKnown = EventFiles.write(dir.resolve("single.evt"), NONE, events(doubles(1)));
        assertNamed(nothingKnown, assertThrows(IOException.class, () -> EventFileReader.read(nothingKnown)),
                "good time is unknown");
        Path span = EventFiles.write(dir.resolve("span.evt"), NONE, events(doubles(1, 2, 4)));
        assertEquals(1.0, EventFileReader.read(span).gti().start(0));
        Path missing = dir.resolve("absent.evt");
        assertNamed(missing, assertThrows(IOException.class, () -> EventFileReader.read(missing)), "no such file");
    }

    @Test
    void truncatedAndNonFitsFilesAreNamed() throws IOException {
        byte[] good = Files.readAllBytes(nustarLike("good.evt"));
        for (int keep : new int[] {100, 2880 + 500, 2 * 2880 + 100, good.length - 2880 - 10}) {
            Path cut = Files.write(dir.resolve("cut" + keep + ".evt"), Arrays.copyOf(good, keep));
            assertNamed(cut, assertThrows(IOException.class, () -> EventFileReader.read(cut), "cut at " + keep));
        }
        Path text = Files.writeString(dir.resolve("notes.evt"), "TIME,PI\n1.0,3\n");
        assertNamed(text, assertThrows(IOException.class, () -> EventFileReader.read(text)));
    }
}
