package dev.p2pchat.traversal;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * For tests that hand out a future before the work that completes it starts (an offer/answer exchange
 * wired through callbacks): shipped in the test jar to the modules above.
 */
public final class Futures {
    private Futures() {}

    /** {@code later.whenComplete(into(target))}: {@code target} ends as {@code later} does, with its value or failure. */
    public static <T> BiConsumer<T, Throwable> into(CompletableFuture<T> target) {
        return (value, error) -> {
            if (error != null) {
                target.completeExceptionally(error);
            } else {
                target.complete(value);
            }
        };
    }
}
