package dev.p2pchat.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.p2pchat.server.signal.ClientSocket;
import dev.p2pchat.server.signal.Json;
import java.util.ArrayList;
import java.util.List;

/** A {@link ClientSocket} that records what the server sent, for tests without Jetty. */
public final class RecordingSocket implements ClientSocket {
  private final List<JsonNode> sent = new ArrayList<>();
  private Integer closeCode;

  @Override
  public synchronized void send(String text) {
    sent.add(Json.parseObject(text));
  }

  @Override
  public synchronized void close(int code, String reason) {
    closeCode = code;
  }

  @Override
  public String remoteAddress() {
    return "192.0.2.1";
  }

  /** Everything sent so far, and forgets it. */
  public synchronized List<JsonNode> drain() {
    List<JsonNode> out = List.copyOf(sent);
    sent.clear();
    return out;
  }

  public synchronized Integer closeCode() {
    return closeCode;
  }
}
