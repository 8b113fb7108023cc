package io.vigil.engine.rule.query;

import io.vigil.engine.rule.ActorNames;
import io.vigil.engine.rule.ArticleIndex.FieldIndex;
import io.vigil.engine.rule.EnglishStemming;
import io.vigil.engine.rule.query.QueryNode.All;
import io.vigil.engine.rule.query.QueryNode.And;
import io.vigil.engine.rule.query.QueryNode.Near;
import io.vigil.engine.rule.query.QueryNode.Not;
import io.vigil.engine.rule.query.QueryNode.Or;
import io.vigil.engine.rule.query.QueryNode.Phrase;
import io.vigil.engine.rule.query.QueryNode.Scoped;
import io.vigil.engine.rule.query.QueryNode.Term;
import io.vigil.engine.rule.query.QueryNode.Wildcard;
import io.vigil.engine.rule.query.TermPattern.Alternative;
import io.vigil.spi.rule.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who does what in a bare list written the way analysts write them, actor first: in {@code Houthi attack*},
 * {@code UN peacekeep*}, {@code EU sanctions Russia} or {@code Ukrainian drone attack Russia} the first term that names
 * an actor (a country, a demonym, an organisation, a named group: {@link ActorNames}) is the <b>agent</b>, and the
 * terms written in lowercase are its <b>actions</b>. Two main readings follow, each a class of false alarm measured
 * on the labelled set; the finer ones of later rounds (the agent's country as the place of an action, a fronted
 * phrase, background events…) are documented at their methods and in docs/rules.md, "Who acts":
 *
 * <ul>
 *   <li>an action that the text gives to another actor does not count: "an <i>Israeli</i> airstrike", "<i>U.S.</i>
 *       missile strikes", "the <i>African Union's</i> peacekeeping mission", "strikes <i>by the U.S.</i>", "a
 *       <i>Russian</i> drone". A pair joined by a dash ("the Israel–Hamas ceasefire") names both parties and takes
 *       nothing away. A nationality before a word for people ("Ghanaian peacekeepers", "Ugandan rebels") says where
 *       the people are from, not whose they are, so only an organisation or a group takes those;
 *   <li>the agent named as the target or the ruler of a place is no agent: "airstrikes <i>on ISIL</i> hideouts", "an
 *       offensive <i>against</i> ISIL", "<i>targeting</i> Islamic State hideouts", "Houthi-controlled areas",
 *       "Houthi-run media". An agent written as the owner ("strikes on Iran's missile sites") or together with its
 *       action ("an attack on UN peacekeepers") still counts.
 * </ul>
 *
 * <p>Immutable once built; {@link #none()} when the rule has no such list.
 */
final class ActorRoles {

    /** Prepositions and verbs that make the word after them (or after "the") the target. */
    private static final Set<String> TARGETING = Set.of("against", "on", "upon", "at", "targeting", "targeted");

    /** Participles that, hyphenated after a name, make it the ruler of a place, not an agent ("Houthi-controlled"). */
    private static final Set<String> RULING =
            Set.of("controlled", "held", "run", "occupied", "administered", "ruled", "governed");

    /**
     * Words for people, whose nationality is their origin rather than their owner ("Ghanaian peacekeepers", "Ugandan
     * rebels"). Words for a state's services are not among them: "Venezuelan Armed Forces", "Iraqi soldiers" and
     * "Pakistani police" are that state's, so another actor's (measured: docs/rules.md, "Who acts").
     */
    private static final Set<String> PEOPLE = stems(
            "peacekeep",
            "peacekeeper",
            "rebel",
            "militant",
            "fighter",
            "protest",
            "protester",
            "protestor",
            "demonstr",
            "demonstrat",
            "gunman",
            "gunmen",
            "insurg",
            "insurgent",
            "jihadist",
            "militia",
            "militiamen");

    /** Words for armed people that, opening a bare list, are its agent ("militant* attack*"), as stems. */
    private static final Set<String> ARMED = stems(
            "militant",
            "rebel",
            "insurgent",
            "jihadist",
            "gunman",
            "gunmen",
            "militia",
            "fighter",
            "bandit",
            "guerrilla",
            "terrorist",
            "separatist");

    /**
     * Verbs (as stems) whose object is a victim: "the army kills 54 militants", "militants are killed by soldiers".
     * Not capture or arrest: "captured an Islamic State cell responsible for the bombings" reports the attack too.
     */
    private static final Set<String> VICTIM_VERBS =
            Set.of("kill", "elimin", "neutralis", "neutraliz", "execut", "behead");

    /** Auxiliaries of a passive: "are killed", "were captured", "have been arrested". */
    private static final Set<String> PASSIVE = Set.of("is", "are", "was", "were", "been", "being");

    /**
     * Words that end the object of a victim verb: prepositions, conjunctions and the start of a list of casualties
     * ("killed in an IS attack", "27 people are killed, including 12 militants, in an attack", "killed 20
     * people and IS…"). Other words between the verb and the name are quantities and adjectives ("kill over ten",
     * "killed a senior foreign ISIL commander").
     */
    private static final Set<String> CLAUSE_WORDS = Set.of(
            "in",
            "on",
            "at",
            "by",
            "during",
            "after",
            "before",
            "near",
            "from",
            "with",
            "for",
            "to",
            "into",
            "and",
            "or",
            "but",
            "as",
            "while",
            "when",
            "since",
            "that",
            "which",
            "who",
            "amid",
            "following",
            "including",
            "among");

    /** Prepositions that tie people to their group: "a militant from Hamas", "members of al-Shabaab". */
    private static final Set<String> MEMBERSHIP = Set.of("of", "from");

    /**
     * Words for a group's people, as stems, that a victim verb's object may name before the group ("killed a senior
     * commander of IS", "a militant from the Hamas branch"). Words for a state's services are not among them: "two
     * soldiers of the army" are no group's victims.
     */
    private static final Set<String> MEMBERS = stems(
            "member",
            "members",
            "militant",
            "militants",
            "fighter",
            "fighters",
            "commander",
            "commanders",
            "leader",
            "leaders",
            "operative",
            "operatives",
            "gunman",
            "gunmen",
            "insurgent",
            "insurgents",
            "jihadist",
            "jihadists",
            "militiamen");

    /** Verbs (as stems) of a report whose "that" clause tells what someone else did ("the Houthis report that"). */
    private static final Set<String> REPORTING = stems(
            "say",
            "says",
            "said",
            "report",
            "reports",
            "reported",
            "state",
            "states",
            "stated",
            "announce",
            "announces",
            "announced",
            "confirm",
            "confirms",
            "confirmed",
            "claim",
            "claims",
            "claimed",
            "allege",
            "alleges",
            "alleged");

    /** Pronouns by which a report names its source as the doer again: "Hamas says that it fired rockets". */
    private static final Set<String> SELF = Set.of("it", "they", "we", "its", "their", "our", "he", "his");

    /**
     * Words after a name that make it the name of a war, not an actor: "the 2026 Iran war", "Protests against the
     * Iran war" name the war fought in or over Iran, whoever acts in it.
     */
    private static final Set<String> WAR = Set.of("war", "wars");

    /**
     * Air strikes, word by word as stems: a state's (or a coalition's) weapon, never an armed group's, so an armed group
     * named with one is its target or its losses ("a Hamas commander … was killed in an airstrike").
     */
    private static final List<List<String>> AIR_STRIKES = Stream.of(
                    "airstrike",
                    "airstrikes",
                    "air strike",
                    "air strikes",
                    "air raid",
                    "air raids",
                    "aerial bombardment",
                    "bombing raid")
            .map(words -> Stream.of(words.split(" ")).map(EnglishStemming::stem).toList())
            .distinct()
            .toList();

    /** Words that place an action in an earlier event: "since the October 7 attack", "during the October 7 attacks". */
    private static final Set<String> BACKGROUND = Set.of("since", "during");

    private static final Set<String> MONTHS = Set.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");

    /** How far an action may stand before "during"/"since", and a day's date after them. */
    private static final int BACKGROUND_WINDOW = 8;

    /**
     * Verbs (as stems) that make an action after them a threat or a permission, not an event ("vows to continue
     * attacks", "for allowing Ukraine to use British-made drones to strike targets inside Russia").
     */
    private static final Set<String> THREATS = stems(
            "threaten",
            "threatens",
            "vow",
            "vows",
            "warn",
            "warns",
            "allow",
            "allows",
            "allowing",
            "permit",
            "permits",
            "permitting",
            "authorise",
            "authorises",
            "authorising",
            "authorize",
            "authorizes",
            "authorizing");

    /** How far a threat verb before, or an "if" after, an action reaches. */
    private static final int THREAT_WINDOW = 6;

    /** How many words of names between a victim verb and its object cost no step of {@link #VICTIM_WINDOW}. */
    private static final int NAME_WORDS = 4;

    /** How many words a victim verb may stand before its object, or a passive after it. */
    private static final int VICTIM_WINDOW = 4;

    /** The words and their stems, as a token's {@link Token#stem()} gives them ("militants" is "milit"). */
    private static Set<String> stems(String... words) {
        return Stream.of(words)
                .flatMap(word -> Stream.of(word, EnglishStemming.stem(word)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many words after the agent its action may come and still be the target with it ("on UN peacekeepers"). */
    private static final int ACTION_AFTER_TARGET = 5;

    private static final ActorRoles NONE =
            new ActorRoles(new IdentityHashMap<>(), new IdentityHashMap<>(), Set.of(), Map.of(), Set.of());

    /** How many words an organisation's name may run before a place word inside it ("Islamic State in Iraq and"). */
    private static final int NAME_BEFORE_PLACE = 6;

    /** For each action pattern, its agent. */
    private final Map<TermPattern, Agent> actions;
    /** For each agent pattern, itself with its actions. */
    private final Map<TermPattern, Agent> agents;

    /**
     * @param placed whether the agent is a country whose list names another country ("Ukrainian drone attack Russia"):
     *     then one of the two acts on the other, and the agent's country named as the place of an action is its target
     */
    private record Agent(
            TermPattern pattern,
            Set<Integer> actors,
            boolean nation,
            boolean armedGroup,
            boolean placed,
            List<TermPattern> actions,
            String reading) {}

    /** For each place word of a list (a country it names besides its agent: "Syria" in "US troops Syria"), its agent. */
    private final Set<TermPattern> places;

    /**
     * The deeds of every bare list: its lowercase wildcards ("release*" in "hostage* release*", "attack*"), written so
     * to find the verb's forms, which ask for the deed done, not asked for ({@link #asked}).
     */
    private final Map<TermPattern, String> deeds;

    /**
     * The words in lowercase of every bare list ("coup" in "military coup"), which after <i>since</i> name the start of
     * a time span, a past event told as the background of other news ({@link #sinceStart}).
     */
    private final Set<TermPattern> spanStarts;

    private ActorRoles(
            Map<TermPattern, Agent> actions,
            Map<TermPattern, Agent> agents,
            Set<TermPattern> places,
            Map<TermPattern, String> deeds,
            Set<TermPattern> spanStarts) {
        this.deeds = deeds;
        this.spanStarts = spanStarts;
        this.places = places;
        this.actions = actions;
        this.agents = agents;
    }

    static ActorRoles none() {
        return NONE;
    }

    /** The roles of every bare list of a rule. */
    static ActorRoles of(QueryNode root, ActorNames names) {
        Map<TermPattern, Agent> actions = new IdentityHashMap<>();
        Map<TermPattern, Agent> agents = new IdentityHashMap<>();
        Set<TermPattern> places = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(root, names, actions, agents, places);
        Map<TermPattern, String> deeds = new IdentityHashMap<>();
        collectDeeds(root, deeds);
        Set<TermPattern> spanStarts = Collections.newSetFromMap(new IdentityHashMap<>());
        collectSpanStarts(root, spanStarts);
        return actions.isEmpty() && deeds.isEmpty() && spanStarts.isEmpty()
                ? NONE
                : new ActorRoles(actions, agents, places, Collections.unmodifiableMap(deeds), spanStarts);
    }

    boolean isEmpty() {
        return actions.isEmpty() && deeds.isEmpty() && spanStarts.isEmpty();
    }

    private static void collectSpanStarts(QueryNode node, Set<TermPattern> spanStarts) {
        switch (node) {
            case All all -> {
                if (all.operands().size() > 1) {
                    for (QueryNode operand : all.operands()) {
                        lowercaseLeaves(operand, spanStarts);
                    }
                }
                all.operands().forEach(operand -> collectSpanStarts(operand, spanStarts));
            }
            case And and -> and.operands().forEach(operand -> collectSpanStarts(operand, spanStarts));
            case Or or -> or.operands().forEach(operand -> collectSpanStarts(operand, spanStarts));
            case Not not -> {}
            case Scoped scoped -> {}
            case Near near -> {}
            case Term term -> {}
            case Phrase phrase -> {}
            case Wildcard wildcard -> {}
        }
    }

    private static void lowercaseLeaves(QueryNode node, Set<TermPattern> out) {
        List<TermPattern> found = new ArrayList<>();
        lowercaseLeaves(node, found, new ArrayList<>());
        out.addAll(found);
    }

    private static void collectDeeds(QueryNode node, Map<TermPattern, String> deeds) {
        switch (node) {
            case All all -> {
                if (all.operands().size() > 1) {
                    for (QueryNode operand : all.operands()) {
                        deedsOf(operand, deeds);
                    }
                }
                all.operands().forEach(operand -> collectDeeds(operand, deeds));
            }
            case And and -> and.operands().forEach(operand -> collectDeeds(operand, deeds));
            case Or or -> or.operands().forEach(operand -> collectDeeds(operand, deeds));
            case Not not -> {}
            case Scoped scoped -> {}
            case Near near -> {}
            case Term term -> {}
            case Phrase phrase -> {}
            case Wildcard wildcard -> {}
        }
    }

    private static void deedsOf(QueryNode node, Map<TermPattern, String> deeds) {
        switch (node) {
            case Wildcard wildcard -> {
                // A word for armed people ("rebel*") names a party, not a deed: "talks with the rebels" are talks.
                if (Character.isLowerCase(wildcard.text().charAt(0)) && !ARMED.contains(stemOf(wildcard.text()))) {
                    deeds.put(wildcard.pattern(), wildcard.text());
                }
            }
            case Or or -> or.operands().forEach(operand -> deedsOf(operand, deeds));
            default -> {}
        }
    }

    /** How the rule reads who acts, one line per bare list, for the preview ("attack* count only as Houthi's…"). */
    List<String> readings() {
        List<String> readings = new ArrayList<>(
                agents.values().stream().map(Agent::reading).distinct().toList());
        if (!spanStarts.isEmpty()) {
            readings.add("words after since with a year (\"the first talks since the 2021 coup\") name a past event"
                    + " and do not count");
        }
        if (!deeds.isEmpty()) {
            String texts = String.join(", ", new TreeSet<>(deeds.values()));
            readings.add(texts + " count when done: asked for, negotiated, refused, delayed, a proposal's"
                    + " terms or done to the dead (calls for, demanding, talks over, refuses to, delays, the plan"
                    + " includes " + texts + ", " + texts + " of bodies) they do not count");
        }
        return List.copyOf(readings);
    }

    private static void collect(
            QueryNode node,
            ActorNames names,
            Map<TermPattern, Agent> actions,
            Map<TermPattern, Agent> agents,
            Set<TermPattern> places) {
        switch (node) {
            case All all -> {
                TermPattern agentPattern = null;
                String agentText = null;
                // "Afghanistan Pakistan border", "India Pakistan ceasefire": two actors side by side open the list as
                // the two parties of one matter, neither acting on the other, so the list has no agent.
                boolean jointParties = false;
                Set<Integer> actors = Set.of();
                List<TermPattern> lowercase = new ArrayList<>();
                List<String> actionTexts = new ArrayList<>();
                List<TermPattern> countries = new ArrayList<>();
                List<QueryNode> operands = all.operands();
                for (int index = 0; index < operands.size(); index++) {
                    QueryNode operand = operands.get(index);
                    if (operand instanceof Term term
                            && Character.isUpperCase(term.text().charAt(0))) {
                        Set<Integer> named = names.actorsOf(term.text());
                        int rest = agentPattern == null && named.isEmpty() ? nameRunAfter(operands, index, names) : 0;
                        if (rest > 0) {
                            // "Boko Haram attack*": capitalised words that name an actor together are that actor, the
                            // first of them standing for the name (its occurrences are the name's first words).
                            agentPattern = term.pattern();
                            agentText = nameText(operands, index, rest);
                            actors = names.actorsOf(agentText);
                            index += rest;
                            continue;
                        }
                        if (!named.isEmpty() && named.stream().allMatch(names::isNation)) {
                            countries.add(term.pattern());
                        }
                        if (!named.isEmpty() && agentPattern == null) {
                            agentPattern = term.pattern();
                            agentText = term.text();
                            actors = named;
                            jointParties = index + 1 < operands.size() && namesActor(operands.get(index + 1), names);
                            continue;
                        }
                    }
                    QueryNode armed = operand == all.operands().get(0) ? armedPeople(operand, names) : null;
                    if (armed != null) {
                        // "militant* attack* Pakistan": a list that opens with a word for armed people, whose concept
                        // names groups, has them as its agent, as "Houthi attack*" has the Houthis.
                        agentPattern = patternOf(armed);
                        agentText = textOf(armed);
                        continue;
                    }
                    lowercaseLeaves(operand, lowercase, actionTexts);
                }
                if (agentPattern != null && !lowercase.isEmpty() && !jointParties) {
                    Set<Integer> all2 = new HashSet<>(actors);
                    boolean nation = actors.stream().anyMatch(names::isNation);
                    boolean armedGroup = !nation && all2.stream().anyMatch(names::isArmedGroup);
                    // The agent's own expansions (UN ← UNIFIL, NATO ← Poland) are the agent too.
                    for (Alternative alternative : agentPattern.alternatives()) {
                        all2.addAll(names.actorsOf(alternative.label()));
                    }
                    countries.remove(agentPattern);
                    boolean placed = nation && !countries.isEmpty();
                    String reading = agentText + " is the actor of " + String.join(", ", actionTexts) + ": another"
                            + " actor's (an Israeli one, one by the U.S.) and " + agentText + " as a target (on "
                            + agentText + ", " + agentText + "-controlled"
                            + (placed ? ", in or across " + agentText + ", Kharkiv, " + agentText : "")
                            + ") do not count";
                    Agent agent = new Agent(
                            agentPattern,
                            Set.copyOf(all2),
                            nation,
                            armedGroup,
                            placed,
                            List.copyOf(lowercase),
                            reading);
                    agents.put(agentPattern, agent);
                    for (TermPattern action : lowercase) {
                        actions.put(action, agent);
                    }
                }
                places.addAll(countries);
                all.operands().forEach(operand -> collect(operand, names, actions, agents, places));
            }
            case And and -> and.operands().forEach(operand -> collect(operand, names, actions, agents, places));
            case Or or -> or.operands().forEach(operand -> collect(operand, names, actions, agents, places));
            case Not not -> {}
            case Scoped scoped -> {}
            case Near near -> {}
            case Term term -> {}
            case Phrase phrase -> {}
            case Wildcard wildcard -> {}
        }
    }

    /** The most words an actor's name written unquoted in a list may have ("Islamic State West Africa Province"). */
    private static final int NAME_RUN = 5;

    /**
     * How many capitalised terms right after {@code index} complete, with it, an actor's name ("Haram" after "Boko",
     * "State" after "Islamic"): the longest such run, 0 when none.
     */
    private static int nameRunAfter(List<QueryNode> operands, int index, ActorNames names) {
        int found = 0;
        for (int rest = 1; rest < NAME_RUN && index + rest < operands.size(); rest++) {
            if (!(operands.get(index + rest) instanceof Term term)
                    || !Character.isUpperCase(term.text().charAt(0))) {
                break;
            }
            if (!names.actorsOf(nameText(operands, index, rest)).isEmpty()) {
                found = rest;
            }
        }
        return found;
    }

    private static String nameText(List<QueryNode> operands, int index, int rest) {
        return operands.subList(index, index + rest + 1).stream()
                .map(operand -> ((Term) operand).text())
                .collect(Collectors.joining(" "));
    }

    /** Last words of a compound for armed people besides {@link #ARMED}: "armed group", "armed men", "armed gang". */
    private static final Set<String> ARMED_HEADS = stems("group", "groups", "men", "gang", "gangs", "faction");

    /**
     * The term or wildcard in lowercase that stands for armed people ({@link #PEOPLE}: militants, rebels, gunmen…) and
     * whose expansions name groups ({@link ActorNames}), or null. A compound of two words read as one concept
     * ("armed group*", parsed as the two words or the compound) is such a term when its last word is a word for
     * armed people or a group ("armed group*", "armed men").
     */
    private static QueryNode armedPeople(QueryNode node, ActorNames names) {
        if (node instanceof Or or) {
            for (QueryNode operand : or.operands()) {
                String text = operand instanceof Term || operand instanceof Wildcard || operand instanceof Phrase
                        ? textOf(operand)
                        : "";
                int space = text.lastIndexOf(' ');
                if (space > 0
                        && Character.isLowerCase(text.charAt(0))
                        && ARMED_HEADS.contains(stemOf(text.substring(space + 1)))
                        && namesGroups(patternOf(operand), names)) {
                    return operand;
                }
            }
            return null;
        }
        if (!(node instanceof Term) && !(node instanceof Wildcard)) {
            return null;
        }
        String text = textOf(node);
        if (!Character.isLowerCase(text.charAt(0)) || !ARMED.contains(stemOf(text))) {
            return null;
        }
        return namesGroups(patternOf(node), names) ? node : null;
    }

    private static String stemOf(String word) {
        return EnglishStemming.stem(word.replace("*", "").toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean namesGroups(TermPattern pattern, ActorNames names) {
        for (Alternative alternative : pattern.alternatives()) {
            if (!names.actorsOf(alternative.label()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static TermPattern patternOf(QueryNode node) {
        return switch (node) {
            case Term term -> term.pattern();
            case Wildcard wildcard -> wildcard.pattern();
            case Phrase phrase -> phrase.pattern();
            default -> throw new IllegalArgumentException("no pattern: " + node);
        };
    }

    private static String textOf(QueryNode node) {
        return switch (node) {
            case Term term -> term.text();
            case Wildcard wildcard -> wildcard.text();
            case Phrase phrase -> phrase.text();
            default -> throw new IllegalArgumentException("no text: " + node);
        };
    }

    /** Whether the operand is a capitalised term naming an actor ("Pakistan" after "Afghanistan"). */
    private static boolean namesActor(QueryNode operand, ActorNames names) {
        return operand instanceof Term term
                && Character.isUpperCase(term.text().charAt(0))
                && !names.actorsOf(term.text()).isEmpty();
    }

    /** Terms and wildcards written in lowercase, alone or in an OR: the list's actions. */
    private static void lowercaseLeaves(QueryNode node, List<TermPattern> out, List<String> texts) {
        switch (node) {
            case Term term -> {
                if (Character.isLowerCase(term.text().charAt(0))) {
                    out.add(term.pattern());
                    texts.add(term.text());
                }
            }
            case Wildcard wildcard -> {
                if (Character.isLowerCase(wildcard.text().charAt(0))) {
                    out.add(wildcard.pattern());
                    texts.add(wildcard.text());
                }
            }
            case Or or -> or.operands().forEach(operand -> lowercaseLeaves(operand, out, texts));
            default -> {}
        }
    }

    /**
     * Whether an occurrence of a pattern counts for this rule: false when it is an action given to another actor, or
     * the agent named as a target or a ruler.
     *
     * @param raw the occurrences of a pattern in the field before any role applies (for the agent's actions)
     */
    boolean counts(TermPattern pattern, FieldIndex field, int first, int last, ActorNames names, Raw raw) {
        if (deeds.containsKey(pattern)
                && (asked(field, first)
                        || demandedInList(field, first)
                        || proposed(field, first)
                        || madeThing(field, last)
                        || ofTheDead(field, last))) {
            return false;
        }
        if (spanStarts.contains(pattern) && sinceStart(field, first)) {
            return false;
        }
        Agent agent = actions.get(pattern);
        if (agent != null) {
            // A member inside a longer member ("Forces" in "Armed Forces") reads as the longer one: its actor is the
            // name before the longer one ("Venezuelan Armed Forces").
            int start = first;
            for (long occurrence : raw.occurrences(pattern, field)) {
                int otherStart = (int) (occurrence >>> 32);
                int otherEnd = (int) occurrence;
                if (otherStart < start && otherEnd >= last) {
                    start = otherStart;
                }
            }
            return !givenToAnother(agent, field, start, last, names, raw)
                    && !threatened(field.tokens(), start)
                    && !halted(field, start)
                    && !victimsDeed(field, start)
                    && !victimsKind(field, start, last)
                    && !background(field.tokens(), start, last)
                    && !subjectsCircumstance(agent, field, start, names, raw)
                    && !subjectsLaunch(agent, field, start, names, raw)
                    && !subjectsOwn(agent, field, start, names, raw)
                    && !frontedCircumstance(agent, field, start, last, raw)
                    && !(agent.armedGroup() && airStrike(field.tokens(), first, last));
        }
        if (places.contains(pattern)) {
            return !insideOrganisationName(field.tokens(), first, last, names);
        }
        Agent self = agents.get(pattern);
        if (self == null) {
            return true;
        }
        if (targetOrRuler(self, field, first, last, raw)) {
            return false;
        }
        if (field != raw.body()) {
            // A headline's "Islamic State insurgency in Puntland" is the agent only if the text names it as one: when
            // every mention in the body is a target ("airstrikes on ISIL hideouts"), the heading is the same target.
            long[] inBody = raw.occurrences(pattern, raw.body());
            if (inBody.length > 0) {
                for (long occurrence : inBody) {
                    int start = (int) (occurrence >>> 32);
                    int end = (int) occurrence;
                    if (!targetOrRuler(self, raw.body(), start, end, raw)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return true;
    }

    /** Articles and quantifiers that open the noun phrase of an action ("in an early-morning raid"). */
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the");

    /** Words for a state's services that may follow a country's name as a sentence's subject ("Israeli forces"). */
    private static final Set<String> SERVICES = stems("forces", "troops", "army", "military", "police", "soldiers");

    /**
     * Whether an action is the circumstance of what the sentence's subject, another actor, did: "Israeli forces kill one
     * person and detain seven people … whom they allege are Hamas members in an early-morning raid". The action stands
     * in "in a/an/the" with at most two words between; the sentence opens with another actor's name (and a service
     * word) and no passive follows it; the agent is named after no "by" in the sentence.
     */
    private static boolean subjectsCircumstance(Agent agent, FieldIndex field, int first, ActorNames names, Raw raw) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int determiner = -1;
        for (int i = first - 1; i >= 0 && first - i <= 3 && tokens.get(i).sentence() == sentence; i--) {
            if (DETERMINERS.contains(tokens.get(i).normalized())) {
                determiner = i;
                break;
            }
            if (Character.isUpperCase(tokens.get(i).surface().charAt(0))) {
                return false;
            }
        }
        if (determiner < 1 || !tokens.get(determiner - 1).normalized().equals("in")) {
            return false;
        }
        int start = first;
        while (start > 0 && tokens.get(start - 1).sentence() == sentence) {
            start--;
        }
        if (tokens.get(start).normalized().equals("the")) {
            start++;
        }
        ActorNames.Found subject = names.startingAt(tokens, start);
        if (subject == null || subject.last() >= determiner || isAgent(agent, subject, field, raw)) {
            return false;
        }
        int verb = subject.last() + 1;
        if (verb < tokens.size() && SERVICES.contains(tokens.get(verb).stem())) {
            verb++;
        }
        if (verb >= determiner || PASSIVE.contains(tokens.get(verb).normalized())) {
            return false;
        }
        for (int i = start; i + 1 < tokens.size() && tokens.get(i).sentence() == sentence; i++) {
            if (tokens.get(i).normalized().equals("by")) {
                ActorNames.Found doer =
                        names.startingAt(tokens, tokens.get(i + 1).normalized().equals("the") ? i + 2 : i + 1);
                if (doer != null && isAgent(agent, doer, field, raw)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Possessive pronouns by which an action is the sentence subject's own: "Austria denies … use of its airspace". */
    private static final Set<String> POSSESSIVES = Set.of("its", "their");

    /**
     * Whether the action is owned by the sentence's subject, another actor, through a possessive pronoun: "Austria
     * denies United States aircraft use of *its* airspace" is Austria's airspace, "Russia says *its* drone attack hit a
     * depot" Russia's attack. The pronoun stands right before the action or one lowercase word before it; the sentence
     * opens with the subject's name (after an optional "the"), and that name is not the agent.
     */
    private static boolean subjectsOwn(Agent agent, FieldIndex field, int first, ActorNames names, Raw raw) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int pronoun = -1;
        for (int i = first - 1; i >= 0 && first - i <= 2 && tokens.get(i).sentence() == sentence; i--) {
            if (POSSESSIVES.contains(tokens.get(i).normalized())) {
                pronoun = i;
                break;
            }
            if (Character.isUpperCase(tokens.get(i).surface().charAt(0))) {
                return false;
            }
        }
        if (pronoun < 0) {
            return false;
        }
        int start = pronoun;
        while (start > 0 && tokens.get(start - 1).sentence() == sentence) {
            start--;
        }
        if (tokens.get(start).normalized().equals("the")) {
            start++;
        }
        ActorNames.Found subject = names.startingAt(tokens, start);
        return subject != null && subject.last() < pronoun && !isAgent(agent, subject, field, raw);
    }

    /**
     * Whether an action opens its sentence as the circumstance of what the subject after the comma did: "In a dawn
     * offensive, Puntland armed forces … capture Miraale Valley". The sentence starts with <i>in a/an/the</i>, at most
     * two lowercase words before the action; a comma closes the phrase within two words after it; and the subject
     * after the comma is a capitalised name that is not the agent, followed within three words by a service word
     * ("Puntland armed forces", "Somali troops"). The agent as that subject ("In a dawn attack, Islamic State
     * fighters kill…") keeps it.
     */
    private static boolean frontedCircumstance(Agent agent, FieldIndex field, int first, int last, Raw raw) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int start = first;
        while (start > 0 && tokens.get(start - 1).sentence() == sentence) {
            start--;
        }
        if (start + 2 > first
                || first - start > 4
                || !tokens.get(start).normalized().equals("in")
                || !DETERMINERS.contains(tokens.get(start + 1).normalized())) {
            return false;
        }
        for (int i = start + 2; i < first; i++) {
            if (!Character.isLowerCase(tokens.get(i).surface().charAt(0))) {
                return false;
            }
        }
        int comma = -1;
        for (int i = last;
                i <= last + 2 && i + 1 < tokens.size() && tokens.get(i + 1).sentence() == sentence;
                i++) {
            if (field.commaAfter(i)) {
                comma = i;
                break;
            }
        }
        if (comma < 0) {
            return false;
        }
        int subject = comma + 1;
        if (tokens.get(subject).normalized().equals("the") && subject + 1 < tokens.size()) {
            subject++;
        }
        Token name = tokens.get(subject);
        if (!Character.isUpperCase(name.surface().charAt(0))
                || tokens.get(subject).sentence() != sentence) {
            return false;
        }
        for (long occurrence : raw.occurrences(agent.pattern(), field)) {
            int agentStart = (int) (occurrence >>> 32);
            int agentEnd = (int) occurrence;
            if (agentStart <= subject + 1 && agentEnd >= subject) {
                return false; // the agent is the subject: its own attack
            }
        }
        for (int i = subject + 1;
                i <= subject + 3 && i < tokens.size() && tokens.get(i).sentence() == sentence;
                i++) {
            if (SERVICES.contains(tokens.get(i).stem())) {
                return true;
            }
        }
        return false;
    }

    /** Verbs (as stems) whose object is the subject's own act: "Russia launches an overnight missile attack". */
    private static final Set<String> LAUNCHING = stems(
            "launch",
            "launches",
            "launched",
            "conduct",
            "conducts",
            "conducted",
            "fire",
            "fires",
            "fired",
            "mount",
            "mounts",
            "stage",
            "stages",
            "unleash",
            "unleashes");

    private static final Set<String> CARRYING = stems("carry", "carries", "carried");
    private static final Set<String> CLAIMING = stems("claim", "claims", "claimed");

    /** Words that may stand between a subject's name and its verb: "The Russian Armed Forces launch", "has launched". */
    private static final Set<String> BEFORE_VERB = stems(
            "forces", "troops", "army", "military", "armed", "air", "force", "navy", "has", "have", "had", "also");

    /** How many words the object of a launching verb may run before the action ("an overnight drone and cruise"). */
    private static final int LAUNCHED_OBJECT = 8;

    /**
     * Whether an action is the object of what the sentence's subject, another actor, launched or claimed: "Russian
     * forces launch an overnight drone and cruise missile attack on Dnipro", "Russia launches an overnight missile and
     * drone attack", "The Islamic State claims responsibility for a series of deadly attacks". The sentence opens with
     * the other actor's name (and perhaps service words or an auxiliary), then <i>launch, conduct, fire, mount, stage,
     * unleash, carry out</i> or <i>claim responsibility for</i>; the action follows within {@link #LAUNCHED_OBJECT}
     * words of its noun phrase (no preposition or clause word between but <i>and</i>, <i>or</i>, <i>of</i>).
     */
    private static boolean subjectsLaunch(Agent agent, FieldIndex field, int first, ActorNames names, Raw raw) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int start = first;
        while (start > 0 && tokens.get(start - 1).sentence() == sentence) {
            start--;
        }
        if (tokens.get(start).normalized().equals("the")) {
            start++;
        }
        if (start >= first) {
            return false;
        }
        ActorNames.Found subject = names.startingAt(tokens, start);
        if (subject == null || subject.last() >= first || isAgent(agent, subject, field, raw)) {
            return false;
        }
        int verb = subject.last() + 1;
        for (int skipped = 0;
                verb < first
                        && skipped < 3
                        && BEFORE_VERB.contains(tokens.get(verb).stem());
                skipped++) {
            verb++;
        }
        if (verb >= first) {
            return false;
        }
        String stem = tokens.get(verb).stem();
        int object;
        if (LAUNCHING.contains(stem)) {
            object = verb + 1;
        } else if (CARRYING.contains(stem)) {
            object = verb + 2;
            if (object > first || !tokens.get(verb + 1).normalized().equals("out")) {
                return false;
            }
        } else if (CLAIMING.contains(stem)) {
            object = verb + 3;
            if (object > first
                    || !tokens.get(verb + 1).normalized().equals("responsibility")
                    || !tokens.get(verb + 2).normalized().equals("for")) {
                return false;
            }
        } else {
            return false;
        }
        if (first - object > LAUNCHED_OBJECT) {
            return false;
        }
        for (int i = object; i < first; i++) {
            String word = tokens.get(i).normalized();
            if (CLAUSE_WORDS.contains(word) && !word.equals("and") && !word.equals("or")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a place word is part of an organisation's longer name, which places nothing: "Syria" in "the deputy head
     * of the Islamic State in Iraq and Syria" (an operation in Iraq). A name that opens with the place ("Sudan People's
     * Liberation Movement") keeps it: the place word is then the first of the name, not inside it.
     */
    private static boolean insideOrganisationName(List<Token> tokens, int first, int last, ActorNames names) {
        int sentence = tokens.get(first).sentence();
        for (int start = first - 1;
                start >= 0
                        && first - start <= NAME_BEFORE_PLACE
                        && tokens.get(start).sentence() == sentence;
                start--) {
            ActorNames.Found name = names.startingAt(tokens, start);
            if (name != null && name.last() >= last && !allNations(name, names)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Prepositions that make a country right after them (or after "the") the place of an action: "strikes across
     * Ukraine", "an oil depot in Russia's Belgorod region", "deep into Russia".
     */
    private static final Set<String> PLACING = Set.of("in", "across", "inside", "into", "throughout", "within", "over");

    /** Prepositions that open a place whose country follows it after a comma: "at Kyiv, Ukraine", "near Kharkiv,". */
    private static final Set<String> ADDRESSING = Set.of(
            "in",
            "at",
            "near",
            "on",
            "across",
            "inside",
            "into",
            "outside",
            "over",
            "throughout",
            "within",
            "around",
            "toward",
            "towards");

    /**
     * Lowercase words a place's name may hold before the comma of its country ("the Republic of Tatarstan and Bryansk,
     * Saratov, and Tula oblasts, Russia"), as stems.
     */
    private static final Set<String> ADDRESS_WORDS = stems(
            "and",
            "of",
            "the",
            "oblast",
            "oblasts",
            "region",
            "regions",
            "province",
            "provinces",
            "state",
            "district",
            "districts",
            "city",
            "town",
            "village",
            "county",
            "governorate",
            "territory",
            "krai",
            "republic");

    /** How many words a place's name may run back from the comma to the preposition that opens it. */
    private static final int ADDRESS_REACH = 12;

    /** How many words after the agent its own action may start and still be its act ("in Russia's overnight missile"). */
    private static final int OWN_ACTION_AFTER = 3;

    /**
     * Whether an occurrence of a country agent names the place of an action, so its target, in a list that names a
     * second country ({@link Agent#placed()}): after a preposition of place ("Russian drone strikes across Ukraine",
     * "Ukrainian missiles strike a depot in Russia's Belgorod region") or as the country closing a place's address
     * after a comma ("launch missiles at Kyiv, Ukraine, killing 17", "targets in Bryansk and Tula oblasts, Russia,").
     * The agent with its own action right after it stays the agent ("in Russia's missile attack on Kyiv", "in
     * Ukrainian drone attacks"), as does a compound with a dash ("the US-led coalition").
     */
    private static boolean placeOfAction(Agent agent, FieldIndex field, int first, int last, Raw raw) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        if (field.dashAfter(last) || ownActionAfter(agent, field, first, last, raw)) {
            return false;
        }
        int before = first - 1;
        if (before >= 0 && tokens.get(before).normalized().equals("the")) {
            before--;
        }
        if (before >= 0
                && tokens.get(before).sentence() == sentence
                && PLACING.contains(tokens.get(before).normalized())) {
            return true;
        }
        // The address form: "…, Ukraine," or "…, Ukraine." closing a place opened by a preposition.
        if (first == 0 || tokens.get(first - 1).sentence() != sentence || !field.commaAfter(first - 1)) {
            return false;
        }
        boolean closes =
                last + 1 >= tokens.size() || tokens.get(last + 1).sentence() != sentence || field.commaAfter(last);
        if (!closes) {
            return false;
        }
        for (int i = first - 1;
                i >= 0 && first - i <= ADDRESS_REACH && tokens.get(i).sentence() == sentence;
                i--) {
            Token token = tokens.get(i);
            if (i < first - 1 && ADDRESSING.contains(token.normalized())) {
                return true;
            }
            if (!Character.isUpperCase(token.surface().charAt(0)) && !ADDRESS_WORDS.contains(token.stem())) {
                return false;
            }
        }
        return false;
    }

    /** Whether one of the agent's actions starts right after it, lowercase words between: "Russia's overnight missile". */
    private static boolean ownActionAfter(Agent agent, FieldIndex field, int first, int last, Raw raw) {
        List<Token> tokens = field.tokens();
        for (TermPattern action : agent.actions()) {
            for (long occurrence : raw.occurrences(action, field)) {
                int start = (int) (occurrence >>> 32);
                if (start < first
                        || start - last > OWN_ACTION_AFTER
                        || tokens.get(start).sentence() != tokens.get(first).sentence()) {
                    continue;
                }
                boolean adjacent = true;
                for (int i = last; i < start && adjacent; i++) {
                    // No comma, and no other name between: "in Russia's Belgorod region, drones…" is a place.
                    adjacent = !field.commaAfter(i)
                            && (i == last
                                    || Character.isLowerCase(
                                            tokens.get(i).surface().charAt(0)));
                }
                if (adjacent) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The raw occurrences of a pattern in a field, as the evaluator finds them. */
    interface Raw {
        long[] occurrences(TermPattern pattern, FieldIndex field);

        /** The article's body, which decides how the title's mention of the agent reads. */
        FieldIndex body();
    }

    private static boolean givenToAnother(
            Agent agent, FieldIndex field, int first, int last, ActorNames names, Raw raw) {
        List<Token> tokens = field.tokens();
        boolean people = PEOPLE.contains(tokens.get(last).stem());
        if (first > 0) {
            ActorNames.Found before = names.endingAt(tokens, first - 1);
            if (before != null
                    && tokens.get(first - 1).sentence() == tokens.get(first).sentence()
                    && !isAgent(agent, before, field, raw)
                    && !(before.first() > 0 && field.dashAfter(before.first() - 1))
                    && !field.dashAfter(before.last())
                    && !(people && allNations(before, names))
                    && !ownedByAgent(agent, field, before, names, raw)) {
                return true;
            }
        }
        for (int inside = first + 1; inside <= last; inside++) {
            // A name within the action's words is its actor: "hit by two Israeli missiles".
            ActorNames.Found within = names.startingAt(tokens, inside);
            if (within != null && within.last() <= last && !isAgent(agent, within, field, raw)) {
                return true;
            }
        }
        int by = last + 1;
        if (by + 1 < tokens.size() && tokens.get(by).normalized().equals("by")) {
            int start = tokens.get(by + 1).normalized().equals("the") ? by + 2 : by + 1;
            if (start < tokens.size()) {
                ActorNames.Found after = names.startingAt(tokens, start);
                if (after != null && !isAgent(agent, after, field, raw) && !(people && allNations(after, names))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether another actor's name is the agent's own service or branch: the agent's name right before it names its
     * owner ("a Ukrainian SBU drone strikes a refinery", "Iran's IRGC Navy seizes a tanker"), as a nationality before a
     * word for a state's services does.
     */
    private static boolean ownedByAgent(
            Agent agent, FieldIndex field, ActorNames.Found name, ActorNames names, Raw raw) {
        List<Token> tokens = field.tokens();
        if (name.first() == 0
                || tokens.get(name.first() - 1).sentence()
                        != tokens.get(name.first()).sentence()) {
            return false;
        }
        ActorNames.Found owner = names.endingAt(tokens, name.first() - 1);
        return owner != null && isAgent(agent, owner, field, raw) && !field.dashAfter(owner.last());
    }

    /**
     * Whether an action is told as part of an earlier event named by its day: "released … since the October 7 attack",
     * "hostages kidnapped during the October 7 attacks", "the kidnapping of a boy during the Nir Oz attack on October
     * 7, 2023". <i>Since</i> or <i>during the</i>, then a day's date (a month next to a day number) within {@link
     * #BACKGROUND_WINDOW} words: between "the" and the action when the action is that event ("since the October 7
     * attack"), or, when the action comes first, right after "the" or with its year. A date alone ("killed on March
     * 5", "during the night of March 5") or a year ("during the 2026 election") places nothing in the past.
     */
    private static boolean background(List<Token> tokens, int first, int last) {
        if (namedByFullDate(tokens, first)) {
            return true;
        }
        int sentence = tokens.get(first).sentence();
        for (int marker = Math.max(0, first - BACKGROUND_WINDOW);
                marker <= last + BACKGROUND_WINDOW && marker + 2 < tokens.size();
                marker++) {
            if (tokens.get(marker).sentence() != sentence
                    || !BACKGROUND.contains(tokens.get(marker).normalized())
                    || !tokens.get(marker + 1).normalized().equals("the")) {
                continue;
            }
            if (marker > first && marker <= last) {
                continue;
            }
            if (marker < first) {
                // The action is the dated event itself: only the date and names stand between ("since the October 7
                // attack", "during the 7 October Nova attack").
                boolean dated = false;
                boolean phrase = true;
                for (int i = marker + 2; i < first; i++) {
                    Token token = tokens.get(i);
                    dated |= dayDate(tokens, i);
                    phrase &= MONTHS.contains(token.normalized())
                            || dayNumber(token)
                            || year(token)
                            || Character.isUpperCase(token.surface().charAt(0));
                }
                if (dated && phrase) {
                    return true;
                }
                continue;
            }
            for (int day = marker + 2; day <= marker + 1 + BACKGROUND_WINDOW && day < tokens.size(); day++) {
                if (tokens.get(day).sentence() != sentence) {
                    break;
                }
                // The action comes first: the event after "during the" is named by its day ("during the October 7
                // attacks") or dated with its year ("during the Nir Oz attack on October 7, 2023"); "during the night
                // of March 5" is the action's own time.
                if (dayDate(tokens, day) && (day == marker + 2 || withYear(tokens, day))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the action is an event named by its full date, year included, right before it: "a commander who took part
     * in the October 7, 2023 attacks", "the 7 October 2023 attack". News gives the year of a date only when it is not
     * this year's, so such an event is an earlier one told as background. The date follows "the" and only the date and
     * names stand between it and the action ("the October 7, 2023 Nova attack"); a date without its year ("the March 5
     * attack"), a year alone ("the 2023 attacks") and a dated sentence ("On October 7, 2025, Hamas attacks…") are left
     * as they are.
     */
    private static boolean namedByFullDate(List<Token> tokens, int first) {
        int sentence = tokens.get(first).sentence();
        for (int i = first - 1; i >= 0 && first - i <= BACKGROUND_WINDOW; i--) {
            Token token = tokens.get(i);
            if (token.sentence() != sentence) {
                return false;
            }
            if (dayDate(tokens, i) && withYear(tokens, i)) {
                // The date names the event only after "the": "On October 7, 2025, Hamas attacks a patrol" is dated.
                int start = i > 0 && dayNumber(tokens.get(i - 1)) ? i - 1 : i;
                return start > 0 && tokens.get(start - 1).normalized().equals("the");
            }
            boolean partOfDateOrName = MONTHS.contains(token.normalized())
                    || dayNumber(token)
                    || year(token)
                    || Character.isUpperCase(token.surface().charAt(0));
            if (!partOfDateOrName) {
                return false;
            }
        }
        return false;
    }

    /** Whether token {@code i} is a month next to a day number ("October 7", "7 October"). */
    private static boolean dayDate(List<Token> tokens, int i) {
        if (!MONTHS.contains(tokens.get(i).normalized())) {
            return false;
        }
        return (i + 1 < tokens.size() && dayNumber(tokens.get(i + 1))) || (i > 0 && dayNumber(tokens.get(i - 1)));
    }

    /** Whether a year (four digits) follows the month at {@code i} or its day number: "October 7, 2023". */
    private static boolean withYear(List<Token> tokens, int i) {
        for (int k = i + 1; k <= i + 2 && k < tokens.size(); k++) {
            if (year(tokens.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean year(Token token) {
        String text = token.normalized();
        return text.length() == 4 && text.chars().allMatch(Character::isDigit);
    }

    private static boolean dayNumber(Token token) {
        String text = token.normalized();
        return text.length() <= 2 && !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /** Whether the words at {@code first..last} are an air strike ({@link #AIR_STRIKES}). */
    private static boolean airStrike(List<Token> tokens, int first, int last) {
        List<String> stems = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            stems.add(tokens.get(i).stem());
        }
        return AIR_STRIKES.contains(stems);
    }

    /**
     * Whether an action is only threatened or conditional: "vows to continue its attacks", "warns of strikes",
     * "threatens to resume attacks … if the ceasefire is breached" report no action.
     */
    private static boolean threatened(List<Token> tokens, int first) {
        int sentence = tokens.get(first).sentence();
        for (int i = first - 1;
                i >= 0 && first - i <= THREAT_WINDOW && tokens.get(i).sentence() == sentence;
                i--) {
            if (THREATS.contains(tokens.get(i).stem())) {
                return true;
            }
        }
        for (int i = first + 1;
                i < tokens.size() && i - first <= THREAT_WINDOW && tokens.get(i).sentence() == sentence;
                i++) {
            if (tokens.get(i).normalized().equals("if")) {
                return true;
            }
        }
        return false;
    }

    /** Verbs (as stems) that stop an action right after them: "Iran suspends retaliatory attacks", "pause strikes". */
    private static final Set<String> HALTS = stems(
            "pause",
            "pauses",
            "paused",
            "pausing",
            "suspend",
            "suspends",
            "suspended",
            "suspending",
            "halt",
            "halts",
            "halted",
            "halting",
            "cease",
            "ceases",
            "ceased",
            "ceasing");

    /** Nouns (as stems) of a stop, with the preposition that joins their action: "a pause in strikes". */
    private static final Map<String, Set<String>> HALT_NOUNS = Map.of(
            EnglishStemming.stem("pause"), Set.of("in", "on", "of"),
            EnglishStemming.stem("halt"), Set.of("to", "in", "on", "of"),
            EnglishStemming.stem("suspension"), Set.of("of", "on"),
            EnglishStemming.stem("cessation"), Set.of("of"),
            EnglishStemming.stem("moratorium"), Set.of("on"));

    /** Words that end the modifiers a stop verb may have before its action (a preposition opens another phrase). */
    private static final Set<String> PHRASE_ENDS = Set.of(
            "after",
            "before",
            "following",
            "amid",
            "over",
            "by",
            "from",
            "in",
            "on",
            "at",
            "of",
            "to",
            "for",
            "with",
            "and",
            "or",
            "but",
            "as",
            "while",
            "when",
            "despite",
            "because",
            "due",
            "since",
            "until");

    /** How many modifiers may stand between a stop and its action ("suspends all retaliatory attacks"). */
    private static final int HALT_MODIFIERS = 2;

    /**
     * Whether an action is stopped, not done: the object of a verb that stops it ("Iran suspends retaliatory attacks",
     * "Iran and the United States pause strikes") or of a noun of a stop with its preposition ("a pause in strikes",
     * "calls for a halt to the attacks"), with at most {@link #HALT_MODIFIERS} lowercase modifiers between and no comma.
     * A stop after the action ("the drone attack halted production") or across a preposition ("the refinery halted
     * operations after a drone attack") leaves it an event.
     */
    private static boolean halted(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int i = first - 1;
        if (i >= 0 && tokens.get(i).normalized().equals("the")) {
            i--;
        }
        if (i >= 1
                && tokens.get(i).sentence() == sentence
                && !field.commaAfter(i)
                && HALT_NOUNS
                        .getOrDefault(tokens.get(i - 1).stem(), Set.of())
                        .contains(tokens.get(i).normalized())) {
            return true;
        }
        for (int skipped = 0; i >= 0 && tokens.get(i).sentence() == sentence && !field.commaAfter(i); skipped++, i--) {
            Token token = tokens.get(i);
            if (!Character.isLowerCase(token.surface().charAt(0))) {
                return false;
            }
            if (HALTS.contains(token.stem())) {
                return true;
            }
            if (skipped == HALT_MODIFIERS || PHRASE_ENDS.contains(token.normalized())) {
                return false;
            }
        }
        return false;
    }

    /** Words (as stems) that ask for a deed, negotiate it, refuse it or put it off: "demanding the release of". */
    private static final Set<String> ASKS = stems(
            "demand",
            "demands",
            "demanding",
            "demanded",
            "urge",
            "urges",
            "urging",
            "urged",
            "refuse",
            "refuses",
            "refusing",
            "refused",
            "delay",
            "delays",
            "delaying",
            "delayed",
            "postpone",
            "postpones",
            "postponing",
            "postponed",
            "ultimatum");

    /**
     * Words of a negotiation, as written: "negotiating" and "negotiated" are left out, their stem is the same and
     * they describe a deed done ("the negotiating teams sign the hostage release deal", "a negotiated release").
     */
    private static final Set<String> NEGOTIATIONS = Set.of("negotiate", "negotiates", "negotiations", "talks");

    /** Words (as stems) that ask for a deed with "for" after them: "calls for the release of". */
    private static final Set<String> ASKS_FOR = stems("call", "calls", "calling", "called");

    /**
     * Words that join an asking word to its deed without being another matter ("talks with Hamas over the release",
     * "talks regarding a ceasefire deal and the release"); at most {@link #ASK_OTHER_WORDS} other words may stand
     * between.
     */
    private static final Set<String> ASK_LINKS = Set.of(
            "the",
            "a",
            "an",
            "all",
            "its",
            "their",
            "his",
            "her",
            "further",
            "remaining",
            "for",
            "to",
            "over",
            "regarding",
            "on",
            "about",
            "of",
            "and");

    private static final int ASK_OTHER_WORDS = 2;

    /** Words that open another clause, whose deed is not the one asked for before them. */
    private static final Set<String> CLAUSE_OPENERS = Set.of(
            "after", "before", "following", "but", "as", "while", "when", "since", "because", "despite", "until");

    /**
     * Words (as stems) for a state that lasts once begun, so that "since the January 2025 ceasefire" says it still
     * holds: the news is about it, not told over it.
     */
    private static final Set<String> LASTING_STATES = stems(
            "ceasefire",
            "truce",
            "armistice",
            "war",
            "conflict",
            "occupation",
            "blockade",
            "siege",
            "ban",
            "embargo",
            "sanctions",
            "agreement",
            "deal",
            "accord",
            "crisis",
            "lockdown",
            "emergency",
            "curfew",
            "famine",
            "drought",
            "shortage");

    /** How far after <i>since</i> the words of the event that starts a time span may stand. */
    private static final int SINCE_WINDOW = 15;

    /**
     * Whether an occurrence names the dated start of a time span: <i>since</i> stands before it in its sentence, within
     * {@link #SINCE_WINDOW} words, no comma or conjunction between, and the span holds a year. "The AU's first talks in
     * the country since the military seized power in the October 2021 coup" and "the first election since the 2021
     * coup" tell the coup as the background of the news. A state that lasts ({@link #LASTING_STATES}: "the deadliest strikes since
     * the January 2025 ceasefire" are about the ceasefire) and a span without a year are not, and "since the coup,
     * soldiers have detained" ends the span at its comma.
     */
    private static boolean sinceStart(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        if (LASTING_STATES.contains(tokens.get(first).stem())) {
            return false;
        }
        int sentence = tokens.get(first).sentence();
        for (int i = first - 1;
                i >= 0 && first - i <= SINCE_WINDOW && tokens.get(i).sentence() == sentence && !field.commaAfter(i);
                i--) {
            String word = tokens.get(i).normalized();
            if (word.equals("since")) {
                return datedSpan(field, i);
            }
            if (CONJUNCTIONS.contains(word)) {
                return false;
            }
        }
        return false;
    }

    /** Whether the span opened by <i>since</i> holds a year before its comma, conjunction or sentence end. */
    private static boolean datedSpan(FieldIndex field, int since) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(since).sentence();
        for (int i = since + 1;
                i < tokens.size() && i - since <= SINCE_WINDOW && tokens.get(i).sentence() == sentence;
                i++) {
            if (CONJUNCTIONS.contains(tokens.get(i).normalized())) {
                return false;
            }
            if (year(tokens.get(i))) {
                return true;
            }
            if (field.commaAfter(i)) {
                return false;
            }
        }
        return false;
    }

    /** How far before its deed a word that asks for it may stand ("talks regarding a ceasefire deal and the release"). */
    private static final int ASK_WINDOW = 7;

    /**
     * Whether a deed is asked for, negotiated, refused or put off, not done: "talks regarding a ceasefire deal and the
     * release of Israeli hostages", "protestors demanding the release of Israeli captives", "if Hamas refuses to
     * release", "Hamas delays the release", "calls for the release". A word of {@link #ASKS} or {@link
     * #NEGOTIATIONS}, or "call for", within
     * {@link #ASK_WINDOW} words before the deed, in its sentence, with no comma, no clause opener ("after talks,
     * Hamas releases"; "following negotiations") and at most {@link #ASK_OTHER_WORDS} words other than {@link
     * #ASK_LINKS} between ("urges Rwanda to end its support for rebels" asks for no support). A deed after the asking
     * word's clause ("resume talks and release") is left an event.
     */
    private static boolean asked(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int others = 0;
        for (int i = first - 1;
                i >= 0 && first - i <= ASK_WINDOW && tokens.get(i).sentence() == sentence && !field.commaAfter(i);
                i--) {
            Token token = tokens.get(i);
            if (CLAUSE_OPENERS.contains(token.normalized())) {
                return false;
            }
            // "agreed to resume talks and release a hostage": a conjunction right after the asking word opens a deed
            // of its own.
            boolean joined =
                    i + 1 < first && !CONJUNCTIONS.contains(tokens.get(i + 1).normalized());
            boolean asking = ASKS.contains(token.stem()) || NEGOTIATIONS.contains(token.normalized());
            if (asking && (i + 1 == first || joined)) {
                return true;
            }
            if (ASKS_FOR.contains(token.stem())
                    && i + 1 < first
                    && tokens.get(i + 1).normalized().equals("for")) {
                return true;
            }
            if (!ASK_LINKS.contains(token.normalized()) && ++others > ASK_OTHER_WORDS) {
                return false;
            }
        }
        return false;
    }

    /** Words that open an item of a list of demands after a comma: "calls for peace in Ukraine, the release of". */
    private static final Set<String> LIST_ITEM_OPENERS = Set.of("the", "a", "an", "all", "immediate", "further");

    /** How far before a deed "call for" may stand when the deed is an item of the list it opens. */
    private static final int DEMANDS_WINDOW = 40;

    /**
     * Whether a deed is an item of a list of demands after "call for" or a word of demand ({@link #ASKS}): "Pope Leo
     * XIV calls for peace in Ukraine, the release of all war prisoners …, an immediate ceasefire, the release of all
     * hostages". The asking word stands within {@link #DEMANDS_WINDOW} words before the deed, in its sentence, with no
     * clause opener or relative pronoun between, and every comma between is followed by a word that opens a list's
     * item ({@link #LIST_ITEM_OPENERS}): "calls for calm, and Hamas releases three hostages" has a clause of its own.
     * The first item, before any comma, is {@link #asked}'s.
     */
    private static boolean demandedInList(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        boolean comma = false;
        for (int i = first - 1;
                i >= 0 && first - i <= DEMANDS_WINDOW && tokens.get(i).sentence() == sentence;
                i--) {
            Token token = tokens.get(i);
            String word = token.normalized();
            if (CLAUSE_OPENERS.contains(word) || RELATIVES.contains(word)) {
                return false;
            }
            if (field.commaAfter(i)) {
                if (!LIST_ITEM_OPENERS.contains(tokens.get(i + 1).normalized())) {
                    return false;
                }
                comma = true;
            }
            boolean asking = ASKS.contains(token.stem())
                    || (ASKS_FOR.contains(token.stem())
                            && i + 1 < first
                            && tokens.get(i + 1).normalized().equals("for"));
            if (asking) {
                return comma;
            }
        }
        return false;
    }

    /**
     * Nouns (as stems) of a proposal not yet agreed, whose terms are deeds offered, not done: "the proposal includes
     * the release of all living hostages". A deal or an agreement is left out: its terms are agreed.
     */
    private static final Set<String> PROPOSALS = stems(
            "proposal",
            "proposals",
            "plan",
            "plans",
            "offer",
            "offers",
            "draft",
            "framework",
            "initiative",
            "roadmap",
            "blueprint",
            "counterproposal");

    /** Words (as stems) by which a proposal states its terms: "the plan includes", "a proposal envisaging". */
    private static final Set<String> TERMS = stems(
            "include",
            "includes",
            "including",
            "included",
            "envisage",
            "envisages",
            "envisaging",
            "envision",
            "envisions",
            "stipulate",
            "stipulates",
            "outline",
            "outlines",
            "propose",
            "proposes");

    /** Words that may stand between a proposal and its terms' verb: "the plan, which would include". */
    private static final Set<String> TERMS_LINKS = Set.of("which", "that", "would", "will", "also", "reportedly");

    /** Words that open a relative clause, another matter than the terms before it. */
    private static final Set<String> RELATIVES = Set.of("which", "who", "whom", "whose");

    /** How far before a deed a proposal's terms' verb may stand, its terms a list ("includes the end of … and the release"). */
    private static final int TERMS_WINDOW = 20;

    /**
     * Whether a deed is one of a proposal's terms, offered and not done: "The proposal includes the immediate end of
     * military operations inside the Gaza Strip and the release of all living hostages within 72 hours". A verb of
     * {@link #TERMS} within {@link #TERMS_WINDOW} words before the deed, in its sentence, no clause opener between
     * or relative pronoun ({@link #RELATIVES}) between (the list of terms may hold commas), whose subject is a noun of {@link #PROPOSALS} right before it or with only
     * {@link #TERMS_LINKS} and a comma between. A deal's terms ("the deal includes the release of 33 hostages") are
     * agreed and left deeds.
     */
    private static boolean proposed(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        for (int i = first - 1;
                i >= 1 && first - i <= TERMS_WINDOW && tokens.get(i).sentence() == sentence;
                i--) {
            Token token = tokens.get(i);
            if (CLAUSE_OPENERS.contains(token.normalized()) || RELATIVES.contains(token.normalized())) {
                return false;
            }
            if (!TERMS.contains(token.stem()) || field.commaAfter(i)) {
                continue;
            }
            int subject = i - 1;
            while (subject > 0
                    && tokens.get(subject).sentence() == sentence
                    && TERMS_LINKS.contains(tokens.get(subject).normalized())) {
                subject--;
            }
            return tokens.get(subject).sentence() == sentence
                    && PROPOSALS.contains(tokens.get(subject).stem());
        }
        return false;
    }

    /**
     * Nouns (as stems) of a thing made or published, whose verb is another sense of a deed: "Hamas releases a video",
     * "the United States releases a 20-point ceasefire proposal", "not to strike a deal", "launches an inquiry".
     */
    private static final Set<String> MADE_THINGS = stems(
            "video",
            "videos",
            "footage",
            "statement",
            "report",
            "proposal",
            "plan",
            "list",
            "photo",
            "photos",
            "image",
            "images",
            "recording",
            "audio",
            "document",
            "documents",
            "data",
            "figures",
            "album",
            "film",
            "book",
            "deal",
            "inquiry",
            "investigation",
            "probe",
            "campaign",
            "website");

    /** The words that open a verb's object: "releases a video", "strike a deal". */
    private static final Set<String> MADE_THING_OPENERS = Set.of("a", "an", "the", "its", "their", "his", "her", "new");

    /** How many words may stand between a deed's verb and the thing it makes ("releases a sign-of-life video"). */
    private static final int MADE_THING_WINDOW = 6;

    /**
     * Whether a deed's word is the verb of a thing made or published ({@link #MADE_THINGS}) within {@link
     * #MADE_THING_WINDOW} words after it, its object opened by an article ({@link #MADE_THING_OPENERS}), in its sentence,
     * no comma, preposition (but "of") or conjunction between:
     * "Hamas releases a sign-of-life propaganda video showing an emaciated hostage" releases a video, not a hostage.
     * "The release of all hostages", "releases three hostages, a video shows" and "the hostage release deal" (a
     * compound: the deal is a release's) are left deeds.
     */
    private static boolean madeThing(FieldIndex field, int last) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(last).sentence();
        // The verb's object opens with an article ("releases a video"); without one the noun is a compound's head and
        // the deed still its matter ("the hostage release deal" is a deal to release hostages).
        if (last + 1 >= tokens.size()
                || field.commaAfter(last)
                || !MADE_THING_OPENERS.contains(tokens.get(last + 1).normalized())) {
            return false;
        }
        for (int i = last + 2;
                i < tokens.size()
                        && i - last <= MADE_THING_WINDOW
                        && tokens.get(i).sentence() == sentence;
                i++) {
            Token token = tokens.get(i);
            if (MADE_THINGS.contains(token.stem())) {
                return true;
            }
            String word = token.normalized();
            if (field.commaAfter(i)
                    || CONJUNCTIONS.contains(word)
                    || (!word.equals("of") && PHRASE_ENDS.contains(word))) {
                return false;
            }
        }
        return false;
    }

    /** Nouns (as stems) of the remains of the dead: "the release of four bodies". */
    private static final Set<String> REMAINS =
            stems("body", "bodies", "remains", "corpse", "corpses", "coffin", "coffins");

    /** Words (as stems) that say people are dead: "the release of four dead hostages". */
    private static final Set<String> DEAD = stems("dead", "deceased", "slain");

    /**
     * Words that may open the object of the dead before its noun, besides numbers in digits: "the release of four
     * bodies", "releases the remains of". Any other word ("the attacks left 12 dead") ends the deed's object.
     */
    private static final Set<String> REMAINS_LINKS = Set.of(
            "of",
            "the",
            "a",
            "an",
            "their",
            "its",
            "his",
            "her",
            "all",
            "more",
            "remaining",
            "mortal",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "several",
            "dozens");

    /** How many words after a deed's word its object of the dead may end ("releases the remains"). */
    private static final int REMAINS_WINDOW = 4;

    /**
     * Whether a deed's object is the remains of the dead, not people: "Hamas hands the remains of three more dead
     * hostages over to the Red Cross following the release of four bodies", "releases the bodies of two hostages". A
     * noun of {@link #REMAINS}, or a word of {@link #DEAD}, within {@link #REMAINS_WINDOW} words after the deed, in
     * its sentence, no comma and only {@link #REMAINS_LINKS} or numbers between: "releases four hostages and the
     * bodies of two" is a release of four living hostages.
     */
    private static boolean ofTheDead(FieldIndex field, int last) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(last).sentence();
        if (field.commaAfter(last)) {
            return false;
        }
        for (int i = last + 1;
                i < tokens.size() && i - last <= REMAINS_WINDOW && tokens.get(i).sentence() == sentence;
                i++) {
            Token token = tokens.get(i);
            if (REMAINS.contains(token.stem()) || DEAD.contains(token.stem())) {
                return true;
            }
            String word = token.normalized();
            if (field.commaAfter(i)
                    || !(REMAINS_LINKS.contains(word) || word.chars().allMatch(Character::isDigit))) {
                return false;
            }
        }
        return false;
    }

    /** How far "who" may stand before the action ("who took part in the attacks") and the killing before "who". */
    private static final int RELATIVE_WINDOW = 4;

    private static final int KILLED_WINDOW = 6;

    /** Words that end a relative clause and go back to the main one ("a chief who resisted and kidnap twelve"). */
    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "or", "then");

    /**
     * Whether an action is told of the victims of a killing, in a relative clause: "an airstrike has killed several
     * Hamas militants who planned attacks on Israeli troops", "troops kill two bandits who took part in the kidnapping".
     * What the slain did or planned is the reason given for the killing, the background of the event reported, not an
     * event of its own. A victim verb ({@link #VICTIM_VERBS}: kill, eliminate, neutralise, execute) within {@link
     * #KILLED_WINDOW} words before "who", with no comma, preposition or conjunction between, and the action within
     * {@link #RELATIVE_WINDOW} words after it, no comma or conjunction between ("gunmen kill a chief who resisted and
     * kidnap twelve farmers" kidnap). Not capture or arrest, as for the victims themselves.
     */
    private static boolean victimsDeed(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        for (int who = first - 1;
                who >= 1 && first - who <= RELATIVE_WINDOW && tokens.get(who).sentence() == sentence;
                who--) {
            if (field.commaAfter(who) || CONJUNCTIONS.contains(tokens.get(who).normalized())) {
                return false;
            }
            if (!tokens.get(who).normalized().equals("who")) {
                continue;
            }
            return killedBefore(field, who);
        }
        return false;
    }

    /**
     * Whether a victim verb ({@link #VICTIM_VERBS}) stands within {@link #KILLED_WINDOW} words before {@code index} in
     * its sentence, no comma, preposition or conjunction between: what stands at {@code index} is in the killing's
     * object.
     */
    private static boolean killedBefore(FieldIndex field, int index) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(index).sentence();
        for (int i = index - 1;
                i >= 0 && index - i <= KILLED_WINDOW && tokens.get(i).sentence() == sentence && !field.commaAfter(i);
                i--) {
            Token token = tokens.get(i);
            if (VICTIM_VERBS.contains(token.stem())
                    && Character.isLowerCase(token.surface().charAt(0))) {
                return true;
            }
            if (CLAUSE_WORDS.contains(token.normalized())) {
                return false;
            }
        }
        return false;
    }

    /** Words for a group's people that an action word may describe ("kidnapping gang members", "attack suspects"). */
    private static final Set<String> GROUP_PEOPLE =
            stems("gang", "gangs", "member", "members", "suspect", "suspects", "ring", "cell", "cells", "network");

    /** How many words may stand between an action word and the people it describes ("kidnapping and cattle-rustling"). */
    private static final int KIND_WINDOW = 4;

    /**
     * Whether an action word only says what kind of people the victims of a killing are: "Nigerian troops kill more than
     * 300 suspected kidnapping and cattle-rustling gang members". The word stands before a word for a group's people
     * or armed people ({@link #GROUP_PEOPLE}, {@link #ARMED}) within {@link #KIND_WINDOW} lowercase words, and a victim
     * verb stands before it within {@link #KILLED_WINDOW} words, no comma or preposition between (the object of the
     * killing). "Gunmen kill 20 villagers in a kidnapping raid" keeps it (a raid is no people, and "in" ends the object).
     */
    private static boolean victimsKind(FieldIndex field, int first, int last) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        boolean people = false;
        for (int i = last + 1;
                i < tokens.size() && i - last <= KIND_WINDOW && tokens.get(i).sentence() == sentence;
                i++) {
            Token token = tokens.get(i);
            if (field.commaAfter(i - 1)
                    || !Character.isLowerCase(token.surface().charAt(0))) {
                break;
            }
            if (GROUP_PEOPLE.contains(token.stem()) || ARMED.contains(token.stem())) {
                people = true;
                break;
            }
            if (CLAUSE_WORDS.contains(token.normalized()) && !token.normalized().equals("and")) {
                break;
            }
        }
        return people && killedBefore(field, first);
    }

    private static boolean allNations(ActorNames.Found found, ActorNames names) {
        return found.actors().stream().allMatch(names::isNation);
    }

    /** Whether a name found in the text is the agent: one of its actors, or covered by its pattern. */
    private static boolean isAgent(Agent agent, ActorNames.Found found, FieldIndex field, Raw raw) {
        for (int actor : found.actors()) {
            if (agent.actors().contains(actor)) {
                return true;
            }
        }
        for (long occurrence : raw.occurrences(agent.pattern(), field)) {
            int start = (int) (occurrence >>> 32);
            int end = (int) occurrence;
            if (start <= found.last() && end >= found.first()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the words at {@code first..last} are the victims of a killing, capture or arrest: the object of the verb
     * ("Puntland forces kill over ten Islamic State militants", "killed 54 Pakistani Taliban militants") or the subject
     * of its passive with its doer ("Taliban gunmen are killed by soldiers", "militants killed by the army").
     */
    private static boolean victim(List<Token> tokens, int first, int last) {
        int sentence = tokens.get(first).sentence();
        int window = VICTIM_WINDOW;
        int names = 0;
        for (int i = first - 1, steps = 0; i >= 0 && steps < window; i--, steps++) {
            Token token = tokens.get(i);
            if (token.sentence() != sentence) {
                break;
            }
            if (VICTIM_VERBS.contains(token.stem())) {
                return true;
            }
            if (MEMBERSHIP.contains(token.normalized())
                    && i > 0
                    && MEMBERS.contains(tokens.get(i - 1).stem())
                    && window == VICTIM_WINDOW) {
                // "killed a militant from the Hamas branch", "kills two commanders of al-Shabaab": the group is
                // the victims' own, so a victim too; the walk goes on from the word for its people.
                window = steps + 1 + VICTIM_WINDOW;
                continue;
            }
            if (CLAUSE_WORDS.contains(token.normalized())) {
                break;
            }
            if (Character.isUpperCase(token.surface().charAt(0)) && names < NAME_WORDS) {
                // The rest of a longer name costs no step: "the Hamas branch Al-Qassam Brigades".
                names++;
                steps--;
            }
        }
        int next = last + 1;
        // Past the rest of a name or a word for people or a group's people ("Pakistani Taliban militants are killed",
        // "two Hamas members are killed by a clan").
        for (int skipped = 0;
                next < tokens.size()
                        && skipped < 2
                        && tokens.get(next).sentence() == sentence
                        && (PEOPLE.contains(tokens.get(next).stem())
                                || MEMBERS.contains(tokens.get(next).stem())
                                || Character.isUpperCase(
                                        tokens.get(next).surface().charAt(0)));
                skipped++) {
            next++;
        }
        if (next + 1 >= tokens.size() || tokens.get(next + 1).sentence() != sentence) {
            return false;
        }
        // Only with its doer: "are killed by the army"; "an Islamic State gunman is killed in a shootout" can be the
        // attacker's death in his own attack.
        if (PASSIVE.contains(tokens.get(next).normalized())) {
            next++;
        }
        return next + 1 < tokens.size()
                && VICTIM_VERBS.contains(tokens.get(next).stem())
                && tokens.get(next + 1).normalized().equals("by");
    }

    /** Verbs (as stems) of harm whose object, right after them, is what was harmed ("strike two Iranian jets"). */
    private static final Set<String> HARMING_VERBS = stems(
            "strike",
            "strikes",
            "struck",
            "hit",
            "hits",
            "attack",
            "attacks",
            "attacked",
            "bomb",
            "bombs",
            "bombed",
            "shell",
            "shells",
            "shelled",
            "damage",
            "damages",
            "damaged");

    /** Words that may open the object of a harming verb before the agent's name ("strike two Iranian jets"). */
    private static final Set<String> OBJECT_OPENERS =
            Set.of("the", "a", "an", "two", "three", "four", "several", "multiple", "dozens", "more");

    /** Words for the aims of an attack, whose place is the target: "strike economic targets in Iran". */
    private static final Set<String> AIMS = stems("target", "targets", "sites", "positions");

    /** Prepositions that place an attack's aims in the agent's country ("targets in Iran"). */
    private static final Set<String> AIMS_PLACE = Set.of("in", "inside", "across", "throughout");

    /**
     * Whether the agent's name stands as the object of harm: right after a harming verb, with at most two openers or a
     * number between ("Israeli drones strike two Iranian Air Force jets", "to damage the Iranian economy"), or as the
     * place of an attack's aims ("strike economic targets in Iran"), no comma between ("In a dawn attack, Islamic State
     * fighters…" is the subject). What was harmed is the target, not the doer; its
     * action right after it still counts, as after "on" ("strike Iranian missile sites" for a missile rule).
     */
    private static boolean objectOfHarm(FieldIndex field, int first) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(first).sentence();
        int i = first - 1;
        if (i >= 1
                && tokens.get(i).sentence() == sentence
                && AIMS_PLACE.contains(tokens.get(i).normalized())
                && AIMS.contains(tokens.get(i - 1).stem())
                && !field.commaAfter(i - 1)) {
            return true;
        }
        for (int skipped = 0;
                i >= 0
                        && skipped < 2
                        && tokens.get(i).sentence() == sentence
                        && !field.commaAfter(i)
                        && (OBJECT_OPENERS.contains(tokens.get(i).normalized())
                                || tokens.get(i).normalized().chars().allMatch(Character::isDigit));
                skipped++) {
            i--;
        }
        return i >= 0
                && tokens.get(i).sentence() == sentence
                && !field.commaAfter(i)
                && Character.isLowerCase(tokens.get(i).surface().charAt(0))
                && HARMING_VERBS.contains(tokens.get(i).stem());
    }

    /** Verbs (as stems) of an attack's harm whose passive with a doer makes its subject the target ("is sunk by"). */
    private static final Set<String> DAMAGE_VERBS = stems(
            "sunk", "hit", "struck", "destroyed", "damaged", "attacked", "targeted", "downed", "bombed", "shelled");

    /** How many words of a noun phrase may stand between the agent's name and the passive ("spy ship Simferopol"). */
    private static final int DAMAGED_PHRASE = 3;

    /**
     * Whether the agent's name opens the subject of an attack's passive with its doer: "Ukrainian spy ship Simferopol is
     * sunk by a drone strike", "a Russian tanker was hit by drones" name what was hit, not who hit it. The auxiliary is
     * needed ("Ukrainian drones hit by …" may be drones that hit), and no comma may stand between.
     */
    private static boolean damagedBy(FieldIndex field, int last) {
        List<Token> tokens = field.tokens();
        int sentence = tokens.get(last).sentence();
        for (int i = last; i < tokens.size() - 2 && i <= last + DAMAGED_PHRASE; i++) {
            if (field.commaAfter(i) || tokens.get(i + 1).sentence() != sentence) {
                return false;
            }
            Token next = tokens.get(i + 1);
            if (PASSIVE.contains(next.normalized())) {
                return tokens.get(i + 2).sentence() == sentence
                        && DAMAGE_VERBS.contains(tokens.get(i + 2).stem())
                        && i + 3 < tokens.size()
                        && tokens.get(i + 3).normalized().equals("by");
            }
            if (CLAUSE_WORDS.contains(next.normalized())) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the agent is only the source of a report: "The Houthis report that twelve people are killed … in
     * airstrikes" tells what the Houthis say happened, not what they did. A report of their own act or their own
     * things names them again ("Hamas says that it fired rockets", "Norway reports that Russia has violated its
     * airspace"), so a pronoun for them in the rest of the sentence keeps the agent.
     */
    private static boolean source(List<Token> tokens, int last) {
        int verb = last + 1;
        if (verb + 2 >= tokens.size()
                || tokens.get(verb).sentence() != tokens.get(last).sentence()
                || !REPORTING.contains(tokens.get(verb).stem())
                || !tokens.get(verb + 1).normalized().equals("that")) {
            return false;
        }
        int sentence = tokens.get(last).sentence();
        for (int i = verb + 2; i < tokens.size() && tokens.get(i).sentence() == sentence; i++) {
            if (SELF.contains(tokens.get(i).normalized())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the agent only names a war: right before <i>war</i> ("the 2026 Iran war", a topic heading over other
     * actors' strikes), unless a dash pairs it with another party ("the Russo-Ukrainian war", "the Iran–Israel war"
     * name both sides, and a side is an actor).
     */
    private static boolean warName(FieldIndex field, int first, int last) {
        List<Token> tokens = field.tokens();
        return last + 1 < tokens.size()
                && tokens.get(last + 1).sentence() == tokens.get(last).sentence()
                && WAR.contains(tokens.get(last + 1).normalized())
                && !field.dashAfter(last)
                && !(first > 0 && field.dashAfter(first - 1));
    }

    private static boolean targetOrRuler(Agent agent, FieldIndex field, int first, int last, Raw raw) {
        List<Token> tokens = field.tokens();
        if (source(tokens, last) || warName(field, first, last)) {
            return true;
        }
        if (agent.placed() && placeOfAction(agent, field, first, last, raw)) {
            return true;
        }
        if (last + 1 < tokens.size()
                && field.dashAfter(last)
                && RULING.contains(tokens.get(last + 1).normalized())) {
            return true;
        }
        int before = first - 1;
        if (before >= 0 && ARTICLES.contains(tokens.get(before).normalized())) {
            before--;
        }
        boolean targeted =
                before >= 0 && TARGETING.contains(tokens.get(before).normalized()) || objectOfHarm(field, first);
        if (!targeted && !victim(tokens, first, last) && !damagedBy(field, last)) {
            return false;
        }
        // A victim keeps its action only right after it ("killing a UN peacekeeper"), a target within a noun phrase.
        int reach = targeted ? ACTION_AFTER_TARGET : 1;
        String written = tokens.get(last).surface();
        if (written.endsWith("'s") || written.endsWith("\u2019s")) {
            return false; // the owner: "strikes on Iran's missile sites"
        }
        for (TermPattern action : agent.actions()) {
            for (long occurrence : raw.occurrences(action, field)) {
                int start = (int) (occurrence >>> 32);
                if (start > last
                        && start - last <= reach
                        && tokens.get(start).sentence() == tokens.get(last).sentence()) {
                    // With its action, in one noun phrase: "an attack on UN peacekeepers", "a shooting against
                    // United Nations Interim Force in Lebanon peacekeepers".
                    return false;
                }
                if (!targeted && repelled(tokens, start, tokens.get(last).sentence())) {
                    // The slain were the attackers: "troops kill 13 Boko Haram militants after repelling an ambush".
                    return false;
                }
            }
        }
        return true;
    }

    /** Articles that may stand between a target preposition and the agent ("on the", "on an ISIS camp"). */
    private static final Set<String> ARTICLES = Set.of("the", "a", "an");

    /** Verbs (as stems) that turn back an attack: what they turn back was the other side's attack. */
    private static final Set<String> REPELS = stems(
            "repel",
            "repels",
            "repelled",
            "repelling",
            "repulse",
            "repulsed",
            "repulsing",
            "foil",
            "foiled",
            "thwart",
            "thwarted");

    /**
     * Whether an action in the sentence is turned back: right after <i>repel, repulse, foil, thwart</i> with at most
     * two words between ("after repelling an ambush on a military convoy", "repelled a major attack"). The group's
     * people killed in that sentence were its attackers, not the victims of another's operation.
     */
    private static boolean repelled(List<Token> tokens, int action, int sentence) {
        if (tokens.get(action).sentence() != sentence) {
            return false;
        }
        for (int i = action - 1; i >= 0 && action - i <= 3 && tokens.get(i).sentence() == sentence; i--) {
            if (REPELS.contains(tokens.get(i).stem())) {
                return true;
            }
        }
        return false;
    }
}
