package fi.tiekartta.query.roadmap;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that accepts gzip gets JSON, HTML, CSS and JS gzip'd, and the body decodes to exactly the bytes an
 * uncompressed answer carries; a client that does not, gets them as they are.
 */
class ResponseCompressionTest extends RoadmapTestBase {

    @Test
    void theRoadmapJson_isGzipd_forAClientThatAcceptsIt_andDecodesToTheSameBody() {
        String[] ids = new String[30];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = register("TEKNIIKKA", LocalDate.of(2031, 1, 2), 2033);
        }
        knownNow(ids);
        String path = "/api/roadmap?asOf=2031-06-01&knownAt=" + knownNow(ids);

        assertCompressedAsPlain(path, managementToken(), "application/json");
    }

    @Test
    void thePagesHtmlCssAndJs_areGzipd() {
        assertCompressedAsPlain("/index.html", null, "text/html");
        assertCompressedAsPlain("/ui/app.css", null, "text/css");
        assertCompressedAsPlain("/ui/app.js", null, "javascript");
    }

    private void assertCompressedAsPlain(String path, String token, String contentType) {
        HttpResponse<byte[]> plain = api().getBytes(path, token, Map.of());
        HttpResponse<byte[]> gzipped = api().getBytes(path, token, Map.of("Accept-Encoding", "gzip"));

        assertThat(plain.statusCode()).as(path).isEqualTo(200);
        assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).contains(contentType));
        assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length);
        assertThat(gunzip(gzipped.body())).as(path).isEqualTo(plain.body());
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
