package dev.p2pchat.protocol.room;

/**
 * Constants of the room protocol (this project's own, described in {@code docs/architecture.md},
 * "Rooms"). Room messages travel inside one 1:1 stream message; their first byte is one of the types
 * below, which 1:1 text (JSON, first byte {@code '{'}) never uses.
 */
public final class RoomWire {
    public static final byte ENVELOPE = (byte) 0xA1;
    public static final byte MEMBERSHIP = (byte) 0xA2;
    public static final byte SENDER_KEYS = (byte) 0xA3;
    public static final byte SYNC_REQUEST = (byte) 0xA4;
    public static final byte SYNC_RESPONSE = (byte) 0xA5;
    public static final byte KEY_REQUEST = (byte) 0xA6;

    /** The version byte after the type; an unknown one is a typed error, never a misparse. */
    public static final byte VERSION = 1;

    /** Room ids are the first 16 bytes of the genesis change's SHA-256 digest. */
    public static final int ROOM_ID_LENGTH = 16;
    public static final int DIGEST_LENGTH = 32;
    public static final int SENDER_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    /** Poly1305 tag (RFC 8439 §2.8). */
    public static final int TAG_LENGTH = 16;

    /** Longest room name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 64;
    /** Largest envelope ciphertext: 8 KiB of text, JSON-escaped, plus a tag, fits a u16. */
    public static final int MAX_CIPHERTEXT = 60_000;
    /** Most envelopes in one sync answer: the answer must stay under the 64 KiB stream message limit. */
    public static final int MAX_SYNC_BATCH = 32;
    /** Most members in a room; bounds the vector in a sync request and the membership log's fan-out. */
    public static final int MAX_MEMBERS = 256;
    /** Most membership changes in one MEMBERSHIP message. */
    public static final int MAX_CHANGES = 1024;
    /**
     * Largest seq or Lamport time accepted: far beyond any real room, and far enough from
     * {@code Long.MAX_VALUE} that a member pushing the clock up cannot make the next one overflow.
     */
    public static final long MAX_COUNTER = 1L << 48;
    /** Most epoch keys in one SENDER_KEYS message. */
    public static final int MAX_KEYS = 255;

    static final String ROOM_ID_LABEL = "p2pchat room id v1";
    static final String CHANGE_LABEL = "p2pchat room change v1";
    static final String ENVELOPE_LABEL = "p2pchat room envelope v1";
    static final String MESSAGE_KEY_LABEL = "p2pchat room msg v1";

    private RoomWire() {}

    /** True if a 1:1 stream payload is room traffic rather than 1:1 text. */
    public static boolean isRoomPayload(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xF0) == 0xA0;
    }
}
