package fi.tiekartta.query.round;

import org.springframework.mail.SimpleMailMessage;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The text of a reminder, in Finnish: which round, which day it asks about, by when, and the projects missing. */
class ReminderMail {

    private static final DateTimeFormatter FINNISH_DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final ReminderProperties properties;

    ReminderMail(ReminderProperties properties) {
        this.properties = properties;
    }

    SimpleMailMessage compose(ReportingRound round, ReminderKind kind, String recipient, List<RoundProject> missing) {
        String due = FINNISH_DAY.format(round.dueDate());
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(recipient);
        message.setSubject(switch (kind) {
            case BEFORE_DUE -> "Muistutus: digitiekartan raportointi \"" + round.title() + "\" päättyy " + due;
            case ON_DUE_DATE -> "Tänään viimeinen päivä: digitiekartan raportointi \"" + round.title() + "\"";
        });
        StringBuilder text = new StringBuilder();
        text.append("Hei,\n\n")
            .append("digitiekartan raportointikierros \"").append(round.title()).append("\" kysyy hankkeiden tilannetta ")
            .append(FINNISH_DAY.format(round.asOf())).append(". Raportoinnin määräpäivä on ").append(due)
            .append(kind == ReminderKind.ON_DUE_DATE ? " eli tänään" : "").append(".\n\n")
            .append(missing.size() == 1 ? "Tästä hankkeestasi ei ole vielä raportoitu tilannetta:\n\n"
                                        : "Näistä hankkeistasi ei ole vielä raportoitu tilannetta:\n\n");
        for (RoundProject project : missing) {
            text.append("- ").append(project.projectId()).append(" ").append(project.title())
                .append(" (nyt: ").append(project.status().finnishLabel()).append(")\n");
        }
        text.append("\nIlmoita kunkin hankkeen tilanne ").append(FINNISH_DAY.format(round.asOf()))
            .append(" digitiekartan sivulla (Omat hankkeet). Myös ennallaan pysynyt tila kannattaa vahvistaa.\n\n")
            .append("Tämä on automaattinen muistutus; siihen ei voi vastata.\n");
        message.setText(text.toString());
        return message;
    }
}
