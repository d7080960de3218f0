package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;
import java.util.List;
import java.util.Map;

/** What a store holds of one room: enough to rebuild its replica with {@link RoomReplica#restore}. */
public record StoredRoom(List<MembershipChange> chain, Map<Username, List<EpochKey>> keys, List<Envelope> envelopes) {
  public StoredRoom {
    chain = List.copyOf(chain);
    keys = Map.copyOf(keys);
    envelopes = List.copyOf(envelopes);
  }
}
