package org.urad.envmon.ingest.importer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.sql.SQLException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.security.AuditLog;

/**
 * {@code POST /api/import?file=NAME[&dryRun=true]} with the file as the request body (CSV or XLSX;
 * operator or administrator). Answers with the import report, every refused row with its number and reason.
 */
@RestController
@Tag(name = "import", description = "历史数据导入 History import")
class ImportController {

    private final HistoryImport history;

    ImportController(HistoryImport history) {
        this.history = history;
    }

    @PostMapping("/api/import")
    @Operation(summary = "导入历史数据 Import a CSV or XLSX file of readings (operator)")
    ResponseEntity<?> importFile(
            @RequestParam(defaultValue = "upload.csv") String file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestBody byte[] body)
            throws IOException, SQLException, InterruptedException {
        String name = file.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        try {
            HistoryImport.Result result =
                    history.importFile(name, body, dryRun, AuditLog.actor(), Importer.Progress.NONE);
            return ResponseEntity.ok(result);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()))
                    .build();
        }
    }
}
