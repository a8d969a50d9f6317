package dev.rideops.job;

import dev.rideops.job.cdc.CdcRecord;
import dev.rideops.job.cdc.CdcRecordDeserializer;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.sinks.DeadLetterSerializer;
import dev.rideops.job.sinks.JdbcTarget;
import dev.rideops.job.sinks.MartSinks;
import dev.rideops.job.sinks.SearchSink;
import dev.rideops.job.sinks.SearchTarget;
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

    public static final String NAME = "rideops-job";

    private RideopsJob() {
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettings.from(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(settings.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        env.setBufferTimeout(settings.bufferTimeoutMs());
        pipeline(settings).build(env);
        env.execute(NAME);
    }

    public static KpiPipeline pipeline(JobSettings settings) {
        JdbcTarget reporting = new JdbcTarget(settings.reportingUrl(), settings.reportingUser(),
                settings.reportingPassword());
        SearchTarget search = new SearchTarget(settings.searchUrl(), settings.searchUser(), settings.searchPassword());
        PipelineSinks sinks = new PipelineSinks(MartSinks.facts(reporting, settings.emitEveryMs()),
                MartSinks.snapshots(reporting, settings.emitEveryMs()), MartSinks.cells(reporting, settings.emitEveryMs()),
                new SearchSink(search, 5000, settings.searchFlushMs(), settings.searchLatestFlushMs()), deadLetters(settings));
        return new KpiPipeline(source(settings), sinks, settings);
    }

    static KafkaSource<CdcRecord> source(JobSettings settings) {
        OffsetsInitializer offsets;
        switch (settings.offsets()) {
            case "earliest":
                offsets = OffsetsInitializer.earliest();
                break;
            case "latest":
                offsets = OffsetsInitializer.latest();
                break;
            default:
                offsets = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
        return KafkaSource.<CdcRecord>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopicPattern(Pattern.compile(settings.topicPattern()))
                .setGroupId(settings.groupId())
                .setStartingOffsets(offsets)
                .setDeserializer(new CdcRecordDeserializer())
                // New tables' topics appear while the job runs.
                .setProperty("partition.discovery.interval.ms", "10000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    static KafkaSink<DeadLetter> deadLetters(JobSettings settings) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(new DeadLetterSerializer(settings.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
