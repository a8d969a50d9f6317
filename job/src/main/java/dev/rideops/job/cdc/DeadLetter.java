package dev.rideops.job.cdc;

/**
 * A CDC record the job could not use, or a ping's search document the index cannot take: the CDC topic it came
 * from, why, and the record's bytes (or the document) as text.
 */
public class DeadLetter {
    public String topic;
    public String reason;
    public String payload;

    public DeadLetter() {}

    public DeadLetter(String topic, String reason, String payload) {
        this.topic = topic;
        this.reason = reason;
        this.payload = payload;
    }
}
