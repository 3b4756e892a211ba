package fi.tiekartta.query.roadmap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class RoadmapProjectIdOrderTest {

    @Test
    void projectIds_areOrderedAsPeopleReadThem_numbersByValue() {
        List<String> ids = new ArrayList<>(List.of("TE-10", "KH-2", "TE-9", "TE-010", "TE-1a", "TE-1", "QT-100-ab", "QT-99-zz"));

        ids.sort(ProjectIdOrder.NATURAL);

        assertThat(ids).containsExactly("KH-2", "QT-99-zz", "QT-100-ab", "TE-1", "TE-1a", "TE-9", "TE-010", "TE-10");
    }

    @Test
    void theOrder_isTotal_soThatEqualNumbersWithDifferentSpellingsStillHaveAFixedPlace() {
        assertThat(ProjectIdOrder.NATURAL.compare("TE-010", "TE-10")).isNotZero();
        assertThat(Integer.signum(ProjectIdOrder.NATURAL.compare("TE-010", "TE-10")))
                .isEqualTo(-Integer.signum(ProjectIdOrder.NATURAL.compare("TE-10", "TE-010")));
    }

    @Test
    void sortedByTakingIdsApartOnce_isTheOrderOfTheComparator_whateverTheShapeOfTheIds() {
        List<String> ids = new ArrayList<>(List.of(
                "TE-10", "TE-9", "TE-010", "TE-0", "TE-00", "TE-1a", "TE-", "TE", "TE-1-2", "QT-100-ab", "QT-99-zz", "KH-2",
                "KH-2\u0661", "KH-\u0662", "12", "012", "-5", "KH-123456789012345678", "KH-1234567890123456789", "KH-99999999999999999",
                "KHX-1", "KH-X1", "kh-1", "\u00c4\u00c4-3", "a1b2", "a1b10", "TE-10 "));
        for (int n = 1; n <= 300; n++) {
            ids.add(List.of("KH-", "EV-", "HV-", "TE-", "LV-", "YP-").get(n % 6) + n);
        }
        Collections.shuffle(ids, new Random(7));
        List<String> expected = new ArrayList<>(ids);
        expected.sort(ProjectIdOrder.NATURAL);

        assertThat(ProjectIdOrder.sorted(ids, Function.identity())).containsExactlyElementsOf(expected);
    }
}
