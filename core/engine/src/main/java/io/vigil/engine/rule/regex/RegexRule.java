package io.vigil.engine.rule.regex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.vigil.spi.rule.Highlight;
import io.vigil.spi.rule.MatchInput;
import io.vigil.spi.rule.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled {@code regex} rule. It has no prefilter hint: the {@link io.vigil.engine.rule.RuleMatcher} evaluates it
 * for every article, which RE2/J keeps linear in the text.
 *
 * <p>Immutable and thread-safe (RE2/J patterns are; matchers are made per call).
 */
final class RegexRule implements io.vigil.spi.rule.CompiledRule {

    private static final int MAX_HIGHLIGHTS = 32;

    private final String expression;
    private final Pattern pattern;
    private final boolean inTitle;
    private final boolean inBody;
    private final int window;

    /**
     * @param window how many characters of each field the pattern reads, from the start ({@link
     *     RegexRuleTypeFactory#window(long)})
     */
    RegexRule(String expression, Pattern pattern, boolean inTitle, boolean inBody, int window) {
        this.expression = expression;
        this.window = window;
        this.pattern = pattern;
        this.inTitle = inTitle;
        this.inBody = inBody;
    }

    @Override
    public Optional<RuleMatch> match(MatchInput article) {
        List<Highlight> highlights = new ArrayList<>();
        if (inTitle) {
            find(MatchInput.TITLE, article.title(), highlights);
        }
        if (inBody) {
            find(MatchInput.BODY, article.body(), highlights);
        }
        if (highlights.isEmpty()) {
            return Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        highlights.forEach(highlight -> terms.add(highlight.term()));
        return Optional.of(new RuleMatch(List.copyOf(terms), highlights));
    }

    private void find(String field, String text, List<Highlight> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        // RE2/J pays up to the program's size for every character: past the window the work would be unbounded.
        Matcher matcher = pattern.matcher(text.length() > window ? text.substring(0, window) : text);
        while (out.size() < MAX_HIGHLIGHTS && matcher.find()) {
            if (matcher.end() > matcher.start()) {
                out.add(new Highlight(field, matcher.start(), matcher.end(), matcher.group()));
            } else if (matcher.end() >= text.length()) {
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "RegexRule[" + expression + "]";
    }
}
