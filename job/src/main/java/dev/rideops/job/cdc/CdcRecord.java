package dev.rideops.job.cdc;

/** A raw record of a CDC topic: the topic (which names the table) and the value bytes. */
public class CdcRecord {
    public String topic;
    public byte[] value;

    public CdcRecord() {}

    public CdcRecord(String topic, byte[] value) {
        this.topic = topic;
        this.value = value;
    }
}
