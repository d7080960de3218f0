package dev.p2pchat.client.event;

/** Where the chat client sends its {@link ChatEvent}s: the JSON writer or the terminal UI. */
@FunctionalInterface
public interface EventSink {
  /** Must be thread-safe and must not block for long: called from the client's threads. */
  void emit(ChatEvent event);

  /**
   * The client's status snapshot changed (after every state change, and when the link's path or
   * round-trip time moves). For the terminal's status line; the JSON mode reports events only.
   */
  default void status(dev.p2pchat.client.ChatStatus snapshot) {}
}
