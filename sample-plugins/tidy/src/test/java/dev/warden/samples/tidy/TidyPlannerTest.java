package dev.warden.samples.tidy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.samples.tidy.TidyPlan.Left;
import dev.warden.samples.tidy.TidyPlan.Move;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TidyPlannerTest {

    private static TidyPlan plan(Grouping grouping, String... names) {
        return TidyPlanner.plan("${workspace}/Downloads", List.of(names), grouping, to -> false);
    }

    @Test
    void sortsKnownKindsIntoAFolderEachIgnoringTheCaseOfExtensions() {
        TidyPlan plan = plan(Grouping.NONE, "b.PDF", "a.jpg", "data.csv", "talk.pptx", "song.flac", "clip.MOV",
                "backup.tar.gz", "setup.dmg", "font.woff2");

        assertThat(plan.moves()).containsExactly(
                new Move("a.jpg", "Images/a.jpg"),
                new Move("b.PDF", "Documents/b.PDF"),
                new Move("backup.tar.gz", "Archives/backup.tar.gz"),
                new Move("clip.MOV", "Video/clip.MOV"),
                new Move("data.csv", "Spreadsheets/data.csv"),
                new Move("font.woff2", "Fonts/font.woff2"),
                new Move("setup.dmg", "Installers/setup.dmg"),
                new Move("song.flac", "Audio/song.flac"),
                new Move("talk.pptx", "Presentations/talk.pptx"));
        assertThat(plan.left()).isEmpty();
    }

    @Test
    void leavesHiddenEntriesFoldersCodeAndUnknownKindsWhereTheyAre() {
        TidyPlan plan = plan(Grouping.NONE, ".DS_Store", "Images", "old stuff", "notes.json", "Main.java", "README", ".env");

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.left()).extracting(Left::file)
                .containsExactly(".DS_Store", ".env", "Images", "Main.java", "README", "notes.json", "old stuff");
        assertThat(plan.left()).extracting(Left::reason).containsExactly(
                "hidden; tidy leaves hidden files alone",
                "hidden; tidy leaves hidden files alone",
                "one of the folders tidy sorts files into",
                "tidy does not sort .java files",
                "no extension: a folder, or a file of unknown kind",
                "tidy does not sort .json files",
                "no extension: a folder, or a file of unknown kind");
    }

    @Test
    void byDatePutsDatedFilesOneLevelDeeperAndUndatedOnesInTheKindFolder() {
        assertThat(plan(Grouping.MONTH, "IMG_20260302_101500.jpg", "cat.jpg").moves()).containsExactly(
                new Move("IMG_20260302_101500.jpg", "Images/2026-03/IMG_20260302_101500.jpg"),
                new Move("cat.jpg", "Images/cat.jpg"));
        assertThat(plan(Grouping.YEAR, "scan 2024-01-15.pdf").moves())
                .containsExactly(new Move("scan 2024-01-15.pdf", "Documents/2024/scan 2024-01-15.pdf"));
        assertThat(plan(Grouping.NONE, "scan 2024-01-15.pdf").moves())
                .containsExactly(new Move("scan 2024-01-15.pdf", "Documents/scan 2024-01-15.pdf"));
    }

    @Test
    void neverPlansToReplaceAFileThatExists() {
        TidyPlan plan = TidyPlanner.plan("${workspace}", List.of("a.jpg", "b.jpg"), Grouping.NONE,
                Set.of("Images/a.jpg")::contains);

        assertThat(plan.moves()).containsExactly(new Move("b.jpg", "Images/b.jpg"));
        assertThat(plan.left()).extracting(Left::reason).singleElement().asString()
                .startsWith("Images/a.jpg already exists").endsWith("tidy never replaces anything");
    }

    @Test
    void looksAtTheFirstThousandEntriesAndSaysSo() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TidyPlanner.MAX_ENTRIES + 5; i++) {
            names.add(String.format("photo-%04d.jpg", i));
        }

        TidyPlan plan = TidyPlanner.plan("${workspace}", names, Grouping.NONE, to -> false);

        assertThat(plan.truncated()).isTrue();
        assertThat(plan.moves()).hasSize(TidyPlanner.MAX_ENTRIES).last().extracting(Move::file).isEqualTo("photo-0999.jpg");
        assertThat(plan.summary()).endsWith("(only the first 1000 entries were looked at)");
    }

    @Test
    void recognisesASoftwareProjectByItsBuildFiles() {
        assertThat(TidyPlanner.projectMarker(List.of("notes.pdf", "pom.xml", "src"))).contains("pom.xml");
        assertThat(TidyPlanner.projectMarker(List.of("App.sln"))).contains("App.sln");
        assertThat(TidyPlanner.projectMarker(List.of("Makefile.pdf", "package.json.bak", "photo.jpg"))).isEmpty();
    }

    @Test
    void summarisesThePlanInOneSentence() {
        assertThat(plan(Grouping.NONE, "a.jpg", "b.pdf", "c.pdf", "x").summary())
                .isEqualTo("3 files to move into Documents, Images; 1 entry left as it is");
        assertThat(plan(Grouping.NONE).summary()).isEqualTo("Nothing to move");
    }
}
