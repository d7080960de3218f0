package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;

/**
 * How rooms reach a member: the chat engine's 1:1 path (session, outbox and reconnection). The
 * payload is an opaque stream message whose first byte marks it as room traffic
 * ({@code RoomWire.isRoomPayload}); the engine hands such payloads from peers to
 * {@link Rooms#onPayload}.
 */
public interface RoomTransport {
  void send(Username to, byte[] payload);
}
