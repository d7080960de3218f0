package dev.p2pchat.traversal.turn;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TURN server and the long-term credentials for it, as signalling hands them out (a REST API
 * username "expiry:user" and its password). The password never appears in {@link #toString()}.
 */
public record TurnCredentials(InetSocketAddress server, String username, String password) {
    public TurnCredentials {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("a TURN server needs an IP address here, not a name: " + server);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentials[" + server + ", " + username + ", password hidden]";
    }
}
