package dev.p2pchat.client.event;

/** Where the chat client sends its {@link ChatEvent}s: the JSON writer or the terminal UI. */
@FunctionalInterface
public interface EventSink {
  /** Must be thread-safe and must not block for long: called from the client's threads. */
  void emit(ChatEvent event);
}
