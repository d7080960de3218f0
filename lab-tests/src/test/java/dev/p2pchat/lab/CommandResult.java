package dev.p2pchat.lab;

import java.util.List;

/** What a finished command printed, and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public List<String> lines() {
        return stdout.lines().toList();
    }
}
