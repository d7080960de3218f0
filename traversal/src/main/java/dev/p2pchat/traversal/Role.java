package dev.p2pchat.traversal;

/**
 * Who decides which working pair is used (RFC 8445 §6.1.1). We do not negotiate: the side that sent the
 * offer is {@link #CONTROLLING}, the side that answers is {@link #CONTROLLED}, so no tie-breaker is needed.
 */
public enum Role {
    CONTROLLING,
    CONTROLLED
}
