package fi.tiekartta.query.publicroadmap;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The public roadmap, {@code tiekartta.public.*} (or {@code TIEKARTTA_PUBLIC_ENABLED} etc.). Off unless the
 * organisation turns it on: publishing is a decision, not a default.
 *
 * @param enabled   whether {@code /public/**} and the page {@code /julkinen/} exist at all
 * @param license   the licence the open data is published under, named in every JSON answer
 * @param publisher who publishes it, named in every JSON answer
 * @param maxAge    how long browsers and shared caches may keep an answer without asking again
 * @param rateLimit requests per client (by address) to {@code /public/**}
 */
@ConfigurationProperties("tiekartta.public")
public record PublicRoadmapProperties(boolean enabled, String license, String publisher, Duration maxAge,
                                      RateLimit rateLimit) {

    public PublicRoadmapProperties {
        license = license == null || license.isBlank() ? "CC BY 4.0" : license.strip();
        publisher = publisher == null || publisher.isBlank() ? "Heinolan kaupunki" : publisher.strip();
        maxAge = maxAge == null ? Duration.ofMinutes(5) : maxAge;
        rateLimit = rateLimit == null ? new RateLimit(0, null) : rateLimit;
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("tiekartta.public.max-age must not be negative: " + maxAge);
        }
    }

    /**
     * @param requests how many requests a client may make per {@code period}, all at once if it likes
     * @param period   the time in which a client's allowance refills completely (evenly, not at once)
     */
    public record RateLimit(int requests, Duration period) {

        public RateLimit {
            requests = requests <= 0 ? 120 : requests;
            period = period == null ? Duration.ofMinutes(1) : period;
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("tiekartta.public.rate-limit.period must be positive: " + period);
            }
        }
    }
}
