package fi.tiekartta.command.importing;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.INVESTIGATING;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_USE;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.PLANNED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** How the status phrases of a roadmap read (docs/STATUS-VOCABULARY.md, "The phrases of a roadmap"). */
class StatusPhraseParserTest {

    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");

    private final StatusPhraseParser parser = new StatusPhraseParser(List.of("VAKA", "KOULUT", "LUKIO", "PERUSOPETUS"));

    /** Every distinct status_text of data/heinola-digitiekartta.csv, with what it says. */
    static Stream<Arguments> heinolaPhrases() {
        return Stream.of(
                arguments("", List.of(project(NOT_STARTED, null))),
                arguments("EI ALOITETTU", List.of(project(NOT_STARTED, null))),
                arguments("EI ALOITETTU, KOEPONNISTETTU FRENDS", List.of(project(NOT_STARTED, "KOEPONNISTETTU FRENDS"))),
                arguments("TULOSSA", List.of(project(PLANNED, null))),
                arguments("TOTEUTUS Q1/24", List.of(planned("2024-Q1", "TOTEUTUS Q1/24"))),
                arguments("HANKINTA Q1/24?", List.of(planned("2024-Q1", "HANKINTA Q1/24?"))),
                arguments("SELVITETÄÄN SOPIVIA RATKAISUJA", List.of(project(INVESTIGATING, "SOPIVIA RATKAISUJA"))),
                arguments("SELVITETÄÄN TARKOITUKSENMUKAISUUTTA", List.of(project(INVESTIGATING, "TARKOITUKSENMUKAISUUTTA"))),
                arguments("YLLÄPITOPROSESSI SUUNNITTELUSSA",
                          List.of(project(INVESTIGATING, "YLLÄPITOPROSESSI SUUNNITTELUSSA"))),
                arguments("MENEILLÄÄN", List.of(project(IN_PROGRESS, null))),
                arguments("MENEILLÄÄN (tot. 70 %)", List.of(inProgress(70, "tot. 70 %"))),
                arguments("MENEILLÄÄN (60 % TEHTY)", List.of(inProgress(60, "60 % TEHTY"))),
                arguments("MENEILLÄÄN 2023", List.of(project(IN_PROGRESS, "2023"))),
                arguments("MENEILLÄÄN - DIGITURVALLA TULEVAAN PÄÄTTYNYT",
                          List.of(project(IN_PROGRESS, "DIGITURVALLA TULEVAAN PÄÄTTYNYT"))),
                arguments("KÄYTÖSSÄ, JATKO MIETINNÄSSÄ", List.of(project(IN_USE, "JATKO MIETINNÄSSÄ"))),
                arguments("ODOTTAA TALOUSHALLINNON JÄRJESTELMÄUUDIST.",
                          List.of(project(WAITING, "TALOUSHALLINNON JÄRJESTELMÄUUDIST."))),
                arguments("SIIRTYY V. 2024", List.of(postponed(2024))),
                arguments("SIIRTYY V. 2025", List.of(postponed(2025))),
                arguments("SIIRTYY V. 2027", List.of(postponed(2027))),
                arguments("VALMIS", List.of(project(DONE, null))),
                arguments("TOTEUTETTU, KOULUT POHDINNASSA",
                          List.of(project(DONE, null), unit("KOULUT", project(INVESTIGATING, null)))),
                arguments("VAKA SIIRTYY V. 2027, KOULUT VALMIS",
                          List.of(unit("VAKA", postponed(2027)), unit("KOULUT", project(DONE, null)))),
                arguments("EI TARVETTA, KOHTEITA VÄHÄN", List.of(project(NOT_NEEDED, "KOHTEITA VÄHÄN"))),
                arguments("EI LIITETÄ ILMASTOVAHTIIN", List.of(project(NOT_NEEDED, "EI LIITETÄ ILMASTOVAHTIIN"))),
                arguments("TEHDÄÄN OSANA URHEILUPUISTON REMONTTIA", List.of(project(MERGED, "URHEILUPUISTON REMONTTIA"))));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("heinolaPhrases")
    void everyPhraseOfTheHeinolaRoadmap_readsAsTheDocumentMeansIt(String statusText, List<ParsedStatus> expected) {
        assertThat(parser.parse(statusText)).isEqualTo(expected);
    }

    @Test
    void theTableAbove_coversEveryDistinctStatusTextOfTheHeinolaCsv() throws IOException {
        Set<String> inTheFile = Files.readAllLines(HEINOLA_CSV, StandardCharsets.UTF_8).stream()
                                     .skip(1)
                                     .filter(line -> !line.isBlank())
                                     .map(line -> line.split(";", -1)[3])
                                     .collect(Collectors.toSet());
        Set<String> inTheTable = heinolaPhrases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());

        assertThat(inTheFile).hasSize(25);
        assertThat(inTheTable).isEqualTo(inTheFile);
    }

    // --- beyond the Heinola document -----------------------------------------------------------------------

    @Test
    void aNullStatus_isNotStarted() {
        assertThat(parser.parse(null)).containsExactly(project(NOT_STARTED, null));
    }

    @Test
    void wordsAreComparedIgnoringCase_andTheNoteKeepsTheirCase() {
        assertThat(parser.parse("valmis")).containsExactly(project(DONE, null));
        assertThat(parser.parse("Siirtyy v. 2026, Koulut valmis")).containsExactly(
                new ParsedStatus(null, POSTPONED, null, 2026, null, null), unit("KOULUT", project(DONE, null)));
    }

    @Test
    void nonBreakingSpacesAndRepeatedSpaces_readAsOneSpace() {
        assertThat(parser.parse("  MENEILLÄÄN\u00a0 (tot.\u00a070\u00a0%) ")).containsExactly(inProgress(70, "tot. 70 %"));
    }

    @Test
    void aFourDigitYearInTheQuarter_isReadToo() {
        assertThat(parser.parse("HANKINTA Q3/2025")).containsExactly(planned("2025-Q3", "HANKINTA Q3/2025"));
    }

    @Test
    void aPostponementWithWordsAfterTheYear_keepsThemAsTheNote() {
        assertThat(parser.parse("SIIRTYY V. 2026 RESURSSIPULAN VUOKSI"))
                .containsExactly(new ParsedStatus(null, POSTPONED, null, 2026, null, "RESURSSIPULAN VUOKSI"));
    }

    @Test
    void aPartStartingWithAnUnknownUnitName_isNoteText() {
        assertThat(parser.parse("VALMIS, JATKO VALMIS")).containsExactly(project(DONE, "JATKO VALMIS"));
    }

    @Test
    void aPartStartingWithAKnownUnitButNoStatus_isNoteText() {
        assertThat(parser.parse("EI TARVETTA, KOULUT HOITAVAT ITSE"))
                .containsExactly(project(NOT_NEEDED, "KOULUT HOITAVAT ITSE"));
    }

    @Test
    void noteTextAfterAUnitsStatus_belongsToThatUnit() {
        assertThat(parser.parse("VAKA SIIRTYY V. 2027, RAHOITUS PUUTTUU"))
                .containsExactly(unit("VAKA", new ParsedStatus(null, POSTPONED, null, 2027, null, "RAHOITUS PUUTTUU")));
    }

    @Test
    void aUnitIsKnownOnlyAsAWholeWord() {
        assertThatThrownBy(() -> parser.parse("KOULUTUS VALMIS")).isInstanceOf(StatusPhraseException.class)
                                                                 .hasMessageContaining("'KOULUTUS VALMIS'");
    }

    @Test
    void theUnitsComeFromConfiguration() {
        StatusPhraseParser otherOrganisation = new StatusPhraseParser(List.of("NUORISOPALVELUT"));

        assertThat(otherOrganisation.parse("NUORISOPALVELUT VALMIS"))
                .containsExactly(unit("NUORISOPALVELUT", project(DONE, null)));
        assertThat(otherOrganisation.parse("VALMIS, KOULUT VALMIS")).containsExactly(project(DONE, "KOULUT VALMIS"));
    }

    @Test
    void aCommaWithoutASpace_doesNotCutThePhrase() {
        assertThat(parser.parse("EI TARVETTA (3,5 KOHDETTA, KAIKKI VUOKRATTU)"))
                .containsExactly(project(NOT_NEEDED, "3,5 KOHDETTA, KAIKKI VUOKRATTU"));
    }

    @Test
    void aUnitNameLongerThanTheAggregateAllows_isAConfigurationError() {
        assertThatThrownBy(() -> new StatusPhraseParser(List.of("X".repeat(61))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- malformed phrases: a row error, never a guess -----------------------------------------------------

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "HYVÄÄ JOULUA",                    // not a status at all
            "VALMISTUU 2024",                  // VALMIS only as a whole word
            "KOULUT",                          // a unit without a status
            "LUKIOT VALMIS",                   // not a known unit
            "SIIRTYY",                         // postponed, but to when?
            "SIIRTYY MYÖHEMMIN",
            "SIIRTYY V. 20X5",
            "TEHDÄÄN OSANA",                   // merged, but into what?
            "TOTEUTUS",                        // scheduled, but for when?
            "TOTEUTUS Q5/24",                  // there is no fifth quarter
            "HANKINTA KEVÄÄLLÄ",
            "MENEILLÄÄN (120 %)",              // more than done
            "MENEILLÄÄN (30 % / 40 %)",        // which one?
            "MENEILLÄÄN (tot. 70,5 %)",        // progress is a whole percentage
            "VAKA SIIRTYY",                    // a unit's phrase lacks its year
            "VAKA VALMIS, VAKA SIIRTYY V. 2027", // one unit, two statuses
            ", VALMIS",                        // an empty part
            "VALMIS, ",
            "VALMIS, , KOULUT VALMIS"})
    void aMalformedPhrase_isRefusedWithAReason(String statusText) {
        assertThatThrownBy(() -> parser.parse(statusText))
                .isInstanceOf(StatusPhraseException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void theReasonForAnUnknownPhrase_namesThePhrase_andTheKnownUnits() {
        assertThatThrownBy(() -> parser.parse("HYVÄÄ JOULUA"))
                .hasMessageContaining("'HYVÄÄ JOULUA' is not a status phrase")
                .hasMessageContaining("VAKA");
    }

    @Test
    void theReasonForAPostponementWithoutYear_saysHowToWriteIt() {
        assertThatThrownBy(() -> parser.parse("VAKA SIIRTYY"))
                .hasMessage("unit VAKA: SIIRTYY needs the year the work is postponed to, as in SIIRTYY V. 2025");
    }

    // --- expected readings ---------------------------------------------------------------------------------

    private static ParsedStatus project(ProjectStatus status, String note) {
        return new ParsedStatus(null, status, null, null, null, note);
    }

    private static ParsedStatus inProgress(int percent, String note) {
        return new ParsedStatus(null, IN_PROGRESS, percent, null, null, note);
    }

    private static ParsedStatus postponed(int targetYear) {
        return new ParsedStatus(null, POSTPONED, null, targetYear, null, null);
    }

    private static ParsedStatus planned(String quarter, String note) {
        return new ParsedStatus(null, PLANNED, null, null, quarter, note);
    }

    private static ParsedStatus unit(String unit, ParsedStatus status) {
        return new ParsedStatus(unit, status.status(), status.progressPercent(), status.targetYear(),
                                status.scheduledFor(), status.note());
    }
}
