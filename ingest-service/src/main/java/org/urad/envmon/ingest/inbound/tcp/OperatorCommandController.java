package org.urad.envmon.ingest.inbound.tcp;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * {@code POST /api/monitors/{id}/commands} (admin): an operator's command to a monitor's connected HJ 212
 * logger ({@link OperatorCommand}), sent through the connection's outbox, logged in {@code monitor_command}
 * with who asked for it, and audited ({@code monitor.command}). The logger's 9011 / 9012 settle it; {@code GET}
 * on the same path shows how it went.
 */
@RestController
@Tag(name = "commands", description = "反控命令 Commands to data loggers")
class OperatorCommandController {

    static final String AUDIT_ACTION = "monitor.command";

    private final Supplier<Registry> registry;
    private final ObjectProvider<Hj212TcpListener> listener;
    private final AuditLog audit;
    private final Clock clock;

    OperatorCommandController(
            Supplier<Registry> registry, ObjectProvider<Hj212TcpListener> listener, AuditLog audit, Clock clock) {
        this.registry = registry;
        this.listener = listener;
        this.audit = audit;
        this.clock = clock;
    }

    /** What was sent: the command's QN, to follow it in the command log. */
    record Sent(String deviceId, String cn, String qn, Map<String, String> fields, String requestedBy) {}

    @PostMapping("/api/monitors/{id}/commands")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "发送反控命令 Send a command to a monitor's logger (1062, 1064, 3011, 3015); admin only",
            description = "Body: {\"cn\":\"1062\",\"RtdInterval\":60} (seconds, 30-3600), {\"cn\":\"1064\","
                    + "\"MinInterval\":10} (minutes, 1-30 dividing 60), {\"cn\":\"3011\"|\"3015\",\"PolId\":"
                    + "\"a21026\"} (a registered parameter). 404 unknown monitor, 409 logger not connected,"
                    + " 422 bad parameters. Answered 202: the logger's 9011/9012 settle it in the command log.")
    Sent send(@PathVariable String id, @RequestBody Map<String, Object> body) {
        Registry current = registry.get();
        Optional<Monitor> monitor = current.monitor(id);
        if (monitor.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no monitor " + id);
        }
        OperatorCommand command;
        try {
            command = OperatorCommand.of(
                    body,
                    polId -> current.monitorParameter(id, polId).isPresent(),
                    monitor.get().hasAutoSampler());
        } catch (OperatorCommand.Invalid e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        }
        String actor = AuditLog.actor();
        Instant now = clock.instant();
        Optional<String> qn = listener.stream()
                .flatMap(l -> l.links().stream())
                .findFirst()
                .flatMap(links -> links.send(
                        id, command.cn(), command.fields(), "requested by " + actor + ": " + command.summary(), now));
        if (qn.isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "监测点 " + id + " 的数采仪未连接，命令未发送 The logger of monitor " + id
                            + " is not connected over HJ 212 TCP; the command was not sent.");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        command.fields().forEach(f -> fields.put(f.key(), f.value()));
        Sent sent = new Sent(id, command.cn(), qn.get(), fields, actor);
        audit.record(AUDIT_ACTION, "monitor/" + id, null, sent);
        return sent;
    }
}
