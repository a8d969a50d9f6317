package dev.rideops.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorHandlerTest {

    @Command(name = "boom")
    static class Boom implements Callable<Integer> {
        @Option(names = "--verbose")
        boolean verbose;

        @Option(names = "--kind")
        String kind = "known";

        @Override
        public Integer call() {
            throw switch (kind) {
                case "known" ->
                    new RideopsException(
                            "Flink is not reachable at http://localhost:8081", "start it with 'rideops up'");
                case "usage" -> new UsageException("bad thing", "do the good thing");
                case "client" ->
                    new dev.rideops.clients.ClientException(
                            "Kafka at 127.0.0.1:9092 refused the login of user 'rideops' (SCRAM-SHA-512): unknown user"
                                    + " or bad password",
                            "set kafka.user and kafka.password");
                default -> new IllegalStateException("wrapped", new java.io.IOException("disk on fire"));
            };
        }
    }

    private static String[] run(String... args) {
        Boom boom = new Boom();
        CommandLine cl = new CommandLine(boom);
        ErrorHandler handler = new ErrorHandler(() -> boom.verbose);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void knownFailureIsOneLineWithTheFixAndExitCode1() {
        String[] r = run();

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1].lines())
                .containsExactly(
                        "rideops: Flink is not reachable at http://localhost:8081; start it with 'rideops up'");
    }

    @Test
    void aComponentsRefusalIsOneLineWithItsFixNotAnUnexpectedError() {
        String[] r = run("--kind", "client");

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1].lines())
                .containsExactly("rideops: Kafka at 127.0.0.1:9092 refused the login of user 'rideops' (SCRAM-SHA-512):"
                        + " unknown user or bad password; set kafka.user and kafka.password");
    }

    @Test
    void usageFailureExitsWith2() {
        assertThat(run("--kind", "usage")[0]).isEqualTo("2");
    }

    @Test
    void unexpectedFailureNamesTheRootCauseAndPointsToVerbose() {
        String[] r = run("--kind", "other");

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1].lines())
                .containsExactly(
                        "rideops: unexpected error: IOException: disk on fire (run again with --verbose for details)");
    }

    @Test
    void verboseAddsTheStackTrace() {
        String[] r = run("--kind", "other", "--verbose");

        assertThat(r[1]).contains("java.lang.IllegalStateException: wrapped").contains("\tat ");
    }

    @Test
    void parseErrorIsOneLineWithExitCode2() {
        String[] r = run("--nope");

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].lines()).containsExactly("rideops: Unknown option: '--nope'; see 'boom --help'");
    }
}
