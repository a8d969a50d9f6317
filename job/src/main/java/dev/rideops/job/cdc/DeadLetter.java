package dev.rideops.job.cdc;

/** A CDC record the job could not use: where it came from, why, and its bytes as text. */
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
