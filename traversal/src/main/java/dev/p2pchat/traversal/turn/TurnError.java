package dev.p2pchat.traversal.turn;

import java.net.InetSocketAddress;
import java.time.Instant;

/** Why a TURN request or allocation failed; carried by {@link TurnException}. */
public sealed interface TurnError {

    /** One line for a log or a status line. */
    String describe();

    /** The server answered 401 again after we sent our credentials: the password is wrong. */
    record WrongCredentials(String username) implements TurnError {
        public String describe() {
            return "the TURN server refused the credentials of " + username
                    + " (wrong password, wrong realm, or expired by the server's clock)";
        }
    }

    /** The REST API username's expiry has passed: fresh credentials are needed from signalling. */
    record CredentialsExpired(String username, Instant expiry) implements TurnError {
        public String describe() {
            return "the TURN credentials " + username + " expired at " + expiry + "; fetch new ones";
        }
    }

    /** An error response (RFC 8656 §19): 437 allocation mismatch, 486 quota, 508 capacity, 403... */
    record Refused(int code, String reason) implements TurnError {
        public String describe() {
            return "the TURN server refused: " + code + (reason.isEmpty() ? "" : " " + reason);
        }
    }

    /** No answer after every retransmission (RFC 8489 §6.2.1). */
    record Timeout(InetSocketAddress server, int sends) implements TurnError {
        public String describe() {
            return "no answer from the TURN server " + server + " after " + sends + " sends";
        }
    }

    /** A success response without what it must carry (XOR-RELAYED-ADDRESS, LIFETIME...). */
    record MalformedResponse(String what) implements TurnError {
        public String describe() {
            return "the TURN server's response is unusable: " + what;
        }
    }

    /** The allocation was closed here. */
    record Closed() implements TurnError {
        public String describe() {
            return "the TURN allocation was closed";
        }
    }
}
