package dev.p2pchat.lab;

import java.util.List;

/** A lab setup or teardown step failed: carries the command line and what it printed. */
public final class LabException extends RuntimeException {
    private final List<String> command;

    public LabException(String message, List<String> command) {
        super(message + ": " + String.join(" ", command));
        this.command = List.copyOf(command);
    }

    public LabException(String message, List<String> command, Throwable cause) {
        super(message + ": " + String.join(" ", command), cause);
        this.command = List.copyOf(command);
    }

    public List<String> command() {
        return command;
    }
}
