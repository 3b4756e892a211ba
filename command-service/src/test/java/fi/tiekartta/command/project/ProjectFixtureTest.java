package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.PLANNED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** The rules of the Project aggregate, one test per rule, in given / when / expect form. */
class ProjectFixtureTest {

    /** 22:30 UTC on 1 January is already 2 January in Helsinki: "today" must follow Helsinki. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T22:30:00Z"), java.time.ZoneOffset.UTC);
    private static final LocalDate TODAY_IN_HELSINKI = LocalDate.of(2024, 1, 2);
    private static final LocalDate REGISTERED_ON = LocalDate.of(2023, 12, 31);

    private static final Map<String, ?> COORDINATOR =
            Map.of(AuditMetadata.ACTOR, "koordinaattori", CommandSender.ROLES, List.of("COORDINATOR"));

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(Sectors.HEINOLA);
        fixture.registerInjectableResource(CLOCK.withZone(fi.tiekartta.support.time.RoadmapTime.ZONE));
    }

    @Test
    void register_appendsRegistration_asOfTodayInHelsinki_whenNoDateIsGiven() {
        fixture.givenNoPriorActivity()
               .when(register("TE-10", "TEKNIIKKA", null))
               .expectSuccessfulHandlerExecution()
               .expectEvents(registered("TE-10", TODAY_IN_HELSINKI));
    }

    @Test
    void register_keepsTheGivenEffectiveDate_forAnImportedRoadmap() {
        fixture.givenNoPriorActivity()
               .when(register("TE-10", "TEKNIIKKA", REGISTERED_ON))
               .expectEvents(registered("TE-10", REGISTERED_ON));
    }

    @Test
    void register_fails_forUnknownSector() {
        fixture.givenNoPriorActivity()
               .when(register("XX-01", "PUOLUSTUS", null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("sector must be one of"))
               .expectNoEvents();
    }

    @Test
    void register_fails_forEffectiveDateAfterTodayInHelsinki() {
        fixture.givenNoPriorActivity()
               .when(register("TE-10", "TEKNIIKKA", TODAY_IN_HELSINKI.plusDays(1)))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("effectiveDate must not be after today (2024-01-02"));
    }

    @Test
    void register_fails_whenPlannedEndIsBeforePlannedStart() {
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand("TE-10", "c-1", "TEKNIIKKA", "Vesimittarit", "matti.m", 2025, 2022,
                                                null, null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("plannedEndYear must not be before plannedStartYear"));
    }

    @Test
    void register_fails_forProjectIdThatCannotBeAPathSegment() {
        fixture.givenNoPriorActivity()
               .when(register("TE/10", "TEKNIIKKA", null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("projectId must be 1–40 letters"));
    }

    @Test
    void register_fails_withoutTitle_andNamesEveryBadFieldAtOnce() {
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand("TE-10", "c-1", "NOPE", " ", "x", 1999, null, null, null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(allOf(containsString("sector"), containsString("title is required"),
                                             containsString("plannedStartYear must be a year between")));
    }

    @Test
    void changeStatus_recordsPreviousStatus_andAnswersTheNewVersion() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", IN_PROGRESS, REGISTERED_ON).withProgress(60).build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("TE-10", "change-1", IN_PROGRESS, NOT_STARTED, REGISTERED_ON,
                                                           60, null, null, null, null))
               .expectResultMessagePayload(new ChangeAccepted("TE-10", "change-1", 1));
    }

    @Test
    void changeStatus_defaultsTheEffectiveDateToTodayInHelsinki() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, null).build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("TE-10", "change-1", DONE, NOT_STARTED, TODAY_IN_HELSINKI,
                                                           null, null, null, null, null));
    }

    @Test
    void changeStatus_putsTheReasonIntoTheEventMetadata() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", IN_PROGRESS, REGISTERED_ON).withReason("hankinta tehty").build(), COORDINATOR)
               .expectEventsMatching(exactlyOneEventWithMetadata(AuditMetadata.REASON, "hankinta tehty"));
    }

    @Test
    void changeStatus_repeatingTheCurrentStatus_isRecordedAsAConfirmation() {
        fixture.given(registered("TE-10", REGISTERED_ON), changed("TE-10", IN_PROGRESS, NOT_STARTED, REGISTERED_ON, null))
               .when(change("TE-10", IN_PROGRESS, TODAY_IN_HELSINKI).build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("TE-10", "change-1", IN_PROGRESS, IN_PROGRESS,
                                                           TODAY_IN_HELSINKI, null, null, null, null, null));
    }

    @Test
    void changeStatus_backdated_carriesTheStatusInEffectOnThatDate() {
        LocalDate march = LocalDate.of(2023, 3, 1);
        fixture.given(registered("TE-10", LocalDate.of(2023, 1, 1)),
                      changed("TE-10", PLANNED, NOT_STARTED, LocalDate.of(2023, 2, 1), null),
                      changed("TE-10", DONE, PLANNED, LocalDate.of(2023, 6, 1), null))
               .when(change("TE-10", IN_PROGRESS, march).build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("TE-10", "change-1", IN_PROGRESS, PLANNED, march,
                                                           null, null, null, null, null));
    }

    @Test
    void changeStatus_ofAUnit_carriesThatUnitsPreviousStatus() {
        fixture.given(registered("HV-07", REGISTERED_ON), changed("HV-07", DONE, NOT_STARTED, REGISTERED_ON, "KOULUT"))
               .when(change("HV-07", IN_PROGRESS, TODAY_IN_HELSINKI).forUnit("VAKA").build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("HV-07", "change-1", IN_PROGRESS, NOT_STARTED,
                                                           TODAY_IN_HELSINKI, null, null, null, "VAKA", null));
    }

    @Test
    void changeStatus_ofTheProject_whenOnlyUnitsReported_startsFromTheLeastAdvancedUnit() {
        fixture.given(registered("HV-07", REGISTERED_ON),
                      new ProjectStatusChangedEvent("HV-07", "c-vaka", POSTPONED, NOT_STARTED, REGISTERED_ON, null, 2027,
                                                    null, "VAKA", null),
                      changed("HV-07", DONE, NOT_STARTED, REGISTERED_ON, "KOULUT"))
               .when(change("HV-07", IN_PROGRESS, TODAY_IN_HELSINKI).build(), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent("HV-07", "change-1", IN_PROGRESS, POSTPONED,
                                                           TODAY_IN_HELSINKI, null, null, null, null, null));
    }

    @Test
    void changeStatus_fails_forProgressOutside0To100() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", IN_PROGRESS, REGISTERED_ON).withProgress(101).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("progressPercent must be between 0 and 100"))
               .expectNoEvents();
    }

    @Test
    void changeStatus_fails_forPostponedWithoutTargetYear() {
        fixture.given(registered("EV-04", REGISTERED_ON))
               .when(change("EV-04", POSTPONED, REGISTERED_ON).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("targetYear is required when the status is POSTPONED"));
    }

    @Test
    void changeStatus_fails_forPostponedToAYearBeforeTheEffectiveYear() {
        fixture.given(registered("EV-04", REGISTERED_ON))
               .when(change("EV-04", POSTPONED, TODAY_IN_HELSINKI).withTargetYear(2023).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("targetYear must not be before the year of effectiveDate (2024)"));
    }

    @Test
    void changeStatus_postponedToTheEffectiveYear_isAccepted() {
        fixture.given(registered("EV-04", REGISTERED_ON))
               .when(change("EV-04", POSTPONED, TODAY_IN_HELSINKI).withTargetYear(2024).build(), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void changeStatus_fails_forEffectiveDateAfterTodayInHelsinki() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, TODAY_IN_HELSINKI.plusDays(1)).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("effectiveDate must not be after today"));
    }

    @Test
    void changeStatus_fails_forEffectiveDateBeforeTheProjectWasRegistered() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON.minusDays(1)).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("must not be before the project was put on the roadmap (2023-12-31)"));
    }

    @Test
    void changeStatus_fails_forScheduledForThatIsNotAQuarter() {
        fixture.given(registered("TE-08", REGISTERED_ON))
               .when(change("TE-08", PLANNED, REGISTERED_ON).scheduledFor("Q1/24").build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("scheduledFor must be a quarter such as 2024-Q1"));
    }

    @Test
    void changeStatus_fails_withoutStatus() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", null, REGISTERED_ON).build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("status is required"));
    }

    @Test
    void changeStatus_fails_forControlCharactersInTheUnitName() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).forUnit("KOU\u0000LUT").build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("unit must be one line without control characters"));
    }

    @Test
    void changeStatus_fails_forHalfACharacterInTheReason_butTakesAWholeOne() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).withReason("valmis \uD83D").build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("reason must be text: it holds half of a character"));
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).forUnit("\uDE00KOULUT").build(), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("unit must be text: it holds half of a character"));
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).withReason("valmis \uD83D\uDE00").build(), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void changeStatus_byTheProjectsOwner_isAccepted() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).build(),
                     Map.of(AuditMetadata.ACTOR, "matti.m", CommandSender.ROLES, List.of("OWNER")))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void changeStatus_byAnOwnerOfAnotherProject_isRefused() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).build(),
                     Map.of(AuditMetadata.ACTOR, "liisa.l", CommandSender.ROLES, List.of("OWNER")))
               .expectException(NotTheOwnerException.class)
               .expectNoEvents();
    }

    @Test
    void changeStatus_withoutTheSendersRoles_isRefused() {
        fixture.given(registered("TE-10", REGISTERED_ON))
               .when(change("TE-10", DONE, REGISTERED_ON).build())
               .expectException(NotTheOwnerException.class);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static RegisterProjectCommand register(String id, String sector, LocalDate effectiveDate) {
        return new RegisterProjectCommand(id, "c-reg", sector, "Vesimittareiden vaihto etäluettaviksi", "matti.m",
                                          2022, 2025, null, effectiveDate);
    }

    private static ProjectRegisteredEvent registered(String id, LocalDate effectiveDate) {
        return new ProjectRegisteredEvent(id, "c-reg", "TEKNIIKKA", "Vesimittareiden vaihto etäluettaviksi", "matti.m",
                                          2022, 2025, null, effectiveDate);
    }

    private static ProjectStatusChangedEvent changed(String id, ProjectStatus status, ProjectStatus previous,
                                                     LocalDate effectiveDate, String unit) {
        return new ProjectStatusChangedEvent(id, "c-" + status + unit, status, previous, effectiveDate, null, null,
                                             null, unit, null);
    }

    private static StatusChange change(String id, ProjectStatus status, LocalDate effectiveDate) {
        return new StatusChange(id, status, effectiveDate, null, null, null, null, null);
    }

    private record StatusChange(String id, ProjectStatus status, LocalDate effectiveDate, Integer progress,
                                Integer targetYear, String scheduledFor, String unit, String reason) {
        StatusChange withProgress(int percent) {
            return new StatusChange(id, status, effectiveDate, percent, targetYear, scheduledFor, unit, reason);
        }

        StatusChange withTargetYear(int year) {
            return new StatusChange(id, status, effectiveDate, progress, year, scheduledFor, unit, reason);
        }

        StatusChange scheduledFor(String quarter) {
            return new StatusChange(id, status, effectiveDate, progress, targetYear, quarter, unit, reason);
        }

        StatusChange forUnit(String name) {
            return new StatusChange(id, status, effectiveDate, progress, targetYear, scheduledFor, name, reason);
        }

        StatusChange withReason(String why) {
            return new StatusChange(id, status, effectiveDate, progress, targetYear, scheduledFor, unit, why);
        }

        ChangeProjectStatusCommand build() {
            return new ChangeProjectStatusCommand(id, null, "change-1", status, effectiveDate, progress, targetYear,
                                                  scheduledFor, unit, null, reason);
        }
    }

    private static Matcher<List<EventMessage<?>>> exactlyOneEventWithMetadata(String key, String value) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof List<?> events && events.size() == 1
                       && events.get(0) instanceof EventMessage<?> event && value.equals(event.getMetaData().get(key));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("one event with metadata " + key + "=" + value);
            }
        };
    }
}
