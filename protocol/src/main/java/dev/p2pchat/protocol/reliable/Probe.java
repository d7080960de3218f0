package dev.p2pchat.protocol.reliable;

import java.util.List;

/**
 * PING/PONG bookkeeping for one stream: at most one PING of ours is outstanding (a newer one replaces
 * it), and the latest PING of the peer's is answered. A PONG is an RTT sample free of Karn's
 * ambiguity, since its token names exactly one transmission.
 */
final class Probe {
    private boolean pingWanted;
    private long nextToken = 1;
    private long outstandingToken; // 0: none
    private long outstandingSentAt;
    private long outstandingTx;
    private boolean pongWanted;
    private long pongToken;

    void request() {
        pingWanted = true;
    }

    void answer(long token) {
        pongWanted = true;
        pongToken = token;
    }

    void onPong(long token, long now, ReliableSender sender) {
        if (outstandingToken != 0 && token == outstandingToken) {
            outstandingToken = 0;
            sender.onProbeAnswered(outstandingTx, now - outstandingSentAt, now);
        }
    }

    boolean hasWork() {
        return pingWanted || pongWanted;
    }

    void addPong(List<StreamFrame> frames) {
        if (pongWanted) {
            frames.add(new PongFrame(pongToken));
            pongWanted = false;
        }
    }

    void addPing(long now, ReliableSender sender, List<StreamFrame> frames) {
        if (pingWanted) {
            outstandingToken = nextToken++;
            outstandingSentAt = now;
            outstandingTx = sender.nextTxOrder();
            frames.add(new PingFrame(outstandingToken));
            pingWanted = false;
        }
    }
}
