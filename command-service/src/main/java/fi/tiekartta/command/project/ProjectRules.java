package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** The field rules of the project commands, kept apart from the aggregate's state changes. */
final class ProjectRules {

    static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q[1-4]");
    static final int EARLIEST_YEAR = 2000;
    static final int LATEST_YEAR = 2100;

    private ProjectRules() {
    }

    static void checkRegistration(RegisterProjectCommand command, LocalDate effectiveDate, LocalDate today,
                                  Sectors sectors, Violations violations) {
        violations.require("projectId", command.projectId());
        if (command.projectId() != null && !PROJECT_ID.matcher(command.projectId()).matches()) {
            violations.add("projectId", "must be 1–40 letters, digits, '-' or '_', starting with a letter or digit");
        }
        violations.require("sector", command.sector());
        if (command.sector() != null && !sectors.contains(command.sector())) {
            violations.add("sector", "must be one of " + sectors.all().stream().map(s -> s.code()).toList());
        }
        violations.require("title", command.title());
        violations.singleLine("title", command.title(), 300);
        violations.singleLine("owner", command.owner(), 100);
        checkYear("plannedStartYear", command.plannedStartYear(), violations);
        checkYear("plannedEndYear", command.plannedEndYear(), violations);
        if (command.plannedStartYear() != null && command.plannedEndYear() != null
            && command.plannedStartYear() > command.plannedEndYear()) {
            violations.add("plannedEndYear", "must not be before plannedStartYear");
        }
        violations.freeText("description", command.description(), 4000);
        checkNotInFuture(effectiveDate, today, violations);
    }

    static void checkStatusChange(ChangeProjectStatusCommand command, LocalDate effectiveDate, LocalDate today,
                                  LocalDate registeredOn, Violations violations) {
        violations.require("status", command.status());
        violations.require("changeId", command.changeId());
        checkNotInFuture(effectiveDate, today, violations);
        if (effectiveDate.isBefore(registeredOn)) {
            violations.add("effectiveDate", "must not be before the project was put on the roadmap (" + registeredOn + ")");
        }
        Integer progress = command.progressPercent();
        if (progress != null && (progress < 0 || progress > 100)) {
            violations.add("progressPercent", "must be between 0 and 100");
        }
        checkYear("targetYear", command.targetYear(), violations);
        if (command.status() == ProjectStatus.POSTPONED) {
            if (command.targetYear() == null) {
                violations.add("targetYear", "is required when the status is POSTPONED");
            } else if (command.targetYear() < effectiveDate.getYear()) {
                violations.add("targetYear", "must not be before the year of effectiveDate (" + effectiveDate.getYear() + ")");
            }
        }
        if (command.scheduledFor() != null && !QUARTER.matcher(command.scheduledFor()).matches()) {
            violations.add("scheduledFor", "must be a quarter such as 2024-Q1");
        }
        if (command.unit() != null) {
            violations.require("unit", command.unit());
            violations.singleLine("unit", command.unit(), 60);
        }
        violations.freeText("note", command.note(), 1000);
        violations.freeText("reason", command.reason(), 1000);
    }

    private static void checkNotInFuture(LocalDate effectiveDate, LocalDate today, Violations violations) {
        if (effectiveDate.isAfter(today)) {
            violations.add("effectiveDate", "must not be after today (" + today + ", Europe/Helsinki)");
        }
    }

    private static void checkYear(String field, Integer year, Violations violations) {
        if (year != null && (year < EARLIEST_YEAR || year > LATEST_YEAR)) {
            violations.add(field, "must be a year between " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
    }
}
