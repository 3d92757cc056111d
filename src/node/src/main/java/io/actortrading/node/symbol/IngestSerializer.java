package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.node.feed.FeedRouter;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick batches between nodes. They are the busiest messages in a cluster, and {@link MarketEvent}
 * is a plain sealed interface without type information for Jackson: this writes each event with a
 * one-byte kind and its fields in binary (doubles as raw bits), the reply-to as its serialized path.
 */
public final class IngestSerializer extends SerializerWithStringManifest {

    /** Pekko reserves identifiers below 40; this one is the project's. */
    private static final int IDENTIFIER = 7401;
    private static final String INGEST_MANIFEST = "I2";
    private static final byte TICK = 1;
    private static final byte QUOTE = 2;
    private static final byte BAR = 3;
    private static final String NONE = "";

    private final ExtendedActorSystem system;

    public IngestSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof SymbolActor.Ingest) {
            return INGEST_MANIFEST;
        }
        throw new IllegalArgumentException("IngestSerializer cannot serialize " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        if (!(o instanceof SymbolActor.Ingest ingest)) {
            throw new IllegalArgumentException("IngestSerializer cannot serialize " + o.getClass().getName());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + ingest.events().size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(resolver().toSerializationFormat(ingest.ackTo()));
            out.writeLong(ingest.receivedAtNanos());
            out.writeInt(ingest.events().size());
            for (MarketEvent event : ingest.events()) {
                write(event, out);
            }
            out.writeUTF(ingest.choice().active());
            out.writeInt(ingest.choice().order().size());
            for (String source : ingest.choice().order()) {
                out.writeUTF(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!INGEST_MANIFEST.equals(manifest)) {
            throw new NotSerializableException("IngestSerializer: unknown manifest '" + manifest + "'");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            ActorRef<FeedRouter.Command> ackTo = resolver().resolveActorRef(in.readUTF());
            long receivedAtNanos = in.readLong();
            int count = in.readInt();
            List<MarketEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(read(in));
            }
            String active = in.readUTF();
            int sources = in.readInt();
            List<String> order = new ArrayList<>(sources);
            for (int i = 0; i < sources; i++) {
                order.add(in.readUTF());
            }
            return new SymbolActor.Ingest(events, receivedAtNanos, ackTo, new SourceChoice(active, order));
        } catch (IOException e) {
            NotSerializableException failure = new NotSerializableException("IngestSerializer: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private ActorRefResolver resolver() {
        return ActorRefResolver.get(Adapter.toTyped(system));
    }

    private static void write(MarketEvent event, DataOutputStream out) throws IOException {
        if (event instanceof Tick t) {
            out.writeByte(TICK);
            common(t, out);
            out.writeDouble(t.price());
            out.writeDouble(t.size());
            out.writeUTF(t.tradeId() == null ? NONE : t.tradeId());
            out.writeBoolean(t.tradeId() != null);
            out.writeLong(t.sequence());
            out.writeInt(t.exchange());
        } else if (event instanceof Quote q) {
            out.writeByte(QUOTE);
            common(q, out);
            out.writeDouble(q.bid());
            out.writeDouble(q.bidSize());
            out.writeDouble(q.ask());
            out.writeDouble(q.askSize());
        } else if (event instanceof Bar b) {
            out.writeByte(BAR);
            common(b, out);
            out.writeUTF(b.timeframe().label());
            out.writeLong(b.end());
            out.writeDouble(b.open());
            out.writeDouble(b.high());
            out.writeDouble(b.low());
            out.writeDouble(b.close());
            out.writeDouble(b.volume());
            out.writeDouble(b.vwap());
            out.writeLong(b.trades());
        }
    }

    private static void common(MarketEvent event, DataOutputStream out) throws IOException {
        out.writeUTF(event.symbol());
        out.writeLong(event.timestamp());
        out.writeUTF(event.source() == null ? NONE : event.source());
    }

    private static MarketEvent read(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        String symbol = in.readUTF();
        long timestamp = in.readLong();
        String sourceText = in.readUTF();
        String source = sourceText.isEmpty() ? null : sourceText;
        return switch (kind) {
            case TICK -> {
                double price = in.readDouble();
                double size = in.readDouble();
                String tradeId = in.readUTF();
                boolean hasTradeId = in.readBoolean();
                yield new Tick(symbol, timestamp, price, size, source, hasTradeId ? tradeId : null, in.readLong(),
                        in.readInt());
            }
            case QUOTE -> new Quote(symbol, timestamp, in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), source);
            case BAR -> {
                String label = in.readUTF();
                Timeframe tf = Timeframe.fromLabel(label).orElseThrow(() -> new IOException("unknown timeframe " + label));
                yield new Bar(symbol, tf, timestamp, in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(), source);
            }
            default -> throw new IOException("unknown event kind " + kind);
        };
    }
}
