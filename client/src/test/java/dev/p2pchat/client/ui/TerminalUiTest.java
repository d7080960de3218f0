package dev.p2pchat.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.client.ChatActions;
import dev.p2pchat.client.ChatStatus;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.StoredMessage;
import dev.p2pchat.protocol.identity.Username;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The UI on a dumb terminal over byte streams: what a user types, what the client is asked to do. */
class TerminalUiTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final RecordingActions actions = new RecordingActions();

  private TerminalUi ui(String typed) throws Exception {
    return ui(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
  }

  private TerminalUi ui(InputStream keyboard) throws Exception {
    // A real dumb terminal, not TerminalBuilder's: that one picks a pty with an asynchronous pump.
    Terminal terminal = new DumbTerminal("test", "dumb", keyboard, screen, StandardCharsets.UTF_8);
    TerminalUi ui = new TerminalUi(terminal, new TextRenderer(ZoneOffset.UTC), ALICE);
    ui.attach(actions);
    return ui;
  }

  private String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void typedLinesBecomeActionsUntilQuit() throws Exception {
    TerminalUi ui = ui("/chat bob\nhello bob\n//not a command\n/verify\n/accept\n/decline carol\n/history 5\n/trust\n"
        + "/quit\nnever sent\n");

    ui.run();

    assertThat(actions.calls).containsExactly("chat bob", "send hello bob", "send /not a command", "verify",
        "accept Optional.empty", "decline Optional[carol]", "history 5", "trust");
  }

  @Test
  void stopEndsTheUiWhileItWaitsForALine() throws Exception {
    PipedOutputStream keyboard = new PipedOutputStream();
    TerminalUi ui = ui(new PipedInputStream(keyboard));
    java.util.concurrent.CompletableFuture<Void> ran = java.util.concurrent.CompletableFuture.runAsync(ui::run,
        runnable -> Thread.ofPlatform().daemon().start(runnable));
    keyboard.write("hi\n".getBytes(StandardCharsets.UTF_8));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> actions.calls.contains("send hi"));

    ui.stop("the server refused this client");

    ran.get(10, java.util.concurrent.TimeUnit.SECONDS); // the keyboard is still open
    assertThat(screen()).contains("the server refused this client");
  }

  @Test
  void endOfInputEndsTheUi() throws Exception {
    TerminalUi ui = ui("hi\n");

    ui.run();

    assertThat(actions.calls).containsExactly("send hi");
  }

  @Test
  void statusHelpAndErrorsArePrinted() throws Exception {
    ui("/status\n/help\n/bogus\n/quit\n").run();

    assertThat(screen()).contains("peer:   bob, connecting", "rtt:    unknown", "/history [N]", "unknown command /bogus");
  }

  @Test
  void eventsArePrintedAboveThePrompt() throws Exception {
    // A keyboard that types nothing but stays open: an input at its end may close the terminal.
    PipedOutputStream keys = new PipedOutputStream();
    TerminalUi ui = ui(new PipedInputStream(keys));

    ui.emit(new ChatEvent.MessageReceived(BOB, UUID.randomUUID(), "hello alice"));
    ui.emit(new ChatEvent.Incoming(Username.of("carol")));

    assertThat(screen()).contains("<bob> hello alice", "carol wants to chat");
  }

  @Test
  void thePromptNamesWhereALineGoes() throws Exception {
    ui("hi\n").run();
    assertThat(screen()).contains("alice → bob> ");

    screen.reset();
    actions.room = Optional.of(new ChatStatus.RoomView("friends", 3, 1));
    ui("hi all\n").run();
    assertThat(screen()).contains("alice #friends> ").doesNotContain("→ bob>");
  }

  @Test
  void fingerprintShowsBothSides() throws Exception {
    ui("/fingerprint\n").run();

    String[] lines = actions.identity.fingerprint().digitLines().split("\n");
    assertThat(screen()).contains("Your fingerprint (alice):", lines[0], lines[2]);
  }

  static final class RecordingActions implements ChatActions {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Identity identity = Identity.generate(ALICE, new SecureRandom());

    @Override public void send(String text) { calls.add("send " + text); }
    @Override public void chatWith(Username peer) { calls.add("chat " + peer); }
    @Override public void accept(Optional<Username> peer) { calls.add("accept " + peer); }
    @Override public void decline(Optional<Username> peer) { calls.add("decline " + peer); }
    @Override public void room(dev.p2pchat.client.RoomCommand command) { calls.add("room " + command); }
    @Override public List<StoredMessage> history(int count) { calls.add("history " + count); return List.of(); }
    @Override public Fingerprint ownFingerprint() { return identity.fingerprint(); }
    @Override public Optional<Contact> peerContact() { return Optional.empty(); }
    @Override public void trustPeer() { calls.add("trust"); }
    @Override public void verifyPeer() { calls.add("verify"); }

    volatile Optional<ChatStatus.RoomView> room = Optional.empty();

    @Override
    public ChatStatus status() {
      return new ChatStatus(ALICE, true, Optional.of(BOB), ChatStatus.PeerState.CONNECTING, Optional.empty(),
          Optional.empty(), Optional.empty(), ChatStatus.Trust.TOFU, 0).withRoom(room);
    }
  }
}
