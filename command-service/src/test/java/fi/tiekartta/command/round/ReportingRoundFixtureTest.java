package fi.tiekartta.command.round;

import fi.tiekartta.command.project.InvalidCommandException;
import fi.tiekartta.command.project.RuleOfStateException;
import fi.tiekartta.command.round.RoundAnswer.RoundState;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The rules of the ReportingRound aggregate, in given / when / expect form. */
class ReportingRoundFixtureTest {

    private static final String ROUND = "3f1c1a4e-0000-4000-8000-000000000001";
    private static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);
    private static final LocalDate DUE = LocalDate.of(2025, 1, 15);

    private FixtureConfiguration<ReportingRound> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportingRound.class);
    }

    @Test
    void open_appendsTheOpening_withTitleAndDatesAsGiven() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "Tilinpäätös 2024", AS_OF, DUE))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new ReportingRoundOpenedEvent(ROUND, "Tilinpäätös 2024", AS_OF, DUE));
    }

    @Test
    void open_acceptsADueDateOnTheDayReportedOf() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "Välitilanne", AS_OF, AS_OF))
               .expectEvents(new ReportingRoundOpenedEvent(ROUND, "Välitilanne", AS_OF, AS_OF));
    }

    @Test
    void open_fails_whenAsOfIsAfterTheDueDate() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "Tilinpäätös 2024", DUE, AS_OF))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("dueDate must not be before asOf (2025-01-15)"))
               .expectNoEvents();
    }

    @Test
    void open_namesEveryMissingField_inOneRefusal() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, " ", null, null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(allOf(containsString("title is required"), containsString("asOf is required"),
                                             containsString("dueDate is required")))
               .expectNoEvents();
    }

    @Test
    void open_fails_forATitleOfMoreThanOneLine_orTooLong() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "Tilinpäätös\n2024", AS_OF, DUE))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("title must be one line"))
               .expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "x".repeat(201), AS_OF, DUE))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("title must be at most 200 characters"))
               .expectNoEvents();
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "x".repeat(200), AS_OF, DUE))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void open_fails_forDatesOutsideTheYearsTheApiSpeaksOf() {
        fixture.givenNoPriorActivity()
               .when(new OpenRoundCommand(ROUND, "Kaukana", LocalDate.of(999, 12, 31), LocalDate.of(10000, 1, 1)))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(allOf(containsString("asOf must be a date in the years 1000–9999"),
                                             containsString("dueDate must be a date in the years 1000–9999"),
                                             not(containsString("dueDate must not be before"))))
               .expectNoEvents();
    }

    @Test
    void close_appendsTheClosing_andAnswersClosed() {
        fixture.given(opened())
               .when(new CloseRoundCommand(ROUND))
               .expectEvents(new ReportingRoundClosedEvent(ROUND))
               .expectResultMessagePayload(new RoundAnswer(ROUND, RoundState.CLOSED));
    }

    @Test
    void close_fails_whenTheRoundIsAlreadyClosed() {
        fixture.given(opened(), new ReportingRoundClosedEvent(ROUND))
               .when(new CloseRoundCommand(ROUND))
               .expectException(RuleOfStateException.class)
               .expectExceptionMessage(alreadyClosed())
               .expectNoEvents();
    }

    private static ReportingRoundOpenedEvent opened() {
        return new ReportingRoundOpenedEvent(ROUND, "Tilinpäätös 2024", AS_OF, DUE);
    }

    private static Matcher<String> alreadyClosed() {
        return containsString("Reporting round " + ROUND + " is already closed");
    }
}
