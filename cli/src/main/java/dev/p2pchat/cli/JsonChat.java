package dev.p2pchat.cli;

import dev.p2pchat.client.ChatClient;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.ui.CommandParser;
import dev.p2pchat.client.ui.UiCommand;
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
 * The {@code --json} front end's input side: every stdin line is a message to the current peer (or
 * room), except room commands ({@code /room create NAME}, {@code /invite USER}, ... as in the terminal
 * UI), which are carried out; at the
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
  /** Written by the stdin thread, read after it finished. */
  private volatile boolean roomsUsed;

  /** @param peer the {@code --peer}, if given: the client sets it as current on its own loop, later */
  JsonChat(ChatClient client, EventSink events, Duration linger, Optional<Username> peer) {
    this.client = client;
    this.events = events;
    this.linger = linger;
    this.peer = peer;
  }

  /**
   * Room messages have no per-message receipt (members catch up from each other), so a run that used
   * rooms stays up for {@code linger}, long enough for the fan-out and a few sync rounds, then exits 0.
   */
  private int lingerForRooms() {
    try {
      Thread.sleep(linger);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return EXIT_OK;
  }

  /**
   * Sends stdin line by line (room command lines are carried out); returns the exit code. Stdin is read
   * on its own thread, so that a refusal by the server ends the run at once, even while a line is still
   * awaited.
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
    if (roomsUsed || client.currentRoom().isPresent()) {
      return lingerForRooms();
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
        if (CommandParser.parse(line) instanceof UiCommand.Room room) {
          client.room(room.command());
          roomsUsed = true;
        } else if (!line.isBlank()) {
          client.send(line);
        }
      }
    } catch (IOException e) {
      events.emit(new ChatEvent.Error("reading stdin failed: " + e.getMessage()));
    }
  }
}
