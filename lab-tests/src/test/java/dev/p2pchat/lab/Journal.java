package dev.p2pchat.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.List;

/**
 * The lab's logbook: every command it ran, in order, so that a failed run can be replayed by hand
 * ({@code commands.log} in the lab's directory).
 */
final class Journal {
    static final Journal NONE = new Journal(null);

    private final Path file;

    private Journal(Path file) {
        this.file = file;
    }

    static Journal in(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Journal(directory.resolve("commands.log"));
    }

    void command(List<String> argv) {
        note(String.join(" ", argv));
    }

    /** A line with the local time of day, so that the log lines up with process output and captures. */

    synchronized void note(String line) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(
                    file, LocalTime.now() + " " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
