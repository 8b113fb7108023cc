package io.vigil.source.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.spi.PermanentFailureException;
import io.vigil.spi.config.ConfigProblem;
import io.vigil.spi.config.InvalidConfigException;
import io.vigil.spi.source.ContentFormat;
import io.vigil.spi.source.Cursor;
import io.vigil.spi.source.RawDocument;
import io.vigil.spi.source.Source;
import io.vigil.spi.testkit.FakeSourceContext;
import io.vigil.spi.testkit.RecordingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {

    @TempDir
    Path folder;

    private Source source(String path) throws PermanentFailureException {
        var factory = new FolderSourceFactory();
        return factory.create(factory.configSpec().validate(Map.of("path", path)), FakeSourceContext.in(folder));
    }

    @Test
    void aPathWithANulCharacterIsRefusedByTheSettingsCheckNamingTheField() {
        var spec = new FolderSourceFactory().configSpec();

        assertThatThrownBy(() -> spec.validate(Map.of("path", "seeds\u0000/../etc")))
                .isInstanceOfSatisfying(InvalidConfigException.class, refused -> assertThat(refused.problems())
                        .extracting(ConfigProblem::field)
                        .containsExactly("path"))
                .hasMessageContaining("not a path this system can use");
        assertThat(spec.validate(Map.of("path", "seeds")).string("path")).isEqualTo("seeds");
    }

    @Test
    void handsOverEachTextFileAsAPageDump() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "Headline\n\nBody text.\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/b.txt"), "Other\n\nMore text.\n");
        Files.writeString(folder.resolve("notes.md"), "not a dump");

        RecordingSink sink = new RecordingSink();
        source(".").fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("a.txt", "sub/b.txt");
        assertThat(sink.documents()).allSatisfy(d -> assertThat(d.format()).isEqualTo(ContentFormat.PAGE_DUMP));
        assertThat(sink.documents().get(0).content()).isEqualTo("Headline\n\nBody text.\n");
    }

    @Test
    void laterFetchesReturnOnlyNewOrChangedFiles() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "first");
        Files.writeString(folder.resolve("b.txt"), "second");
        Source source = source(".");
        Cursor cursor = source.fetch(Cursor.EMPTY, new RecordingSink());

        Files.writeString(folder.resolve("b.txt"), "second, edited");
        Files.writeString(folder.resolve("c.txt"), "third");
        Files.setLastModifiedTime(folder.resolve("a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        RecordingSink sink = new RecordingSink();
        Cursor after = source.fetch(cursor, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("b.txt", "c.txt");
        RecordingSink again = new RecordingSink();
        source.fetch(after, again);
        assertThat(again.documents()).isEmpty();
    }

    @Test
    void skipsEmptyBinaryAndNonUtf8FilesWithAReasonAndReadsTheRest() throws Exception {
        Files.writeString(folder.resolve("empty.txt"), "  \n\n ");
        Files.write(folder.resolve("binary.txt"), new byte[] {0, 1, 2, 3, 0, 0, 5, 6, 65, 0});
        Files.write(folder.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Files.writeString(folder.resolve("good.txt"), "Headline\n\nText.");

        RecordingSink sink = new RecordingSink();
        source(".").fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("good.txt");
        assertThat(sink.skipped())
                .containsEntry("empty.txt", "empty")
                .containsEntry("binary.txt", "binary, not a text page dump")
                .containsEntry("latin1.txt", "not UTF-8 text");
    }

    @Test
    void skipsFilesOverTheSizeLimit() throws Exception {
        Files.writeString(folder.resolve("huge.txt"), "x".repeat(100));
        var context = new FakeSourceContext("t", java.time.Clock.systemUTC(), folder, null) {
            @Override
            public long maxDocumentBytes() {
                return 10;
            }
        };
        var factory = new FolderSourceFactory();
        RecordingSink sink = new RecordingSink();
        factory.create(factory.configSpec().validate(Map.of("path", ".")), context)
                .fetch(Cursor.EMPTY, sink);
        assertThat(sink.skipped().get("huge.txt")).startsWith("too large");
    }

    @Test
    void aMissingFolderIsAPermanentFailureNamingIt() throws Exception {
        Source source = source("no-such-folder");
        assertThatThrownBy(() -> source.fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("no-such-folder");
    }

    private Source source(String path, FakeSourceContext context) throws PermanentFailureException {
        var factory = new FolderSourceFactory();
        return factory.create(factory.configSpec().validate(Map.of("path", path)), context);
    }

    @Test
    void aFolderOutsideTheRootsIsRefusedAtFetch() throws Exception {
        Path allowed = Files.createDirectories(folder.resolve("allowed"));
        Files.writeString(folder.resolve("secret.txt"), "Secret\n\nNot for sources.");
        Source source = source(".", FakeSourceContext.in(folder).withFolderRoots(allowed));

        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> source.fetch(Cursor.EMPTY, sink))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("outside the folders Vigil may read")
                .hasMessageContaining(allowed.toString());
        assertThat(sink.documents()).isEmpty();
    }

    @Test
    void aLinkedFolderIsJudgedByWhereItLeads() throws Exception {
        Path allowed = Files.createDirectories(folder.resolve("allowed"));
        Path outside = Files.createDirectories(folder.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "Secret\n\nNot for sources.");
        Files.createSymbolicLink(allowed.resolve("escape"), outside);
        Source source = source("allowed/escape", FakeSourceContext.in(folder).withFolderRoots(allowed));

        assertThatThrownBy(() -> source.fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("outside the folders Vigil may read");
    }

    @Test
    void linksInsideTheFolderThatLeaveTheRootsAreSkippedAndTheRestIsRead() throws Exception {
        Path allowed = Files.createDirectories(folder.resolve("allowed"));
        Path outside = Files.createDirectories(folder.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "Secret\n\nNot for sources.");
        Files.writeString(allowed.resolve("good.txt"), "Headline\n\nText.");
        Files.writeString(allowed.resolve("inside.txt.real"), "Linked\n\nInside the root.");
        Files.createSymbolicLink(allowed.resolve("passwd.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(allowed.resolve("linked.txt"), allowed.resolve("inside.txt.real"));
        Files.createSymbolicLink(allowed.resolve("elsewhere"), outside);

        RecordingSink sink = new RecordingSink();
        source("allowed", FakeSourceContext.in(folder).withFolderRoots(allowed)).fetch(Cursor.EMPTY, sink);

        assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("good.txt", "linked.txt");
        assertThat(sink.skipped().get("passwd.txt")).contains("outside the folders Vigil may read");
        assertThat(sink.documents()).noneSatisfy(d -> assertThat(d.content()).contains("Secret"));
    }

    @Test
    void aHostThatNamesNoRootsAllowsNoFolder() throws Exception {
        Files.writeString(folder.resolve("a.txt"), "Headline\n\nText.");
        var context = new FakeSourceContext("t", java.time.Clock.systemUTC(), folder, null) {
            @Override
            public io.vigil.spi.source.FolderRoots folderRoots() {
                return io.vigil.spi.source.FolderRoots.none();
            }
        };

        assertThatThrownBy(() -> source(".", context).fetch(Cursor.EMPTY, new RecordingSink()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("none are configured");
    }

    @Test
    void anUnreadableSubFolderIsReportedAndTheRestIsRead() throws Exception {
        Path closed = Files.createDirectories(folder.resolve("closed"));
        Files.writeString(closed.resolve("hidden.txt"), "Hidden\n\nText.");
        Files.writeString(folder.resolve("open.txt"), "Headline\n\nText.");
        Files.setPosixFilePermissions(closed, java.util.Set.of());
        try {
            // Root reads every folder whatever its permissions; the report can only be seen as another user.
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(closed), "running as root");
            RecordingSink sink = new RecordingSink();
            source(".").fetch(Cursor.EMPTY, sink);

            assertThat(sink.documents()).extracting(RawDocument::externalId).containsExactly("open.txt");
            assertThat(sink.skipped()).containsKey("closed/");
            assertThat(sink.skipped().get("closed/")).contains("permission denied");
        } finally {
            Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
