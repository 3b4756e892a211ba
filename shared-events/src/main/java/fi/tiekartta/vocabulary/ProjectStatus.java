package fi.tiekartta.vocabulary;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * The status vocabulary of the roadmap (docs/STATUS-VOCABULARY.md). The codes are stored in events:
 * never rename one, only add.
 *
 * <p>{@code advancement} orders how far a piece of work has got, so that a project whose units differ can
 * take "the least advanced of its units". Postponed work ranks just above work not started: both stand
 * still, but a postponement is a decision already taken. The closed outcomes rank highest.
 */
public enum ProjectStatus {
    NOT_STARTED("EI ALOITETTU", "not started", 0),
    POSTPONED("SIIRTYY", "postponed", 1),
    WAITING("ODOTTAA", "waiting on something else", 2),
    PLANNED("TULOSSA", "upcoming", 3),
    INVESTIGATING("SELVITETÄÄN", "being investigated", 4),
    IN_PROGRESS("MENEILLÄÄN", "in progress", 5),
    IN_USE("KÄYTÖSSÄ", "in use, development continues", 6),
    DONE("VALMIS", "done", 7),
    MERGED("TEHDÄÄN OSANA", "carried out as part of another effort", 7),
    NOT_NEEDED("EI TARVETTA", "dropped, will not be done", 7);

    private static final Set<ProjectStatus> CLOSED = Set.of(DONE, MERGED, NOT_NEEDED);
    private static final Comparator<ProjectStatus> LEAST_ADVANCED_FIRST =
            Comparator.comparingInt(ProjectStatus::advancement).thenComparing(Comparator.naturalOrder());

    private final String finnishLabel;
    private final String englishLabel;
    private final int advancement;

    ProjectStatus(String finnishLabel, String englishLabel, int advancement) {
        this.finnishLabel = finnishLabel;
        this.englishLabel = englishLabel;
        this.advancement = advancement;
    }

    public String finnishLabel() {
        return finnishLabel;
    }

    public String englishLabel() {
        return englishLabel;
    }

    public int advancement() {
        return advancement;
    }

    /** Closed work does not continue unless someone reopens it on purpose. */
    public boolean isClosed() {
        return CLOSED.contains(this);
    }

    /** Closed without the work being done here: it does not hold a project back when units are combined. */
    public boolean isClosedWithoutDelivery() {
        return this == MERGED || this == NOT_NEEDED;
    }

    /**
     * Where a project stands when only its units reported: with its least advanced unit
     * (docs/STATUS-VOCABULARY.md: "VAKA SIIRTYY V. 2027, KOULUT VALMIS" is POSTPONED). A unit whose work was dropped or merged does not hold
     * the others back; only when every unit is such does that outcome count.
     */
    public static Optional<ProjectStatus> leastAdvanced(Collection<ProjectStatus> unitStatuses) {
        return unitStatuses.stream().filter(s -> !s.isClosedWithoutDelivery()).min(LEAST_ADVANCED_FIRST)
                           .or(() -> unitStatuses.stream().min(LEAST_ADVANCED_FIRST));
    }
}
