package fi.tiekartta.query.publicroadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.web.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gate in front of {@code /public/**} and {@code /julkinen/**}, ahead of Spring Security (so that nothing
 * about tokens decides these answers):
 * <ul>
 *   <li>with the public roadmap off, every such path is 404, as if it did not exist;</li>
 *   <li>only GET and HEAD (405 with {@code Allow} otherwise): the public side reads and nothing else;</li>
 *   <li>{@code Access-Control-Allow-Origin: *} on the API, on every answer and not only to requests that name an
 *       origin, so that a shared cache never hands another site an answer without it;</li>
 *   <li>a rate limit per client address on the API (Bucket4j: a token bucket per client, refilled evenly),
 *       429 with {@code Retry-After} when it is spent.</li>
 * </ul>
 * The client address is the connection's; behind a reverse proxy set {@code server.forward-headers-strategy}
 * so that it is the caller's and not the proxy's (docs/PUBLIC.md).
 */
final class PublicAccessFilter extends OncePerRequestFilter {

    static final String API_PREFIX = "/public/";
    /** More clients than this, and buckets that have refilled completely (idle clients) are let go. */
    private static final int CLIENTS_KEPT = 10_000;

    private final PublicRoadmapProperties properties;
    private final ObjectMapper json;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PublicAccessFilter(PublicRoadmapProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.enabled()) {
            refuse(response, Problems.of(HttpStatus.NOT_FOUND, "Not found", "The public roadmap is not published here."));
            return;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            refuse(response, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                                         "The public roadmap is read with GET and HEAD only."));
            return;
        }
        if (!isApi(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Retry-After, Content-Disposition");
        ConsumptionProbe probe = bucketOf(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            refuse(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                                         "This client has used its share of the public API for now; retry in "
                                         + seconds + " s."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).startsWith(API_PREFIX);
    }

    private Bucket bucketOf(String client) {
        if (buckets.size() > CLIENTS_KEPT) {
            long full = properties.rateLimit().requests();
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= full);
        }
        return buckets.computeIfAbsent(client, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.rateLimit().requests())
                                        .refillGreedy(properties.rateLimit().requests(), properties.rateLimit().period()))
                .build());
    }

    /** Answered here, before the security headers would be added: the ones that matter are set by hand. */
    private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        json.writeValue(response.getOutputStream(), problem);
    }
}
