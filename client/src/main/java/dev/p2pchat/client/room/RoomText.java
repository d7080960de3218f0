package dev.p2pchat.client.room;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.OrderKey;
import java.nio.charset.StandardCharsets;

/** One decrypted room message, at its place in the room's order. */
public record RoomText(OrderKey key, long epoch, byte[] plaintext) {
  public RoomText {
    plaintext = plaintext.clone();
  }

  public Username sender() {
    return key.sender();
  }

  public String text() {
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RoomText that && key.equals(that.key) && java.util.Arrays.equals(plaintext, that.plaintext);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return "RoomText[" + key + "]";
  }
}
