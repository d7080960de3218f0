package dev.p2pchat.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.chat.ConnectSignal;
import dev.p2pchat.client.event.ChatEvent;
import dev.p2pchat.client.signalling.ErrorCode;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.client.signalling.SignallingException;
import dev.p2pchat.client.signalling.SignallingListener;
import dev.p2pchat.protocol.identity.Username;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The signalling client's callbacks for a {@link ChatClient}, each moved onto the client's loop. */
final class ServerEvents implements SignallingListener {
  private static final Logger log = LoggerFactory.getLogger(ServerEvents.class);

  private final ChatClient client;

  ServerEvents(ChatClient client) {
    this.client = client;
  }

  @Override
  public void onConnected(ServerMessage.Welcome welcome) {
    client.post(() -> {
      client.serverOnline(true);
      client.links().useServers(welcome);
      if (client.firstLogin()) {
        client.links().publicAddress().whenComplete((address, error) -> client.events().emit(
            new ChatEvent.Ready(client.identity().user(), error == null ? address : Optional.empty())));
      } else {
        client.events().emit(new ChatEvent.Registered(client.identity().user()));
      }
      // Whatever waits in the outbox (also from before a restart) goes out now that peers can be
      // reached again; chats that waited for the server try again at once. Established links are
      // untouched (connect skips busy chats): they never needed the server.
      for (String conversation : client.store().conversationsWithOutbox()) {
        if (Username.isValid(conversation)) {
          client.want(client.peer(Username.of(conversation)));
        }
      }
      client.currentPeer().ifPresent(peer -> client.connector().connect(client.peer(peer)));
      client.wantedPeers().forEach(client.connector()::connect);
    });
  }

  @Override
  public void onReconnecting(String reason, Duration retryIn) {
    client.post(() -> {
      client.serverOnline(false);
      client.events().emit(new ChatEvent.Reconnecting(reason, retryIn));
    });
  }

  @Override
  public void onSignal(Username from, ObjectNode payload) {
    client.post(() -> {
      ConnectSignal signal;
      try {
        signal = client.signals().decode(payload);
      } catch (IllegalArgumentException e) {
        log.debug("dropped a signal from {}: {}", from, e.getMessage());
        return;
      }
      client.connector().signalled(client.peer(from), signal);
    });
  }

  @Override
  public void onPresence(Username user, boolean online) {
    client.post(() -> {
      client.events().emit(new ChatEvent.Presence(user, online));
      client.rooms().presence(user, online);
      client.existing(user)
          .filter(chat -> online && chat.wanted && !chat.busy())
          .ifPresent(chat -> client.connector().connect(chat));
    });
  }

  @Override
  public void onFatal(SignallingException.ServerError error) {
    client.post(() -> {
      String hint = error.code() == ErrorCode.NAME_TAKEN
          ? " (this username belongs to other keys: pick another name or use your own data directory)"
          : "";
      String reason = "the server refused this client: " + error.getMessage() + hint;
      client.events().emit(new ChatEvent.Error(reason));
      client.refuse(reason);
      client.serverOnline(false); // after refuse: a front end waiting for the server's answer sees the refusal
    });
  }
}
