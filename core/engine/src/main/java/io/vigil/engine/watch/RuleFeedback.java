package io.vigil.engine.watch;

import io.agroal.api.AgroalDataSource;
import io.vigil.engine.alert.Alerts;
import io.vigil.engine.alert.Feedback;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.ArticleIndex;
import io.vigil.engine.rule.TermRarity;
import io.vigil.engine.rule.TextNormalizer;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What analysts' relevant / not relevant judgments say about a rule: its precision over judged alerts, and — when some
 * alerts were not relevant — the words that separate those from the relevant ones, each offered as a {@code -word} the
 * analyst can add, with what the changed rule would keep and drop among the judged alerts.
 *
 * <p>Feedback comes from the alert aggregate ({@link Alerts#judged}); one judged alert is its story's first article.
 * A suggestion is a word found in at least a third of the not-relevant alerts (and in two or more when there are several) and in none of the relevant
 * ones, not one of the rule's own words, and not among the commonest words of the news; the changed rule is compiled and
 * run on the judged articles, so the figures shown are what it would really do. Thread-safe.
 */
@ApplicationScoped
public class RuleFeedback {

    /** The judged alerts read per rule, newest first; enough to find patterns, bounded in cost. */
    static final int MAX_JUDGED = 400;

    /** The most suggestions offered for one rule. */
    static final int MAX_SUGGESTIONS = 3;

    /** Words in more of the news than this share are too common to separate anything. */
    private static final double TOO_COMMON = 0.05;

    private static final ArticleAnalyzer ANALYZER = new ArticleAnalyzer();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook rules;

    @Inject
    Alerts alerts;

    /** How many of a rule's alerts were judged relevant and not relevant. */
    public record Judged(int relevant, int notRelevant) {
        /** The share of judged alerts that were relevant, or empty when none was judged. */
        public Optional<Double> precision() {
            int judged = relevant + notRelevant;
            return judged == 0 ? Optional.empty() : Optional.of(relevant / (double) judged);
        }
    }

    /**
     * A word to exclude, and what the rule would do with it on the judged alerts.
     *
     * @param term the word as the alerts write it
     * @param query the rule with {@code -term} added
     * @param removes the not-relevant alerts the changed rule no longer matches
     * @param keeps the relevant alerts it still matches
     */
    public record Suggestion(String term, String query, int removes, int keeps) {}

    /**
     * A rule's feedback: the judged counts and the suggestions (empty when nothing separates).
     *
     * @param threshold for a rule whose matches carry scores (a {@code similar} rule), the threshold that keeps the
     *     most relevant and drops the most not-relevant judged alerts; {@code null} otherwise
     */
    public record Report(Judged judged, List<Suggestion> suggestions, ThresholdSuggestion threshold) {
        public Report(Judged judged, List<Suggestion> suggestions) {
            this(judged, suggestions, null);
        }
    }

    /**
     * A threshold for a scoring rule, and what it would do on the judged alerts.
     *
     * @param value the suggested threshold, halfway between the scores it separates
     * @param keepsRelevant the relevant judged alerts scoring at least {@code value}
     * @param removesNotRelevant the not-relevant judged alerts scoring below it
     */
    public record ThresholdSuggestion(double value, int keepsRelevant, int removesNotRelevant) {}

    /** The judged counts of every rule with at least one judged alert. */
    public Map<Long, Judged> judgedPerRule() {
        Map<Long, Judged> judged = new HashMap<>();
        alerts.judgedPerRule()
                .forEach((rule, counts) -> judged.put(rule, new Judged(counts.relevant(), counts.notRelevant())));
        return judged;
    }

    /** The feedback on one rule, of the given type and query, with suggestions when some alerts were not relevant. */
    public Report report(long ruleId, String type, String query, Map<String, String> settings) {
        List<Judgment> judgments = judgments(ruleId);
        int relevant = (int) judgments.stream().filter(Judgment::relevant).count();
        Judged judged = new Judged(relevant, judgments.size() - relevant);
        if (judged.notRelevant() == 0) {
            return new Report(judged, List.of());
        }
        boolean scored = judgments.stream().anyMatch(j -> j.score() != null);
        if (scored) {
            // A scoring rule is tuned by its threshold; a -word would be read as part of its description.
            return new Report(judged, List.of(), threshold(judgments).orElse(null));
        }
        return new Report(judged, suggest(type, query, settings, judgments));
    }

    /**
     * The threshold that best separates the judged scores: of the midpoints between neighbouring scores (and just
     * below the lowest), the one with the most relevant kept plus not-relevant removed; the lower on a tie, so
     * relevant articles are not lost for nothing.
     */
    static Optional<ThresholdSuggestion> threshold(List<Judgment> judgments) {
        List<Judgment> scored = judgments.stream()
                .filter(j -> j.score() != null)
                .sorted(Comparator.comparingDouble(Judgment::score))
                .toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        ThresholdSuggestion best = null;
        int bestScore = -1;
        for (int i = 0; i <= scored.size(); i++) {
            double value;
            if (i == 0) {
                value = scored.get(0).score() - 0.005;
            } else if (i == scored.size()) {
                value = scored.get(i - 1).score() + 0.005;
            } else {
                value = (scored.get(i - 1).score() + scored.get(i).score()) / 2;
            }
            int keeps = 0;
            int removes = 0;
            for (Judgment judgment : scored) {
                boolean kept = judgment.score() >= value;
                if (judgment.relevant() && kept) {
                    keeps++;
                } else if (!judgment.relevant() && !kept) {
                    removes++;
                }
            }
            if (keeps + removes > bestScore) {
                bestScore = keeps + removes;
                best = new ThresholdSuggestion(Math.round(value * 1000) / 1000.0, keeps, removes);
            }
        }
        return Optional.ofNullable(best);
    }

    /** One judged alert's article, analysed, and the score the rule gave it (scoring types only). */
    record Judgment(boolean relevant, MatchInput article, Double score) {
        Judgment(boolean relevant, MatchInput article) {
            this(relevant, article, null);
        }
    }

    private List<Judgment> judgments(long ruleId) {
        List<Alerts.JudgedAlert> judged = alerts.judged(ruleId, MAX_JUDGED);
        Map<Long, MatchInput> articles = new HashMap<>();
        List<Long> ids = judged.stream()
                .map(Alerts.JudgedAlert::firstArticleId)
                .distinct()
                .toList();
        if (!ids.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "select id, title, body, source_name, language from article where id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        articles.put(
                                rows.getLong(1),
                                ANALYZER.analyze(
                                        rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the judged articles of rule " + ruleId, e);
            }
        }
        Map<Long, Double> scores = new HashMap<>();
        if (!ids.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "select article_id, score from article_match where rule_id = ? and article_id = any(?)"
                                    + " and score is not null")) {
                statement.setLong(1, ruleId);
                statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        scores.put(rows.getLong(1), rows.getDouble(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the scores of rule " + ruleId, e);
            }
        }
        List<Judgment> judgments = new ArrayList<>();
        for (Alerts.JudgedAlert alert : judged) {
            MatchInput article = articles.get(alert.firstArticleId());
            if (article != null) {
                judgments.add(new Judgment(
                        alert.feedback() == Feedback.RELEVANT, article, scores.get(alert.firstArticleId())));
            }
        }
        return judgments;
    }

    /** The separating words, best first, each checked by running the changed rule on the judged articles. */
    List<Suggestion> suggest(String type, String query, Map<String, String> settings, List<Judgment> judgments) {
        List<Judgment> notRelevant =
                judgments.stream().filter(j -> !j.relevant()).toList();
        Set<String> ruleWords = new HashSet<>();
        for (Token token : ANALYZER.analyzeField("rule", query).tokens()) {
            ruleWords.add(token.stem());
        }
        Set<String> inRelevant = new HashSet<>();
        for (Judgment judgment : judgments) {
            if (judgment.relevant()) {
                inRelevant.addAll(stems(judgment.article()));
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> surfaces = new HashMap<>();
        for (Judgment judgment : notRelevant) {
            ArticleIndex index = judgment.article().feature(ArticleIndex.KEY);
            for (String stem : stems(judgment.article())) {
                counts.merge(stem, 1, Integer::sum);
                surfaces.computeIfAbsent(stem, s -> surface(index, s));
            }
        }
        int needed = Math.max(notRelevant.size() > 1 ? 2 : 1, (int) Math.ceil(notRelevant.size() / 3.0));
        TermRarity rarity = TermRarity.defaults();
        List<String> candidates = counts.entrySet().stream()
                .filter(e -> e.getValue() >= needed)
                .map(Map.Entry::getKey)
                .filter(stem -> !inRelevant.contains(stem) && !ruleWords.contains(stem))
                .filter(stem -> stem.length() >= 3 && stem.chars().allMatch(Character::isLetter))
                .filter(stem -> rarity.frequency(stem) <= TOO_COMMON)
                .filter(stem -> surfaces.get(stem) != null)
                .sorted(Comparator.comparingInt((String stem) -> -counts.get(stem))
                        .thenComparingDouble(rarity::frequency)
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS * 3L)
                .toList();
        List<Suggestion> suggestions = new ArrayList<>();
        for (String stem : candidates) {
            String term = surfaces.get(stem);
            String changed = query.strip() + " -" + term;
            CompiledRule rule;
            try {
                rule = rules.compile(type, changed, settings);
            } catch (InvalidRuleException e) {
                continue;
            }
            int removes = 0;
            int keeps = 0;
            for (Judgment judgment : judgments) {
                boolean matches = rule.match(judgment.article()).isPresent();
                if (judgment.relevant() && matches) {
                    keeps++;
                } else if (!judgment.relevant() && !matches) {
                    removes++;
                }
            }
            if (removes > 0) {
                suggestions.add(new Suggestion(term, changed, removes, keeps));
            }
            if (suggestions.size() == MAX_SUGGESTIONS) {
                break;
            }
        }
        suggestions.sort(Comparator.comparingInt((Suggestion s) -> -s.removes()).thenComparingInt(s -> -s.keeps()));
        return List.copyOf(suggestions);
    }

    private static Set<String> stems(MatchInput article) {
        ArticleIndex index = article.feature(ArticleIndex.KEY);
        Set<String> stems = new HashSet<>(index.stems(ArticleIndex.TITLE));
        stems.addAll(index.stems(ArticleIndex.BODY));
        return stems;
    }

    /** How an article writes the stem: a capitalised name as it stands, a common word in lowercase. */
    private static String surface(ArticleIndex index, String stem) {
        for (int slot : new int[] {ArticleIndex.TITLE, ArticleIndex.BODY}) {
            int[] where = index.field(slot).withStem(stem);
            if (where.length > 0) {
                String surface = index.field(slot).tokens().get(where[0]).surface();
                if (TextNormalizer.capitalsKey(surface) != null) {
                    // An acronym keeps its capitals so the rule's -AU means the acronym.
                    return surface;
                }
                if (!surface.chars().allMatch(Character::isLetter)) {
                    return null;
                }
                return Character.isUpperCase(surface.charAt(0)) && slot == ArticleIndex.BODY
                        ? surface
                        : surface.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }
}
