package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.DeadLetterReason;
import dev.rideops.contract.DeadLetterRecord;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.util.function.ThrowingRunnable;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer against a scripted search node: what it sends, keeps in its checkpoints and dead-letters. */
class SearchWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Batches of two pings, a flush every second, at most 4 pings waiting, backoff up to 8 s. */
    private static final SearchSinkOptions OPTIONS = new SearchSinkOptions(2, 1000, 1000, 8000, 4, 0);

    private final ScriptedNode node = new ScriptedNode();
    private final Mailbox mailbox = new Mailbox();
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final Metrics metrics = new Metrics();
    private final MockProducer<byte[], byte[]> kafka =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @BeforeEach
    void startTheClock() throws Exception {
        time.setCurrentTime(0);
    }

    private SearchWriter writer(Collection<DocBatch> restored) {
        return new SearchWriter(
                OPTIONS,
                node,
                new DeadLetterProducer(() -> kafka, new DeadLetterSerializer("rideops.dlq")),
                mailbox,
                time,
                metrics,
                restored);
    }

    private static LocationDoc ping(long eventId, long driverId, long recordedAt) {
        LocationDoc d = new LocationDoc();
        d.eventId = eventId;
        d.driverId = driverId;
        d.lat = 10.77;
        d.lon = 106.7;
        d.status = "AVAILABLE";
        d.recordedAt = recordedAt;
        return d;
    }

    private static List<Long> eventIds(List<LocationDoc> docs) {
        return docs.stream().map(d -> d.eventId).toList();
    }

    private List<JsonNode> deadLetters() throws IOException {
        List<JsonNode> letters = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : kafka.history()) {
            assertThat(r.topic()).isEqualTo("rideops.dlq");
            letters.add(JSON.readTree(r.value()));
        }
        return letters;
    }

    @Test
    void aDeadNodeNeitherFailsNorBlocksTheCheckpointAndNothingIsLostOnARestore() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 7, 200), null);
        mailbox.runAll(); // the indexes are set up, then the full batch goes
        assertThat(node.sent).hasSize(1);

        node.answer(BulkOutcome.unanswered("java.net.ConnectException: Connection refused", 2));
        mailbox.runAll();
        writer.write(ping(3, 8, 300), null);
        writer.flush(false);
        DocBatch state = writer.snapshotState(1).get(0);

        assertThat(eventIds(state.pings())).containsExactly(1L, 2L, 3L);
        assertThat(eventIds(state.latest())).containsExactlyInAnyOrder(2L, 3L);
        assertThat(metrics.count("rideops_search_retries")).isEqualTo(1);

        // a new writer restored from that checkpoint sends what the dead node never took
        ScriptedNode after = new ScriptedNode();
        DocBatchSerializer serializer = new DocBatchSerializer();
        SearchWriter restored = new SearchWriter(
                OPTIONS,
                after,
                new DeadLetterProducer(() -> kafka, new DeadLetterSerializer("rideops.dlq")),
                mailbox,
                time,
                metrics,
                List.of(serializer.deserialize(1, serializer.serialize(state))));
        time.setCurrentTime(1000);
        mailbox.runAll();
        assertThat(eventIds(after.sent.get(0).pings())).containsExactly(1L, 2L);
        assertThat(eventIds(after.sent.get(0).latest())).containsExactlyInAnyOrder(2L, 3L);
        restored.close();
        writer.close();
    }

    @Test
    void theBackoffGrowsWhileTheNodeStaysDownAndTheBacklogCatchesUpWhenItIsBack() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 7, 200), null);
        mailbox.runAll();
        for (int failure = 1; failure <= 4; failure++) {
            node.answer(BulkOutcome.failed(
                    503, "503 Service Unavailable", node.last().size()));
            mailbox.runAll();
            int sentBefore = node.sent.size();
            long ceiling = Math.min(8000, 200L << (failure - 1));
            time.advance(ceiling / 2 - 1);
            assertThat(node.sent).as("no retry before half the backoff").hasSize(sentBefore);
            time.advance(ceiling - ceiling / 2 + 1);
            mailbox.runAll();
            assertThat(node.sent).as("retry %d", failure).hasSize(sentBefore + 1);
        }
        writer.write(ping(3, 8, 300), null);
        writer.write(ping(4, 8, 400), null);

        node.answer(BulkOutcome.DONE);
        mailbox.runAll();

        assertThat(eventIds(node.last().pings())).as("the next batch at once").containsExactly(3L, 4L);
        node.answer(BulkOutcome.DONE);
        mailbox.runAll();
        assertThat(writer.snapshotState(2).get(0).pings()).isEmpty();
        assertThat(node.sentPings()).containsExactly(1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L, 3L, 4L);
        writer.close();
    }

    @Test
    void failedItemsAreRetriedRefusedOnesDeadLetteredWithTheNodesReason() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 8, 200), null);
        mailbox.runAll();

        node.answer(new BulkOutcome(
                List.of(0),
                "429 es_rejected_execution_exception",
                BulkOutcome.Cause.BUSY,
                List.of(new BulkOutcome.Rejection(
                        1, "400 mapper_parsing_exception in driver_locations_timeseries-2026.11.26: bad"))));
        mailbox.runAll();
        writer.flush(false);

        assertThat(kafka.flushed()).isTrue();
        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.path("topic").asText()).isEqualTo("rideops.public.driver_location_events");
            assertThat(letter.path("reason").asText())
                    .isEqualTo("rejected by the search node: 400 mapper_parsing_exception in "
                            + "driver_locations_timeseries-2026.11.26: bad");
            assertThat(JSON.readTree(letter.path("payload").asText())
                            .path("event_id")
                            .asLong())
                    .isEqualTo(2);
        });
        assertThat(metrics.count("rideops_search_rejected")).isEqualTo(1);

        time.advance(200);
        mailbox.runAll();
        assertThat(eventIds(node.last().pings())).containsExactly(1L);
        writer.close();
    }

    @Test
    void aRefusedLoginIsCountedApartAndRetriedNotDeadLetteredUntilTheNodeTakesTheLogin() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 8, 200), null);
        mailbox.runAll();

        for (int refusal = 1; refusal <= 3; refusal++) {
            node.answer(BulkOutcome.failed(
                    401, "401 Unauthorized: wrong password", node.last().size()));
            mailbox.runAll();
            time.advance(8000);
            mailbox.runAll();
        }
        writer.flush(false);

        assertThat(deadLetters()).as("not the documents' fault").isEmpty();
        assertThat(metrics.count("rideops_search_bulk_failures{reason=login}")).isEqualTo(3);
        assertThat(metrics.count("rideops_search_bulk_failures{reason=busy}")).isZero();
        assertThat(metrics.count("rideops_search_retries")).isEqualTo(3);
        assertThat(eventIds(node.last().pings())).as("the same documents again").containsExactly(1L, 2L);

        // the password fixed: the next retry goes through and the backlog empties
        node.answer(BulkOutcome.DONE);
        mailbox.runAll();
        assertThat(writer.snapshotState(2).get(0).pings()).isEmpty();
        writer.close();
    }

    @Test
    void eachRetryIsCountedByItsCause() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 8, 200), null);
        mailbox.runAll();
        for (BulkOutcome outcome : List.of(
                BulkOutcome.failed(429, "429 Too Many Requests", 2),
                BulkOutcome.failed(503, "503 Service Unavailable", 2),
                BulkOutcome.unanswered("java.net.ConnectException: Connection refused", 2),
                BulkOutcome.failed(403, "403 Forbidden: rideops_search_writer may not", 2))) {
            node.answer(outcome);
            mailbox.runAll();
            time.advance(8000);
            mailbox.runAll();
        }

        assertThat(List.of("busy", "failing", "unanswered", "login"))
                .allSatisfy(reason -> assertThat(metrics.count("rideops_search_bulk_failures{reason=" + reason + "}"))
                        .as(reason)
                        .isEqualTo(1));
        writer.close();
    }

    @Test
    void whileTheNodeFailsPingsBeyondTheBoundAreDeadLetteredButTheirPositionsStillGo() throws Exception {
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 7, 200), null);
        mailbox.runAll();
        node.answer(BulkOutcome.unanswered("java.net.SocketTimeoutException", 2));
        mailbox.runAll();
        writer.write(ping(3, 7, 300), null);
        writer.write(ping(4, 7, 400), null);

        writer.write(ping(5, 9, 500), null);

        assertThat(deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(letter.path("reason").asText())
                        .startsWith("not indexed: the search node is failing and 4 pings were already waiting"));
        assertThat(DeadLetterRecord.parse(kafka.history().get(0).value()).reasonName())
                .as("what 'rideops dead-letters replay --search' replays")
                .isEqualTo(DeadLetterReason.SEARCH_MAX_PENDING);
        assertThat(metrics.count("rideops_search_overflowed")).isEqualTo(1);
        DocBatch state = writer.snapshotState(1).get(0);
        assertThat(eventIds(state.pings())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(eventIds(state.latest())).containsExactlyInAnyOrder(4L, 5L);
        writer.close();
    }

    @Test
    void theGaugeShowsHowLongTheLastBulkRequestTookToBeAnswered() throws Exception {
        SearchWriter writer = writer(List.of());
        assertThat(metrics.value(SearchWriter.BULK_MS)).as("nothing sent yet").isEqualTo(-1L);
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 7, 200), null);
        mailbox.runAll();
        time.advance(350);
        node.answer(BulkOutcome.DONE);
        mailbox.runAll();

        assertThat(metrics.value(SearchWriter.BULK_MS)).isEqualTo(350L);
        writer.close();
    }

    @Test
    void aNodeThatAnswersSlowlyIsWaitedForNotDeadLettered() throws Exception {
        SearchWriter writer = writer(List.of());
        for (long id = 1; id <= 4; id++) {
            writer.write(ping(id, 7, id * 100), null);
        }
        mailbox.runAll();
        mailbox.whenIdle(() -> node.answer(BulkOutcome.DONE));

        writer.write(ping(5, 7, 500), null);
        writer.write(ping(6, 7, 600), null);

        assertThat(kafka.history()).isEmpty();
        writer.flush(true);
        assertThat(node.sentPings()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(writer.snapshotState(1).get(0).size()).isZero();
        writer.close();
    }

    @Test
    void indexesThatCannotBeCreatedYetAreTriedAgainLater() throws Exception {
        node.indexes = CompletableFuture.failedFuture(new IOException("Connection refused"));
        SearchWriter writer = writer(List.of());
        writer.write(ping(1, 7, 100), null);
        writer.write(ping(2, 7, 200), null);
        mailbox.runAll();
        assertThat(node.sent).isEmpty();

        node.indexes = CompletableFuture.completedFuture(null);
        time.advance(200);
        mailbox.runAll();

        assertThat(node.sentPings()).containsExactly(1L, 2L);
        writer.close();
    }

    /** A search node whose answers the test gives. */
    private static final class ScriptedNode implements SearchClient {
        final List<DocBatch> sent = new ArrayList<>();
        final List<Long> days = new ArrayList<>();

        @Override
        public String user() {
            return "rideops_search_writer";
        }

        @Override
        public void sawPingOfDay(long epochDay) {
            days.add(epochDay);
        }

        private CompletableFuture<BulkOutcome> answer;
        CompletableFuture<Void> indexes = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Void> ensureIndexes() {
            return indexes;
        }

        @Override
        public CompletableFuture<BulkOutcome> bulk(DocBatch docs) {
            sent.add(docs);
            answer = new CompletableFuture<>();
            return answer;
        }

        DocBatch last() {
            return sent.get(sent.size() - 1);
        }

        void answer(BulkOutcome outcome) {
            answer.complete(outcome);
        }

        List<Long> sentPings() {
            return sent.stream().flatMap(b -> eventIds(b.pings()).stream()).toList();
        }

        @Override
        public void close() {}
    }

    /** The task's mailbox: mails run when the test says, or when the writer yields. */
    private static final class Mailbox implements MailboxExecutor {
        private final ArrayDeque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();
        private Runnable whenIdle = () -> {
            throw new IllegalStateException("the writer waits for an answer the test does not give");
        };

        void whenIdle(Runnable answer) {
            this.whenIdle = answer;
        }

        void runAll() throws Exception {
            while (!mails.isEmpty()) {
                mails.poll().run();
            }
        }

        @Override
        public void execute(
                MailOptions options,
                ThrowingRunnable<? extends Exception> command,
                String description,
                Object... args) {
            mails.add(command);
        }

        @Override
        public void yield() {
            if (mails.isEmpty()) {
                whenIdle.run();
            }
            try {
                mails.poll().run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean tryYield() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    }

    /** The writer's counters, by name. */
    private static final class Metrics extends UnregisteredMetricsGroup {
        private final Map<String, Counter> counters = new HashMap<>();
        private final Map<String, Gauge<?>> gauges = new HashMap<>();

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            gauges.put(name, gauge);
            return gauge;
        }

        Object value(String name) {
            return gauges.get(name).getValue();
        }

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }

        long count(String name) {
            return counters.containsKey(name) ? counters.get(name).getCount() : 0;
        }

        /** A key-value group's counters are kept here as {@code name{key=value}}, as the reporter labels them. */
        @Override
        public MetricGroup addGroup(String key, String value) {
            Metrics parent = this;
            return new UnregisteredMetricsGroup() {
                @Override
                public Counter counter(String name) {
                    return parent.counter(name + "{" + key + "=" + value + "}");
                }
            };
        }
    }
}
