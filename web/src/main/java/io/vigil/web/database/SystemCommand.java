package io.vigil.web.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A program run to completion within a time limit, with what it printed kept for the error message a person reads when
 * it fails (initdb, pg_ctl, pg_dump, useradd).
 */
public record SystemCommand(List<String> command, Map<String, String> environment) {

    public SystemCommand {
        command = List.copyOf(Objects.requireNonNull(command, "command is null"));
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
    }

    public static SystemCommand of(List<String> command) {
        return new SystemCommand(command, Map.of());
    }

    public SystemCommand withEnvironment(Map<String, String> more) {
        var merged = new java.util.HashMap<>(environment);
        merged.putAll(more);
        return new SystemCommand(command, merged);
    }

    /** What a finished program left: its exit code and its output (stdout and stderr together). */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** The last lines of the output, enough to say why a program failed. */
        public String tail() {
            List<String> lines = output.strip().lines().toList();
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    /** Runs the program; a program still running after {@code limit} is killed and reported as exit code -1. */
    public Result run(Duration limit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " could not be run: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output.getNow("") + "\n" + command.getFirst() + " took longer than " + limit);
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.getFirst() + " ran", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(process.exitValue(), "");
        }
    }

    /** Runs the program and fails with its last output lines unless it exits with 0. */
    public Result runOrFail(Duration limit, String what) throws IOException {
        Result result = run(limit);
        if (!result.succeeded()) {
            throw new IOException(what + " failed (exit " + result.exitCode() + "): " + result.tail());
        }
        return result;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
