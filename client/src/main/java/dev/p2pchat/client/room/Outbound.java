package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomMessage;

/** A room message to hand to the 1:1 session with {@code to}. */
public record Outbound(Username to, RoomMessage message) {}
