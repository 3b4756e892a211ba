import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills an event store with a roadmap's worth of history, through the same append path the command-service
 * uses: Axon's JdbcEventStorageEngine with HashChainingAppendEvents, the stored-JSON serializer, the append
 * lock. Every row is a real event with a real hash chain; only the recorded times are historical (spread over
 * 2022 until a month ago, as a store that has been in use that long would hold them).
 *
 * <pre>java -cp &lt;command-service classes and libs&gt; GenerateEvents JDBC_URL USER PROJECTS EVENTS_PER_PROJECT [THREADS]</pre>
 *
 * Each project: a registration, then status changes (some of units VAKA and KOULUT, backdated up to two
 * weeks), corrections and retractions of earlier changes, owner assignments and detail revisions, in the
 * order of their recorded times. Events of all projects interleave in recorded-time order; each thread
 * appends the projects of its share in batches of one transaction each. Deterministic for given arguments.
 */
public class GenerateEvents {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final String[] SECTORS = {"KAUPUNKI", "ELINVOIMA", "HYVINVOINTI", "TEKNIIKKA", "LUPA_JA_VALVONTA",
                                             "YHTEISET_PALVELUT"};
    private static final String[] PREFIXES = {"KH", "EV", "HV", "TE", "LV", "YP"};
    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        int projects = Integer.parseInt(args[2]);
        int eventsPerProject = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(threads);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .persistenceExceptionResolver(new SQLStateResolver("23505"))
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                    .schema(EventStoreTables.eventSchema())
                    .dataType(String.class)
                    .appendEvents(new HashChainingAppendEvents())
                    .build();

            Instant end = Instant.now().minus(Duration.ofDays(30));
            AtomicLong appended = new AtomicLong();
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = t;
                work.add(pool.submit(() -> {
                    PriorityQueue<ProjectHistory> due = new PriorityQueue<>();
                    for (int p = share; p < projects; p += threads) {
                        due.add(new ProjectHistory(p, eventsPerProject, end));
                    }
                    List<DomainEventMessage<?>> batch = new ArrayList<>(BATCH);
                    while (!due.isEmpty()) {
                        ProjectHistory next = due.poll();
                        batch.add(next.nextEvent());
                        if (next.hasMore()) {
                            due.add(next);
                        }
                        if (batch.size() == BATCH || due.isEmpty()) {
                            engine.appendEvents(batch);
                            long total = appended.addAndGet(batch.size());
                            if (total % 100_000 < batch.size()) {
                                System.out.printf("  %,d events appended (%.0f/s)%n", total,
                                                  total / ((System.nanoTime() - started) / 1e9));
                            }
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("generated %,d events for %,d projects in %.1f s (%.0f events/s, %d threads)%n",
                              appended.get(), projects, seconds, appended.get() / seconds, threads);
        }
    }

    /** One project's events, produced one at a time in recorded-time order. */
    private static final class ProjectHistory implements Comparable<ProjectHistory> {

        private final Random random;
        private final String id;
        private final String sector;
        private final String coordinator;
        private final int total;
        private final long[] recordedMillis;
        private int sequence;
        private LocalDate registeredOn;
        private String owner;
        private ProjectStatus status = ProjectStatus.NOT_STARTED;
        private int progress;
        private final Map<String, StatusChange> inForce = new HashMap<>();
        private final List<String> changeIds = new ArrayList<>();

        private record StatusChange(ProjectStatus status, LocalDate effectiveDate, Integer progress, Integer targetYear,
                                    String scheduledFor, String unit, String note) {
        }

        ProjectHistory(int number, int total, Instant end) {
            this.random = new Random(number * 7919L + 17);
            int s = number % SECTORS.length;
            this.id = PREFIXES[s] + "-" + (number + 1);
            this.sector = SECTORS[s];
            this.coordinator = "koordinaattori-" + (number % 7);
            this.owner = "omistaja-" + (number % 300);
            this.total = total;
            // Registered some time in 2022; later events spread until the end, in order.
            long first = LocalDate.of(2022, 1, 3).atTime(8, 0).atZone(HELSINKI).toInstant().toEpochMilli()
                         + (long) (random.nextDouble() * Duration.ofDays(360).toMillis());
            long last = end.toEpochMilli();
            recordedMillis = new long[total];
            recordedMillis[0] = first;
            for (int i = 1; i < total; i++) {
                recordedMillis[i] = first + (long) (random.nextDouble() * (last - first));
            }
            java.util.Arrays.sort(recordedMillis, 1, total);
        }

        boolean hasMore() {
            return sequence < total;
        }

        @Override
        public int compareTo(ProjectHistory other) {
            return Long.compare(recordedMillis[sequence], other.recordedMillis[other.sequence]);
        }

        DomainEventMessage<?> nextEvent() {
            long seq = sequence;
            Instant recordedAt = Instant.ofEpochMilli(recordedMillis[sequence++]);
            LocalDate recordedOn = recordedAt.atZone(HELSINKI).toLocalDate();
            String changeId = new UUID(random.nextLong(), random.nextLong()).toString();
            if (seq == 0) {
                registeredOn = recordedOn;
                int start = 2022;
                return event(seq, recordedAt, coordinator, null, new ProjectRegisteredEvent(
                        id, changeId, sector, "Hanke " + id + ": digitaalinen palvelu", owner, start,
                        start + 1 + random.nextInt(4), "Kuvaus hankkeesta " + id + ".", registeredOn));
            }
            LocalDate effective = recordedOn.minusDays(random.nextInt(15));
            if (effective.isBefore(registeredOn)) {
                effective = registeredOn;
            }
            double kind = random.nextDouble();
            if (kind < 0.02) {
                String previous = owner;
                owner = "omistaja-" + random.nextInt(300);
                return event(seq, recordedAt, coordinator, "vastuu siirtyi",
                             new ProjectOwnerAssignedEvent(id, changeId, owner, previous, effective));
            }
            if (kind < 0.05) {
                return event(seq, recordedAt, coordinator, "aikataulu tarkentui", new ProjectDetailsRevisedEvent(
                        id, changeId, "Hanke " + id + " (tarkennettu " + seq + ")", null, 2022,
                        effective.getYear() + 1 + random.nextInt(3), effective));
            }
            if (kind < 0.10 && !changeIds.isEmpty()) {
                String corrected = changeIds.get(random.nextInt(changeIds.size()));
                StatusChange original = inForce.get(corrected);
                if (kind < 0.07) {
                    inForce.remove(corrected);
                    changeIds.remove(corrected);
                    return event(seq, recordedAt, coordinator, "kirjattu väärään hankkeeseen",
                                 new StatusChangeRetractedEvent(id, changeId, corrected));
                }
                LocalDate fixedDate = original.effectiveDate().minusDays(random.nextInt(5));
                StatusChange fixed = new StatusChange(original.status(), fixedDate.isBefore(registeredOn) ? registeredOn : fixedDate,
                                                      original.progress() == null ? null : Math.min(100, original.progress() + 5),
                                                      original.targetYear(), original.scheduledFor(), original.unit(),
                                                      "korjattu: " + (original.note() == null ? "" : original.note()));
                inForce.put(corrected, fixed);
                return event(seq, recordedAt, coordinator, "korjaus", new StatusChangeCorrectedEvent(
                        id, changeId, corrected, fixed.status(), fixed.effectiveDate(), fixed.progress(),
                        fixed.targetYear(), fixed.scheduledFor(), fixed.unit(), fixed.note()));
            }
            StatusChange change = nextStatus(seq, effective);
            ProjectStatus previous = change.unit() == null ? status : ProjectStatus.NOT_STARTED;
            if (change.unit() == null) {
                status = change.status();
            }
            inForce.put(changeId, change);
            changeIds.add(changeId);
            return event(seq, recordedAt, random.nextBoolean() ? owner : coordinator,
                         random.nextInt(3) == 0 ? "kuukausiraportti" : null,
                         new ProjectStatusChangedEvent(id, changeId, change.status(), previous, change.effectiveDate(),
                                                       change.progress(), change.targetYear(), change.scheduledFor(),
                                                       change.unit(), change.note()));
        }

        /**
         * Planned, investigated, in progress with growing percentages and the odd wait or postponement, in use, and
         * for half the projects done as the last event (so that nothing closed is reopened without a reason).
         */
        private StatusChange nextStatus(long seq, LocalDate effective) {
            double phase = (double) seq / total;
            String unit = random.nextInt(7) == 0 ? (random.nextBoolean() ? "VAKA" : "KOULUT") : null;
            int year = effective.getYear();
            if (phase < 0.08) {
                return random.nextBoolean()
                        ? new StatusChange(ProjectStatus.PLANNED, effective, null, null, year + "-Q" + (1 + random.nextInt(4)), unit, "TOTEUTUS")
                        : new StatusChange(ProjectStatus.INVESTIGATING, effective, null, null, null, unit, "SELVITETÄÄN vaihtoehtoja");
            }
            double roll = random.nextDouble();
            if (phase < 0.85) {
                if (roll < 0.05) {
                    return new StatusChange(ProjectStatus.WAITING, effective, null, null, null, unit, "ODOTTAA hankintaa");
                }
                if (roll < 0.08) {
                    return new StatusChange(ProjectStatus.POSTPONED, effective, null, year + 1 + random.nextInt(2), null, unit,
                                            "SIIRTYY");
                }
                progress = Math.min(95, Math.max(progress, (int) (phase * 100)) + random.nextInt(3));
                return new StatusChange(ProjectStatus.IN_PROGRESS, effective, progress, null, null, unit, progress + " % TEHTY");
            }
            if (seq == total - 1 && unit == null && roll < 0.5) {
                return new StatusChange(ProjectStatus.DONE, effective, null, null, null, null, "VALMIS");
            }
            return new StatusChange(ProjectStatus.IN_USE, effective, null, null, null, unit, "KÄYTÖSSÄ, JATKO MIETINNÄSSÄ");
        }

        private DomainEventMessage<?> event(long seq, Instant recordedAt, String actor, String reason, Object payload) {
            Map<String, Object> metaData = new HashMap<>();
            metaData.put(AuditMetadata.ACTOR, actor);
            metaData.put(AuditMetadata.CORRELATION_ID, new UUID(random.nextLong(), random.nextLong()).toString());
            if (reason != null) {
                metaData.put(AuditMetadata.REASON, reason);
            }
            return new GenericDomainEventMessage<>("Project", id, seq, payload, metaData,
                                                   new UUID(random.nextLong(), random.nextLong()).toString(), recordedAt);
        }
    }
}
