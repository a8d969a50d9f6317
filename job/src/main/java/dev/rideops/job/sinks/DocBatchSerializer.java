package dev.rideops.job.sinks;

import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** The search writer's state in checkpoints and savepoints: each document's fields in a fixed binary layout. */
final class DocBatchSerializer implements SimpleVersionedSerializer<DocBatch> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(DocBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 * batch.size() + 8);
        write(batch.pings(), out);
        write(batch.latest(), out);
        return out.getCopyOfBuffer();
    }

    @Override
    public DocBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown search writer state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        List<LocationDoc> pings = read(in);
        return new DocBatch(pings, read(in));
    }

    private static void write(List<LocationDoc> docs, DataOutputSerializer out) throws IOException {
        out.writeInt(docs.size());
        for (LocationDoc d : docs) {
            out.writeLong(d.eventId);
            out.writeLong(d.driverId);
            out.writeDouble(d.lat);
            out.writeDouble(d.lon);
            out.writeUTF(d.status);
            out.writeDouble(d.speedKmh);
            out.writeDouble(d.heading);
            out.writeLong(d.recordedAt);
        }
    }

    private static List<LocationDoc> read(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        List<LocationDoc> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocationDoc d = new LocationDoc();
            d.eventId = in.readLong();
            d.driverId = in.readLong();
            d.lat = in.readDouble();
            d.lon = in.readDouble();
            d.status = in.readUTF();
            d.speedKmh = in.readDouble();
            d.heading = in.readDouble();
            d.recordedAt = in.readLong();
            docs.add(d);
        }
        return docs;
    }
}
