package dev.rideops.job;

import dev.rideops.contract.JobContract;
import dev.rideops.job.cdc.CdcRecordDeserializer;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.cdc.Decoded;
import dev.rideops.job.sinks.DeadLetterSerializer;
import dev.rideops.job.sinks.DeadLetterTopic;
import dev.rideops.job.sinks.JdbcTarget;
import dev.rideops.job.sinks.MartSinks;
import dev.rideops.job.sinks.SearchSink;
import dev.rideops.job.sinks.SearchSinkOptions;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Entry point of the job jar: wires the real Kafka source and the mart, search and dead-letter sinks into the pipeline. */
public final class RideopsJob {

    private RideopsJob() {}

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettings.from(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(settings.timing().checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        env.setBufferTimeout(settings.timing().bufferTimeoutMs());
        pipeline(settings).build(env);
        env.execute(JobContract.JOB_NAME);
    }

    public static KpiPipeline pipeline(JobSettings settings) {
        JdbcTarget reporting = settings.reporting();
        long emitEveryMs = settings.timing().emitEveryMs();
        JobSettings.Search search = settings.search();
        int minuteDays = settings.retention().martMinuteDays();
        PipelineSinks sinks = new PipelineSinks(
                MartSinks.facts(reporting, emitEveryMs, minuteDays),
                MartSinks.snapshots(reporting, emitEveryMs),
                MartSinks.snapshotMinutes(reporting, emitEveryMs, minuteDays),
                MartSinks.cells(reporting, emitEveryMs, minuteDays),
                new SearchSink(
                        search.target(),
                        new SearchSinkOptions(
                                5000,
                                search.flushMs(),
                                search.latestFlushMs(),
                                search.maxBackoffMs(),
                                search.maxPending(),
                                search.timeseriesRetentionDays()),
                        new DeadLetterTopic(
                                settings.kafka().bootstrapServers(),
                                settings.kafka().deadLetterTopic(),
                                settings.kafka().login())),
                deadLetters(settings.kafka()));
        return new KpiPipeline(
                source(settings.kafka(), settings.timing()), sinks, settings.timing(), settings.retention());
    }

    static KafkaSource<Decoded> source(JobSettings.Kafka settings, JobSettings.Timing timing) {
        OffsetsInitializer offsets = switch (settings.offsets()) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
        return KafkaSource.<Decoded>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setProperties(settings.login().properties())
                .setTopicPattern(Pattern.compile(settings.topicPattern()))
                .setGroupId(settings.groupId())
                .setStartingOffsets(offsets)
                .setDeserializer(new CdcRecordDeserializer(timing.maxFutureMs(), settings.registry()))
                // New tables' topics appear while the job runs.
                .setProperty("partition.discovery.interval.ms", "10000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    static KafkaSink<DeadLetter> deadLetters(JobSettings.Kafka settings) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setKafkaProducerConfig(settings.login().properties())
                .setRecordSerializer(new DeadLetterSerializer(settings.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
