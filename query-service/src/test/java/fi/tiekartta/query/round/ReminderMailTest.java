package fi.tiekartta.query.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import fi.tiekartta.query.admin.ReadModelRebuild;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.testsupport.Race;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders arrive at a real SMTP server (GreenMail, in this JVM): to the owners with projects missing, with the
 * round and the projects in the text, each once however often the job runs and however many instances race.
 */
class ReminderMailTest extends RoundTestBase {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("tiekartta.reminders.address-pattern", () -> "{owner}@heinola.example");
        registry.add("tiekartta.reminders.from", () -> "tiekartta@heinola.example");
        registry.add("tiekartta.reminders.days-before", () -> 3);
        // The tests run the job themselves.
        registry.add("tiekartta.reminders.interval", () -> "PT24H");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(RoadmapTime.ZONE);
        }
    }

    @Autowired
    private SettableClock clock;
    @Autowired
    private ReminderJob job;
    @Autowired
    private RoundTable rounds;
    @Autowired
    private RoundProgress progress;
    @Autowired
    private SentReminders sent;
    @Autowired
    private ReminderMail mail;
    @Autowired
    private JavaMailSender sender;
    @Autowired
    private ReminderProperties properties;
    @Autowired
    private ReadModelRebuild rebuild;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
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

        runOn(due.minusDays(4));
        assertThat(SMTP.getReceivedMessages()).as("not yet: more than three days to go").isEmpty();

        runOn(due.minusDays(3));
        runOn(due.minusDays(3));
        runOn(due.minusDays(1));
        MimeMessage[] before = SMTP.getReceivedMessages();
        assertThat(before).hasSize(2);
        MimeMessage toA = to(before, twoMissing + "@heinola.example");
        assertThat(toA.getFrom()[0].toString()).isEqualTo("tiekartta@heinola.example");
        assertThat(toA.getSubject()).contains("Tilinpäätös 1979").contains(finnish(due));
        assertThat(body(toA)).contains(a1).contains(a2).contains("Tilinpäätös 1979").contains("31.12.1979")
                             .contains(finnish(due)).doesNotContain(b1);
        assertThat(body(to(before, oneMissing + "@heinola.example"))).contains(b1).doesNotContain(b2);

        clock.set(due.atTime(LocalTime.of(8, 0)).atZone(RoadmapTime.ZONE).toInstant());
        ReminderJob second = new ReminderJob(rounds, progress, sent, mail, sender, properties, rebuild, clock);
        List<List<SentReminders.Sent>> raced = Race.of(2, i -> (i == 0 ? job : second).sendDue());
        assertThat(raced.stream().mapToInt(List::size).sum()).as("two instances racing send each reminder once").isEqualTo(2);
        runOn(due);
        MimeMessage[] all = SMTP.getReceivedMessages();
        assertThat(all).hasSize(4);
        List<String> onDue = Stream.of(all).filter(m -> subject(m).startsWith("Tänään viimeinen päivä"))
                                   .map(ReminderMailTest::recipient).toList();
        assertThat(onDue).containsExactlyInAnyOrder(twoMissing + "@heinola.example", oneMissing + "@heinola.example");

        JsonNode reminders = round(roundId).get("reminders");
        List<String> recorded = new ArrayList<>();
        reminders.forEach(r -> {
            assertThat(r.get("sentAt").isNull()).isFalse();
            recorded.add(r.get("owner").asText() + " " + r.get("kind").asText());
        });
        assertThat(recorded).containsExactlyInAnyOrder(twoMissing + " BEFORE_DUE", oneMissing + " BEFORE_DUE",
                                                       twoMissing + " ON_DUE_DATE", oneMissing + " ON_DUE_DATE");

        runOn(due.plusDays(1));
        assertThat(SMTP.getReceivedMessages()).as("nothing after the due date").hasSize(4);
    }

    private void runOn(LocalDate day) {
        clock.set(day.atTime(LocalTime.of(9, 0)).atZone(RoadmapTime.ZONE).toInstant());
        job.sendDue();
    }

    private static String finnish(LocalDate day) {
        return day.getDayOfMonth() + "." + day.getMonthValue() + "." + day.getYear();
    }

    private static MimeMessage to(MimeMessage[] messages, String address) {
        return Stream.of(messages).filter(m -> recipient(m).equals(address)).findFirst()
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
