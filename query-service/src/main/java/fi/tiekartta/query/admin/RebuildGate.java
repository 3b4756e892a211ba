package fi.tiekartta.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the read-model endpoints say about rebuilds. While a rebuild runs they answer as always, from the read model
 * in use (kept current by the processor), with the header {@value #REBUILD_HEADER}{@code : running}. Only a
 * deployment with no read model at all (its first build has not ended) answers 503 with {@code Retry-After}. The
 * audit endpoints read the event store itself and stay open, as do health and the rebuild's own progress.
 */
@Configuration(proxyBeanMethods = false)
public class RebuildGate implements WebMvcConfigurer {

    static final String[] READ_MODEL_PATHS = {"/api/projects", "/api/projects/**", "/api/roadmap", "/api/reports/**",
                                             "/api/reporting-rounds", "/api/reporting-rounds/**", "/api/me/reporting"};
    public static final String REBUILD_HEADER = "Tiekartta-Rebuild";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ReadModelRebuild rebuild;
    private final ObjectMapper json;

    public RebuildGate(ReadModelRebuild rebuild, ObjectMapper json) {
        this.rebuild = rebuild;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws Exception {
                if (rebuild.hasReadModel()) {
                    if (rebuild.isRebuilding()) {
                        response.setHeader(REBUILD_HEADER, "running");
                    }
                    return true;
                }
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Rebuilding",
                        "The read model is being built from the event store for the first time; see GET /api/admin/replay."));
                return false;
            }
        }).addPathPatterns(READ_MODEL_PATHS);
    }
}
