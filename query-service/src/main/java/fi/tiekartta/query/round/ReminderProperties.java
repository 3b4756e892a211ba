package fi.tiekartta.query.round;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The reminders, {@code tiekartta.reminders.*}; read only when e-mail is on ({@code spring.mail.host} set, see
 * {@link ReminderConfiguration}). Without a sender or an address pattern the service refuses to start rather than
 * send mail nobody can answer or to addresses nobody has.
 *
 * @param daysBefore     how many days before the due date the first reminder goes (default 3); 0: only on the day
 * @param addressPattern an owner's address, {@code {owner}} standing for the owner as recorded (e.g.
 *                       {@code {owner}@heinola.fi}): the events name no per-project contact
 * @param from           the sender address of every reminder
 * @param interval       how often the job looks for reminders due (default 15 minutes)
 */
@ConfigurationProperties("tiekartta.reminders")
public record ReminderProperties(Integer daysBefore, String addressPattern, String from, Duration interval) {

    static final String OWNER = "{owner}";

    public ReminderProperties {
        daysBefore = daysBefore == null ? 3 : daysBefore;
        interval = interval == null ? Duration.ofMinutes(15) : interval;
        if (daysBefore < 0) {
            throw new IllegalArgumentException("tiekartta.reminders.days-before must not be negative: " + daysBefore);
        }
        if (addressPattern == null || !addressPattern.contains(OWNER)) {
            throw new IllegalArgumentException("tiekartta.reminders.address-pattern must contain " + OWNER
                                               + " (e.g. {owner}@heinola.fi) when spring.mail.host is set");
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("tiekartta.reminders.from (the sender address) must be set when "
                                               + "spring.mail.host is set");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("tiekartta.reminders.interval must be positive: " + interval);
        }
    }

    String addressOf(String owner) {
        return addressPattern.replace(OWNER, owner);
    }
}
