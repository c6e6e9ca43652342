package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Verifies that every simulated payload satisfies {@code schema/payload/payload-v1.schema.json}. */
class PayloadWriterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode SCHEMA =
            JSON.readTree(Path.of("../schema/payload/payload-v1.schema.json").toFile());

    @Test
    void everyDevicesPayloadsConformToTheSchema() {
        RegistrySnapshot registry = TestRegistry.build("");
        Instant start = Instant.parse("2025-07-01T01:00:00Z");
        var breaches = ScriptedBreaches.choose(registry, EnumSet.allOf(ScriptedBreaches.Kind.class), start);
        Simulation sim = new Simulation(registry, 5, breaches, new Faults(0.02, 0.05));
        int calibrations = 0;
        for (Device d : registry.devices()) {
            for (int i = 0; i < 200; i++) {
                var message = sim.message(d, start.plus(d.reportingInterval().multipliedBy(i)));
                if (message.isPresent()) {
                    JsonNode payload = JSON.readTree(PayloadWriter.write(message.get(), i));
                    assertThat(violations(payload, SCHEMA, "$"))
                            .as(payload.toString())
                            .isEmpty();
                    assertThat(payload.get("device").asString()).isEqualTo(d.id());
                    assertThat(payload.get("seq").asLong()).isEqualTo(i);
                    calibrations += payload.has("calibrations")
                            ? payload.get("calibrations").size()
                            : 0;
                }
            }
        }
        assertThat(calibrations).isPositive();
    }

    @Test
    void writesTimesWithTheChinaOffsetAndFlagsOnlyWhenNotNormal() {
        Device well = new Device(
                "w\"1", org.urad.envmon.ingest.reading.Family.WELL, "w", Duration.ofHours(1), null, null, true);
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        var message = new SimulatedMessage(
                well,
                t,
                org.urad.envmon.ingest.reading.DataFlag.D,
                List.of(
                        new SimulatedMessage.Value("flow", t, 12.5),
                        new SimulatedMessage.Value("volume_total", t.minusSeconds(60), 3)),
                List.of());
        assertThat(new String(PayloadWriter.write(message, 9)))
                .isEqualTo(
                        "{\"v\":1,\"device\":\"w\\\"1\",\"seq\":9,\"time\":\"2025-01-01T08:00:00+08:00\","
                                + "\"readings\":[{\"param\":\"flow\",\"value\":12.5,\"flag\":\"D\"},"
                                + "{\"param\":\"volume_total\",\"value\":3,\"flag\":\"D\",\"time\":\"2025-01-01T07:59:00+08:00\"}]}");
    }

    /** The subset of JSON Schema the payload schema uses. */
    static List<String> violations(JsonNode value, JsonNode schema, String path) {
        List<String> out = new ArrayList<>();
        if (schema.has("const") && !schema.get("const").equals(value)) {
            out.add(path + " is not " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            out.add(path + " not in " + schema.get("enum"));
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asString())) {
            out.add(path + " is not " + schema.get("type").asString());
            return out;
        }
        if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + " below minimum");
        }
        if (schema.has("maxLength")
                && value.asString().length() > schema.get("maxLength").asInt()) {
            out.add(path + " too long");
        }
        if (schema.has("format") && schema.get("format").asString().equals("date-time")) {
            try {
                OffsetDateTime.parse(value.asString());
            } catch (RuntimeException e) {
                out.add(path + " is not a date-time: " + value);
            }
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                out.addAll(violations(value.get(i), schema.get("items"), path + "[" + i + "]"));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (properties != null && properties.has(e.getKey())) {
                    out.addAll(violations(e.getValue(), properties.get(e.getKey()), path + "." + e.getKey()));
                } else if (schema.has("additionalProperties")
                        && !schema.get("additionalProperties").asBoolean()) {
                    out.add(path + " has unknown property " + e.getKey());
                }
            }
            if (schema.has("required")) {
                schema.get("required").forEach(r -> {
                    if (!value.has(r.asString())) {
                        out.add(path + " lacks " + r.asString());
                    }
                });
            }
            if (schema.has("anyOf")) {
                boolean any = false;
                for (JsonNode option : schema.get("anyOf")) {
                    any |= violations(value, option, path).isEmpty();
                }
                if (!any) {
                    out.add(path + " matches none of anyOf");
                }
            }
        }
        return out;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }
}
