package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.StunConstants;
import java.util.Locale;

/**
 * A TURN URI of RFC 7065 §3, UDP only: {@code turn:HOST[:PORT][?transport=udp]}, HOST a name, an IPv4
 * address or a bracketed IPv6 address. {@link #toString()} gives the form clients get in {@code welcome}.
 */
public record TurnUrl(String host, int port) {

  public TurnUrl {
    if (host.isEmpty() || host.contains("/") || host.contains("@") || host.contains("?")) {
      throw new IllegalArgumentException("not a TURN host: " + host);
    }
    if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
      throw new IllegalArgumentException("an IPv6 host goes in brackets: [" + host + "]");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("TURN port out of range: " + port);
    }
  }

  /** Parses a configured URL; IllegalArgumentException naming what is wrong. */
  public static TurnUrl parse(String text) {
    String rest = text.strip();
    if (!rest.toLowerCase(Locale.ROOT).startsWith("turn:")) {
      throw new IllegalArgumentException("a TURN URL starts with turn: (turns: is not supported): " + text);
    }
    rest = rest.substring("turn:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      String q = rest.substring(query + 1).toLowerCase(Locale.ROOT);
      if (!q.equals("transport=udp")) {
        throw new IllegalArgumentException("only ?transport=udp is supported: " + text);
      }
      rest = rest.substring(0, query);
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [ in " + text);
      }
      host = rest.substring(0, close + 1);
      if (close + 1 < rest.length()) {
        if (rest.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("bad TURN URL: " + text);
        }
        port = rest.substring(close + 2);
      }
    } else {
      int colon = rest.lastIndexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      port = colon < 0 ? null : rest.substring(colon + 1);
    }
    try {
      return new TurnUrl(host, port == null ? StunConstants.DEFAULT_PORT : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in TURN URL: " + text);
    }
  }

  /** For a host and port as in {@code advertise_stun} ("198.18.0.10:3478", "[2001:db8::1]:3478"). */
  public static TurnUrl ofHostPort(String hostPort) {
    return parse("turn:" + hostPort);
  }

  @Override
  public String toString() {
    return "turn:" + host + ":" + port + "?transport=udp";
  }
}
