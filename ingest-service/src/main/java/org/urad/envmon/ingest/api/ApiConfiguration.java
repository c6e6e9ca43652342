package org.urad.envmon.ingest.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every HTTP controller shares: the check of request text, and problem details for errors from
 * every layer (Spring MVC: {@link ApiProblems}; the error page: {@link ProblemErrorController}; Tomcat
 * itself: {@link ProblemReportValve}). The security chain hands its refusals to {@link ApiProblems}. The
 * OpenAPI document's preamble.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    /**
     * What the OpenAPI document says of the whole API: who may call it (HTTP basic or a bearer token), how
     * lists are paged and how errors look.
     */
    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("环境监测数据接入服务 API / Environmental monitoring ingest API")
                        .version("v1")
                        .description(DESCRIPTION))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    private static final String DESCRIPTION =
            """
            属性名一律为 camelCase。列表接口分页：`limit`（默认 %s，最大 %d）与 `cursor`（上一页的 `nextCursor`），\
            返回 `{"items": [...], "nextCursor": "..."|null}`。错误一律为 RFC 9457 `application/problem+json`。

            Property names are camelCase. List endpoints are paged: `limit` (default %s, at most %d) and \
            `cursor` (the previous page's `nextCursor`), answering `{"items": [...], "nextCursor": "..."|null}`; \
            `nextCursor` is null on the last page, and rows added while a client pages never repeat. Every \
            error is an RFC 9457 problem detail (`application/problem+json`).
            """.formatted(Page.DEFAULT_LIMIT_TEXT, Page.MAX_LIMIT, Page.DEFAULT_LIMIT_TEXT, Page.MAX_LIMIT);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestTextCheck()).addPathPatterns("/api/**");
    }

    /** After Spring Boot's own customizer, which adds a plain error report valve to the host. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemReportValve());
            }
        });
    }
}
