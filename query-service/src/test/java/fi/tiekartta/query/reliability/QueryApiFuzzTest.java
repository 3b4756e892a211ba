package fi.tiekartta.query.reliability;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/RELIABILITY.md, bad input on the read side: random and malformed dates, instants, years, ids, sequence
 * numbers and Accept headers at every query endpoint. Never a 5xx; every refusal is a problem detail.
 */
class QueryApiFuzzTest extends QueryServiceTestBase {

    private static final List<String> ODD = List.of("", " ", "2023-02-30", "2023-13-01", "+999999999-12-31",
            "-999999999-01-01", "0000-01-01", "2024-01-15T12:00Z", "2024-01-15T12:00:00+02:00", "yesterday", "9e99",
            "-1", "0", "2147483648", "9223372036854775808", "%00", "\u0000", "😀", "ÄÖÅ", "x".repeat(5000), "NaN",
            "TE-10", "../../etc", "1e3", "2023", "99999", "true", "null", "[]", "'--");
    private static final List<String> ACCEPTS = List.of("application/json", "text/csv", "text/html", "*/*",
            "application/xml", "image/png", "text/*", "", "garbage/;;", "text/html;q=0");

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 29})
    void hostileQueries_neverGetA5xx(long seed) {
        Random random = new Random(seed);
        String reader = TestTokens.mint("tarkastaja", "AUDITOR", "MANAGEMENT");
        for (int i = 0; i < 200; i++) {
            String path = switch (random.nextInt(8)) {
                case 0 -> "/api/projects?asOf=" + odd(random) + "&knownAt=" + odd(random) + "&status=" + odd(random)
                          + "&sector=" + odd(random);
                case 1 -> "/api/projects/" + odd(random) + "?asOf=" + odd(random);
                case 2 -> "/api/projects/" + odd(random) + "/history";
                case 3 -> "/api/roadmap?asOf=" + odd(random) + "&knownAt=" + odd(random);
                case 4 -> "/api/reports/year-end/" + odd(random) + "?knownAt=" + odd(random);
                case 5 -> "/api/audit/projects/" + odd(random) + "/events?fromSequence=" + odd(random) + "&limit=" + odd(random);
                case 6 -> "/api/audit/projects/" + odd(random) + "/state?atSequence=" + odd(random)
                          + (random.nextBoolean() ? "&knownAt=" + odd(random) : "");
                default -> "/api/audit/verify?digest=" + odd(random) + "&knownAt=" + odd(random);
            };
            String accept = ACCEPTS.get(random.nextInt(ACCEPTS.size()));
            Response response = accept.isEmpty() ? api().get(path, reader) : api().get(path, reader, Map.of("Accept", accept));

            assertThat(response.status()).as("seed %d request %d %s (Accept %s): %s", seed, i, path, accept, response)
                                         .isLessThan(500);
            // A client that refuses JSON may get a refusal without a body; every other one gets a problem detail.
            if (response.status() >= 400 && List.of("", "*/*", "application/json").contains(accept)) {
                assertThat(response.contentType()).as("%s: %s", path, response).startsWith("application/problem+json");
            }
        }
    }

    private static String odd(Random random) {
        return URLEncoder.encode(ODD.get(random.nextInt(ODD.size())), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
