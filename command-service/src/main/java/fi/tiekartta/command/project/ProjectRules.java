package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field rules of the project commands (docs/STATUS-RULES.md), kept apart from the aggregate's state
 * changes. Each rule adds a violation naming the field; the caller refuses the command if there are any.
 */
public final class ProjectRules {

    static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q[1-4]");
    static final int EARLIEST_YEAR = 2000;
    static final int LATEST_YEAR = 2100;
    /** A postponement or a schedule further out than this is not a plan but a wish. */
    static final int MAX_YEARS_AHEAD = 10;

    private ProjectRules() {
    }

    /** Whether {@code projectId} could name a project at all; anything else can be refused unread. */
    public static boolean isWellFormedProjectId(String projectId) {
        return projectId != null && PROJECT_ID.matcher(projectId).matches();
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
        checkTitle(command.title(), violations);
        if (command.owner() != null || !command.ownerMayFollow()) {
            checkOwner(command.owner(), violations);
        }
        checkPlannedYears(command.plannedStartYear(), command.plannedEndYear(), violations);
        violations.freeText("description", command.description(), 4000);
        checkNotInFuture(effectiveDate, today, violations);
    }

    /** The rules every status report must satisfy, new or corrected. */
    static void checkStatusReport(StatusReport report, LocalDate today, LocalDate registeredOn, Violations violations) {
        violations.require("status", report.status());
        checkEffectiveDate(report.effectiveDate(), today, registeredOn, violations);
        checkYear("targetYear", report.targetYear(), violations);
        if (report.unit() != null) {
            violations.require("unit", report.unit());
            violations.singleLine("unit", report.unit(), 60);
        }
        violations.freeText("note", report.note(), 1000);
        if (report.status() != null) {
            checkFieldsOfStatus(report, violations);
        }
    }

    static void checkOwnerAssignment(AssignOwnerCommand command, LocalDate effectiveDate, LocalDate today,
                                     LocalDate registeredOn, Violations violations) {
        checkOwner(command.owner(), violations);
        requireReason(command.reason(), violations);
        checkEffectiveDate(effectiveDate, today, registeredOn, violations);
    }

    static void checkDetailsRevision(ReviseDetailsCommand command, ProjectDetails revised, LocalDate effectiveDate,
                                     LocalDate today, LocalDate registeredOn, Violations violations) {
        if (!command.revisesAnything()) {
            violations.add("body", "must revise at least one of title, description, plannedStartYear, plannedEndYear");
        }
        if (command.title() != null) {
            violations.require("title", command.title());
        }
        checkTitle(command.title(), violations);
        violations.freeText("description", command.description(), 4000);
        checkPlannedYears(revised.plannedStartYear(), revised.plannedEndYear(), violations);
        requireReason(command.reason(), violations);
        checkEffectiveDate(effectiveDate, today, registeredOn, violations);
    }

    /**
     * The reason of a status change, and the rule of closed work: closed work (DONE, MERGED, NOT_NEEDED) is
     * reopened, or its outcome changed, only with a reason, because the roadmap told people it was settled.
     *
     * @param previous the status in effect on the change's day before it, of the project or of the change's unit
     * @param closedSince when {@code previous} became true, if known (for the message)
     */
    static void checkReason(StatusReport report, String reason, ProjectStatus previous, Optional<LocalDate> closedSince,
                            Violations violations) {
        violations.freeText("reason", reason, 1000);
        if (previous.isClosed() && report.status() != null && report.status() != previous
            && (reason == null || reason.isBlank())) {
            violations.add("reason", "is required to change a closed status: "
                                     + (report.unit() == null ? "the project" : "unit " + report.unit())
                                     + " is " + previous + closedSince.map(d -> " since " + d).orElse(""));
        }
    }

    /** A retracted change is gone from the views: it can be neither corrected nor retracted again. */
    static void requireNotRetracted(String changeId, boolean retracted) {
        if (retracted) {
            throw new RuleOfStateException("Status change " + changeId + " was retracted; it cannot be corrected again.");
        }
    }

    /**
     * The "not after today" rule of every effective date: the roadmap records what is true, and to record work still
     * to come there are PLANNED with a quarter and POSTPONED with a target year.
     */
    public static Optional<String> notAfterToday(LocalDate effectiveDate, LocalDate today) {
        return effectiveDate.isAfter(today)
                ? Optional.of("must not be after today (" + today + ", Europe/Helsinki)")
                : Optional.empty();
    }

    static void requireReason(String reason, Violations violations) {
        violations.require("reason", reason);
        violations.freeText("reason", reason, 1000);
    }

    /** Fields that belong to one status only: a percentage of work done, a target year, a scheduled quarter. */
    private static void checkFieldsOfStatus(StatusReport report, Violations violations) {
        ProjectStatus status = report.status();
        int effectiveYear = report.effectiveDate().getYear();
        if (report.progressPercent() != null) {
            if (status != ProjectStatus.IN_PROGRESS) {
                violations.add("progressPercent", "applies only to IN_PROGRESS, not to " + status);
            } else if (report.progressPercent() < 0 || report.progressPercent() > 100) {
                violations.add("progressPercent", "must be between 0 and 100");
            }
        }
        if (status == ProjectStatus.POSTPONED) {
            Integer target = report.targetYear();
            if (target == null) {
                violations.add("targetYear", "is required when the status is POSTPONED");
            } else if (target < effectiveYear) {
                violations.add("targetYear", "must not be before the year of effectiveDate (" + effectiveYear + ")");
            } else if (target > effectiveYear + MAX_YEARS_AHEAD) {
                violations.add("targetYear", "must be at most " + MAX_YEARS_AHEAD + " years after the year of effectiveDate ("
                                             + (effectiveYear + MAX_YEARS_AHEAD) + ")");
            }
        } else if (report.targetYear() != null) {
            violations.add("targetYear", "applies only to POSTPONED, not to " + status);
        }
        if (report.scheduledFor() != null) {
            Matcher quarter = QUARTER.matcher(report.scheduledFor());
            if (status != ProjectStatus.PLANNED) {
                violations.add("scheduledFor", "applies only to PLANNED, not to " + status);
            } else if (!quarter.matches()) {
                violations.add("scheduledFor", "must be a quarter such as 2024-Q1");
            } else if (Integer.parseInt(quarter.group(1)) > effectiveYear + MAX_YEARS_AHEAD) {
                violations.add("scheduledFor", "must be at most " + MAX_YEARS_AHEAD + " years after the year of effectiveDate");
            }
        }
        if (status == ProjectStatus.MERGED && (report.note() == null || report.note().isBlank())) {
            violations.add("note", "must name what the work is carried out as part of, when the status is MERGED");
        }
    }

    private static void checkEffectiveDate(LocalDate effectiveDate, LocalDate today, LocalDate registeredOn,
                                           Violations violations) {
        if (effectiveDate == null) {
            return;
        }
        checkNotInFuture(effectiveDate, today, violations);
        if (effectiveDate.isBefore(registeredOn)) {
            violations.add("effectiveDate", "must not be before the project was put on the roadmap (" + registeredOn + ")");
        }
    }

    private static void checkTitle(String title, Violations violations) {
        violations.singleLine("title", title, 300);
    }

    /**
     * The owner is the subject of the owner's token: required, one line, whether given at registration or assigned
     * later. Only a registration that says so ({@link RegisterProjectCommand#ownerMayFollow()}: an imported roadmap
     * document that names no owners) may come without one.
     */
    private static void checkOwner(String owner, Violations violations) {
        violations.require("owner", owner);
        violations.singleLine("owner", owner, 100);
    }

    private static void checkPlannedYears(Integer start, Integer end, Violations violations) {
        checkYear("plannedStartYear", start, violations);
        checkYear("plannedEndYear", end, violations);
        if (start != null && end != null && start > end) {
            violations.add("plannedEndYear", "must not be before plannedStartYear");
        }
    }

    private static void checkNotInFuture(LocalDate effectiveDate, LocalDate today, Violations violations) {
        notAfterToday(effectiveDate, today).ifPresent(message -> violations.add("effectiveDate", message));
    }

    private static void checkYear(String field, Integer year, Violations violations) {
        if (year != null && (year < EARLIEST_YEAR || year > LATEST_YEAR)) {
            violations.add(field, "must be a year between " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
    }
}
