package fi.tiekartta.query.roadmap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
