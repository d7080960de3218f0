package dev.p2pchat.traversal.loop;

/** A scheduled task that can be called off. Cancelling twice, or after it ran, does nothing. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
}
