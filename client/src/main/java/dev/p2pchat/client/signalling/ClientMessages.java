package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.Username;
import java.util.Collection;

/** Pure codec: the JSON text of each message the client sends (docs/api.md). */
public final class ClientMessages {
  private final ObjectMapper json;

  public ClientMessages(ObjectMapper json) {
    this.json = json;
  }

  public String hello(Username user, PublicKeys keys, byte[] signature) {
    ObjectNode hello = message("hello");
    hello.put("user", user.value());
    hello.put("signing_key", keys.signing().toText());
    hello.put("dh_key", keys.dh().toText());
    hello.put("signature", Base64Url.encode(signature));
    return write(hello);
  }

  public String lookup(String id, Username user) {
    return write(message("lookup").put("id", id).put("user", user.value()));
  }

  public String watch(Collection<Username> users) {
    return usersMessage("watch", users);
  }

  public String unwatch(Collection<Username> users) {
    return usersMessage("unwatch", users);
  }

  public String signal(String id, Username to, ObjectNode payload) {
    ObjectNode signal = message("signal").put("id", id).put("to", to.value());
    signal.set("payload", payload);
    return write(signal);
  }

  public String ping() {
    return write(message("ping"));
  }

  /** The encoded size of a payload, to check it against the server's 16 KiB limit before sending. */
  public int encodedSize(ObjectNode payload) {
    return write(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private String usersMessage(String type, Collection<Username> users) {
    ObjectNode message = message(type);
    ArrayNode array = message.putArray("users");
    users.forEach(user -> array.add(user.value()));
    return write(message);
  }

  private ObjectNode message(String type) {
    return json.createObjectNode().put("type", type);
  }

  private String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
