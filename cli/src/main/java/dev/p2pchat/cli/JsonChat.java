package dev.p2pchat.cli;

import dev.p2pchat.client.ChatClient;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.protocol.identity.Username;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code --json} front end's input side: every stdin line is a message to the current peer; at the
 * end of input it waits (at most {@code linger}) until the peer acknowledged every message, so that a
 * script's exit code says whether its messages arrived.
 */
final class JsonChat {
  static final int EXIT_OK = 0;
  static final int EXIT_UNDELIVERED = 3;
  /** The server refused this client for good (name-taken: the name belongs to other keys). */
  static final int EXIT_REFUSED = 4;

  private final ChatClient client;
  private final EventSink events;
  private final Duration linger;
  private final Optional<Username> peer;

  /** @param peer the {@code --peer}, if given: the client sets it as current on its own loop, later */
  JsonChat(ChatClient client, EventSink events, Duration linger, Optional<Username> peer) {
    this.client = client;
    this.events = events;
    this.linger = linger;
    this.peer = peer;
  }

  /**
   * Sends stdin line by line; returns the exit code. Stdin is read on its own thread, so that a refusal
   * by the server ends the run at once, even while a line is still awaited.
   */
  int run(InputStream stdin) {
    client.serverAnswered().join(); // a line read before a refusal would be stored as sent
    if (client.refused().isDone()) {
      return EXIT_REFUSED;
    }
    CompletableFuture<Void> input = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("json-stdin").start(() -> {
      readLines(stdin);
      input.complete(null);
    });
    CompletableFuture.anyOf(input, client.refused()).join();
    if (client.refused().isDone()) {
      return EXIT_REFUSED; // the error event said why
    }
    // Not client.currentPeer() alone: with a short stdin, the client's loop may not have taken --peer yet.
    Optional<Username> to = peer.or(client::currentPeer);
    if (to.isEmpty()) {
      return EXIT_OK;
    }
    CompletableFuture<Boolean> drained = client.drained(to.get(), linger);
    CompletableFuture.anyOf(drained, client.refused()).join();
    if (client.refused().isDone()) {
      return EXIT_REFUSED;
    }
    boolean delivered = drained.join();
    if (!delivered) {
      events.emit(new ChatEvent.Error("not every message to " + to.get() + " was delivered within "
          + linger.toSeconds() + " s; they stay in the outbox for the next run"));
    }
    return delivered ? EXIT_OK : EXIT_UNDELIVERED;
  }

  private void readLines(InputStream stdin) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          client.send(line);
        }
      }
    } catch (IOException e) {
      events.emit(new ChatEvent.Error("reading stdin failed: " + e.getMessage()));
    }
  }
}
