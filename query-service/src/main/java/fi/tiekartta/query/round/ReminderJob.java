package fi.tiekartta.query.round;

import fi.tiekartta.query.admin.ReadModelRebuild;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends the reminders due: to each owner with projects missing in an open round, one message from
 * {@code days-before} days before the due date (the first run in that window) and one on the due date. Each is
 * claimed in {@link SentReminders} before it is sent, so that of any number of instances and runs exactly one sends
 * it; "today" is the service's {@link Clock} (Helsinki).
 *
 * <p>A claim whose sending fails (the SMTP server refuses or cannot be reached) is released for a later run. A
 * process that dies between the SMTP server's acceptance and recording {@code sent_at} leaves a claim without it:
 * that reminder is not sent again (at most once; docs/ROUNDS.md).
 */
class ReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    private final RoundTable rounds;
    private final RoundProgress progress;
    private final SentReminders sent;
    private final ReminderMail mail;
    private final JavaMailSender sender;
    private final ReminderProperties properties;
    private final ReadModelRebuild rebuild;
    private final Clock clock;
    private final MeterRegistry meters;

    ReminderJob(RoundTable rounds, RoundProgress progress, SentReminders sent, ReminderMail mail, JavaMailSender sender,
                ReminderProperties properties, ReadModelRebuild rebuild, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.rounds = rounds;
        this.progress = progress;
        this.sent = sent;
        this.mail = mail;
        this.sender = sender;
        this.properties = properties;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tiekartta.reminders.interval:PT15M}",
               initialDelayString = "${tiekartta.reminders.interval:PT15M}")
    void scheduled() {
        sendDue();
    }

    /** Sends what is due now and not sent yet. @return the reminders this call sent */
    List<SentReminders.Sent> sendDue() {
        List<SentReminders.Sent> done = new ArrayList<>();
        if (!rebuild.hasReadModel()) {
            // Before the first build there are no views to tell who has reported. (A rebuild leaves the views in use
            // whole and current: reminders go on meanwhile.)
            return done;
        }
        LocalDate today = LocalDate.now(clock);
        for (ReportingRound round : rounds.open()) {
            ReminderKind kind = dueOn(round, today);
            if (kind == null) {
                continue;
            }
            Map<String, List<RoundProject>> missingByOwner = new TreeMap<>();
            progress.projects(round).stream()
                    .filter(p -> !p.reported() && p.owner() != null && !p.owner().isBlank())
                    .forEach(p -> missingByOwner.computeIfAbsent(p.owner(), o -> new ArrayList<>()).add(p));
            missingByOwner.forEach((owner, missing) -> send(round, kind, owner, missing).ifPresent(done::add));
        }
        return done;
    }

    /** {@code tiekartta_reminders_total{result=sent|failed,kind}}: a failure that repeats is an SMTP problem to fix. */
    private void count(String result, ReminderKind kind) {
        Counter.builder("tiekartta.reminders")
               .description("Reporting-round reminders e-mailed, or refused by the SMTP server (tried again later)")
               .tag("result", result).tag("kind", kind.name())
               .register(meters).increment();
    }

    /** The reminder a round is due on {@code today}, if any. */
    ReminderKind dueOn(ReportingRound round, LocalDate today) {
        if (today.isEqual(round.dueDate())) {
            return ReminderKind.ON_DUE_DATE;
        }
        if (today.isBefore(round.dueDate()) && !today.isBefore(round.dueDate().minusDays(properties.daysBefore()))) {
            return ReminderKind.BEFORE_DUE;
        }
        return null;
    }

    private Optional<SentReminders.Sent> send(ReportingRound round, ReminderKind kind, String owner,
                                                        List<RoundProject> missing) {
        String recipient = properties.addressOf(owner);
        List<String> projectIds = missing.stream().map(RoundProject::projectId).toList();
        if (!sent.claim(round.roundId(), owner, kind, recipient, projectIds, clock.instant())) {
            return Optional.empty();
        }
        try {
            sender.send(mail.compose(round, kind, recipient, missing));
        } catch (MailException | IllegalArgumentException e) {
            sent.release(round.roundId(), owner, kind);
            count("failed", kind);
            LOG.warn("Reminder {} of round {} to {} not sent, to be tried again: {}", kind, round.roundId(), recipient,
                     e.getMessage());
            return Optional.empty();
        }
        sent.markSent(round.roundId(), owner, kind, clock.instant());
        count("sent", kind);
        LOG.info("Reminder {} of round {} sent to {} ({} projects missing)", kind, round.roundId(), recipient, missing.size());
        return Optional.of(new SentReminders.Sent(owner, kind, recipient, projectIds, clock.instant()));
    }
}
