package fi.tiekartta.query.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import fi.tiekartta.query.admin.ReadModelRebuild;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.testsupport.Race;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders arrive at a real SMTP server (GreenMail, in this JVM): to the owners with projects missing, with the
 * round and the projects in the text, each once however often the job runs and however many instances race.
 *
 * <p>The reminders are wired as the service wires them ({@link ReminderConfiguration} with Spring Boot's mail
 * auto-configuration and {@code spring.mail.*}), each "instance" in a small context of its own around the read
 * models of the test's service: a second full service context would take part in sharing the projection's segments
 * with the other test classes' for the rest of the run.
 */
class ReminderMailTest extends RoundTestBase {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private final SettableClock clock = new SettableClock(RoadmapTime.ZONE);
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Autowired
    private RoundTable rounds;
    @Autowired
    private RoundProgress progress;
    @Autowired
    private SentReminders sent;
    @Autowired
    private ReadModelRebuild rebuild;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    /**
     * A service's reminder wiring with these properties, around this test's read models and clock. The shared context's
     * beans go in as singletons registered from outside, which a context never destroys: as beans of its own, the
     * small context's close ran their {@code @PreDestroy}, and the shared service's rebuild refused every later start
     * (its runner shut down: 500 to {@code POST /api/admin/replay} in RebuildTest whenever this test ran first).
     */
    private ApplicationContextRunner instance(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(ReminderConfiguration.class)
                .withInitializer(context -> {
                    context.getBeanFactory().registerSingleton("roundTable", rounds);
                    context.getBeanFactory().registerSingleton("roundProgress", progress);
                    context.getBeanFactory().registerSingleton("sentReminders", sent);
                    context.getBeanFactory().registerSingleton("readModelRebuild", rebuild);
                })
                .withBean(Clock.class, () -> clock)
                .withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues(properties);
    }

    private ApplicationContextRunner mailOn() {
        return instance("spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP.getSmtp().getPort(),
                        "tiekartta.reminders.address-pattern={owner}@heinola.example",
                        "tiekartta.reminders.from=tiekartta@heinola.example", "tiekartta.reminders.days-before=3",
                        // the test runs the job itself
                        "tiekartta.reminders.interval=PT24H");
    }

    @Test
    void withoutAnSmtpHost_thereIsNoReminderJob_andWithOneAnAddressPatternAndSenderAreRequired() {
        instance().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReminderJob.class));
        instance("spring.mail.host=127.0.0.1", "tiekartta.reminders.from=tiekartta@heinola.example")
                .run(context -> assertThat(context).hasFailed());
        instance("spring.mail.host=127.0.0.1", "tiekartta.reminders.address-pattern=kaikki@heinola.example",
                 "tiekartta.reminders.from=tiekartta@heinola.example")
                .run(context -> assertThat(context).as("a pattern without {owner}").hasFailed());
        mailOn().run(context -> assertThat(context).hasSingleBean(ReminderJob.class));
    }

    @Test
    void ownersWithMissingProjectsGetOneReminderBeforeTheDueDate_andOneOnIt_eachOnce() throws Exception {
        LocalDate start = LocalDate.of(1979, 1, 1);
        LocalDate asOf = LocalDate.of(1979, 12, 31);
        // A due date ahead of the real clock: the service's clock is moved forward only, never behind what was recorded.
        LocalDate due = LocalDate.now(RoadmapTime.ZONE).plusDays(30);
        String twoMissing = newOwner();
        String oneMissing = newOwner();
        String allReported = newOwner();
        String a1 = register("TEKNIIKKA", twoMissing, start);
        String a2 = register("HYVINVOINTI", twoMissing, start);
        String b1 = register("TEKNIIKKA", oneMissing, start);
        String b2 = register("TEKNIIKKA", oneMissing, start);
        String c1 = register("TEKNIIKKA", allReported, start);
        knownNow(a1, a2, b1, b2, c1);
        String roundId = openRound("Tilinpäätös 1979", asOf, due);
        report(b2, IN_PROGRESS, asOf);
        report(c1, IN_PROGRESS, asOf);
        knownNow(b2, c1);

        mailOn().run(first -> mailOn().run(second -> remind(roundId, first.getBean(ReminderJob.class),
                                                            second.getBean(ReminderJob.class), due,
                                                            List.of(twoMissing, oneMissing, allReported),
                                                            List.of(a1, a2, b1, b2))));
    }

    @Test
    void theJobRunsOnItsOwnAtTheConfiguredInterval() {
        LocalDate due = LocalDate.now(RoadmapTime.ZONE).plusDays(90);
        String owner = newOwner();
        String project = register("TEKNIIKKA", owner, LocalDate.of(1983, 1, 1));
        knownNow(project);
        openRound("Tilinpäätös 1983", LocalDate.of(1983, 12, 31), due);
        clock.set(due.atTime(LocalTime.of(7, 0)).atZone(RoadmapTime.ZONE).toInstant());

        mailOn().withUserConfiguration(Scheduling.class)
                .withPropertyValues("tiekartta.reminders.interval=PT0.2S")
                .run(context -> await().atMost(Duration.ofSeconds(10))
                                       .until(() -> to(List.of(owner + "@heinola.example")).size() == 1));
        assertNoneTwice();
    }

    /** Scheduling as the application enables it (not a {@code @Configuration}: that would become the test's own). */
    @EnableScheduling
    static class Scheduling {

        /**
         * Closing the context waits for a run under way: the round covers other tests' projects too, and their
         * owners' reminders must not arrive after this test is over.
         */
        @Bean
        ThreadPoolTaskScheduler taskScheduler() {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setWaitForTasksToCompleteOnShutdown(true);
            scheduler.setAwaitTerminationSeconds(60);
            return scheduler;
        }
    }

    @Test
    void aReminderTheSmtpServerDidNotTake_isNotRecordedAsSent_andALaterRunSendsIt() throws Exception {
        LocalDate due = LocalDate.now(RoadmapTime.ZONE).plusDays(60);
        String owner = newOwner();
        String project = register("TEKNIIKKA", owner, LocalDate.of(1981, 1, 1));
        knownNow(project);
        String roundId = openRound("Puolivuotis 1981", LocalDate.of(1981, 6, 30), due);
        int unused;
        try (ServerSocket free = new ServerSocket(0)) {
            unused = free.getLocalPort();
        }
        String address = owner + "@heinola.example";

        instance("spring.mail.host=127.0.0.1", "spring.mail.port=" + unused,
                 "tiekartta.reminders.address-pattern={owner}@heinola.example",
                 "tiekartta.reminders.from=tiekartta@heinola.example")
                .run(unreachable -> runOn(unreachable.getBean(ReminderJob.class), due));
        assertThat(to(List.of(address))).isEmpty();
        assertThat(sent.of(roundId)).as("no claim left behind").noneMatch(r -> r.owner().equals(owner));
        assertThat(meters.counter("tiekartta.reminders", "result", "failed", "kind", "ON_DUE_DATE").count()).isPositive();

        mailOn().run(context -> runOn(context.getBean(ReminderJob.class), due));
        assertThat(to(List.of(address))).hasSize(1);
        assertThat(body(to(List.of(address)).get(0))).contains(project).contains("30.6.1981");
        assertThat(sent.of(roundId)).filteredOn(r -> r.owner().equals(owner))
                                    .singleElement().satisfies(r -> {
                                        assertThat(r.kind()).isEqualTo(ReminderKind.ON_DUE_DATE);
                                        assertThat(r.recipient()).isEqualTo(address);
                                        assertThat(r.projectIds()).containsExactly(project);
                                        assertThat(r.sentAt()).isNotNull();
                                    });
    }

    /**
     * Two instances' jobs, run on days around the due date.
     *
     * @param owners   with two projects missing, with one missing, with all reported
     * @param projects the first owner's two, the second owner's missing one and reported one
     */
    private void remind(String roundId, ReminderJob job, ReminderJob second, LocalDate due,
                        List<String> owners, List<String> projects) throws Exception {
        String twoMissing = owners.get(0);
        String oneMissing = owners.get(1);
        String allReported = owners.get(2);
        String a1 = projects.get(0);
        String a2 = projects.get(1);
        String b1 = projects.get(2);
        String b2 = projects.get(3);
        runOn(job, due.minusDays(4));
        assertThat(SMTP.getReceivedMessages()).as("not yet: more than three days to go").isEmpty();

        // The round covers every open project on the roadmap on asOf, also other tests' (of earlier years), so
        // their owners get reminders too: the assertions look at this test's owners, and at duplicates among all.
        List<String> mine = List.of(twoMissing + "@heinola.example", oneMissing + "@heinola.example",
                                    allReported + "@heinola.example");
        runOn(job, due.minusDays(3));
        runOn(second, due.minusDays(3));
        runOn(job, due.minusDays(1));
        List<MimeMessage> before = to(mine);
        assertThat(before).hasSize(2);
        MimeMessage toA = to(before, twoMissing + "@heinola.example");
        assertThat(toA.getFrom()[0].toString()).isEqualTo("tiekartta@heinola.example");
        assertThat(toA.getSubject()).startsWith("Muistutus").contains("Tilinpäätös 1979").contains(finnish(due));
        assertThat(body(toA)).contains(a1).contains(a2).contains("Tilinpäätös 1979").contains("31.12.1979")
                             .contains(finnish(due)).doesNotContain(b1);
        assertThat(body(to(before, oneMissing + "@heinola.example"))).contains(b1).doesNotContain(b2);
        assertNoneTwice();

        clock.set(due.atTime(LocalTime.of(8, 0)).atZone(RoadmapTime.ZONE).toInstant());
        List<List<SentReminders.Sent>> raced = Race.of(2, i -> (i == 0 ? job : second).sendDue());
        List<String> sentByEither = new ArrayList<>();
        raced.forEach(list -> list.forEach(r -> sentByEither.add(r.owner() + " " + r.kind())));
        assertThat(sentByEither).as("two instances racing send each reminder once").doesNotHaveDuplicates()
                                .contains(twoMissing + " ON_DUE_DATE", oneMissing + " ON_DUE_DATE");
        runOn(job, due);
        List<MimeMessage> all = to(mine);
        assertThat(all).hasSize(4);
        List<String> onDue = all.stream().filter(m -> subject(m).startsWith("Tänään viimeinen päivä"))
                                .map(ReminderMailTest::recipient).toList();
        assertThat(onDue).containsExactlyInAnyOrder(twoMissing + "@heinola.example", oneMissing + "@heinola.example");
        assertNoneTwice();

        JsonNode reminders = round(roundId).get("reminders");
        List<String> recorded = new ArrayList<>();
        reminders.forEach(r -> {
            assertThat(r.get("sentAt").isNull()).isFalse();
            if (mine.contains(r.get("recipient").asText())) {
                recorded.add(r.get("owner").asText() + " " + r.get("kind").asText());
            }
        });
        assertThat(recorded).containsExactlyInAnyOrder(twoMissing + " BEFORE_DUE", oneMissing + " BEFORE_DUE",
                                                       twoMissing + " ON_DUE_DATE", oneMissing + " ON_DUE_DATE");

        int received = SMTP.getReceivedMessages().length;
        runOn(second, due.plusDays(1));
        assertThat(SMTP.getReceivedMessages()).as("nothing after the due date").hasSize(received);
    }

    @AfterEach
    void systemTimeAgain() {
        clock.set(null);
    }

    /** Every message received is to a different recipient or of a different kind. */
    private static void assertNoneTwice() {
        assertThat(Stream.of(SMTP.getReceivedMessages()).map(m -> recipient(m) + " " + subject(m)).toList())
                .doesNotHaveDuplicates();
    }

    private static List<MimeMessage> to(List<String> recipients) {
        return Stream.of(SMTP.getReceivedMessages()).filter(m -> recipients.contains(recipient(m))).toList();
    }

    private void runOn(ReminderJob job, LocalDate day) {
        clock.set(day.atTime(LocalTime.of(9, 0)).atZone(RoadmapTime.ZONE).toInstant());
        job.sendDue();
    }

    private static String finnish(LocalDate day) {
        return day.getDayOfMonth() + "." + day.getMonthValue() + "." + day.getYear();
    }

    private static MimeMessage to(List<MimeMessage> messages, String address) {
        return messages.stream().filter(m -> recipient(m).equals(address)).findFirst()
                     .orElseThrow(() -> new AssertionError("no message to " + address));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
