package fi.tiekartta.query.report;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YearEndFormatNegotiationTest {

    @Test
    void theFormat_followsTheClientsPreference() {
        assertThat(negotiate("")).isEqualTo(ReportFormat.JSON);
        assertThat(negotiate("*/*")).isEqualTo(ReportFormat.JSON);
        assertThat(negotiate("application/json")).isEqualTo(ReportFormat.JSON);
        assertThat(negotiate("text/csv")).isEqualTo(ReportFormat.CSV);
        assertThat(negotiate("text/csv; charset=utf-8")).isEqualTo(ReportFormat.CSV);
        assertThat(negotiate("text/html")).isEqualTo(ReportFormat.HTML);
        assertThat(negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .as("a browser").isEqualTo(ReportFormat.HTML);
        assertThat(negotiate("text/csv;q=0.5, text/html")).isEqualTo(ReportFormat.HTML);
        assertThat(negotiate("application/json;q=0, */*")).as("JSON refused outright").isEqualTo(ReportFormat.CSV);
        assertThat(negotiate("text/*;q=0.9, text/html")).isEqualTo(ReportFormat.HTML);
        assertThat(negotiate("application/pdf")).isEqualTo(ReportFormat.PDF);
        assertThat(negotiate("application/pdf, text/html;q=0.9")).isEqualTo(ReportFormat.PDF);
        assertThat(negotiate("text/html, application/pdf")).as("HTML before PDF when equal").isEqualTo(ReportFormat.HTML);
        assertThat(negotiate("application/*")).as("JSON before PDF when equal").isEqualTo(ReportFormat.JSON);
        assertThat(negotiate("application/json;q=0, text/*;q=0, */*")).isEqualTo(ReportFormat.PDF);
    }

    @Test
    void aClientThatAcceptsNoneOfTheFormats_isRefused() {
        assertThatThrownBy(() -> negotiate("image/png")).isInstanceOf(ReportNotAcceptableException.class);
        assertThatThrownBy(() -> negotiate("text/plain, application/xml")).isInstanceOf(ReportNotAcceptableException.class);
        assertThatThrownBy(() -> negotiate("text/csv;q=0")).isInstanceOf(ReportNotAcceptableException.class);
    }

    private static ReportFormat negotiate(String accept) {
        List<MediaType> types = accept.isEmpty() ? List.of() : MediaType.parseMediaTypes(accept);
        return ReportFormat.negotiate(types);
    }
}
