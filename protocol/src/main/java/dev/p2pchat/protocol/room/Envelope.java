package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.Username;
import java.util.Arrays;

/**
 * One room chat message as its author sealed it: encrypted under the author's sender key of
 * {@code epoch}, signed with the author's identity key. Any member may pass it on unchanged.
 * {@code seq} counts the author's messages in this room from 1, without gaps; {@code lamport} orders
 * the room.
 */
public record Envelope(RoomId room, long epoch, Username sender, long seq, long lamport, byte[] ciphertext,
        byte[] signature) implements RoomMessage {
    public Envelope {
        if (epoch < 1 || seq < 1 || lamport < 1) {
            throw new IllegalArgumentException("epoch, seq and lamport start at 1");
        }
        if (ciphertext.length < RoomWire.TAG_LENGTH || ciphertext.length > RoomWire.MAX_CIPHERTEXT
                || signature.length != RoomWire.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("malformed envelope");
        }
        ciphertext = ciphertext.clone();
        signature = signature.clone();
    }

    /** Where this message sits in the room's total order. */
    public OrderKey orderKey() {
        return new OrderKey(lamport, sender, seq);
    }

    /** The header: AEAD associated data, and the start of the signed bytes. */
    public byte[] header() {
        return header(room, epoch, sender, seq, lamport);
    }

    static byte[] header(RoomId room, long epoch, Username sender, long seq, long lamport) {
        return new WireWriter().roomId(room).u64(epoch).username(sender).u64(seq).u64(lamport).toByteArray();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that && room.equals(that.room) && epoch == that.epoch
                && sender.equals(that.sender) && seq == that.seq && lamport == that.lamport
                && Arrays.equals(ciphertext, that.ciphertext) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return orderKey().hashCode();
    }

    @Override
    public String toString() {
        return "Envelope[" + sender + "#" + seq + " L" + lamport + " e" + epoch + "]";
    }
}
