package dev.p2pchat.traversal.net;

/** What a datagram on the shared socket is, by its first byte (RFC 7983 §7, extended for p2p frames). */
public enum PacketClass {
    /** 0–3: STUN and TURN messages (RFC 8489 §5: the two most significant bits are zero). */
    STUN,
    /** 64–79: TURN ChannelData (RFC 8656 §12, channel numbers 0x4000–0x4FFF). */
    CHANNEL_DATA,
    /** 0xD0–0xDF: p2p frames of this project ({@code dev.p2pchat.protocol.frame.FrameType}). */
    P2P,
    /** Anything else, and empty datagrams: dropped. */
    UNKNOWN;

    public static PacketClass of(int firstByte) {
        if (firstByte >= 0 && firstByte <= 3) {
            return STUN;
        }
        if (firstByte >= 64 && firstByte <= 79) {
            return CHANNEL_DATA;
        }
        if (firstByte >= 0xD0 && firstByte <= 0xDF) {
            return P2P;
        }
        return UNKNOWN;
    }
}
