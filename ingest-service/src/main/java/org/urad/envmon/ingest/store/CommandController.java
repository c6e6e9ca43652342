package org.urad.envmon.ingest.store;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The commands sent to a monitor's data logger and what became of them, newest first (viewer and up). */
@RestController
class CommandController {

    private final JdbcClient jdbc;
    private final CommandLog log;

    CommandController(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.log = new JdbcCommandLog(dataSource);
    }

    @GetMapping("/api/monitors/{id}/commands")
    List<CommandLog.CommandRow> commands(@PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        boolean known = jdbc.sql("SELECT count(*) FROM monitor WHERE device_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no monitor " + id);
        }
        return log.recent(id, Math.max(1, Math.min(limit, 1000)));
    }
}
