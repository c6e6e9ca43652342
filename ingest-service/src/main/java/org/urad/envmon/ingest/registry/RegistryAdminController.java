package org.urad.envmon.ingest.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.config.RegistryProperties;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * {@code POST /api/registry/reload} (admin): loads the seed at {@code ingest.registry.seed-location} again
 * and refreshes the in-memory registry. Every attempt, refused or not, is written to the audit log.
 */
@RestController
@Tag(name = "registry", description = "台账 Registry")
class RegistryAdminController {

    private final RegistryService registry;
    private final RegistryProperties properties;
    private final AuditLog audit;

    RegistryAdminController(RegistryService registry, RegistryProperties properties, AuditLog audit) {
        this.registry = registry;
        this.properties = properties;
        this.audit = audit;
    }

    @PostMapping("/api/registry/reload")
    @Operation(summary = "重新加载台账 Reload the registry seed (administrator)")
    ResponseEntity<?> reload() {
        Map<String, Object> before = summary();
        String target = "registry/" + properties.seedLocation();
        try {
            RegistrySeedLoader.Result result = registry.loadSeed(properties.seedLocation());
            Map<String, Object> after = summary();
            after.put("loaded", result.loaded());
            after.put("version", String.valueOf(result.version()));
            after.put("checksum", result.checksum());
            after.put("deactivated", result.deactivated());
            audit.record("registry.reload", target, before, after);
            return ResponseEntity.ok(after);
        } catch (RegistrySeedException e) {
            audit.record("registry.reload.refused", target, before, Map.of("problems", e.problems()));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "seed refused: " + e.problems().size() + " problems");
            problem.setProperty("problems", e.problems());
            return ResponseEntity.of(problem).build();
        }
    }

    private Map<String, Object> summary() {
        RegistryData data = registry.data();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("devices", data.devices().size());
        summary.put("active", data.devices().stream().filter(Device::active).count());
        return summary;
    }
}
