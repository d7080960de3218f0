package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.protocol.room.RoomWireException.Problem;

/**
 * A membership change on the wire: previous (32) ‖ version u64 ‖ actor ‖ op u8 ‖ op fields ‖
 * signature (64). Op fields: CREATE name ‖ history u8 ‖ nonce (16) ‖ creator key (32); INVITE user ‖
 * key (32); REMOVE and PROMOTE user; ACCEPT and LEAVE nothing.
 */
public final class MembershipChangeCodec {
    private MembershipChangeCodec() {}

    public static byte[] encode(MembershipChange change) {
        byte[] body = body(change.previous(), change.version(), change.actor(), change.op());
        return new WireWriter().bytes(body).bytes(change.signature()).toByteArray();
    }

    public static MembershipChange decode(byte[] bytes) throws RoomWireException {
        WireReader in = new WireReader(bytes);
        byte[] previous = in.bytes(RoomWire.DIGEST_LENGTH, "previous");
        long version = in.counter("version");
        if (version < 1) {
            throw new RoomWireException(Problem.OUT_OF_RANGE, "version 0");
        }
        Username actor = in.username("actor");
        MembershipOp op = readOp(in);
        byte[] signature = in.bytes(RoomWire.SIGNATURE_LENGTH, "signature");
        in.end();
        return new MembershipChange(previous, version, actor, op, signature);
    }

    static byte[] body(byte[] previous, long version, Username actor, MembershipOp op) {
        WireWriter out = new WireWriter().bytes(previous).u64(version).username(actor).u8(op.code());
        switch (op) {
            case MembershipOp.Create c -> out.string(c.name()).u8(c.historyVisible() ? 1 : 0)
                    .bytes(c.nonce()).bytes(c.creatorKey().raw());
            case MembershipOp.Invite i -> out.username(i.user()).bytes(i.key().raw());
            case MembershipOp.Remove r -> out.username(r.user());
            case MembershipOp.Promote p -> out.username(p.user());
            case MembershipOp.Accept a -> { }
            case MembershipOp.Leave l -> { }
        }
        return out.toByteArray();
    }

    private static MembershipOp readOp(WireReader in) throws RoomWireException {
        byte code = in.u8();
        return switch (code) {
            case MembershipOp.CREATE -> readCreate(in);
            case MembershipOp.INVITE -> new MembershipOp.Invite(in.username("invitee"), key(in));
            case MembershipOp.ACCEPT -> new MembershipOp.Accept();
            case MembershipOp.LEAVE -> new MembershipOp.Leave();
            case MembershipOp.REMOVE -> new MembershipOp.Remove(in.username("removed"));
            case MembershipOp.PROMOTE -> new MembershipOp.Promote(in.username("promoted"));
            default -> throw new RoomWireException(Problem.UNKNOWN_TYPE, "membership op " + code);
        };
    }

    private static MembershipOp readCreate(WireReader in) throws RoomWireException {
        String name = in.string(RoomWire.MAX_NAME_BYTES, "name");
        byte history = in.u8();
        if (name.isBlank() || (history != 0 && history != 1)) {
            throw new RoomWireException(Problem.MALFORMED, "create: blank name or history flag " + history);
        }
        byte[] nonce = in.bytes(MembershipOp.Create.NONCE_LENGTH, "nonce");
        return new MembershipOp.Create(name, history == 1, nonce, key(in));
    }

    private static SigningPublicKey key(WireReader in) throws RoomWireException {
        return SigningPublicKey.ofRaw(in.bytes(SigningPublicKey.LENGTH, "key"));
    }
}
