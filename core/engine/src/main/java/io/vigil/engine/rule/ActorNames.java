package io.vigil.engine.rule;

import io.vigil.spi.rule.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of actors — countries and their demonyms, organisations and named armed groups — as the alias and concept
 * files list them, so that a rule can tell whose action a word reports: in "an Israeli airstrike" or "strikes by the
 * U.S." the strike is Israel's or the United States', not the Houthis'. Each line of {@code nationalities.txt} and
 * {@code acronyms.txt} is one actor (Israel, Israeli); each proper-name member of the concept file of named instances is
 * one, joined with its head when the head is a name too (Houthi, Ansar Allah).
 *
 * <p>Immutable and thread-safe; {@link #defaults()} is built once from the built-in files.
 */
public final class ActorNames {

    private static final String NATIONALITIES = "/rule/nationalities.txt";
    private static final String ACRONYMS = "/rule/acronyms.txt";
    private static final String INSTANCES = "/rule/concepts/instances.txt";
    private static final String NARROWER = "/rule/concepts/narrower.txt";

    /** The concept whose narrower terms are the heads of armed groups' names ("militant group", "militia"). */
    private static final String ARMED_GROUP = "armed group";

    /** Acronym lines that are countries, not organisations: their members are nationalities too. */
    private static final Set<String> COUNTRY_ACRONYMS = Set.of("US", "UK", "UAE", "DRC", "USSR", "PRC", "DPRK", "ROK");

    private static final ActorNames DEFAULTS = load();

    /** One actor's name as words, each a stem or, for a name written in capitals, a capitals key. */
    private record Name(List<String> words, int actor) {}

    /** Names by their last word and by their first word. */
    private final Map<String, List<Name>> byLast = new HashMap<>();

    private final Map<String, List<Name>> byFirst = new HashMap<>();
    private final Set<Integer> nations = new HashSet<>();
    private final Set<Integer> armedGroups = new HashSet<>();
    private int actors;

    private ActorNames() {}

    public static ActorNames defaults() {
        return DEFAULTS;
    }

    /** A name found in a text: the tokens it spans and the actors it may name. */
    public record Found(int first, int last, Set<Integer> actors) {}

    /** Whether the actor is a country (a nationality line or a country's acronym) rather than an organisation. */
    public boolean isNation(int actor) {
        return nations.contains(actor);
    }

    /**
     * Whether the actor is an armed group: a name listed under a head of {@code instances.txt} that is a narrower term
     * of "armed group" ({@code narrower.txt}: jihadist group, militant group, rebel group, militia, gang, paramilitary).
     */
    public boolean isArmedGroup(int actor) {
        return armedGroups.contains(actor);
    }

    /** The actors a rule term or an alias label names ("Israel", "Israeli", "UNIFIL"), empty when none. */
    public Set<Integer> actorsOf(String text) {
        List<String> words =
                words(new ArticleAnalyzer().analyzeField("name", text).tokens(), true);
        Set<Integer> found = new HashSet<>();
        if (words.isEmpty()) {
            return found;
        }
        for (Name name : byLast.getOrDefault(words.get(words.size() - 1), List.of())) {
            if (name.words().equals(words)) {
                found.add(name.actor());
            }
        }
        return found;
    }

    /** The longest actor name whose last word is token {@code last}, within one sentence; null when none. */
    public Found endingAt(List<Token> tokens, int last) {
        Found best = null;
        for (String key : keys(tokens.get(last))) {
            for (Name name : byLast.getOrDefault(key, List.of())) {
                int first = last - name.words().size() + 1;
                if (first < 0 || (best != null && first > best.first())) {
                    continue;
                }
                if (matches(tokens, first, name)) {
                    best = merge(best, first, last, name.actor());
                }
            }
        }
        return best;
    }

    /** The longest actor name whose first word is token {@code first}, within one sentence; null when none. */
    public Found startingAt(List<Token> tokens, int first) {
        Found best = null;
        for (String key : keys(tokens.get(first))) {
            for (Name name : byFirst.getOrDefault(key, List.of())) {
                int last = first + name.words().size() - 1;
                if (last >= tokens.size() || (best != null && last < best.last())) {
                    continue;
                }
                if (matches(tokens, first, name)) {
                    best = merge(best, first, last, name.actor());
                }
            }
        }
        return best;
    }

    private static Found merge(Found best, int first, int last, int actor) {
        if (best != null && best.first() == first && best.last() == last) {
            Set<Integer> actors = new HashSet<>(best.actors());
            actors.add(actor);
            return new Found(first, last, actors);
        }
        return new Found(first, last, Set.of(actor));
    }

    private static boolean matches(List<Token> tokens, int first, Name name) {
        int sentence = tokens.get(first).sentence();
        for (int k = 0; k < name.words().size(); k++) {
            Token token = tokens.get(first + k);
            if (token.sentence() != sentence
                    || !keys(token).contains(name.words().get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The keys a text token can match: its stem and, when written in capitals, its capitals key. */
    private static List<String> keys(Token token) {
        String capitals = TextNormalizer.capitalsKey(token.surface());
        return capitals == null ? List.of("s:" + token.stem()) : List.of("s:" + token.stem(), "c:" + capitals);
    }

    /** A name's words: capitals keys for words written in capitals (US, IS), stems otherwise. */
    private static List<String> words(List<Token> tokens, boolean asWritten) {
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            String capitals = TextNormalizer.capitalsKey(token.surface());
            boolean allCapitals = capitals != null && token.surface().chars().noneMatch(Character::isLowerCase);
            words.add(asWritten && allCapitals ? "c:" + capitals : "s:" + token.stem());
        }
        return words;
    }

    private void add(String member, int actor) {
        List<Token> tokens = new ArticleAnalyzer().analyzeField("name", member).tokens();
        if (tokens.isEmpty()) {
            return;
        }
        Name name = new Name(words(tokens, true), actor);
        byLast.computeIfAbsent(name.words().get(name.words().size() - 1), key -> new ArrayList<>())
                .add(name);
        byFirst.computeIfAbsent(name.words().get(0), key -> new ArrayList<>()).add(name);
    }

    private static ActorNames load() {
        ActorNames names = new ActorNames();
        for (String line : lines(NATIONALITIES)) {
            int actor = names.actors++;
            names.nations.add(actor);
            for (String member : line.split("\\|")) {
                names.add(member.strip(), actor);
            }
        }
        for (String line : lines(ACRONYMS)) {
            int actor = names.actors++;
            String[] members = line.split("\\|");
            if (COUNTRY_ACRONYMS.contains(members[0].strip())) {
                names.nations.add(actor);
            }
            for (String member : members) {
                names.add(member.strip(), actor);
            }
        }
        Set<String> armedHeads = new HashSet<>();
        for (String line : lines(NARROWER)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(ARMED_GROUP)) {
                for (String member : line.substring(colon + 1).split("\\|")) {
                    armedHeads.add(member.strip());
                }
            }
        }
        for (String line : lines(INSTANCES)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String head = line.substring(0, colon).strip();
            boolean armed = armedHeads.contains(head);
            boolean namedHead = isProperName(head) && !head.contains(" ");
            int headActor = namedHead ? names.actors++ : -1;
            if (namedHead) {
                names.add(head, headActor);
            }
            for (String member : line.substring(colon + 1).split("\\|")) {
                String name = member.strip();
                if (isProperName(name) && !name.endsWith("*")) {
                    int actor = namedHead ? headActor : names.actors++;
                    names.add(name, actor);
                    if (armed && !namedHead) {
                        names.armedGroups.add(actor);
                    }
                }
            }
        }
        return names;
    }

    /** A name as the files write it: starting with a capital ("Hamas", "al-Shabaab" counts by its second word). */
    private static boolean isProperName(String text) {
        for (String word : text.split("[\\s\\-]+")) {
            if (!word.isEmpty() && Character.isUpperCase(word.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = ActorNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = line.strip();
                int comment = text.indexOf('#');
                if (comment >= 0) {
                    text = text.substring(0, comment).strip();
                }
                if (!text.isEmpty()) {
                    lines.add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
