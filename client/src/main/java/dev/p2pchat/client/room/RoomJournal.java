package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.Envelope;
import dev.p2pchat.protocol.room.MembershipChange;
import dev.p2pchat.protocol.room.RoomId;
import dev.p2pchat.protocol.room.RoomMessage.EpochKey;

/**
 * Where a replica writes what it must not lose: membership changes, envelopes and sender keys. The
 * replica calls it before it reports the step, so a crash after a send never forgets the message.
 * {@link RoomStore} is the durable one.
 */
public interface RoomJournal {
  void change(RoomId room, MembershipChange change);

  void envelope(RoomId room, Envelope envelope);

  void key(RoomId room, Username sender, EpochKey key);

  /** Keeps nothing: for tests and for replaying a store into a replica. */
  RoomJournal NONE = new RoomJournal() {
    @Override
    public void change(RoomId room, MembershipChange change) {}

    @Override
    public void envelope(RoomId room, Envelope envelope) {}

    @Override
    public void key(RoomId room, Username sender, EpochKey key) {}
  };
}
