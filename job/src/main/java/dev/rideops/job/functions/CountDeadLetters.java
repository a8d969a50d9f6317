package dev.rideops.job.functions;

import dev.rideops.contract.DeadLetterReason;
import dev.rideops.job.cdc.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts every dead letter on its way to the dead-letter topic, per topic and per reason: Flink's key-value metric
 * groups, which the Prometheus reporter turns into the labels {@code topic} and {@code reason} of
 * {@code flink_taskmanager_job_task_operator_topic_reason_rideops_dead_letters}. Both labels are bounded: the CDC
 * topics (and {@value DeadLetterReason#BUCKET_TOPIC}) and the names of {@link DeadLetterReason}.
 */
public class CountDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {

    public static final String COUNTER = "rideops_dead_letters";

    private transient Counters counters;

    @Override
    public void open(Configuration parameters) {
        counters = new Counters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public DeadLetter map(DeadLetter letter) {
        counters.count(letter);
        return letter;
    }

    /** One counter per topic and reason, registered the first time either is seen. */
    static final class Counters {

        private final MetricGroup operator;
        private final Map<String, Counter> byTopicAndReason = new HashMap<>();

        Counters(MetricGroup operator) {
            this.operator = operator;
        }

        void count(DeadLetter letter) {
            String topic = letter.topic == null ? "unknown" : letter.topic;
            String reason = DeadLetterReason.of(letter.topic, letter.reason);
            byTopicAndReason
                    .computeIfAbsent(
                            topic + '\n' + reason,
                            k -> operator.addGroup("topic", topic)
                                    .addGroup("reason", reason)
                                    .counter(COUNTER))
                    .inc();
        }
    }
}
