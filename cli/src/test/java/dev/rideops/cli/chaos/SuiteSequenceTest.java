package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.ClientException;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite's order against stand-in parts: the background generator taken over once before the ramp and handed back
 * once after the last fault, whatever ended the suite; a full warm-up before the first fault only.
 */
class SuiteSequenceTest {

    /** The whole suite of THREE with a ramp: one takeover, the first fault warmed up, the later ones settled. */
    private static final List<String> EVERY_PART_UNDER_ONE_TAKEOVER = List.of(
            "hold",
            "ramp",
            "kill-broker warm-up 30 s",
            "pause-broker warm-up 10 s",
            "kill-search warm-up 10 s",
            "hand back");

    private static final List<FaultScenario> THREE =
            List.of(Profiles.fault("kill-broker"), Profiles.fault("pause-broker"), Profiles.fault("kill-search"));

    private final StringWriter errText = new StringWriter();
    private final SuiteSequence sequence = new SuiteSequence(new PrintWriter(errText, true));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theGeneratorIsTakenOverOnceBeforeTheRampAndHandedBackOnceAfterTheLastFault() {
        Recorded parts = new Recorded();

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(parts.events).containsExactlyElementsOf(EVERY_PART_UNDER_ONE_TAKEOVER);
        assertThat(parts.loads).noneMatch(FaultLoad.Plan::resumeGenerator);
        assertThat(ran.outcomes())
                .extracting(ChaosSuite.FaultOutcome::fault)
                .containsExactly("kill-broker", "pause-broker", "kill-search");
        assertThat(ran.interrupted()).isFalse();
    }

    @Test
    void withoutARampTheFirstFaultStillWarmsUpInFull() {
        Recorded parts = new Recorded();

        SuiteSequence.Ran ran =
                sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), false), THREE.subList(0, 2), parts);

        assertThat(parts.events)
                .containsExactly("hold", "kill-broker warm-up 30 s", "pause-broker warm-up 10 s", "hand back");
        assertThat(ran.ramp()).isNull();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        new RideopsException("kafka-1 did not come back", "see 'rideops logs kafka-1'"),
                        "kafka-1 did not come back; see 'rideops logs kafka-1'"),
                // a component that failed a call (a JobManager not answering during the recovery)
                Arguments.of(
                        new ClientException("the JobManager did not answer", "see 'rideops logs flink-jobmanager'"),
                        "the JobManager did not answer; see 'rideops logs flink-jobmanager'"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aFailedFaultIsRecordedWithItsReasonAndTheNextRunsUnderTheSameTakeover(RuntimeException failure, String said) {
        Recorded parts = new Recorded();
        parts.onFault = fault -> {
            if (fault.name().equals("kill-broker")) {
                throw failure;
            }
        };

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(ran.outcomes().get(0).error()).isEqualTo(said);
        assertThat(ran.outcomes().get(0).passed()).isFalse();
        assertThat(ran.outcomes())
                .extracting(ChaosSuite.FaultOutcome::fault)
                .containsExactly("kill-broker", "pause-broker", "kill-search");
        assertThat(parts.events).containsExactlyElementsOf(EVERY_PART_UNDER_ONE_TAKEOVER);
    }

    @Test
    void ctrlCInAFaultEndsTheSuiteAfterItAndStillHandsTheGeneratorBack() {
        Recorded parts = new Recorded();
        parts.onFault = fault -> {
            if (fault.name().equals("pause-broker")) {
                Thread.currentThread().interrupt();
                throw new RideopsException("bench interrupted", "run it again");
            }
        };

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(parts.events)
                .containsExactly("hold", "ramp", "kill-broker warm-up 30 s", "pause-broker warm-up 10 s", "hand back");
        assertThat(ran.outcomes()).hasSize(2);
        assertThat(ran.interrupted()).isTrue();
        assertThat(errText.toString()).contains("interrupted; 1 of 3 faults not run");
    }

    @Test
    void ctrlCDuringTheHandBackStillReturnsWhatRanButAsInterruptedWithTheFlagCleared() {
        Recorded parts = new Recorded();
        parts.onHandBack = () -> Thread.currentThread().interrupt();

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(ran.outcomes()).hasSize(3);
        assertThat(ran.interrupted()).isTrue();
        // the results are written next, through file channels that an interrupted thread closes
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aGeneratorThatFailsACallOnTheWayBackIsAWarningToo() {
        Recorded parts = new Recorded();
        parts.onHandBack = () -> {
            throw new ClientException("interrupted while waiting", "run the command again");
        };

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(ran.outcomes()).hasSize(3);
        assertThat(errText.toString())
                .contains("rideops: chaos suite: warning: interrupted while waiting; run the command again");
    }

    @Test
    void theAnnouncementNamesTheSettleOnlyWhenALaterFaultHasOne() {
        sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), false), THREE.subList(0, 1), new Recorded());
        sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), false), THREE.subList(0, 2), new Recorded());

        assertThat(errText.toString().lines().filter(l -> l.contains("fault(s) under")))
                .containsExactly(
                        "rideops: chaos suite: 1 fault(s) under 1000 changes/s, their load at least 2 min (a warm-up "
                                + "of 30 s before the first fault), then a drain and verify after each",
                        "rideops: chaos suite: 2 fault(s) under 1000 changes/s, their load at least 4 min (a warm-up "
                                + "of 30 s before the first fault, 10 s to settle before each later one), then a "
                                + "drain and verify after each");
    }

    @Test
    void aFailingRampEndsTheSuiteWithTheGeneratorHandedBack() {
        Recorded parts = new Recorded();
        parts.rampFails = true;

        assertThatThrownBy(() -> sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts))
                .isInstanceOf(RideopsException.class)
                .hasMessage("bench interrupted");
        assertThat(parts.events).containsExactly("hold", "ramp", "hand back");
    }

    @Test
    void aGeneratorThatDoesNotStartAgainIsAWarningNotALostSuite() {
        Recorded parts = new Recorded();
        parts.onHandBack = () -> {
            throw new RideopsException(
                    "cannot start the background generator again: exit 1",
                    "start it with 'rideops generate --volume small --detach'");
        };

        SuiteSequence.Ran ran = sequence.run(plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE, parts);

        assertThat(ran.outcomes()).hasSize(3);
        assertThat(errText.toString())
                .contains("warning: cannot start the background generator again: exit 1; start it with 'rideops "
                        + "generate --volume small --detach'");
    }

    @Test
    void aLaterFaultSettlesForTheSettleButNeverLongerThanTheWarmUp() {
        ChaosSuite.Plan usual = plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true);
        ChaosSuite.Plan shortWarmup = plan(Duration.ofSeconds(5), Duration.ofSeconds(10), true);

        assertThat(SuiteSequence.load(usual, 0).warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SuiteSequence.load(usual, 7).warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SuiteSequence.load(shortWarmup, 0).warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SuiteSequence.load(shortWarmup, 1).warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(SuiteSequence.load(usual, 1))
                .extracting(FaultLoad.Plan::eps, FaultLoad.Plan::before, FaultLoad.Plan::after)
                .containsExactly(1000, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void theLeastLoadCountsTheWarmUpOnceAndTheSettleBeforeEachLaterFault() {
        // kill-broker: 30 warm-up + 30 before + 15 down + 30 after; pause-broker: 10 settle + 30 + 20 down + 30
        assertThat(SuiteSequence.leastLoad(
                        plan(Duration.ofSeconds(30), Duration.ofSeconds(10), true), THREE.subList(0, 2)))
                .isEqualTo(Duration.ofSeconds(105 + 90));
    }

    private static ChaosSuite.Plan plan(Duration warmup, Duration settle, boolean ramp) {
        return new ChaosSuite.Plan(
                1000,
                null,
                ramp ? List.of(1000, 2000) : List.of(),
                Duration.ofSeconds(60),
                warmup,
                settle,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Volume.SMALL,
                42,
                Duration.ofMinutes(3),
                null,
                true);
    }

    /** Stand-in parts that record what ran, in order. */
    private static final class Recorded implements SuiteSequence.Parts {

        final List<String> events = new ArrayList<>();
        final List<FaultLoad.Plan> loads = new ArrayList<>();
        Consumer<FaultScenario> onFault = fault -> {};
        Runnable onHandBack = () -> {};
        boolean rampFails;

        @Override
        public SuiteSequence.Held holdGenerator() {
            events.add("hold");
            return () -> {
                events.add("hand back");
                onHandBack.run();
            };
        }

        @Override
        public BenchRun.Measured ramp() {
            events.add("ramp");
            if (rampFails) {
                throw new RideopsException("bench interrupted", "run it again");
            }
            return null;
        }

        @Override
        public LoadedChaos.Result fault(FaultScenario fault, FaultLoad.Plan load) {
            events.add(fault.name() + " warm-up " + load.warmup().toSeconds() + " s");
            loads.add(load);
            onFault.accept(fault);
            return null;
        }
    }
}
