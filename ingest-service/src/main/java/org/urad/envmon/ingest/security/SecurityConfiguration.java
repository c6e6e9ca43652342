package org.urad.envmon.ingest.security;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. {@code viewer}: every GET (devices, readings, quarantine, alerts, extracts);
 * {@code operator}: also acknowledges alerts and enters manual indicators; {@code admin}: everything else
 * under {@code /api} (registry and rules changes) and the actuator endpoints that are not public. HTTP
 * basic or {@code Authorization: Bearer}, stateless, no sessions, no CSRF (no cookies are ever issued).
 * Refusals (401, 403) are problem details like every other API error ({@link ProblemResponses}). The
 * OpenAPI document and UI are open to every signed-in user ({@link #apiDocsSecurity}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    ApiUsers apiUsers(ApiSecurityProperties properties, PasswordEncoder encoder) {
        List<ApiSecurityProperties.User> users = properties.users();
        if (users.isEmpty() && properties.demoUsers()) {
            DemoUsers.Generated demo = DemoUsers.create(encoder::encode);
            System.out.print(demo.banner()); // the console only: passwords never go to the log
            users = demo.users();
        }
        ApiUsers apiUsers = new ApiUsers(users);
        if (apiUsers.isEmpty()) {
            log.warn("No API users configured (ingest.security.users): every /api request will be refused");
        }
        return apiUsers;
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    /**
     * The OpenAPI document and its UI, for any signed-in user: a console session, HTTP basic or a bearer
     * token. Without one, the UI page sends the browser to the console's sign-in (which brings it back) and
     * the document is a 401 problem.
     */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocsSecurity(
            HttpSecurity http, ApiUsers users, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ProblemResponses problems = new ProblemResponses("ingest", resolver);
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui")) {
                login.commence(request, response, e);
            } else {
                problems.commence(request, response, e);
            }
        };
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .userDetailsService(users)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
                .addFilterBefore(new BearerTokenFilter(users, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/**")
                        .hasRole(Role.VIEWER.name())
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiUsers users,
            ApiSecurityProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ProblemResponses problems = new ProblemResponses("ingest", resolver);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new BearerTokenFilter(users, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    if (properties.publicHealth()) {
                        a.requestMatchers(EndpointRequest.to("health")).permitAll();
                    }
                    if (properties.publicPrometheus()) {
                        a.requestMatchers(EndpointRequest.to("prometheus")).permitAll();
                    }
                    a.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
                            .hasRole(Role.VIEWER.name())
                            .requestMatchers(EndpointRequest.toAnyEndpoint())
                            .hasRole(Role.ADMIN.name())
                            .requestMatchers(
                                    HttpMethod.POST,
                                    "/api/alerts/*/ack",
                                    "/api/indicators/manual",
                                    "/api/import",
                                    "/api/marks",
                                    "/api/marks/*/versions")
                            .hasRole(Role.OPERATOR.name())
                            .requestMatchers(HttpMethod.GET, "/api/**")
                            .hasRole(Role.VIEWER.name())
                            .requestMatchers(HttpMethod.HEAD, "/api/**")
                            .hasRole(Role.VIEWER.name())
                            .requestMatchers("/api/**")
                            .hasRole(Role.ADMIN.name())
                            .requestMatchers("/error")
                            .permitAll()
                            .anyRequest()
                            .denyAll();
                });
        return http.build();
    }
}
