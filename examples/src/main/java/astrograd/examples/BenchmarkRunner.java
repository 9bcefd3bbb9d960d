package astrograd.examples;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link BenchmarkExample} through JMH's API: {@code ./astrograd example benchmark} (one fork, 3 warm-up and
 * 5 measured iterations of a second), or {@code --quick} (in this JVM, one short iteration each: a smoke test, not
 * a measurement).
 */
public final class BenchmarkRunner {
    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick).forEach(r -> System.out.printf("%s hidden=%s: %.3f %s%n", r.getParams().getBenchmark(),
                r.getParams().getParam("hidden"), r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit()));
    }

    public static Collection<RunResult> run(boolean quick) throws RunnerException {
        // docs:begin runner
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(BenchmarkExample.class.getName())
                .forks(1)
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC")   // as the engine needs
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        // docs:end runner
        if (quick) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100)).param("hidden", "32");
        }
        return new Runner(options.build()).run();
    }
}
