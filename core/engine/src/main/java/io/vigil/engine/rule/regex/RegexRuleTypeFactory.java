package io.vigil.engine.rule.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vigil.spi.config.ConfigField;
import io.vigil.spi.config.ConfigSpec;
import io.vigil.spi.config.FieldType;
import io.vigil.spi.config.PluginConfig;
import io.vigil.spi.rule.CompiledRule;
import io.vigil.spi.rule.RuleSyntaxException;
import io.vigil.spi.rule.RuleTypeFactory;
import java.util.List;

/**
 * The {@code regex} rule type: a regular expression run over the title and the body with RE2/J, whose matching time is
 * linear in the text, so no pattern a user writes can stall matching (no catastrophic backtracking; back-references
 * and look-arounds are refused as syntax errors).
 *
 * <p>Case-insensitive unless the {@code case-sensitive} setting is true; {@code fields} chooses title, body or both.
 * Stateless and thread-safe.
 */
public final class RegexRuleTypeFactory implements RuleTypeFactory {

    /** The longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;

    /**
     * The largest program a pattern may expand to, by {@link RegexSize}'s estimate: as large as the longest pattern
     * written out by hand, so a counted repetition ({@code x{1000}}, nested or not) buys no more work than the length
     * limit already allows. Matching costs up to this many steps per character of an article.
     */
    public static final long MAX_SIZE = MAX_LENGTH;

    /**
     * The most steps one field's matching may take: RE2/J's NFA keeps up to a thread per instruction alive at each
     * character, so a pattern of size {@code s} reads the first {@code MAX_STEPS / s} characters of a field. About 1.6 s
     * at worst (measured 3.2 s for {@code .{0,998}x} over 100,000 characters); {@code ceasefire.{0,500}gaza} reads
     * 97,000 characters, a pattern of size 50 a million. Without it, a fetched 10 MiB body took that rule 20 s.
     */
    public static final long MAX_STEPS = 50_000_000;

    public static final String CASE_SENSITIVE = "case-sensitive";
    public static final String FIELDS = "fields";

    @Override
    public String type() {
        return "regex";
    }

    @Override
    public String label() {
        return "Regular expression";
    }

    @Override
    public String description() {
        return "An RE2 regular expression searched in the title and body; case-insensitive by default.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.of(CASE_SENSITIVE, "Case-sensitive", FieldType.BOOLEAN)
                        .withDefault("false")
                        .withHelp("When true, capitals in the pattern match only capitals in the text."),
                new ConfigField(
                        FIELDS,
                        "Search in",
                        FieldType.CHOICE,
                        false,
                        "title-and-body",
                        "The fields the pattern is searched in.",
                        false,
                        List.of("title-and-body", "title", "body")));
    }

    @Override
    public CompiledRule compile(String expression, PluginConfig config) throws RuleSyntaxException {
        if (expression == null || expression.isEmpty()) {
            throw new RuleSyntaxException("the pattern is empty", 0, "a regular expression");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(
                    "the pattern is " + expression.length() + " characters long; the limit is " + MAX_LENGTH,
                    MAX_LENGTH,
                    "the end of the pattern");
        }
        RegexSize.Estimate size = RegexSize.of(expression);
        if (size.size() > MAX_SIZE) {
            int at = Math.max(0, size.worstRepetition());
            throw new RuleSyntaxException(
                    "the pattern repeats too much: it expands to "
                            + (size.size() >= RegexSize.CEILING ? "more than " + RegexSize.CEILING : size.size())
                            + " steps, and the limit is " + MAX_SIZE + " (write fewer or smaller counted repetitions)",
                    at,
                    "a smaller repetition count");
        }
        PluginConfig settings = config == null ? PluginConfig.empty() : config;
        boolean caseSensitive = settings.bool(CASE_SENSITIVE);
        String fields = settings.get(FIELDS).orElse("title-and-body");
        try {
            Pattern pattern = Pattern.compile(expression, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
            return new RegexRule(
                    expression, pattern, !fields.equals("body"), !fields.equals("title"), window(size.size()));
        } catch (PatternSyntaxException e) {
            int position = e.getIndex() >= 0 ? e.getIndex() : locate(expression, e);
            throw new RuleSyntaxException(
                    "invalid regular expression: " + e.getDescription(), position, "a valid RE2 expression");
        }
    }

    /** How many characters of each field a pattern of this estimated size reads. */
    static int window(long size) {
        return (int) Math.min(Integer.MAX_VALUE, MAX_STEPS / Math.max(1, size));
    }

    /** RE2/J reports the offending fragment rather than its offset; find it in the pattern. */
    private static int locate(String expression, PatternSyntaxException e) {
        String message = e.getMessage();
        int open = message.lastIndexOf('`');
        int start = open > 0 ? message.lastIndexOf('`', open - 1) : -1;
        if (start >= 0) {
            int at = expression.indexOf(message.substring(start + 1, open));
            if (at >= 0) {
                return at;
            }
        }
        return 0;
    }
}
