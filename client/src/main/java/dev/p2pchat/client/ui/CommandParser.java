package dev.p2pchat.client.ui;

import dev.p2pchat.client.RoomCommand;
import dev.p2pchat.protocol.identity.Username;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a typed line into a {@link UiCommand}. A line starting with {@code /} is a command; to send
 * a message that starts with a slash, double it ({@code //shrug} sends {@code /shrug}).
 */
public final class CommandParser {
  public static final int DEFAULT_HISTORY = 20;
  public static final int MAX_HISTORY = 1000;

  public static final String HELP =
      """
      Type a message and press Enter to send it to the current peer. Commands:
        /chat NAME      chat with NAME (asks the server for NAME's keys, then connects)
        /accept [NAME]  accept an incoming chat request    /decline [NAME]  decline it
        /status         connection, path, round-trip time and trust of the current chat
        /history [N]    the last N messages (default 20)
        /fingerprint    your fingerprint and the peer's, to compare out of band
        /verify         mark the peer verified after the fingerprints matched
        /trust          accept the peer's changed keys (after a key-change warning)
        /room create NAME  a new room (you are its admin)  /invite USER  /remove USER  (admins)
        /join ROOM      accept an invitation                /leave  leave the current room
        /members        who is in the current room          /rooms  your rooms and invitations
        /switch ROOM    lines go to that room (/switch USER: back to a 1:1 chat)
        /help           this text                           /quit  leave (also Ctrl-D)""";

  private CommandParser() {}

  public static UiCommand parse(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return new UiCommand.Empty();
    }
    if (trimmed.startsWith("//")) {
      return new UiCommand.Say(trimmed.substring(1));
    }
    if (!trimmed.startsWith("/")) {
      return new UiCommand.Say(line.strip());
    }
    String[] words = trimmed.substring(1).split("\\s+", 2);
    String argument = words.length > 1 ? words[1].strip() : "";
    return switch (words[0].toLowerCase(Locale.ROOT)) {
      case "help", "?" -> noArgument(argument, new UiCommand.Help());
      case "quit", "exit" -> noArgument(argument, new UiCommand.Quit());
      case "status" -> noArgument(argument, new UiCommand.Status());
      case "fingerprint" -> noArgument(argument, new UiCommand.Fingerprint());
      case "trust" -> noArgument(argument, new UiCommand.Trust());
      case "verify" -> noArgument(argument, new UiCommand.Verify());
      case "history" -> history(argument);
      case "chat" -> chat(argument);
      case "accept" -> optionalUser(argument, UiCommand.Accept::new);
      case "decline" -> optionalUser(argument, UiCommand.Decline::new);
      case "room" -> room(argument);
      case "invite" -> userArgument(argument, "/invite USER", u -> new UiCommand.Room(new RoomCommand.Invite(u)));
      case "remove" -> userArgument(argument, "/remove USER", u -> new UiCommand.Room(new RoomCommand.Remove(u)));
      case "join" -> argument.isEmpty() ? invalid("usage: /join ROOM") : new UiCommand.Room(new RoomCommand.Join(argument));
      case "switch" -> argument.isEmpty() ? invalid("usage: /switch ROOM or /switch USER")
          : new UiCommand.Room(new RoomCommand.Switch(argument));
      case "leave" -> noArgument(argument, new UiCommand.Room(new RoomCommand.Leave()));
      case "members" -> noArgument(argument, new UiCommand.Room(new RoomCommand.Members()));
      case "rooms" -> noArgument(argument, new UiCommand.Room(new RoomCommand.ListRooms()));
      default -> invalid("unknown command /" + words[0] + " (try /help)");
    };
  }

  /** True for lines that are room commands; the JSON mode treats only those as commands. */
  public static boolean isRoomCommand(String line) {
    return parse(line) instanceof UiCommand.Room;
  }

  private static UiCommand room(String argument) {
    String[] words = argument.split("\\s+", 2);
    if (!words[0].equalsIgnoreCase("create") || words.length < 2 || words[1].isBlank()) {
      return invalid("usage: /room create NAME");
    }
    return new UiCommand.Room(new RoomCommand.Create(words[1].strip()));
  }

  private static UiCommand userArgument(String argument, String usage, Function<Username, UiCommand> command) {
    if (argument.isEmpty()) {
      return invalid("usage: " + usage);
    }
    Optional<Username> user = user(argument);
    return user.isPresent() ? command.apply(user.get()) : invalid("not a valid username: " + argument);
  }

  private static UiCommand history(String argument) {
    if (argument.isEmpty()) {
      return new UiCommand.History(DEFAULT_HISTORY);
    }
    try {
      int count = Integer.parseInt(argument);
      if (count < 1 || count > MAX_HISTORY) {
        return invalid("/history takes a number from 1 to " + MAX_HISTORY);
      }
      return new UiCommand.History(count);
    } catch (NumberFormatException e) {
      return invalid("/history takes a number, not '" + argument + "'");
    }
  }

  private static UiCommand chat(String argument) {
    if (argument.isEmpty()) {
      return invalid("usage: /chat NAME");
    }
    Optional<Username> user = user(argument);
    return user.isPresent() ? new UiCommand.Chat(user.get()) : invalid("not a valid username: " + argument);
  }

  private static UiCommand optionalUser(
      String argument, Function<Optional<Username>, UiCommand> command) {
    if (argument.isEmpty()) {
      return command.apply(Optional.empty());
    }
    Optional<Username> user = user(argument);
    return user.isPresent() ? command.apply(user) : invalid("not a valid username: " + argument);
  }

  private static Optional<Username> user(String typed) {
    String lower = typed.toLowerCase(Locale.ROOT);
    return Username.isValid(lower) ? Optional.of(Username.of(lower)) : Optional.empty();
  }

  private static UiCommand noArgument(String argument, UiCommand command) {
    return argument.isEmpty() ? command : invalid("this command takes no argument");
  }

  private static UiCommand invalid(String problem) {
    return new UiCommand.Invalid(problem);
  }
}
