package org.urad.envmon.ingest.registry;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.reading.Family;

/** {@code GET /api/devices[?kind=…]} and {@code GET /api/devices/{id}}, from the current registry. */
@RestController
@RequestMapping("/api/devices")
class DeviceController {

    private final RegistryService registry;

    DeviceController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String kind) {
        Optional<Family> family = Optional.ofNullable(kind).flatMap(Family::fromCode);
        if (kind != null && family.isEmpty()) {
            return problem(
                    HttpStatus.BAD_REQUEST, "unknown kind '%s': use well, cems, water_quality or gate".formatted(kind));
        }
        return ResponseEntity.ok(new DeviceViews(registry.data()).list(family));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> device(@PathVariable String id) {
        return new DeviceViews(registry.data())
                .find(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no device with id '%s'".formatted(id)));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(status, detail))
                .build();
    }
}
