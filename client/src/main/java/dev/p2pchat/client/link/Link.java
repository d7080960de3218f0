package dev.p2pchat.client.link;

import java.util.UUID;

/** An established (or establishing) encrypted, reliable, exactly-once message link to one peer. */
public interface Link {

  /**
   * Sends {@code payload} as message {@code id}; its acknowledgement arrives as
   * {@link LinkListener#onDelivered}. Any thread. Sending before establishment queues.
   */
  void send(UUID id, byte[] payload);

  LinkStatus status();

  /** Ends the link; unacknowledged messages stay in the client's outbox. */
  void close();
}
