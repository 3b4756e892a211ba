package fi.tiekartta.query.report;

import org.springframework.lang.Nullable;

/**
 * A project pushed back during the report's year: from the year it was expected to be ready to the year it
 * was postponed to (see {@link YearEndFold} for which years these are).
 */
public record Postponement(String projectId, @Nullable Integer fromYear, Integer toYear) {
}
