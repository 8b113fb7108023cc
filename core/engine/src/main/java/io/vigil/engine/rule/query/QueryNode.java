package io.vigil.engine.rule.query;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a {@code query} rule, as {@link QueryParser} builds it. Leaves carry the {@link TermPattern} their
 * words resolved to, so evaluating a tree never analyses rule text again.
 */
public sealed interface QueryNode
        permits QueryNode.Term,
                QueryNode.Phrase,
                QueryNode.Wildcard,
                QueryNode.All,
                QueryNode.And,
                QueryNode.Or,
                QueryNode.Not,
                QueryNode.Near,
                QueryNode.Scoped {

    /** A word: matches its stem, its alias group, and — when written in capitals — only words in capitals. */
    record Term(String text, int position, TermPattern pattern) implements QueryNode {
        public Term {
            Objects.requireNonNull(text, "text is null");
            Objects.requireNonNull(pattern, "pattern is null");
        }
    }

    /** A {@code "quoted phrase"}: the words in order, compared unstemmed. */
    record Phrase(String text, int position, TermPattern pattern) implements QueryNode {
        public Phrase {
            Objects.requireNonNull(text, "text is null");
            Objects.requireNonNull(pattern, "pattern is null");
        }
    }

    /** A prefix wildcard such as {@code fortif*}: any word whose normalized form starts with the prefix. */
    record Wildcard(String text, int position, TermPattern pattern) implements QueryNode {
        public Wildcard {
            Objects.requireNonNull(text, "text is null");
            Objects.requireNonNull(pattern, "pattern is null");
        }
    }

    /**
     * A bare list of words ({@code border fortification}): the positive operands must occur close together, within one
     * passage; negated and field-scoped operands are conditions on the whole article.
     */
    record All(List<QueryNode> operands) implements QueryNode {
        public All {
            operands = List.copyOf(operands);
        }
    }

    /** An explicit {@code AND}: every operand somewhere in the article. */
    record And(List<QueryNode> operands) implements QueryNode {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** {@code OR}: any operand. */
    record Or(List<QueryNode> operands) implements QueryNode {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code NOT x} or {@code -x}: the article does not contain x anywhere. */
    record Not(QueryNode operand) implements QueryNode {
        public Not {
            Objects.requireNonNull(operand, "operand is null");
        }
    }

    /**
     * {@code a NEAR/n b} (either order) or {@code a ONEAR/n b} (a first): at most {@code n} words from the end of one to
     * the start of the other ({@code NEAR/1} means adjacent), within one paragraph of one field.
     */
    record Near(QueryNode left, QueryNode right, int distance, boolean ordered) implements QueryNode {
        public Near {
            Objects.requireNonNull(left, "left is null");
            Objects.requireNonNull(right, "right is null");
        }
    }

    /** {@code title:x}, {@code body:x} or {@code source:x}: x evaluated on that field only. */
    record Scoped(Field field, QueryNode operand) implements QueryNode {
        public Scoped {
            Objects.requireNonNull(field, "field is null");
            Objects.requireNonNull(operand, "operand is null");
        }
    }

    /** The fields a scope can name. */
    enum Field {
        TITLE("title"),
        BODY("body"),
        SOURCE("source");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
