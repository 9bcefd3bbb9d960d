package astrograd.astro.xray;

/**
 * Photon arrival times with their good time intervals.
 *
 * @param times arrival times in seconds of mission time ({@code TIME + TIMEZERO}), sorted
 * @param gti good time intervals, same time scale
 * @param meta where the times come from and what they mean
 */
public record EventList(double[] times, Gti gti, Meta meta) {
    /**
     * @param source the file (or "simulated")
     * @param eventsHdu the events extension, e.g. {@code HDU 1 'EVENTS'}
     * @param mission {@code TELESCOP} (or {@code MISSION}), "" when absent
     * @param instrument {@code INSTRUME}, "" when absent
     * @param mjdRef the MJD of mission time 0 ({@code MJDREF} or {@code MJDREFI + MJDREFF}), NaN when absent
     * @param timeSystem {@code TIMESYS} (TT, TDB, UTC, …), "" when absent
     * @param timeZero the {@code TIMEZERO} added to the times, seconds
     * @param gtiSource where the GTIs come from (the GTI extensions intersected, or {@code TSTART/TSTOP})
     */
    public record Meta(String source, String eventsHdu, String mission, String instrument, double mjdRef,
            String timeSystem, double timeZero, String gtiSource) {
        /** Metadata of simulated events. */
        public static Meta simulated() {
            return new Meta("simulated", "", "", "", Double.NaN, "", 0, "given");
        }
    }

    public EventList {
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] >= times[i - 1])) {
                throw new IllegalArgumentException("EventList: times must be sorted and finite (event " + i + " at "
                        + times[i] + " follows " + times[i - 1] + ")");
            }
        }
    }

    /** Number of events. */
    public int size() {
        return times.length;
    }

    /** The events inside the good time intervals (same GTIs and metadata). */
    public EventList inGti() {
        int n = 0;
        for (double t : times) {
            n += gti.contains(t) ? 1 : 0;
        }
        double[] kept = new double[n];
        int j = 0;
        for (double t : times) {
            if (gti.contains(t)) {
                kept[j++] = t;
            }
        }
        return new EventList(kept, gti, meta);
    }

    /** The same events with other good time intervals, {@code source} saying where they come from. */
    public EventList withGti(Gti other, String source) {
        return new EventList(times, other, new Meta(meta.source(), meta.eventsHdu(), meta.mission(), meta.instrument(),
                meta.mjdRef(), meta.timeSystem(), meta.timeZero(), source));
    }

    /** The same events with one good time interval from the first to just after the last event. */
    public EventList withEventSpanGti() {
        if (times.length < 2 || !(times[0] < times[times.length - 1])) {
            throw new IllegalArgumentException(meta.source() + ": a GTI from the event span needs two distinct event "
                    + "times");
        }
        return withGti(Gti.of(times[0], Math.nextUp(times[times.length - 1])), "event span (first to last event)");
    }

    /** Mean rate inside the good time intervals: events inside / exposure (counts/s). */
    public double meanRate() {
        return inGti().size() / gti.exposure();
    }

    /** The MJD of mission time {@code t}: {@code mjdRef + t/86400} (in {@link Meta#timeSystem()}). */
    public double mjd(double t) {
        return meta.mjdRef() + t / 86400.0;
    }
}
