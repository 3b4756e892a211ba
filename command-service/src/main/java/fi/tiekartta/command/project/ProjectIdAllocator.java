package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proposes the next id of a sector in the roadmap's own style ({@code TE-13} after {@code TE-12}). It only
 * proposes: the event store's unique key decides, and the caller retries when another registration took the
 * same id first.
 */
@Component
class ProjectIdAllocator {

    private final RegisteredProjectIds registered;
    private final Sectors sectors;

    ProjectIdAllocator(RegisteredProjectIds registered, Sectors sectors) {
        this.registered = registered;
        this.sectors = sectors;
    }

    Optional<String> nextIdFor(String sectorCode) {
        return sectors.find(sectorCode).map(this::nextId);
    }

    private String nextId(Sector sector) {
        Pattern numbered = Pattern.compile(Pattern.quote(sector.idPrefix()) + "-(\\d{1,9})");
        int highest = registered.startingWith(sector.idPrefix() + "-")
                          .stream()
                          .map(numbered::matcher)
                          .filter(Matcher::matches)
                          .mapToInt(m -> Integer.parseInt(m.group(1)))
                          .max().orElse(0);
        return "%s-%02d".formatted(sector.idPrefix(), highest + 1);
    }
}
