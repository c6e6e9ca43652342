package org.urad.envmon.ingest.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;
import org.urad.envmon.ingest.reading.Family;

/**
 * {@code GET /api/devices[?kind=…]} (by id, a page at a time) and {@code GET /api/devices/{id}}, from the
 * current registry.
 */
@RestController
@RequestMapping("/api/devices")
@Tag(name = "devices", description = "设备 Devices in the registry")
class DeviceController {

    private final RegistryService registry;

    DeviceController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "设备列表 Devices by id, paged")
    ResponseEntity<?> list(
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<String> after = Cursor.decode(cursor, 1).map(c -> c.text(0));
        Optional<Family> family = Optional.ofNullable(kind).flatMap(Family::fromCode);
        if (kind != null && family.isEmpty()) {
            return problem(
                    HttpStatus.BAD_REQUEST, "unknown kind '%s': use well, cems, water_quality or gate".formatted(kind));
        }
        int n = Page.limit(limit);
        List<DeviceView> rows = new DeviceViews(registry.data())
                .list(family).stream()
                        .filter(d -> after.isEmpty() || d.id().compareTo(after.get()) > 0)
                        .limit(n + 1L)
                        .toList();
        return ResponseEntity.ok(Page.of(rows, n, d -> Cursor.of(d.id())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "单个设备 One device")
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
