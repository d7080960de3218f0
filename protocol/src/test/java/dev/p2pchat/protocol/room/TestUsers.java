package dev.p2pchat.protocol.room;

import dev.p2pchat.protocol.identity.SigningKeyPair;
import dev.p2pchat.protocol.identity.Username;
import java.util.HashMap;
import java.util.Map;

/** Deterministic identities for room tests: the seed is the name, padded. */
final class TestUsers {
    private final Map<String, SigningKeyPair> keys = new HashMap<>();

    SigningKeyPair key(String name) {
        return keys.computeIfAbsent(name, n -> {
            byte[] seed = new byte[32];
            byte[] bytes = n.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, seed, 0, Math.min(bytes.length, 32));
            return SigningKeyPair.fromSeed(seed);
        });
    }

    static Username user(String name) {
        return Username.of(name);
    }

    MembershipChange create(String creator, String room, boolean historyVisible) {
        MembershipOp op = new MembershipOp.Create(room, historyVisible, new byte[16], key(creator).publicKey());
        return MembershipChange.sign(new byte[32], 1, user(creator), op, key(creator));
    }

    /** The next change on {@code log}, signed by {@code actor}. */
    MembershipChange next(MembershipLog log, String actor, MembershipOp op) {
        return MembershipChange.sign(log.current().head(), log.version() + 1, user(actor), op, key(actor));
    }

    MembershipOp.Invite invite(String name) {
        return new MembershipOp.Invite(user(name), key(name).publicKey());
    }

    /** A room of {@code creator} (admin) and the others as accepted members. */
    MembershipLog room(String creator, String... others) throws MembershipException {
        MembershipLog log = MembershipLog.verify(java.util.List.of(create(creator, "room", false)));
        for (String other : others) {
            log.append(next(log, creator, invite(other)));
            log.append(next(log, other, new MembershipOp.Accept()));
        }
        return log;
    }
}
