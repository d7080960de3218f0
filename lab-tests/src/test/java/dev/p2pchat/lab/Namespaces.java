package dev.p2pchat.lab;

import java.util.ArrayList;
import java.util.List;

/** The host's list of named network namespaces, and their forced removal. */
final class Namespaces {
    private Namespaces() {}

    /** {@code ip netns list}: the names only. */
    static List<String> list(Journal journal) {
        return Command.run(journal, List.of(LabEnvironment.require("ip"), "netns", "list")).lines().stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0])
                .toList();
    }

    static void add(Journal journal, String name) {
        Command.run(journal, List.of(LabEnvironment.require("ip"), "netns", "add", name));
    }

    /**
     * SIGKILLs every process still inside the namespace (a namespace lives on while a process holds
     * it), then deletes it; its interfaces go with it.
     */
    static void delete(Journal journal, String name) {
        List<String> pids = new ArrayList<>(
                Command.runAllowingFailure(journal, List.of(LabEnvironment.require("ip"), "netns", "pids", name)).lines());
        for (String pid : pids) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Command.run(journal, List.of(LabEnvironment.require("ip"), "netns", "delete", name));
    }
}
