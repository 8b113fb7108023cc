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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an analyst means by a word beyond the word itself: its near-synonyms, narrower terms and named instances
 * ({@code fortification} → wall, fence, barrier; {@code armed group} → militants, rebels, al-Shabaab), read from
 * reviewed data files, so a rule term also finds them.
 *
 * <p>Unlike {@link TermAliases}, which are symmetric groups of names for one thing, a concept points one way: {@code
 * armed group} finds "militants", {@code militants} does not find every armed group. File format: one concept per
 * line, {@code head: member | member | …}; {@code #} starts a comment. A head or member written in capitals ({@code IS},
 * {@code CENTCOM}) matches only words written in capitals, and a capitals head is reached only by a rule term written
 * in capitals; a member ending in {@code *} is a prefix; multi-word members match as consecutive words in their word
 * forms, and a {@link #GAP} ({@code …}) between its parts lets a few other words stand there. Members that are heads
 * themselves bring their own narrower terms and instances (armed group → rebel → M23), but not their synonyms, so
 * meaning does not drift along chains of near-synonyms; up to {@value #MAX_MEMBERS} members per concept. The built-in files, one per kind, are under {@code rule/concepts/}: {@code
 * synonyms.txt}, {@code narrower.txt} and {@code instances.txt}; {@link #forDeployment()} adds a deployment's own file.
 *
 * <p>Expansion happens when a rule is compiled; matching an article never looks at the lexicon, so its size costs
 * nothing per article. Immutable and thread-safe.
 */
public final class ConceptLexicon {

    /** The most members one concept expands to, after following members that are heads themselves. */
    public static final int MAX_MEMBERS = 400;

    /**
     * Written between the parts of a member, the parts may stand apart: {@code launch … missile at} finds "launched
     * missiles at" and "launches over 40 ballistic missiles at", each part within {@link #GAP_WORDS} words of the same
     * sentence after the one before.
     */
    public static final String GAP = "…";

    /** How many other words may stand where a member has a {@link #GAP}. */
    public static final int GAP_WORDS = 4;

    /** The system property naming a deployment's own concept file; {@code VIGIL_RULES_CONCEPTS_FILE} does the same. */
    public static final String FILE_PROPERTY = "vigil.rules.concepts-file";

    private static final List<String> BUILT_IN = List.of(
            "/rule/concepts/synonyms.txt",
            "/rule/concepts/narrower.txt",
            "/rule/concepts/instances.txt",
            "/rule/concepts/places.txt");
    /** The one built-in file whose members are not followed from a nested head. */
    private static final String SYNONYMS = "/rule/concepts/synonyms.txt";

    /**
     * A member as written; whether a concept that reaches its head through another member takes it too; and whether
     * its own members are followed from here. A class word listed under a name ({@code RSF: paramilitary}, because the
     * news calls the RSF "the paramilitary") is found as a word, but its other instances are not the name's: the RSF
     * is no Wagner Group.
     */
    private record Member(String text, boolean inherited, boolean followed) {}

    private static final ConceptLexicon DEFAULTS = loadDefaults();

    /** Per head key: the members as written, in file order, before following nested heads. */
    private final Map<String, List<Member>> direct;
    /** Per head key: every member after following nested heads. */
    private final Map<String, List<String>> expanded;
    /** The longest head, in words. */
    private final int longestHead;

    private ConceptLexicon(Map<String, List<Member>> direct) {
        this.direct = Map.copyOf(direct);
        Map<String, List<String>> closure = new HashMap<>();
        int longest = 1;
        for (String head : direct.keySet()) {
            closure.put(head, List.copyOf(close(head, direct)));
            longest = Math.max(longest, head.split(" ").length);
        }
        this.expanded = Map.copyOf(closure);
        this.longestHead = longest;
    }

    /** The built-in lexicon. */
    public static ConceptLexicon defaults() {
        return DEFAULTS;
    }

    /** No concepts: every term finds only itself and its aliases. */
    public static ConceptLexicon none() {
        return new ConceptLexicon(Map.of());
    }

    /**
     * The built-in lexicon plus the deployment's own file, when {@value #FILE_PROPERTY} (a system property) or {@code
     * VIGIL_RULES_CONCEPTS_FILE} (the environment) names one. A file that cannot be read is reported and left out.
     */
    public static ConceptLexicon forDeployment() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            file = System.getenv("VIGIL_RULES_CONCEPTS_FILE");
        }
        if (file == null || file.isBlank()) {
            return DEFAULTS;
        }
        try {
            return DEFAULTS.with(Path.of(file.strip()));
        } catch (UncheckedIOException | InvalidPathException e) {
            System.getLogger(ConceptLexicon.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "the concept file {0} cannot be read; rules use the built-in concepts only: {1}",
                            file,
                            e.getMessage());
            return DEFAULTS;
        }
    }

    /** This lexicon plus the concepts of a file in the same format; a head already known gets the new members too. */
    public ConceptLexicon with(Path file) {
        try {
            return withLines(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read concept file " + file, e);
        }
    }

    /** This lexicon plus concepts given as lines of the file format. */
    public ConceptLexicon withLines(List<String> lines) {
        Map<String, List<Member>> all = new LinkedHashMap<>(direct);
        merge(all, lines, true);
        return new ConceptLexicon(all);
    }

    /** The longest concept head in words, so a parser knows how many consecutive rule words to try. */
    public int longestHead() {
        return longestHead;
    }

    /**
     * The members of the concept whose head has this key, nested heads followed; empty when there is none.
     *
     * @param key the head's words as {@link #wordKey} gives them, joined by single spaces
     */
    public List<String> membersOf(String key) {
        return expanded.getOrDefault(key, List.of());
    }

    /** Whether any concept has this head key. */
    public boolean hasHead(String key) {
        return expanded.containsKey(key);
    }

    /** The number of concepts. */
    public int size() {
        return direct.size();
    }

    /**
     * The key of one word of a head or a rule: its capitals key when written in capitals ({@code IS}, {@code US}), else
     * its English stem ({@code fortif}); empty when the word has no letters or digits.
     */
    public static Optional<String> wordKey(String surface) {
        String capitals = TextNormalizer.capitalsKey(surface);
        if (capitals != null) {
            return Optional.of(capitals);
        }
        String normalized = TextNormalizer.normalize(surface);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EnglishStemming.stem(normalized));
    }

    /** The key of a head written as text: its words' keys joined by spaces, or empty when a word has none. */
    public static Optional<String> headKey(String head) {
        StringBuilder key = new StringBuilder();
        for (String word : head.strip().split("[\\s\\-]+")) {
            Optional<String> wordKey = wordKey(word);
            if (wordKey.isEmpty()) {
                return Optional.empty();
            }
            if (!key.isEmpty()) {
                key.append(' ');
            }
            key.append(wordKey.get());
        }
        return key.isEmpty() ? Optional.empty() : Optional.of(key.toString());
    }

    private static List<String> close(String head, Map<String, List<Member>> direct) {
        Set<String> members = new LinkedHashSet<>();
        Set<String> visited = new HashSet<>();
        Deque<String> heads = new ArrayDeque<>();
        heads.add(head);
        visited.add(head);
        while (!heads.isEmpty() && members.size() < MAX_MEMBERS) {
            String current = heads.poll();
            for (Member entry : direct.getOrDefault(current, List.of())) {
                if (members.size() >= MAX_MEMBERS) {
                    break;
                }
                if (!current.equals(head) && !entry.inherited()) {
                    continue;
                }
                String member = entry.text();
                members.add(member);
                Optional<String> nested = member.endsWith("*") ? Optional.empty() : headKey(member);
                if (nested.isPresent()
                        && entry.followed()
                        && direct.containsKey(nested.get())
                        && visited.add(nested.get())) {
                    heads.add(nested.get());
                }
            }
        }
        return new ArrayList<>(members);
    }

    private static ConceptLexicon loadDefaults() {
        Map<String, List<Member>> all = new LinkedHashMap<>();
        for (String resource : BUILT_IN) {
            try (InputStream in = ConceptLexicon.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in concept list " + resource + " is missing");
                }
                merge(
                        all,
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                                .lines()
                                .toList(),
                        !resource.equals(SYNONYMS));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new ConceptLexicon(all);
    }

    private static void merge(Map<String, List<Member>> all, List<String> lines, boolean inherited) {
        for (String line : lines) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            int colon = content.indexOf(':');
            if (content.isEmpty() || colon <= 0) {
                continue;
            }
            Optional<String> key = headKey(content.substring(0, colon));
            if (key.isEmpty()) {
                continue;
            }
            List<Member> members = new ArrayList<>(all.getOrDefault(key.get(), List.of()));
            boolean name = Character.isUpperCase(content.strip().codePointAt(0));
            for (String member : content.substring(colon + 1).split("\\|")) {
                String cleaned = member.strip().replaceAll("\\s+", " ");
                if (!cleaned.isEmpty()
                        && members.stream().noneMatch(m -> m.text().equals(cleaned))
                        && !isTooShortPrefix(cleaned)) {
                    members.add(
                            new Member(cleaned, inherited, !name || !Character.isLowerCase(cleaned.codePointAt(0))));
                }
            }
            if (!members.isEmpty()) {
                all.put(key.get(), List.copyOf(members));
            }
        }
    }

    private static boolean isTooShortPrefix(String member) {
        return member.endsWith("*")
                && member.substring(0, member.length() - 1)
                                .strip()
                                .toLowerCase(Locale.ROOT)
                                .length()
                        < 3;
    }
}
