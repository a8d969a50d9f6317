package dev.rideops.cli.bench;

import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.run.GeneratorSettings;

/**
 * What every step of a bench works against: the databases, the search node, Kafka (whose CDC topics carry JSON
 * change events unless {@code cdc.format} is avro), the sampler and the city; and where the raw latency histograms
 * go.
 */
record BenchContext(
        SourceDb sourceDb,
        ReopenedConnection reporting,
        RestCalls search,
        KafkaAccess kafka,
        boolean jsonChangeEvents,
        SystemSampler sampler,
        GeneratorSettings generator,
        LatencyLogs latencyLogs) {}
