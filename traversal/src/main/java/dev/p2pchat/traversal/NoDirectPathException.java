package dev.p2pchat.traversal;

/**
 * The checks ended without a working, nominated pair within the connect timeout: the two NATs (or a
 * firewall) do not let a direct path through. The message says what was tried; the caller falls back to a
 * relay or tells the user.
 */
public final class NoDirectPathException extends Exception {
    public NoDirectPathException(String message) {
        super(message);
    }
}
