package dev.p2pchat.protocol.reliable;

import java.util.Arrays;

/** What {@link ReliableStream#receive} reports to the application. */
public sealed interface StreamEvent {
    /**
     * A message from the peer, in order, for the first time ever (as far as {@link DeliveredIds}
     * remembers). Store it before the next {@link ReliableStream#collect}: that call may acknowledge it.
     */
    record MessageReceived(MessageId id, byte[] payload) implements StreamEvent {
        public MessageReceived {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageReceived m && m.id.equals(id) && Arrays.equals(m.payload, payload);
        }

        @Override
        public int hashCode() {
            return id.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "MessageReceived[id=" + id + ", " + payload.length + " bytes]"; // chat text stays out of logs
        }
    }

    /** The peer has delivered this message to its application: it may leave the outbox. */
    record MessageAcknowledged(MessageId id) implements StreamEvent {}

    /** The peer closed the stream; unacknowledged messages wait for the next session. */
    record PeerClosed(CloseReason reason) implements StreamEvent {}

    /** A packet was not a valid sequence of frames and was dropped whole (for debug logging). */
    record PacketDropped(DecodeError error) implements StreamEvent {}
}
