package io.vigil.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.engine.rule.Snippet;
import io.vigil.engine.rule.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredSnippetsTest {

    @Test
    void snippetsSurviveTheStoredFormWithTheirMarks() {
        Snippet snippet = new Snippet(
                "body", "Iraq fortifies its border with \"Syria\" & more", List.of(new Span(5, 14, "fortification")));

        String json = StoredSnippets.toJson(List.of(snippet));
        List<Snippet> read = StoredSnippets.fromJson(json);

        assertThat(json).contains("\"marks\":[[5,14]]").contains("\"field\":\"body\"");
        assertThat(read).hasSize(1);
        assertThat(read.get(0).text()).isEqualTo(snippet.text());
        assertThat(read.get(0).marks())
                .extracting(Span::start, Span::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 14));
        assertThat(read.get(0).toHtml())
                .isEqualTo("Iraq <mark>fortifies</mark> its border with &quot;Syria&quot; &amp; more");
    }

    @Test
    void marksOutsideTheTextAndUnreadableJsonAreDropped() {
        assertThat(StoredSnippets.fromJson("[{\"field\":\"title\",\"text\":\"short\",\"marks\":[[0,3],[2,4],[4,99]]}]")
                        .get(0)
                        .marks())
                .extracting(Span::start)
                .containsExactly(0);
        assertThat(StoredSnippets.fromJson("not json")).isEmpty();
        assertThat(StoredSnippets.fromJson(null)).isEmpty();
    }

    @Test
    void eachMarkKeepsTheTermAndClauseItSatisfied() {
        Snippet snippet = new Snippet(
                "body",
                "Iraq builds a wall",
                List.of(new Span(0, 4, "Iraq", "Iraq"), new Span(14, 18, "wall", "(wall OR fence)")));

        List<Snippet> read = StoredSnippets.fromJson(StoredSnippets.toJson(List.of(snippet)));

        assertThat(read.get(0).marks()).containsExactlyElementsOf(snippet.marks());
    }

    @Test
    void marksStoredBeforeTermsWereKeptHaveNeither() {
        List<Snippet> read =
                StoredSnippets.fromJson("[{\"field\":\"body\",\"text\":\"Iraq wall\",\"marks\":[[5,9],[0,4]]}]");

        assertThat(read.get(0).marks()).containsExactly(new Span(0, 4, null, null), new Span(5, 9, null, null));
    }
}
