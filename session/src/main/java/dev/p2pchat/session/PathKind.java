package dev.p2pchat.session;

import dev.p2pchat.traversal.Path;

/** How the session's datagrams travel: straight to the peer, or through a TURN relay. */
public enum PathKind {
    DIRECT,
    RELAYED;

    public static PathKind of(Path path) {
        return path.kind() == Path.Kind.RELAYED ? RELAYED : DIRECT;
    }
}
