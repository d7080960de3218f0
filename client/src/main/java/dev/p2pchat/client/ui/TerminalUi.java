package dev.p2pchat.client.ui;

import dev.p2pchat.client.ChatActions;
import dev.p2pchat.client.ChatStatus;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.protocol.identity.Username;
import java.util.List;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The interactive front end: a JLine prompt with line editing and in-memory history (typed messages
 * are never written to a history file), events printed above the prompt, and a status line at the
 * bottom on terminals that support one. Commands are parsed by {@link CommandParser}, rendered by
 * {@link TextRenderer}, and carried out by {@link ChatActions}.
 */
public final class TerminalUi implements EventSink {
  private static final int DUMB_WIDTH = 200;
  private static final int DUMB_HEIGHT = 50;

  private final Terminal terminal;
  private final LineReader reader;
  private final TextRenderer renderer;
  private final Username user;
  private volatile ChatActions actions;
  private final Status status;
  private volatile boolean stopped;

  public TerminalUi(Terminal terminal, TextRenderer renderer, Username user) {
    this.terminal = terminal;
    if (terminal.getWidth() <= 0) {
      // A dumb terminal (a pipe, an editor's shell) reports no size; JLine would then elide the
      // prompt and the lines printed above it.
      terminal.setSize(new Size(DUMB_WIDTH, DUMB_HEIGHT));
    }
    this.renderer = renderer;
    this.user = user;
    this.reader = LineReaderBuilder.builder().terminal(terminal).appName("p2pchat").build();
    this.status = Status.getStatus(terminal, true);
  }

  /** Asks a question on {@code terminal} before the chat starts (username, peer); empty on EOF. */
  public static Optional<String> ask(Terminal terminal, String question) {
    LineReader asker = LineReaderBuilder.builder().terminal(terminal).build();
    try {
      return Optional.of(asker.readLine(question).strip());
    } catch (EndOfFileException | UserInterruptException e) {
      return Optional.empty();
    }
  }

  /** Connects the UI to the client it controls (the client is built after the UI, as its sink). */
  public void attach(ChatActions chat) {
    this.actions = chat;
    refreshStatus();
  }

  /** Reads and carries out lines until {@code /quit}, Ctrl-D, Ctrl-C or {@link #stop}. */
  public void run() {
    print(renderer.event(new ChatEvent.Ready(user, Optional.empty())).orElseThrow() + " — /help for commands");
    while (!stopped) {
      String line;
      try {
        line = reader.readLine(prompt());
      } catch (EndOfFileException | UserInterruptException e) {
        return;
      }
      if (!handle(CommandParser.parse(line))) {
        return;
      }
    }
  }

  /**
   * Ends {@link #run} from another thread, also while it waits for a line (the server refused this
   * client: typing on would only pretend to send). The line reader takes the interrupt as Ctrl-C.
   */
  public void stop(String why) {
    stopped = true;
    print("* exiting: " + why);
    terminal.raise(Terminal.Signal.INT);
  }

  /** Carries out one command; false when the user wants to leave. */
  boolean handle(UiCommand command) {
    ChatActions chat = actions;
    switch (command) {
      case UiCommand.Quit q -> {
        return false;
      }
      case UiCommand.Empty e -> { }
      case UiCommand.Help h -> print(CommandParser.HELP);
      case UiCommand.Invalid i -> print("! " + i.problem());
      case UiCommand.Say say -> chat.send(say.text());
      case UiCommand.Status s -> print(renderer.statusDetail(chat.status()));
      case UiCommand.History h -> print(renderer.history(chat.history(h.count())));
      case UiCommand.Fingerprint f -> print(renderer.fingerprints(user, chat.ownFingerprint(), chat.peerContact()));
      case UiCommand.Trust t -> chat.trustPeer();
      case UiCommand.Verify v -> chat.verifyPeer();
      case UiCommand.Chat c -> chat.chatWith(c.peer());
      case UiCommand.Accept a -> chat.accept(a.peer());
      case UiCommand.Decline d -> chat.decline(d.peer());
      case UiCommand.Room r -> chat.room(r.command());
    }
    refreshStatus();
    return true;
  }

  @Override
  public void emit(ChatEvent event) {
    renderer.event(event).ifPresent(this::print);
    refreshStatus();
  }

  /** Redraws the status line with the client's new snapshot (after every state change). */
  @Override
  public void status(ChatStatus snapshot) {
    if (status != null) {
      synchronized (reader) {
        status.update(List.of(new AttributedString(renderer.status(snapshot))));
      }
    }
  }

  /** {@code alice → bob> } with a current peer, {@code alice #friends> } in a room (which takes the lines). */
  private String prompt() {
    ChatActions chat = actions;
    if (chat == null) {
      return user + "> ";
    }
    ChatStatus status = chat.status();
    return user + status.room().map(room -> " #" + TextRenderer.printable(room.name()))
        .orElseGet(() -> status.peer().map(p -> " → " + p).orElse("")) + "> ";
  }

  private void print(String text) {
    synchronized (reader) {
      for (String line : text.split("\n", -1)) {
        reader.printAbove(line);
      }
      terminal.flush();
    }
  }

  private void refreshStatus() {
    ChatActions chat = actions;
    if (status != null && chat != null) {
      status.update(List.of(new AttributedString(renderer.status(chat.status()))));
    }
  }

  /** The terminal this UI draws on. */
  public Terminal terminal() {
    return terminal;
  }
}
