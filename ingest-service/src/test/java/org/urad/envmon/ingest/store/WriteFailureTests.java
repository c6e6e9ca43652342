package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteFailureTests {

    @ParameterizedTest(name = "SQLSTATE {0} is the content''s: {1}")
    @CsvSource({
        "22021, true", // character not in repertoire (a NUL in text)
        "22P05, true", // untranslatable character
        "22003, true", // numeric value out of range
        "23514, true", // check violation
        "23502, true", // not-null violation
        "54000, true", // program limit exceeded (index row size)
        "08006, false", // connection failure
        "08001, false", // cannot connect
        "40001, false", // serialization failure
        "40P01, false", // deadlock
        "53300, false", // too many connections
        "53100, false", // disk full
        "57P01, false", // admin shutdown
        "57014, false", // query cancelled
        "58030, false", // I/O error
        "42P01, false", // undefined table: the schema, not the message
        "25P02, false", // in failed transaction
    })
    void classifiesBySqlStateClass(String state, boolean content) {
        assertThat(WriteFailure.isContent(new SQLException("x", state))).isEqualTo(content);
    }

    @ParameterizedTest(name = "wrapped {0}")
    @CsvSource({"22021, true", "08006, false"})
    void readsTheStateFromTheCauseChain(String state, boolean content) {
        Exception wrapped = new RuntimeException(new SQLException("outer", null, new SQLException("inner", state)));
        assertThat(WriteFailure.sqlState(wrapped)).isEqualTo(state);
        assertThat(WriteFailure.isContent(wrapped)).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pool timeout", "i/o"})
    void retriesAJdbcFailureWithoutAState(String what) {
        assertThat(WriteFailure.isContent(new SQLTransientConnectionException(what)))
                .isFalse();
        assertThat(WriteFailure.isContent(new SQLException(what))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"IllegalArgumentException", "ArithmeticException"})
    void takesAFailureOutsideJdbcForTheContent(String type) {
        RuntimeException e =
                type.startsWith("Illegal") ? new IllegalArgumentException("bad value") : new ArithmeticException("/0");
        assertThat(WriteFailure.isContent(e)).isTrue();
    }
}
