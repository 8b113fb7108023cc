package io.vigil.engine.rule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups of words that mean the same thing to an analyst — a country and its nationality adjective ({@code Iraq},
 * {@code Iraqi}), an acronym and its spelled-out name ({@code US}, {@code U.S.}, {@code United States}) — read from
 * data files, so a rule term finds every member of its group.
 *
 * <p>File format: one group per line, members separated by {@code |}; {@code #} starts a comment. A member written in
 * capitals ({@code US}, {@code U.S.}) is an acronym: it matches only words written in capitals, and it triggers the
 * group only when the rule term is written in capitals too, so {@code us} (the pronoun) never pulls in
 * {@code United States}. Other members match case-insensitively through their stems; multi-word members match as
 * phrases. The built-in lists are {@code rule/nationalities.txt} and {@code rule/acronyms.txt}; {@link #with(Path)} adds
 * a user's file.
 *
 * <p>Immutable and thread-safe.
 */
public final class TermAliases {

    private static final List<String> BUILT_IN =
            List.of("/rule/nationalities.txt", "/rule/acronyms.txt", "/rule/variants.txt");
    private static final TermAliases DEFAULTS = loadDefaults();

    private final List<List<String>> groups;
    private final Map<String, List<Integer>> byStem;
    private final Map<String, List<Integer>> byCapitals;

    private TermAliases(List<List<String>> groups) {
        this.groups = List.copyOf(groups);
        Map<String, List<Integer>> stems = new HashMap<>();
        Map<String, List<Integer>> capitals = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String member : groups.get(g)) {
                String capitalsKey = member.contains(" ") ? null : TextNormalizer.capitalsKey(member);
                if (capitalsKey != null) {
                    capitals.computeIfAbsent(capitalsKey, k -> new ArrayList<>())
                            .add(g);
                } else {
                    // "cease-fire", "cease fire" and "ceasefire" share one key: the stem of the words run together.
                    String stem = compactKey(List.of(member.split("[\\s\\-\u2010\u2011]+")));
                    List<Integer> list = stems.computeIfAbsent(stem, k -> new ArrayList<>());
                    if (!list.contains(g)) {
                        list.add(g);
                    }
                }
            }
        }
        this.byStem = Map.copyOf(stems);
        this.byCapitals = Map.copyOf(capitals);
    }

    /** The built-in nationality and acronym lists. */
    public static TermAliases defaults() {
        return DEFAULTS;
    }

    /**
     * The system property naming a deployment's own alias file; the environment variable {@code
     * VIGIL_RULES_ALIASES_FILE} does the same.
     */
    public static final String FILE_PROPERTY = "vigil.rules.aliases-file";

    /**
     * The built-in lists plus the deployment's own file, when {@value #FILE_PROPERTY} (a system property) or {@code
     * VIGIL_RULES_ALIASES_FILE} (the environment) names one. A file that cannot be read is reported and left out, so
     * the rule types still load and rules still work with the built-in lists.
     */
    public static TermAliases forDeployment() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            file = System.getenv("VIGIL_RULES_ALIASES_FILE");
        }
        if (file == null || file.isBlank()) {
            return DEFAULTS;
        }
        try {
            return DEFAULTS.with(Path.of(file.strip()));
        } catch (UncheckedIOException | InvalidPathException e) {
            System.getLogger(TermAliases.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "the alias file {0} cannot be read; rules use the built-in lists only: {1}",
                            file,
                            e.getMessage());
            return DEFAULTS;
        }
    }

    /** No aliases at all: every term matches only its own word forms. */
    public static TermAliases none() {
        return new TermAliases(List.of());
    }

    /** These aliases plus the groups of a user's file in the same format. */
    public TermAliases with(Path file) {
        try {
            List<List<String>> all = new ArrayList<>(groups);
            all.addAll(parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
            return new TermAliases(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alias file " + file, e);
        }
    }

    /** These aliases plus groups given as lines of the file format. */
    public TermAliases withLines(List<String> lines) {
        List<List<String>> all = new ArrayList<>(groups);
        all.addAll(parse(lines));
        return new TermAliases(all);
    }

    /**
     * The key a term of one or several words is looked up by: the stem of its normalized words run together, so
     * {@code cease-fire}, {@code cease fire} and {@code ceasefire} all give {@code ceasefir}.
     */
    public static String compactKey(List<String> words) {
        StringBuilder joined = new StringBuilder();
        for (String word : words) {
            joined.append(TextNormalizer.normalize(word));
        }
        return EnglishStemming.stem(joined.toString());
    }

    /**
     * The members of every group a rule term belongs to, the term's own group members included.
     *
     * @param stem the term's stem, used when the term is not written in capitals
     * @param capitalsKey the term's capitals key, or {@code null} when it is not written in capitals
     */
    public Set<String> aliasesOf(String stem, String capitalsKey) {
        List<Integer> found = capitalsKey != null ? byCapitals.get(capitalsKey) : byStem.get(stem);
        if (found == null) {
            return Set.of();
        }
        Set<String> members = new LinkedHashSet<>();
        for (int group : found) {
            members.addAll(groups.get(group));
        }
        return members;
    }

    private static TermAliases loadDefaults() {
        List<List<String>> all = new ArrayList<>();
        for (String resource : BUILT_IN) {
            try (InputStream in = TermAliases.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in alias list " + resource + " is missing");
                }
                all.addAll(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines()
                        .toList()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new TermAliases(all);
    }

    private static List<List<String>> parse(List<String> lines) {
        List<List<String>> parsed = new ArrayList<>();
        for (String line : lines) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String member : content.split("\\|")) {
                String cleaned = member.strip().replaceAll("\\s+", " ");
                if (!cleaned.isEmpty()) {
                    members.add(cleaned);
                }
            }
            if (members.size() > 1) {
                parsed.add(List.copyOf(members));
            }
        }
        return parsed;
    }
}
