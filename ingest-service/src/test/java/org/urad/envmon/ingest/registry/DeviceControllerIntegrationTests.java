package org.urad.envmon.ingest.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Verifies the device API over a registry loaded into a real database. */
class DeviceControllerIntegrationTests {

    private static RegistryFixture db;
    private static MockMvc mvc;

    @BeforeAll
    static void loadSmallSeed() {
        db = new RegistryFixture();
        db.service.loadSeed("classpath:registry/small/");
        mvc = MockMvcBuilders.standaloneSetup(new DeviceController(db.service)).build();
    }

    @AfterAll
    static void closePool() {
        db.close();
    }

    @Test
    void listsWellsWithVillageZoneAllocationAndControlLevel() throws Exception {
        mvc.perform(get("/api/devices").param("kind", "well"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(3)))
                .andExpect(jsonPath("$.items[1].id").value("W2"))
                .andExpect(jsonPath("$.items[1].family").value("well"))
                .andExpect(jsonPath("$.items[1].reportingInterval").value("PT1H"))
                .andExpect(jsonPath("$.items[1].well.villageId").value("V1"))
                .andExpect(jsonPath("$.items[1].well.villageName").value("测试嘎查村1"))
                .andExpect(jsonPath("$.items[1].well.zoneId").value("Z1"))
                .andExpect(jsonPath("$.items[1].well.annualAllocationM3").value(30000.0))
                .andExpect(jsonPath("$.items[1].well.controlWell").value(true))
                .andExpect(jsonPath("$.items[1].well.controlLevelM").value(1040.5))
                .andExpect(jsonPath("$.items[1].monitor").doesNotExist());
    }

    @Test
    void listsEveryDeviceWithoutAKind() throws Exception {
        mvc.perform(get("/api/devices"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(6)))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void showsAMonitorWithItsParametersButNeverItsPassword() throws Exception {
        mvc.perform(get("/api/devices/Q1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.monitor.enterprise").value("测试污水厂"))
                .andExpect(jsonPath("$.monitor.outlet").value("总排口"))
                .andExpect(jsonPath("$.monitor.hasAutoSampler").value(true))
                .andExpect(jsonPath("$.monitor.mn").value("MN0000000000000000000002"))
                .andExpect(jsonPath("$.monitor.parameters", hasSize(2)))
                .andExpect(jsonPath("$.monitor.parameters[?(@.parameter == 'w21003')].limitCold")
                        .value(8.0))
                .andExpect(content().string(not(containsString("pw2"))))
                .andExpect(content().string(not(containsString("password"))));
    }

    @Test
    void showsAGateWithCanalAndSectionClass() throws Exception {
        mvc.perform(get("/api/devices").param("kind", "gate"))
                .andExpect(jsonPath("$.items[0].gate.canal").value("友谊支渠"))
                .andExpect(jsonPath("$.items[0].gate.sectionClass").value("mass_managed"))
                .andExpect(jsonPath("$.items[0].gate.automated").value(true));
    }

    @Test
    void answersAnUnknownIdWithA404Problem() throws Exception {
        mvc.perform(get("/api/devices/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("no device with id 'NOPE'"));
    }

    @Test
    void answersAnUnknownKindWithA400Problem() throws Exception {
        mvc.perform(get("/api/devices").param("kind", "boat"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("unknown kind 'boat'")));
    }
}
