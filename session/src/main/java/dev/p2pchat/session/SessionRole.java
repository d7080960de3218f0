package dev.p2pchat.session;

/** Which side starts the first handshake: the offerer of the connection initiates, the answerer responds. */
public enum SessionRole {
    INITIATOR,
    RESPONDER
}
