package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import java.util.List;
import java.util.Map;

/** One room message inside a 1:1 stream message; {@link RoomCodec} reads and writes them. */
public sealed interface RoomMessage permits Envelope, RoomMessage.MembershipUpdate, RoomMessage.SenderKeys,
        RoomMessage.SyncRequest, RoomMessage.SyncResponse, RoomMessage.KeyRequest {
    RoomId room();

    /** Changes of the membership chain: a whole chain with an invitation, a suffix in a sync. */
    record MembershipUpdate(RoomId room, List<MembershipChange> changes) implements RoomMessage {
        public MembershipUpdate {
            changes = List.copyOf(changes);
        }
    }

    /** A member's sender keys, sent only inside a 1:1 session to a reader of those epochs. */
    record SenderKeys(RoomId room, Username sender, List<EpochKey> keys) implements RoomMessage {
        public SenderKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * One epoch's sender key, and the sender's first seq under it: a member who joined then knows
     * that the sender's earlier messages are not meant for it, so its version vector starts there.
     */
    record EpochKey(long epoch, long firstSeq, SenderKey key) {}

    /** "I hold the membership up to this version and every sender's envelopes up to these seqs." */
    record SyncRequest(RoomId room, long membershipVersion, Map<Username, Long> vector) implements RoomMessage {
        public SyncRequest {
            vector = Map.copyOf(vector);
        }
    }

    /** Envelopes the requester lacked, as their authors sealed and signed them. */
    record SyncResponse(RoomId room, List<Envelope> envelopes) implements RoomMessage {
        public SyncResponse {
            envelopes = List.copyOf(envelopes);
        }
    }

    /** Asks {@code sender} (the recipient of this request) for its key of {@code epoch}. */
    record KeyRequest(RoomId room, Username sender, long epoch) implements RoomMessage {}
}
