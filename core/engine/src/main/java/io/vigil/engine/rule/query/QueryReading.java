package io.vigil.engine.rule.query;

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
import io.vigil.engine.rule.query.TermPattern.Origin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * How a query rule was read: its syntax tree written back with every group in parentheses, so precedence is visible.
 * {@code border fortification OR wall AND Iraq} reads {@code (border fortification) OR (wall AND Iraq)}; the whole rule
 * gets no outer parentheses, every group inside it does. Words, phrases and wildcards appear as the user wrote them.
 * That reading travels with alerts and webhooks; each marked passage names its top-level clause ({@link #clauses}).
 *
 * <p>The preview shows a longer one ({@link #expanded}): every term with the spellings, aliases and concept members it
 * also finds, so a surprise is visible before the rule is saved. Its notation: {@code TOGETHER(a, b)} is a bare list
 * (all of them in one passage), {@code (a AND b)}, {@code (a OR b)}, {@code NOT a}, {@code (a NEAR/5 b)},
 * {@code title:(…)}; a term's expansions follow it in braces, {@code Iran{Iranian}}, {@code fortification{wall |
 * fence}}. Stateless.
 */
final class QueryReading {

    /** Clauses longer than this are cut: a clause travels with every marked passage. */
    static final int MAX_CLAUSE_LENGTH = 300;

    private QueryReading() {}

    /** The rule read back, without outer parentheses. */
    static String of(QueryNode root) {
        return inner(root);
    }

    /**
     * The clauses a match is explained by: the operands of a top-level {@code AND} or {@code OR}, each as it reads
     * inside the whole (parenthesised when it is a group), or the whole rule otherwise — a bare list included, since
     * its words match only together, in one passage.
     */
    static List<String> clauses(QueryNode root) {
        List<QueryNode> operands =
                switch (root) {
                    case And and -> and.operands();
                    case Or or -> or.operands();
                    default -> List.of(root);
                };
        if (operands.size() == 1) {
            return List.of(cut(inner(root)));
        }
        return operands.stream().map(operand -> cut(group(operand))).toList();
    }

    /** A node as it reads on its own: a group without its own parentheses. */
    private static String inner(QueryNode node) {
        return switch (node) {
            case And and -> join(and.operands(), " AND ");
            case Or or -> join(or.operands(), " OR ");
            case All all -> join(all.operands(), " ");
            case Near near ->
                group(near.left()) + (near.ordered() ? " ONEAR/" : " NEAR/") + near.distance() + " "
                        + group(near.right());
            default -> group(node);
        };
    }

    /** A node as it reads inside another: groups in parentheses. */
    private static String group(QueryNode node) {
        return switch (node) {
            case Term term -> term.text();
            case Phrase phrase -> phrase.text();
            case Wildcard wildcard -> wildcard.text();
            case Not not -> "NOT " + group(not.operand());
            case Scoped scoped -> scoped.field().label() + ":" + group(scoped.operand());
            case And and -> "(" + inner(and) + ")";
            case Or or -> "(" + inner(or) + ")";
            case All all -> "(" + inner(all) + ")";
            case Near near -> "(" + inner(near) + ")";
        };
    }

    private static String join(List<QueryNode> operands, String operator) {
        return String.join(operator, operands.stream().map(QueryReading::group).toList());
    }

    private static String cut(String clause) {
        return clause.length() <= MAX_CLAUSE_LENGTH ? clause : clause.substring(0, MAX_CLAUSE_LENGTH - 1) + "\u2026";
    }

    /** The preview's reading, with the passage a {@code TOGETHER} must fit in when the tree has one. */
    static String expanded(QueryNode root, Proximity proximity) {
        StringBuilder out = new StringBuilder();
        write(root, out);
        if (hasList(root)) {
            out.append("\nTOGETHER: within ").append(proximity.description());
        }
        return out.toString();
    }

    private static void write(QueryNode node, StringBuilder out) {
        switch (node) {
            case Term term -> leaf(term.text(), term.pattern(), out);
            case Phrase phrase -> out.append(phrase.text());
            case Wildcard wildcard -> leaf(wildcard.text(), wildcard.pattern(), out);
            case All all -> {
                out.append("TOGETHER(");
                join(all.operands(), ", ", out);
                out.append(')');
            }
            case And and -> {
                out.append('(');
                join(and.operands(), " AND ", out);
                out.append(')');
            }
            case Or or -> {
                out.append('(');
                join(or.operands(), " OR ", out);
                out.append(')');
            }
            case Not not -> {
                out.append("NOT ");
                write(not.operand(), out);
            }
            case Near near -> {
                out.append('(');
                write(near.left(), out);
                out.append(near.ordered() ? " ONEAR/" : " NEAR/")
                        .append(near.distance())
                        .append(' ');
                write(near.right(), out);
                out.append(')');
            }
            case Scoped scoped -> {
                out.append(scoped.field().label()).append(":(");
                write(scoped.operand(), out);
                out.append(')');
            }
        }
    }

    private static void join(java.util.List<QueryNode> operands, String separator, StringBuilder out) {
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            write(operands.get(i), out);
        }
    }

    private static void leaf(String text, TermPattern pattern, StringBuilder out) {
        out.append(text);
        Set<String> labels = new LinkedHashSet<>();
        for (Alternative alternative : pattern.alternatives()) {
            if (alternative.origin() != Origin.TERM && !alternative.label().equals(text)) {
                labels.add(alternative.label());
            }
        }
        if (!labels.isEmpty()) {
            StringJoiner joined = new StringJoiner(" | ", "{", "}");
            labels.forEach(joined::add);
            out.append(joined);
        }
    }

    private static boolean hasList(QueryNode node) {
        return switch (node) {
            case All all -> true;
            case And and -> and.operands().stream().anyMatch(QueryReading::hasList);
            case Or or -> or.operands().stream().anyMatch(QueryReading::hasList);
            case Not not -> hasList(not.operand());
            case Scoped scoped -> hasList(scoped.operand());
            case Near near -> false;
            case Term term -> false;
            case Phrase phrase -> false;
            case Wildcard wildcard -> false;
        };
    }
}
