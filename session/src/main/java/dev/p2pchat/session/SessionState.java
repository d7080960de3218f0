package dev.p2pchat.session;

/**
 * The life of a {@link ChatSession}.
 *
 * <pre>
 *   CONNECTING ──handshake done──▶ ESTABLISHED ──path lost──▶ WAITING_FOR_PATH
 *       │                              ▲                              │
 *       │                              └──────── attachPath ──────────┘
 *       └──── close(), peer closed, handshake given up, security event ────▶ CLOSED (from any state)
 * </pre>
 * Messages queue in every state but CLOSED and go out once a path and keys are there.
 */
public enum SessionState {
    /** Waiting for the first handshake to complete. */
    CONNECTING,
    /** Keys and a path: messages flow. */
    ESTABLISHED,
    /** The path died; messages queue until {@link ChatSession#attachPath} hands in a new one. */
    WAITING_FOR_PATH,
    /** Over; nothing is sent or delivered any more. */
    CLOSED
}
