package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import dev.p2pchat.protocol.room.RoomMessage.KeyRequest;
import dev.p2pchat.protocol.room.RoomMessage.MembershipUpdate;
import dev.p2pchat.protocol.room.RoomMessage.SenderKeys;
import dev.p2pchat.protocol.room.RoomMessage.SyncRequest;
import dev.p2pchat.protocol.room.RoomMessage.SyncResponse;
import dev.p2pchat.protocol.room.RoomWireException.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room wire (table in {@code docs/architecture.md}, "Rooms"): type ‖ version ‖ room id ‖ body.
 * Pure: bytes in, records out; anything malformed is a {@link RoomWireException}.
 */
public final class RoomCodec {
    private RoomCodec() {}

    public static byte[] encode(RoomMessage message) {
        WireWriter out = new WireWriter();
        switch (message) {
            case Envelope e -> writeEnvelope(out.u8(RoomWire.ENVELOPE).u8(RoomWire.VERSION), e);
            case MembershipUpdate m -> {
                out.u8(RoomWire.MEMBERSHIP).u8(RoomWire.VERSION).roomId(m.room()).u16(m.changes().size());
                m.changes().forEach(c -> {
                    byte[] encoded = MembershipChangeCodec.encode(c);
                    out.u16(encoded.length).bytes(encoded);
                });
            }
            case SenderKeys k -> {
                out.u8(RoomWire.SENDER_KEYS).u8(RoomWire.VERSION).roomId(k.room()).username(k.sender())
                        .u8(k.keys().size());
                k.keys().forEach(ek -> out.u64(ek.epoch()).u64(ek.firstSeq()).bytes(ek.key().toBytes()));
            }
            case SyncRequest s -> {
                out.u8(RoomWire.SYNC_REQUEST).u8(RoomWire.VERSION).roomId(s.room()).u64(s.membershipVersion())
                        .u16(s.vector().size());
                s.vector().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey((a, b) -> a.value().compareTo(b.value())))
                        .forEach(entry -> out.username(entry.getKey()).u64(entry.getValue()));
            }
            case SyncResponse r -> {
                out.u8(RoomWire.SYNC_RESPONSE).u8(RoomWire.VERSION).roomId(r.room()).u16(r.envelopes().size());
                r.envelopes().forEach(e -> {
                    byte[] body = writeEnvelope(new WireWriter(), e).toByteArray();
                    out.u16(body.length).bytes(body);
                });
            }
            case KeyRequest q -> out.u8(RoomWire.KEY_REQUEST).u8(RoomWire.VERSION).roomId(q.room())
                    .username(q.sender()).u64(q.epoch());
        }
        return out.toByteArray();
    }

    public static RoomMessage decode(byte[] bytes) throws RoomWireException {
        WireReader in = new WireReader(bytes);
        byte type = in.u8();
        byte version = in.u8();
        if ((type & 0xF0) == 0xA0 && version != RoomWire.VERSION) {
            throw new RoomWireException(Problem.UNSUPPORTED_VERSION, "version " + version);
        }
        RoomMessage message = switch (type) {
            case RoomWire.ENVELOPE -> readEnvelope(in);
            case RoomWire.MEMBERSHIP -> readMembership(in);
            case RoomWire.SENDER_KEYS -> readSenderKeys(in);
            case RoomWire.SYNC_REQUEST -> readSyncRequest(in);
            case RoomWire.SYNC_RESPONSE -> readSyncResponse(in);
            case RoomWire.KEY_REQUEST -> new KeyRequest(in.roomId(), in.username("sender"), epoch(in));
            default -> throw new RoomWireException(Problem.UNKNOWN_TYPE, "type " + Byte.toUnsignedInt(type));
        };
        in.end();
        return message;
    }

    private static WireWriter writeEnvelope(WireWriter out, Envelope e) {
        return out.bytes(e.header()).u16(e.ciphertext().length).bytes(e.ciphertext()).bytes(e.signature());
    }

    private static Envelope readEnvelope(WireReader in) throws RoomWireException {
        RoomId room = in.roomId();
        long epoch = epoch(in);
        Username sender = in.username("sender");
        long seq = bounded(in, "seq");
        long lamport = bounded(in, "lamport");
        int length = in.u16();
        if (length < RoomWire.TAG_LENGTH || length > RoomWire.MAX_CIPHERTEXT) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, "ciphertext length " + length);
        }
        byte[] ciphertext = in.bytes(length, "ciphertext");
        return new Envelope(room, epoch, sender, seq, lamport, ciphertext,
                in.bytes(RoomWire.SIGNATURE_LENGTH, "signature"));
    }

    private static MembershipUpdate readMembership(WireReader in) throws RoomWireException {
        RoomId room = in.roomId();
        int count = in.count(RoomWire.MAX_CHANGES, "changes");
        List<MembershipChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(MembershipChangeCodec.decode(in.bytes(in.u16(), "change")));
        }
        return new MembershipUpdate(room, changes);
    }

    private static SenderKeys readSenderKeys(WireReader in) throws RoomWireException {
        RoomId room = in.roomId();
        Username sender = in.username("sender");
        int count = Byte.toUnsignedInt(in.u8());
        List<EpochKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long epoch = epoch(in);
            long firstSeq = positive(in, "first seq");
            keys.add(new EpochKey(epoch, firstSeq, SenderKey.of(in.bytes(RoomWire.SENDER_KEY_LENGTH, "key"))));
        }
        return new SenderKeys(room, sender, keys);
    }

    private static SyncRequest readSyncRequest(WireReader in) throws RoomWireException {
        RoomId room = in.roomId();
        long membershipVersion = in.counter("membership version");
        int count = in.count(RoomWire.MAX_MEMBERS, "vector");
        Map<Username, Long> vector = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (vector.put(in.username("sender"), in.counter("seq")) != null) {
                throw new RoomWireException(Problem.MALFORMED, "sender twice in the vector");
            }
        }
        return new SyncRequest(room, membershipVersion, vector);
    }

    private static SyncResponse readSyncResponse(WireReader in) throws RoomWireException {
        RoomId room = in.roomId();
        int count = in.count(RoomWire.MAX_SYNC_BATCH, "envelopes");
        List<Envelope> envelopes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            WireReader body = new WireReader(in.bytes(in.u16(), "envelope"));
            envelopes.add(readEnvelope(body));
            body.end();
        }
        return new SyncResponse(room, envelopes);
    }

    private static long epoch(WireReader in) throws RoomWireException {
        return positive(in, "epoch");
    }

    private static long bounded(WireReader in, String field) throws RoomWireException {
        long value = positive(in, field);
        if (value > RoomWire.MAX_COUNTER) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, field + " " + value);
        }
        return value;
    }

    private static long positive(WireReader in, String field) throws RoomWireException {
        long value = in.counter(field);
        if (value < 1) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, field + " 0");
        }
        return value;
    }
}
