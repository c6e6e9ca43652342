package org.urad.envmon.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTests {

    @Test
    void cutsAtSemicolonsOutsideQuotesCommentsAndDollarQuotes() {
        String script = """
                -- a comment; with a semicolon
                SET TimeZone = 'Asia/Shanghai';
                INSERT INTO t VALUES ('a;b', "x;y");
                DO $body$
                BEGIN
                    PERFORM 1; -- inside
                    EXECUTE $f$ SELECT 2; $f$;
                END
                $body$;
                SELECT $1, 3
                """;

        assertThat(SqlScript.statements(script))
                .containsExactly(
                        "SET TimeZone = 'Asia/Shanghai'",
                        "INSERT INTO t VALUES ('a;b', \"x;y\")",
                        "DO $body$\nBEGIN\n    PERFORM 1; -- inside\n    EXECUTE $f$ SELECT 2; $f$;\nEND\n$body$",
                        "SELECT $1, 3");
    }
}
