package dev.p2pchat.client.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client's messages inside a signalling {@code payload} (docs/api.md leaves it to the client).
 * Each names the connection {@code attempt} it belongs to, so late answers to abandoned attempts are
 * recognised and ignored.
 *
 * <pre>
 *   {"kind":"offer",  "v":1, "attempt":"…", "description":{…}}
 *   {"kind":"answer", "v":1, "attempt":"…", "description":{…}}
 *   {"kind":"decline","v":1, "attempt":"…", "reason":"…"}
 * </pre>
 */
public sealed interface ConnectSignal {
  int VERSION = 1;

  String attempt();

  record Offer(String attempt, ObjectNode description) implements ConnectSignal {}

  record Answer(String attempt, ObjectNode description) implements ConnectSignal {}

  record Decline(String attempt, String reason) implements ConnectSignal {}
}
