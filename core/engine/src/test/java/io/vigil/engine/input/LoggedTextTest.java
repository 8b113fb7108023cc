package io.vigil.engine.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LoggedTextTest {

    @Test
    void writesLineBreaksAndTerminalEscapesAsEscapes() {
        String forged = "chat not found\r\n12:00:00 INFO  [admin] signed in\u001b[2K\u0085\u2028\u202e";

        assertThat(LoggedText.of(forged))
                .isEqualTo("chat not found\\r\\n12:00:00 INFO  [admin] signed in\\u001b[2K\\u0085\\u2028\\u202e");
    }

    @Test
    void leavesOrdinaryTextAloneWhateverItsScript() {
        assertThat(LoggedText.of("Reuters: «Ceasefire» in Gaza — مرحبا 你好 \\n"))
                .isEqualTo("Reuters: «Ceasefire» in Gaza — مرحبا 你好 \\n");
        assertThat(LoggedText.of(null)).isEqualTo("null");
        assertThat(LoggedText.of(42)).isEqualTo("42");
    }

    @Test
    void cutsLongTextAndSaysHowMuchIsLeftOut() {
        String shown = LoggedText.of("x".repeat(LoggedText.LIMIT + 234));

        assertThat(shown).startsWith("x".repeat(LoggedText.LIMIT)).endsWith("… (234 more characters)");
    }

    @Test
    void anExceptionKeepsItsClassFramesAndCausesWithEveryMessageEscaped() {
        IllegalStateException cause = new IllegalStateException("cause\nFORGED cause line");
        RuntimeException original = new RuntimeException("outer\r\nFORGED line\u001b[1A", cause);
        original.addSuppressed(new IllegalArgumentException("suppressed\nFORGED"));

        Throwable logged = LoggedText.thrown(original);
        StringWriter trace = new StringWriter();
        logged.printStackTrace(new PrintWriter(trace));

        assertThat(logged.toString()).isEqualTo("java.lang.RuntimeException: outer\\r\\nFORGED line\\u001b[1A");
        assertThat(logged.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(logged.getCause()).hasToString("java.lang.IllegalStateException: cause\\nFORGED cause line");
        assertThat(logged.getSuppressed())
                .singleElement()
                .hasToString("java.lang.IllegalArgumentException: suppressed\\nFORGED");
        assertThat(trace.toString().lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    @Test
    void anExceptionThatIsItsOwnCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(LoggedText.thrown(first).getCause().getCause()).isNotNull();
    }
}
