package org.urad.envmon.ingest.replay;

import java.sql.SQLException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * {@code POST /api/quarantine/replay} (administrator): replays the open quarantined messages the body selects
 * ({@code reason, deviceId, from, to, limit, dryRun}, all optional) and answers with the counts per outcome
 * and each row's outcome.
 */
@RestController
class ReplayController {

    private final QuarantineReplay replay;

    ReplayController(QuarantineReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/api/quarantine/replay")
    ResponseEntity<?> replay(@RequestBody(required = false) QuarantineReplay.Request request) throws SQLException {
        QuarantineReplay.Request r =
                request == null ? new QuarantineReplay.Request(null, null, null, null, null, null) : request;
        try {
            return ResponseEntity.ok(replay.replay(r, AuditLog.actor()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()))
                    .build();
        }
    }
}
