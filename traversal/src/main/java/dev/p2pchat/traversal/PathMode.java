package dev.p2pchat.traversal;

/**
 * Which pair a selected path runs on and what a loss of it means. One per {@link Connection}; the only
 * transition method is {@link #on}.
 *
 * <pre>
 *   DIRECT ─────────── LOST ─────────────────────────────────────► GONE
 *
 *   RELAYED ──UPGRADED (a direct pair works)──► DIRECT_STANDBY (the relayed pair kept alive)
 *      ▲  │                                           │
 *      │  └─ LOST ──► GONE                            ├─ LOST, the relay answered lately ─► RELAYED (fell back)
 *      └────────────── FELL_BACK ◄────────────────────┘
 *                                                     └─ LOST, the relay silent too ──────► GONE
 * </pre>
 *
 * A direct path selected while a relayed pair had already answered starts in DIRECT_STANDBY.
 */
enum PathMode {
    DIRECT,
    RELAYED,
    DIRECT_STANDBY,
    GONE;

    enum Event {
        /** A direct pair was nominated while the path ran over the relay. */
        UPGRADED,
        /** The direct path stopped answering and the relay still answers. */
        FELL_BACK,
        /** The path stopped answering and there is nothing to fall back to. */
        LOST
    }

    /** The mode a path starts in. */
    static PathMode selected(Path.Kind kind, boolean relayStandingBy) {
        if (kind == Path.Kind.RELAYED) {
            return RELAYED;
        }
        return relayStandingBy ? DIRECT_STANDBY : DIRECT;
    }

    PathMode on(Event event) {
        return switch (event) {
            case UPGRADED -> require(this == RELAYED, event, DIRECT_STANDBY);
            case FELL_BACK -> require(this == DIRECT_STANDBY, event, RELAYED);
            case LOST -> GONE;
        };
    }

    /** Whether frames go over a direct pair (a relayed pair may stand by). */
    boolean direct() {
        return this == DIRECT || this == DIRECT_STANDBY;
    }

    private PathMode require(boolean allowed, Event event, PathMode next) {
        if (!allowed) {
            throw new IllegalStateException(event + " in " + this);
        }
        return next;
    }
}
