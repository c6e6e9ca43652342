package org.urad.envmon.ingest.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.urad.envmon.ingest.api.Cursor;
import org.urad.envmon.ingest.api.Page;

/** The commands sent to a monitor's data logger and what became of them, newest first, paged (viewer and up). */
@RestController
@Tag(name = "commands", description = "反控命令 Commands to data loggers")
class CommandController {

    private final JdbcClient jdbc;
    private final CommandLog log;

    CommandController(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.log = new JdbcCommandLog(dataSource);
    }

    @GetMapping("/api/monitors/{id}/commands")
    @Operation(summary = "命令记录 Commands sent to a monitor, newest first, paged")
    Page<CommandLog.CommandRow> commands(
            @PathVariable String id,
            @RequestParam(defaultValue = Page.DEFAULT_LIMIT_TEXT) int limit,
            @RequestParam(required = false) String cursor) {
        Optional<Cursor> after = Cursor.decode(cursor, 2);
        boolean known = jdbc.sql("SELECT count(*) FROM monitor WHERE device_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no monitor " + id);
        }
        CommandLog.Key afterKey =
                after.map(c -> new CommandLog.Key(c.instant(0), c.number(1))).orElse(null);
        int n = Page.limit(limit);
        return Page.of(log.recent(id, afterKey, n + 1), n, r -> Cursor.of(r.sentAt(), r.id()));
    }
}
