package dev.p2pchat.traversal.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A TURN URI as signalling hands it out (RFC 7065 §3, UDP only): {@code turn:HOST[:PORT][?transport=udp]},
 * HOST a name, an IPv4 address or a bracketed IPv6 address; the port defaults to 3478.
 */
public record TurnUri(String host, int port) {
    /** RFC 8656 §3.1: TURN over UDP listens on 3478 unless told otherwise. */
    public static final int DEFAULT_PORT = 3478;

    public TurnUri {
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TURN server: " + host + ":" + port);
        }
    }

    /** Parses {@code text}; IllegalArgumentException naming the problem (turns:, TCP, no host, bad port). */
    public static TurnUri parse(String text) {
        String rest = text.strip();
        if (!rest.toLowerCase(Locale.ROOT).startsWith("turn:")) {
            throw new IllegalArgumentException("not a turn: URI (turns: is not supported): " + text);
        }
        rest = rest.substring("turn:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            if (!rest.substring(query + 1).equalsIgnoreCase("transport=udp")) {
                throw new IllegalArgumentException("only UDP TURN is supported: " + text);
            }
            rest = rest.substring(0, query);
        }
        int close = rest.lastIndexOf(']');
        int colon = rest.lastIndexOf(':');
        boolean hasPort = colon > close && (rest.startsWith("[") || rest.indexOf(':') == colon);
        String host = hasPort ? rest.substring(0, colon) : rest;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new TurnUri(host, hasPort ? Integer.parseInt(rest.substring(colon + 1)) : DEFAULT_PORT);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text);
        }
    }

    /** The server's address; a name is looked up (this may block), an IP literal is not. */
    public InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Credentials for this server, as they come in one {@code turn} entry of {@code welcome}. */
    public TurnCredentials credentials(String username, String password) throws UnknownHostException {
        return new TurnCredentials(resolve(), username, password);
    }

    @Override
    public String toString() {
        return "turn:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "?transport=udp";
    }
}
