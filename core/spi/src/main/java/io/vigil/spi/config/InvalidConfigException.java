package io.vigil.spi.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that does not satisfy its {@link ConfigSpec}; lists every problem, not just the first. */
public class InvalidConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
