package dev.p2pchat.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command to completion (ip, iptables, conntrack, sysctl). Long-running programs
 * go through {@link LabProcess} instead.
 */
final class Command {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private Command() {}

    /** Runs {@code argv}; a non-zero exit or a timeout is a {@link LabException}. */
    static CommandResult run(Journal journal, List<String> argv) {
        CommandResult result = runAllowingFailure(journal, argv);
        if (result.exitCode() != 0) {
            throw new LabException("exit " + result.exitCode() + " (" + result.stderr().strip() + ")", argv);
        }
        return result;
    }

    /** Runs {@code argv} and returns whatever happened; for cleanup and probes that may fail. */
    static CommandResult runAllowingFailure(Journal journal, List<String> argv) {
        journal.command(argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(NO_INPUT).start();
        } catch (IOException e) {
            throw new LabException("cannot start", argv, e);
        }
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LabException("timed out after " + TIMEOUT, argv);
            }
            CommandResult result = new CommandResult(process.exitValue(), out.get(), err.get());
            if (result.exitCode() != 0) {
                journal.note("  exit " + result.exitCode() + ": " + result.stderr().strip());
            }
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", argv, e);
        } catch (ExecutionException e) {
            throw new LabException("cannot read output", argv, e.getCause());
        }
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (in) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                Thread::startVirtualThread);
    }
}
