package dev.p2pchat.server.stun;

import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.turn.ChannelData;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.protocol.turn.ChannelDataParseException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts each datagram that reaches a STUN socket, by its first byte as RFC 7983 does: ChannelData
 * (0x40-0x4F) and non-Binding STUN go to the relay handler if there is one, Binding goes to the {@link
 * BindingResponder}, the rest is dropped. Every datagram is counted once in {@link StunServerStats}.
 * Drops are logged at debug level only: whoever sends junk learns nothing and fills no log.
 */
final class PacketDispatcher {
  private static final Logger log = LoggerFactory.getLogger(PacketDispatcher.class);

  /** Sends a datagram from one of the server's endpoints. */
  interface Sender {
    void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram);
  }

  private final BindingResponder responder;
  private final Optional<RelayHandler> relay;
  private final StunServerStats stats;
  private final Sender sender;

  PacketDispatcher(BindingResponder responder, Optional<RelayHandler> relay, StunServerStats stats, Sender sender) {
    this.responder = responder;
    this.relay = relay;
    this.stats = stats;
    this.sender = sender;
  }

  /** Handles one datagram, {@code buf[0, length)}, from {@code client} received on {@code local}. */
  void handle(byte[] buf, int length, InetSocketAddress client, InetSocketAddress local) {
    stats.received();
    if (ChannelDataCodec.looksLikeChannelData(buf, 0, length)) {
      channelData(buf, length, client, local);
      return;
    }
    StunMessage message;
    try {
      message = Stun.decode(buf, 0, length);
    } catch (StunParseException e) {
      drop(true, client, e.getMessage());
      return;
    }
    if (message.type().isBinding()) {
      act(responder.respond(message, buf, length, client, local), client);
    } else if (relay.isPresent()) {
      stats.relayed();
      relay.get().onStun(message, Arrays.copyOf(buf, length), client, responderFor(local));
    } else {
      drop(false, client, message.type() + " without a relay");
    }
  }

  private void channelData(byte[] buf, int length, InetSocketAddress client, InetSocketAddress local) {
    ChannelData data;
    try {
      data = ChannelDataCodec.decode(buf, 0, length);
    } catch (ChannelDataParseException e) {
      drop(true, client, e.getMessage());
      return;
    }
    if (relay.isPresent()) {
      stats.relayed();
      relay.get().onChannelData(data, client, responderFor(local));
    } else {
      drop(false, client, "ChannelData without a relay");
    }
  }

  private void act(Outcome outcome, InetSocketAddress client) {
    switch (outcome) {
      case Outcome.Reply reply -> {
        stats.answered();
        sender.send(reply.from(), reply.to(), reply.datagram());
      }
      case Outcome.Accepted accepted -> stats.indication();
      case Outcome.Dropped dropped -> drop(dropped.malformed(), client, dropped.why());
    }
  }

  private void drop(boolean malformed, InetSocketAddress client, String why) {
    if (malformed) {
      stats.droppedMalformed();
    } else {
      stats.droppedOther();
    }
    log.debug("dropped a datagram from {}: {}", client, why);
  }

  private RelayHandler.Responder responderFor(InetSocketAddress local) {
    return new RelayHandler.Responder() {
      @Override
      public InetSocketAddress localAddress() {
        return local;
      }

      @Override
      public void send(InetSocketAddress to, byte[] datagram) {
        sender.send(local, to, datagram);
      }
    };
  }
}
