package dev.rideops.job.cdc;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps a Kafka record's topic and raw value; decoding happens in the job, where failures are dead-lettered. */
public class CdcRecordDeserializer implements KafkaRecordDeserializationSchema<CdcRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CdcRecord> out) {
        out.collect(new CdcRecord(record.topic(), record.value()));
    }

    @Override
    public TypeInformation<CdcRecord> getProducedType() {
        return TypeInformation.of(CdcRecord.class);
    }
}
