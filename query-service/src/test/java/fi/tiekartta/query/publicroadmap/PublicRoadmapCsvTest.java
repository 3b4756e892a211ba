package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public CSV's own rules, without a database: the columns, the units cell, and ETags. */
class PublicRoadmapCsvTest {

    @Test
    void aProject_isOneRow_inTheHeadersOrder_withItsUnitsInOneCell() {
        PublicProject project = new PublicProject("TE-10", "TEKNIIKKA", "Vesimittarit; etäluenta", 2022, 2025,
                ProjectStatus.IN_PROGRESS, "MENEILLÄÄN", 60, null, null, LocalDate.of(2023, 12, 31),
                List.of(new PublicProject.Unit("VAKA", ProjectStatus.IN_PROGRESS, 70, null),
                        new PublicProject.Unit("KOULUT", ProjectStatus.POSTPONED, null, 2026)));
        PublicRoadmap roadmap = new PublicRoadmap(LocalDate.of(2023, 12, 31), "CC BY 4.0", "Heinolan kaupunki",
                Map.of("IN_PROGRESS", 1), List.of(new PublicRoadmap.Sector("TEKNIIKKA", "Tekniikkatoimiala",
                                                                           Map.of("IN_PROGRESS", 1), List.of(project))));

        byte[] csv = PublicRoadmapCsv.render(roadmap);

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo(String.join(";", PublicRoadmapCsv.HEADER));
        assertThat(lines[1]).isEqualTo("2023-12-31;TEKNIIKKA;Tekniikkatoimiala;TE-10;\"Vesimittarit; etäluenta\";2022;2025;"
                                       + "IN_PROGRESS;MENEILLÄÄN;60;;;2023-12-31;VAKA: IN_PROGRESS 70 % | KOULUT: POSTPONED → 2026");
    }

    @Test
    void theETag_isTheSameForTheSameBytes_andIfNoneMatchComparesWeakly() {
        String etag = CacheableAnswer.etagOf("abc".getBytes(StandardCharsets.UTF_8));

        assertThat(etag).isEqualTo(CacheableAnswer.etagOf("abc".getBytes(StandardCharsets.UTF_8)))
                        .isNotEqualTo(CacheableAnswer.etagOf("abd".getBytes(StandardCharsets.UTF_8)));
        assertThat(CacheableAnswer.matches(etag, etag)).isTrue();
        assertThat(CacheableAnswer.matches("W/" + etag, etag)).isTrue();
        assertThat(CacheableAnswer.matches("\"x\", " + etag, etag)).isTrue();
        assertThat(CacheableAnswer.matches("*", etag)).isTrue();
        assertThat(CacheableAnswer.matches("\"x\"", etag)).isFalse();
        assertThat(CacheableAnswer.matches(null, etag)).isFalse();
    }
}
