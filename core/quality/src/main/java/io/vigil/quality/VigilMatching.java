package io.vigil.quality;

import io.vigil.engine.plugin.PluginRegistry;
import io.vigil.engine.rule.ArticleAnalyzer;
import io.vigil.engine.rule.RegisteredRule;
import io.vigil.engine.rule.RuleHit;
import io.vigil.engine.rule.RuleMatcher;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Vigil matched as live ingest matches: the rules compiled as {@code RuleBook.compile} compiles them (the
 * {@code query} type from the built-in plugins found through {@link PluginRegistry}, with the empty config a saved
 * rule has), one {@link RuleMatcher} snapshot over all of them as {@code RuleBook} builds it, and every article read by
 * the same {@link ArticleAnalyzer} and matched in one pass as {@code LiveMatching} does. If live matching changes how
 * it compiles or reads (rule settings, another analyser), this class must follow.
 */
public final class VigilMatching implements MatchingSystem {

    private static final String RULE_TYPE = "query";
    /** Live ingest passes the article's language; these are all English articles. */
    private static final String LANGUAGE = "en";
    /** Characters shown either side of a matched span when explaining a match. */
    private static final int CONTEXT = 60;

    private final RuleTypeFactory factory;
    private final ArticleAnalyzer analyzer = new ArticleAnalyzer();
    private final Map<String, String> problems = new LinkedHashMap<>();
    /** Why each (rule id, item id) pair matched: the spans and the rule terms they stand for. */
    private final Map<String, Map<String, RuleMatch>> reasons = new HashMap<>();

    public VigilMatching() {
        PluginRegistry plugins = PluginRegistry.load(VigilMatching.class.getClassLoader(), null);
        this.factory = plugins.ruleTypeFactory(RULE_TYPE)
                .orElseThrow(() -> new IllegalStateException("the built-in '" + RULE_TYPE + "' rule type is missing"));
    }

    @Override
    public String name() {
        return "Vigil";
    }

    @Override
    public Map<String, Set<String>> match(LabelledSet set) {
        problems.clear();
        reasons.clear();
        List<RegisteredRule> registered = new ArrayList<>();
        Map<Long, String> ruleIds = new HashMap<>();
        Map<String, Set<String>> matches = new LinkedHashMap<>();
        long next = 1;
        for (LabelledRule rule : set.rules()) {
            matches.put(rule.id(), new TreeSet<>());
            try {
                registered.add(new RegisteredRule(next, factory.compile(rule.query(), PluginConfig.empty())));
                ruleIds.put(next++, rule.id());
            } catch (RuleSyntaxException e) {
                problems.put(rule.id(), e.getMessage());
            }
        }
        RuleMatcher matcher = RuleMatcher.of(registered);
        for (LabelledItem item : set.items()) {
            MatchInput article = analyzer.analyze(item.title(), item.body(), item.source(), LANGUAGE);
            for (RuleHit hit : matcher.match(article)) {
                String ruleId = ruleIds.get(hit.ruleId());
                matches.get(ruleId).add(item.id());
                reasons.computeIfAbsent(ruleId, id -> new HashMap<>()).put(item.id(), hit.match());
            }
        }
        return matches;
    }

    /**
     * Why the last {@link #match} found a rule in an item, read as an analyst reads an alert: each highlighted span
     * with the rule term (and expansion) it stands for; empty when the rule did not match the item.
     */
    public List<String> reasons(LabelledRule rule, LabelledItem item) {
        RuleMatch match = reasons.getOrDefault(rule.id(), Map.of()).get(item.id());
        if (match == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Highlight highlight : match.highlights()) {
            String text = highlight.field().equals("title") ? item.title() : item.body();
            int end = Math.min(highlight.end(), text.length());
            int start = Math.min(highlight.start(), end);
            String before = text.substring(Math.max(0, start - CONTEXT), start);
            String after = text.substring(end, Math.min(text.length(), end + CONTEXT));
            out.add(highlight.field() + "@" + highlight.start() + " " + highlight.term() + ": …"
                    + (before + "[" + text.substring(start, end) + "]" + after).replaceAll("\\s+", " ") + "…");
        }
        return out;
    }

    @Override
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }
}
