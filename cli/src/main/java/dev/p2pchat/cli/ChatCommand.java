package dev.p2pchat.cli;

import dev.p2pchat.client.ChatClient;
import dev.p2pchat.client.ChatOptions;
import dev.p2pchat.client.DataDirectory;
import dev.p2pchat.client.event.EventSink;
import dev.p2pchat.client.event.JsonEventWriter;
import dev.p2pchat.client.identity.Identity;
import dev.p2pchat.client.identity.IdentityException;
import dev.p2pchat.client.identity.IdentityFile;
import dev.p2pchat.client.link.NoiseSessions;
import dev.p2pchat.client.link.PeerLinks;
import dev.p2pchat.client.link.TraversalLinks;
import dev.p2pchat.client.room.SqliteRoomStore;
import dev.p2pchat.client.store.ChatStore;
import dev.p2pchat.client.store.SqliteChatStore;
import dev.p2pchat.client.store.StoreException;
import dev.p2pchat.client.ui.TerminalUi;
import dev.p2pchat.client.ui.TextRenderer;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.UdpNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code p2pchat chat}: the client, as an interactive terminal UI or, with {@code --json}, as JSON lines
 * on stdout with messages read from stdin.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Chat with another user, end-to-end encrypted, directly over UDP when possible.",
      "Interactive by default; --json prints one JSON event per line and sends each stdin line."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done (in --json mode: every message was delivered)",
      "1:could not start (identity, data directory)",
      "2:invalid usage",
      "3:--json: some messages were not delivered within --linger (they stay queued)",
      "4:the server refused this client (name-taken: the name belongs to other keys)"
    })
public final class ChatCommand implements Callable<Integer> {
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_USAGE = 2;
  /** Incoming message ids are remembered this long (a sender retries for far less). */
  static final Duration DELIVERED_IDS_KEEP = Duration.ofDays(30);
  static final int DELIVERED_IDS_MAX = 100_000;

  /** Builds the peer links for one client: real UDP + sessions in production, in-memory in tests. */
  @FunctionalInterface
  interface LinksFactory {
    /** @param udp where the client's one UDP socket binds (wildcard address: all interfaces; port 0: any) */
    PeerLinks create(Identity identity, InetSocketAddress udp);
  }

  @Spec CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:5000",
      description = "Rendezvous server (default ${DEFAULT-VALUE}).")
  URI server;

  @Option(names = "--user", paramLabel = "NAME", description = "Your username (asked for when interactive).")
  String user;

  @Option(names = "--peer", paramLabel = "NAME", description = "Who to chat with (asked for when interactive).")
  String peer;

  @Option(names = "--json", description = "JSON lines on stdout; each stdin line is a message.")
  boolean json;

  @Option(names = "--accept-all", description = "Accept every incoming chat request without asking.")
  boolean acceptAll;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Keys and history (default ~/.p2pchat/USER).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Local UDP port (default: any).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
      description = "Local address of the UDP socket (default: all interfaces; their addresses are the host candidates).")
  InetAddress bind;

  @Option(names = "--linger", paramLabel = "SECONDS", defaultValue = "10",
      description = "--json: at end of input, wait this long for delivery receipts (default ${DEFAULT-VALUE}).")
  int lingerSeconds;

  private final LinksFactory links;
  private final InputStream stdin;
  private final PrintStream stdout;

  /** The production command: real UDP, traversal and the Noise session layer, on the process's stdin/stdout. */
  public ChatCommand() {
    this(ChatCommand::udpLinks, System.in, System.out);
  }

  /**
   * One UDP socket on {@code udp} for STUN, checks and sessions; the agent on its own loop,
   * each peer session on its own (see {@link NoiseSessions}).
   */
  static PeerLinks udpLinks(Identity identity, InetSocketAddress udp) {
    UdpNetwork network = udp.getAddress().isAnyLocalAddress() ? new UdpNetwork() : UdpNetwork.onAddress(udp.getAddress());
    return new TraversalLinks(network, udp, new ThreadTaskLoop("traversal"), AgentConfig.defaults(),
        NoiseSessions.onOwnThreads(), identity, new SecureRandom());
  }

  ChatCommand(LinksFactory links, InputStream stdin, PrintStream stdout) {
    this.links = links;
    this.stdin = stdin;
    this.stdout = stdout;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return json ? runJson() : runInteractive();
    } catch (UsageError e) {
      err.println("p2pchat chat: " + e.getMessage());
      return EXIT_USAGE;
    } catch (IdentityException | StoreException | IllegalArgumentException e) {
      err.println("p2pchat chat: " + e.getMessage());
      return EXIT_START_FAILED;
    }
  }

  private int runJson() {
    if (user == null) {
      throw new UsageError("--json needs --user NAME");
    }
    Username me = Username.normalize(user);
    Optional<Username> with = Optional.ofNullable(peer).map(Username::normalize);
    JsonEventWriter events = new JsonEventWriter(stdout);
    try (Session session = open(me, events)) {
      // Lines are queued in the outbox at once; they go out when the login (and a link) is up.
      var login = session.client.start(with);
      int exit = new JsonChat(session.client, events, Duration.ofSeconds(lingerSeconds), with).run(stdin);
      // A refusal has its own code; a login that failed otherwise could not start.
      return login.isCompletedExceptionally() && exit != JsonChat.EXIT_REFUSED ? EXIT_START_FAILED : exit;
    }
  }

  private int runInteractive() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Username me = Username.normalize(user != null ? user : TerminalUi.ask(terminal, "Your username: ")
          .orElseThrow(() -> new UsageError("no username given")));
      Optional<Username> with = Optional.ofNullable(peer)
          .or(() -> TerminalUi.ask(terminal, "Chat with (empty: wait for requests): ").filter(s -> !s.isEmpty()))
          .map(Username::normalize);
      TerminalUi ui = new TerminalUi(terminal, new TextRenderer(ZoneId.systemDefault()), me);
      try (Session session = open(me, ui)) {
        ui.attach(session.client);
        session.client.start(with); // login failures and retries show up as events in the UI
        session.client.refused().thenAccept(ui::stop);
        ui.run();
        return session.client.refused().isDone() ? JsonChat.EXIT_REFUSED : 0;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("no usable terminal (" + e.getMessage() + "); use --json");
    }
  }

  /** Identity, store, links and client of one run, closed together. */
  private Session open(Username me, EventSink events) {
    Path dir = DataDirectory.resolve(dataDir, me.value());
    Identity identity = IdentityFile.loadOrCreate(dir, me, new SecureRandom());
    ChatStore store = SqliteChatStore.open(dir.resolve(ChatStore.FILE_NAME));
    store.pruneDeliveredIds(Instant.now().minus(DELIVERED_IDS_KEEP), DELIVERED_IDS_MAX);
    PeerLinks peerLinks = links.create(identity, new InetSocketAddress(bind, port));
    ChatOptions options = ChatOptions.defaults(server).withAcceptAll(acceptAll);
    // Rooms live in the same database file as the 1:1 history, in their own tables.
    SqliteRoomStore rooms = SqliteRoomStore.open(dir.resolve(ChatStore.FILE_NAME));
    return new Session(new ChatClient(identity, store, peerLinks, events, options, rooms), store, rooms);
  }

  private record Session(ChatClient client, ChatStore store, SqliteRoomStore rooms) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
      rooms.close();
      store.close();
    }
  }

  private static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }

}
