package dev.p2pchat.protocol.frame;

/**
 * First bytes of p2p frames. RFC 7983 leaves 192–255 unassigned by STUN, DTLS, RTP and TURN; the project
 * takes 0xD0–0xDF for peer-to-peer frames so that they share one UDP socket with STUN (0–3) and TURN
 * ChannelData (64–79).
 *
 * <pre>
 *  0xD0  PING       connectivity check / keepalive (this package)
 *  0xD1  PONG       answer to a PING, carries the observed source address (this package)
 *  0xD2  HANDSHAKE_INIT      Noise handshake, initiator's message
 *  0xD3  HANDSHAKE_RESPONSE  Noise handshake, responder's message
 *  0xD4  TRANSPORT           Noise transport data
 *  0xD5  COOKIE_REPLY        Noise cookie reply (reserved)
 *  0xD6  PRIME      low-TTL priming packet; never meant to arrive, ignored when it does (this package)
 *  0xD7–0xDF        free
 * </pre>
 */
public final class FrameType {
    public static final int FIRST = 0xD0;
    public static final int LAST = 0xDF;

    public static final int PING = 0xD0;
    public static final int PONG = 0xD1;
    public static final int HANDSHAKE_INIT = 0xD2;
    public static final int HANDSHAKE_RESPONSE = 0xD3;
    public static final int TRANSPORT = 0xD4;
    public static final int COOKIE_REPLY = 0xD5;
    public static final int PRIME = 0xD6;

    private FrameType() {}

    /** Whether {@code firstByte} (0–255) falls in the p2p frame range. */
    public static boolean isP2p(int firstByte) {
        return firstByte >= FIRST && firstByte <= LAST;
    }

    /** Whether the frame type is one of the connectivity-check frames handled by the traversal layer. */
    public static boolean isCheck(int firstByte) {
        return firstByte == PING || firstByte == PONG || firstByte == PRIME;
    }
}
