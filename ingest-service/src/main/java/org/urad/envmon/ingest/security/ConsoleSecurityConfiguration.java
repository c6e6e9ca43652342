package org.urad.envmon.ingest.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web console ({@code /console/**}) for people with a browser: the same users and roles as the API
 * ({@link ApiUsers}), signed in by a form, kept in a session, with CSRF tokens on every form. Read pages for
 * viewers; acknowledging and resolving alerts, entering manual indicators and making data marks for
 * operators; reviewing marks and registry imports
 * for administrators. This chain is consulted before the API's ({@link SecurityConfiguration}), which stays
 * stateless (HTTP basic or bearer tokens, no cookies).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String LOGIN = "/login";

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ApiUsers users) throws Exception {
        http.securityMatcher("/", LOGIN, "/logout", "/console", "/console/**")
                .userDetailsService(users)
                .formLogin(form -> form.loginPage(LOGIN)
                        .defaultSuccessUrl("/console/alerts", false)
                        .failureUrl(LOGIN + "?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies("JSESSIONID"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'")))
                .authorizeHttpRequests(a -> a.requestMatchers("/console/assets/**", LOGIN)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/alerts/*/ack", "/console/alerts/*/resolve")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.POST, "/console/indicators", "/console/marks")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/console/registry/import/**", "/console/registry/export/monitors.csv")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/console/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()));
        return http.build();
    }
}
