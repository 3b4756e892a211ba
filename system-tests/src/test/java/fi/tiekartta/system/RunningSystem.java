package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.TestDatabase;
import fi.tiekartta.testsupport.TestTokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole system on one fresh database: the command-service, then the query-service, each its own process.
 * The query-service is started while the command-service is still starting, to show that the start order
 * does not matter (it waits for the event store).
 */
public final class RunningSystem implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    public final TestDatabase database;
    public final ServiceProcess commandService;
    public ServiceProcess queryService;
    private final String queryUser;
    /** The name the query-service's API description is kept under (target/openapi/NAME.json). */
    private final String queryDescription;

    private RunningSystem(TestDatabase database, ServiceProcess commandService, ServiceProcess queryService,
                          String queryUser, String queryDescription) {
        this.database = database;
        this.commandService = commandService;
        this.queryService = queryService;
        this.queryUser = queryUser;
        this.queryDescription = queryDescription;
    }

    /** Starts another query-service process on the same database (after a kill, or as a second instance). */
    public ServiceProcess startQueryService() {
        ServiceProcess another = ServiceProcess.start("query-service", "tiekartta.queryServiceJar", database.jdbcUrl(),
                                                      queryUser, database.password(), TestTokens.SECRET);
        return another.awaitHealthy(START_PATIENCE);
    }

    public static RunningSystem start(String purpose) {
        return start(purpose, Map.of());
    }

    /** @param queryServiceEnvironment further settings of the query-service (e.g. TIEKARTTA_PUBLIC_ENABLED) */
    public static RunningSystem start(String purpose, Map<String, String> queryServiceEnvironment) {
        TestDatabase database = TestDatabase.create(purpose);
        // A query-service started with settings of its own (the public roadmap on) publishes another description.
        String queryDescription = queryServiceEnvironment.isEmpty() ? QUERY_SERVICE : QUERY_SERVICE + "-" + purpose;
        return start(database, database.username(), database.username(), queryServiceEnvironment, queryDescription);
    }

    /**
     * As bin/run starts it for the roadmap page: the page (at {@code http://localhost:QUERY_PORT}) is told where the
     * command-service is, and the command-service accepts that origin by CORS, so that the page can send commands.
     *
     * @param commandServiceEnvironment further settings of the command-service (e.g. an OIDC issuer)
     * @param queryServiceEnvironment   further settings of the query-service
     */
    public static RunningSystem startForThePage(String purpose, Map<String, String> commandServiceEnvironment,
                                                Map<String, String> queryServiceEnvironment) {
        TestDatabase database = TestDatabase.create(purpose);
        int commandPort = ServiceProcess.freePort();
        int queryPort = ServiceProcess.freePort();
        Map<String, String> commandEnvironment = new HashMap<>(commandServiceEnvironment);
        commandEnvironment.put("TIEKARTTA_CORS_ALLOWED_ORIGINS", "http://localhost:" + queryPort);
        Map<String, String> queryEnvironment = new HashMap<>(queryServiceEnvironment);
        queryEnvironment.put("TIEKARTTA_UI_COMMAND_URL", "http://localhost:" + commandPort);
        ServiceProcess queryService = ServiceProcess.start("query-service", "tiekartta.queryServiceJar", queryPort,
                database.jdbcUrl(), database.username(), database.password(), TestTokens.SECRET, queryEnvironment);
        ServiceProcess commandService = ServiceProcess.start("command-service", "tiekartta.commandServiceJar", commandPort,
                database.jdbcUrl(), database.username(), database.password(), TestTokens.SECRET, commandEnvironment);
        awaitBoth(commandService, queryService);
        // The page's settings (where commands go, how it signs in) change no endpoint: the same description.
        return new RunningSystem(database, commandService, queryService, database.username(), QUERY_SERVICE);
    }

    /** The roadmap page's address, with the host as bin/run's sign-in links name it (the origin CORS allows). */
    public String pageUrl() {
        return queryService.baseUrl().replace("127.0.0.1", "localhost");
    }

    private static void awaitBoth(ServiceProcess commandService, ServiceProcess queryService) {
        try {
            commandService.awaitHealthy(START_PATIENCE);
            queryService.awaitHealthy(START_PATIENCE);
        } catch (RuntimeException e) {
            commandService.close();
            queryService.close();
            throw e;
        }
    }

    /**
     * As in production (docs/SECURITY.md): each service logs in with its own database role, made by
     * {@code deploy/postgres/roles.sql}. The test server trusts local connections, so no passwords.
     */
    public static RunningSystem startWithServiceRoles(String purpose) {
        TestDatabase database = TestDatabase.create(purpose);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(ROLES_SQL));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not run " + ROLES_SQL, e);
        }
        return start(database, COMMAND_ROLE, QUERY_ROLE, Map.of(), QUERY_SERVICE);
    }

    public static final String COMMAND_ROLE = "tiekartta_command";
    public static final String QUERY_ROLE = "tiekartta_query";
    private static final Path ROLES_SQL = Path.of("..", "deploy", "postgres", "roles.sql");

    private static RunningSystem start(TestDatabase database, String commandUser, String queryUser,
                                       Map<String, String> queryServiceEnvironment, String queryDescription) {
        ServiceProcess queryService = ServiceProcess.start("query-service", "tiekartta.queryServiceJar",
                database.jdbcUrl(), queryUser, database.password(), TestTokens.SECRET, queryServiceEnvironment);
        ServiceProcess commandService = ServiceProcess.start("command-service", "tiekartta.commandServiceJar",
                database.jdbcUrl(), commandUser, database.password(), TestTokens.SECRET);
        awaitBoth(commandService, queryService);
        return new RunningSystem(database, commandService, queryService, queryUser, queryDescription);
    }

    /** A client of the command-service whose every exchange must match the service's API description. */
    public HttpApi commands() {
        return new HttpApi(commandService.baseUrl(), ApiDescription.of(COMMAND_SERVICE, commandService));
    }

    /** A client of the query-service whose every exchange must match the service's API description. */
    public HttpApi queries() {
        return new HttpApi(queryService.baseUrl(), ApiDescription.of(queryDescription, queryService));
    }

    public static final String COMMAND_SERVICE = "command-service";
    public static final String QUERY_SERVICE = "query-service";

    @Override
    public void close() {
        queryService.close();
        commandService.close();
        database.drop();
    }
}
