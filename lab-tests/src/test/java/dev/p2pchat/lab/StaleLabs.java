package dev.p2pchat.lab;

import java.util.List;
import java.util.OptionalLong;

/**
 * Removes what a crashed earlier run left behind: lab namespaces whose owning JVM is dead, and the
 * processes still inside them. Namespaces of a live JVM (a concurrent run) are left alone.
 */
final class StaleLabs {
    private StaleLabs() {}

    /** Cleans up stale namespaces; returns the names it removed. */
    static List<String> clean(Journal journal) {
        List<String> stale = Namespaces.list(journal).stream().filter(StaleLabs::isStale).toList();
        stale.forEach(name -> Namespaces.delete(journal, name));
        return stale;
    }

    static boolean isStale(String namespace) {
        OptionalLong owner = LabNames.owner(namespace);
        return owner.isPresent()
                && !ProcessHandle.of(owner.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }
}
