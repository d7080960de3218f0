package dev.p2pchat.server.signal;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.registry.RegistryException;
import dev.p2pchat.server.registry.RegistryStore;
import dev.p2pchat.server.registry.UserRecord;
import dev.p2pchat.server.turn.TurnCredentialIssuer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does with each WebSocket message of one connection (docs/api.md): the state
 * machine is two states, before and after {@code welcome}. Independent of Jetty: it sees a
 * connection only through {@link ClientSocket}.
 */
public final class SignalDispatcher {
  private static final Logger log = LoggerFactory.getLogger(SignalDispatcher.class);

  private final RegistryStore registry;
  private final PresenceHub hub;
  private final Authenticator authenticator;
  private final InstantSource clock;
  private final Supplier<List<String>> stunServers;
  private final Function<Username, Optional<TurnCredentialIssuer.Issued>> turn;

  public SignalDispatcher(
      RegistryStore registry, PresenceHub hub, InstantSource clock, Supplier<List<String>> stunServers) {
    this(registry, hub, clock, stunServers, user -> Optional.empty());
  }

  /** @param turn TURN credentials for an authenticated user (empty: no relay advertised) */
  public SignalDispatcher(RegistryStore registry, PresenceHub hub, InstantSource clock,
                          Supplier<List<String>> stunServers, Function<Username, Optional<TurnCredentialIssuer.Issued>> turn) {
    this.registry = registry;
    this.hub = hub;
    this.authenticator = new Authenticator(registry, clock);
    this.clock = clock;
    this.stunServers = stunServers;
    this.turn = turn;
  }

  /** A socket opened: send its challenge. */
  public void opened(Connection conn) {
    conn.send(Replies.challenge(conn.nonce()));
  }

  /** One text message from {@code conn}. Never throws: every failure becomes an {@code error}. */
  public void handle(Connection conn, String text) {
    try {
      dispatch(conn, ClientMessageParser.parse(text));
    } catch (ApiException e) {
      conn.send(Replies.error(e));
    } catch (RegistryException e) {
      log.error("registry failure while serving {}", conn, e);
      conn.send(Replies.error(ErrorCode.INTERNAL, "the registry is unavailable, try again", null));
    }
  }

  /** The socket closed. */
  public void closed(Connection conn) {
    hub.detach(conn);
  }

  private void dispatch(Connection conn, ClientMessage message) {
    if (message instanceof ClientMessage.Hello hello) {
      hello(conn, hello);
      return;
    }
    if (!conn.isAuthenticated()) {
      throw new ApiException(ErrorCode.NOT_AUTHENTICATED, "send hello first", message.id());
    }
    try {
      switch (message) {
        case ClientMessage.Lookup m -> lookup(conn, m);
        case ClientMessage.Watch m -> watch(conn, m);
        case ClientMessage.Unwatch m -> hub.unwatch(conn, m.users());
        case ClientMessage.Signal m -> signal(conn, m);
        case ClientMessage.Ping m -> conn.send(Replies.pong(m.id()));
        case ClientMessage.TurnCredentialsRequest m -> conn.send(Replies.turnCredentials(m.id(), turn.apply(conn.user())));
        case ClientMessage.Hello m -> throw new IllegalStateException("handled above");
      }
    } catch (ApiException e) {
      throw e.withId(message.id());
    }
  }

  private void hello(Connection conn, ClientMessage.Hello hello) {
    if (conn.isAuthenticated()) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "already authenticated as " + conn.user(), hello.id());
    }
    boolean nonceValid = conn.redeemChallenge(clock.instant());
    var claim = new Authenticator.Claim(hello.user(), hello.signingKey(), hello.dhKey(), hello.signature());
    try {
      authenticator.authenticate(claim, conn.nonce(), nonceValid, "websocket " + conn.remoteAddress());
    } catch (ApiException e) {
      conn.send(Replies.error(e.withId(hello.id())));
      conn.close(SignalLimits.CLOSE_AUTH_FAILED, e.code().wire());
      return;
    }
    conn.authenticatedAs(hello.user());
    hub.attach(conn, Replies.welcome(hello.user(), clock.millis(), stunServers.get(), turn.apply(hello.user())));
  }

  private void lookup(Connection conn, ClientMessage.Lookup m) {
    UserRecord record = registry.find(m.user()).orElseThrow(() -> unknownUser(m.user()));
    conn.send(Replies.user(m.id(), record, hub.isOnline(m.user())));
  }

  private void watch(Connection conn, ClientMessage.Watch m) {
    List<Username> known = new ArrayList<>();
    for (Username user : m.users()) {
      if (registry.find(user).isPresent()) {
        known.add(user);
      } else {
        conn.send(Replies.errorAbout(ErrorCode.UNKNOWN_USER, "no user '" + user + "'", m.id(), user));
      }
    }
    for (Map.Entry<Username, Boolean> now : hub.watch(conn, known).entrySet()) {
      conn.send(Replies.presence(now.getKey(), now.getValue()));
    }
  }

  private void signal(Connection conn, ClientMessage.Signal m) {
    Connection peer = hub.connectionOf(m.to()).orElse(null);
    if (peer == null) {
      if (registry.find(m.to()).isEmpty()) {
        throw unknownUser(m.to());
      }
      throw new ApiException(ErrorCode.PEER_OFFLINE, "'" + m.to() + "' is not connected");
    }
    peer.send(Replies.signal(conn.user(), m.payload()));
    conn.send(Replies.sent(m.id()));
  }

  private static ApiException unknownUser(Username user) {
    return new ApiException(ErrorCode.UNKNOWN_USER, "no user '" + user + "'");
  }
}
