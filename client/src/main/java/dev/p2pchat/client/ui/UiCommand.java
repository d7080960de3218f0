package dev.p2pchat.client.ui;

import dev.p2pchat.client.RoomCommand;
import dev.p2pchat.protocol.identity.Username;
import java.util.Optional;

/** One line the user typed in the terminal UI: a command or a message. */
public sealed interface UiCommand {
  record Say(String text) implements UiCommand {}

  record Help() implements UiCommand {}

  record Quit() implements UiCommand {}

  record Status() implements UiCommand {}

  record History(int count) implements UiCommand {}

  record Fingerprint() implements UiCommand {}

  /** Accept the current peer's changed keys. */
  record Trust() implements UiCommand {}

  /** Mark the current peer verified after comparing fingerprints. */
  record Verify() implements UiCommand {}

  /** Start (or switch to) a chat with {@code peer}. */
  record Chat(Username peer) implements UiCommand {}

  /** Accept an incoming chat request (from {@code peer}, or the latest one). */
  record Accept(Optional<Username> peer) implements UiCommand {}

  /** Decline an incoming chat request. */
  record Decline(Optional<Username> peer) implements UiCommand {}

  /** A room command ({@code /room create}, {@code /invite}, {@code /join}, ...). */
  record Room(RoomCommand command) implements UiCommand {}

  /** Nothing to do (an empty line). */
  record Empty() implements UiCommand {}

  /** A command that could not be understood; {@code problem} says why, for the user. */
  record Invalid(String problem) implements UiCommand {}
}
