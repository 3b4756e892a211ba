package fi.tiekartta.query.admin;

import fi.tiekartta.query.admin.BulkBuild.SizedStep;
import fi.tiekartta.query.admin.BulkBuild.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rebuild's index phase starts the longest builds first, measured by the live indexes they copy. */
class IndexBuildOrderTest {

    @Test
    void theLargestLiveIndexIsBuiltFirst_andEqualSizesKeepTheirOrder() {
        List<SizedStep> builds = List.of(build("project_view_closed", 23_969_792), build("project_view_one_believed", 28_434_432),
                                         build("project_view_pkey", 45_580_288), build("project_view_project", 46_505_984),
                                         build("project_view_believed_days", 116_178_944), build("project_change_pkey", 31_563_776),
                                         build("reporting_round_pkey", 8_192), build("project_head_pkey", 8_192));

        assertThat(BulkBuild.largestFirst(builds)).extracting(group -> group.get(0).part())
                .containsExactly("index project_view_believed_days", "index project_view_project", "index project_view_pkey",
                                 "index project_change_pkey", "index project_view_one_believed", "index project_view_closed",
                                 "index reporting_round_pkey", "index project_head_pkey");
    }

    @Test
    void eachBuildRunsAlone() {
        assertThat(BulkBuild.largestFirst(List.of(build("a", 2), build("b", 1)))).allSatisfy(group -> assertThat(group).hasSize(1));
    }

    private static SizedStep build(String index, long liveSize) {
        return new SizedStep(liveSize, new Step("index " + index, "CREATE INDEX " + index + " ON read_model_build.t (c)"));
    }
}
