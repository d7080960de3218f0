package dev.p2pchat.traversal;

import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.io.IOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Two agents on a simulated internet and the offer/answer exchange between them, with signalling taking
 * {@code signallingDelay} each way (the server relays at once, as docs/api.md promises).
 */
final class SimPeers {
    final SimulatedInternet net;
    final TraversalAgent offerer;
    final TraversalAgent answerer;
    CompletableFuture<Path> offererPath;
    CompletableFuture<Path> answererPath;

    SimPeers(SimulatedInternet net, SimHost offererHost, SimHost answererHost, AgentConfig config) throws IOException {
        this.net = net;
        this.offerer = TraversalAgent.open(offererHost, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
        this.answerer = TraversalAgent.open(answererHost, net.scheduler(), config, new SplittableRandom(net.random().nextLong()));
    }

    /** Runs the exchange and the checks until both sides have an outcome; returns whether both did. */
    boolean connect(Duration signallingDelay, Duration limit) {
        return connect(signallingDelay, signallingDelay, limit);
    }

    /**
     * As {@link #connect(Duration, Duration)}, with the offer taking {@code offerDelay} to reach the answerer
     * and the answer {@code answerDelay} to reach the offerer and be acted on (a slow server, a busy machine).
     */
    boolean connect(Duration offerDelay, Duration answerDelay, Duration limit) {
        offererPath = new CompletableFuture<>();
        answererPath = new CompletableFuture<>();
        offerer.gather().thenAccept(offer -> net.scheduler().schedule(offerDelay, () ->
                answerer.gather().thenAccept(answer -> {
                    answerer.connect(answer, offer, Role.CONTROLLED).whenComplete(Futures.into(answererPath));
                    net.scheduler().schedule(answerDelay, () ->
                            offerer.connect(offer, answer, Role.CONTROLLING).whenComplete(Futures.into(offererPath)));
                })));
        return net.scheduler().runUntil(() -> offererPath.isDone() && answererPath.isDone(), limit);
    }

    boolean connected() {
        return !offererPath.isCompletedExceptionally() && !answererPath.isCompletedExceptionally()
                && offererPath.isDone() && answererPath.isDone();
    }
}
