package dev.p2pchat.lab;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A program the lab started (usually inside a namespace): its stdout lines are queued for
 * Awaitility-based waiting, both streams are also written to {@code LABEL.out} / {@code LABEL.err}
 * in the lab's directory, and stdin takes commands. Stopping ends the whole process tree.
 */
public final class LabProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String label;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingDeque<String> pending = new LinkedBlockingDeque<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    /** When each stdout line was read ({@link System#nanoTime()}); written before the line, so never shorter. */
    private final List<Long> stdoutNanos = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new CopyOnWriteArrayList<>();

    private LabProcess(String label, Process process, Path directory) {
        this.label = label;
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        pump(process.getInputStream(), directory.resolve(label + ".out"), line -> {
            stdoutNanos.add(System.nanoTime());
            stdout.add(line);
            pending.add(line);
        });
        pump(process.getErrorStream(), directory.resolve(label + ".err"), stderr::add);
    }

    static LabProcess start(String label, List<String> argv, Path directory, Journal journal) {
        journal.note("start " + label + ": " + String.join(" ", argv));
        try {
            Files.createDirectories(directory);
            return new LabProcess(label, new ProcessBuilder(argv).start(), directory);
        } catch (IOException e) {
            throw new LabException("cannot start " + label, argv, e);
        }
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Waits up to {@code timeout} for the process to end by itself; true if it did. Once it did, its
     * output has been read to the end: {@link #stdout()} and {@link #stderr()} are complete.
     */
    public boolean awaitExit(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            for (Thread pump : pumps) {
                pump.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes one line to the process's stdin. */
    public void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(label + " does not take input (exited: " + exitCode() + ")", e);
        }
    }

    /** Closes stdin: the process sees the end of its input (a {@code --json} chat then lingers and exits). */
    public void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone with the process: nothing more to say to it
        }
    }

    /** Every stdout line so far, including those already taken by an await. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /**
     * When stdout line {@code index} (of {@link #stdout()}) was read, in {@link System#nanoTime()}: the
     * time a test saw it, independent of how late the test looked, for timings between events.
     */
    public long arrivalNanos(int index) {
        return stdoutNanos.get(index);
    }

    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * Waits for the first queued stdout line matching {@code match}, removes it from the queue and
     * returns it; lines before it that do not match stay queued for later awaits.
     */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        try {
            return await()
                    .alias(label + " to print a matching line")
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> take(match), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
        }
    }

    /** As {@link #awaitLine}, for JSON-lines output: lines that are not JSON never match. */
    public JsonNode awaitJson(Predicate<JsonNode> match, Duration timeout) {
        return parse(awaitLine(line -> parseOrNull(line) instanceof JsonNode node && match.test(node), timeout));
    }

    /** Removes and returns the first queued line matching {@code match}, without waiting. */
    public Optional<String> take(Predicate<String> match) {
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
            String line = it.next();
            if (match.test(line)) {
                it.remove();
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** As {@link #take}, for JSON-lines output. */
    public Optional<JsonNode> takeJson(Predicate<JsonNode> match) {
        return take(line -> parseOrNull(line) instanceof JsonNode node && match.test(node)).map(LabProcess::parse);
    }

    /** SIGTERM to the process and its descendants, then SIGKILL to whatever is left after a grace. */
    public void stop() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        waitFor(tree, GRACE);
        kill();
    }

    /** SIGKILL to the process and all its descendants, at once. */
    public void kill() {
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        waitFor(tree, GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    /** The process's exit state and last stderr lines, for failure messages. */
    public String diagnostics() {
        List<String> tail = stderr.subList(Math.max(0, stderr.size() - 20), stderr.size());
        return label + " (pid " + pid() + ", " + (isAlive() ? "running" : "exited " + process.exitValue()) + ")"
                + " stderr tail:\n  " + String.join("\n  ", tail);
    }

    // Descendants first: once the parent is gone its children are re-parented and out of reach.
    private List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree;
    }

    private static void waitFor(List<ProcessHandle> handles, Duration limit) {
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // still alive after the grace period: the caller escalates
            }
        }
    }

    private static JsonNode parseOrNull(String line) {
        try {
            return line.startsWith("{") ? JSON.readTree(line) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("matched a line that is not JSON: " + line, e);
        }
    }

    private void pump(InputStream in, Path log, Consumer<String> sink) {
        pumps.add(Thread.ofPlatform().daemon().name(label + "-" + log.getFileName()).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                    out.write(line);
                    out.write('\n');
                    out.flush();
                }
            } catch (IOException e) {
                // the process ended or was killed; what it printed so far is kept
            }
        }));
    }
}
