package dev.p2pchat.protocol.reliable;

/** What {@link ReliableStream#send} did with a message. */
public enum SendResult {
    /** Queued; a {@link StreamEvent.MessageAcknowledged} follows when the peer has it. */
    ACCEPTED,
    /** The queue behind the send window is full: keep the message in the outbox and retry after an ACK. */
    QUEUE_FULL,
    /** Longer than {@link StreamConfig#maxMessageBytes()}: it will never be accepted. */
    TOO_LARGE,
    /** The stream is closed: send the message in the next session. */
    CLOSED
}
