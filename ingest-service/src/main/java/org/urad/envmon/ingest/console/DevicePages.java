package org.urad.envmon.ingest.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.RegistryData;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.registry.Village;

/** Every device with its state and last contact, silent ones first; the wells on a coordinate plot. */
@Controller
class DevicePages {

    /** How far back "last seen" looks (device_silence's look-back); older contact shows as silent without a time. */
    static final Duration LOOK_BACK = Duration.ofDays(7);

    private final RegistryService registry;
    private final JdbcClient jdbc;
    private final Clock clock;

    DevicePages(RegistryService registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/console/devices")
    String devices(@RequestParam(required = false) String family, Model model) {
        Instant now = clock.instant();
        RegistryData data = registry.data();
        Map<String, Village> villages = new HashMap<>();
        data.villages().forEach(v -> villages.put(v.id(), v));
        Map<String, String[]> places = new HashMap<>();
        data.wells().forEach(w -> {
            Village v = villages.get(w.villageId());
            places.put(
                    w.deviceId(), new String[] {v == null ? w.villageId() : v.name(), v == null ? null : v.township()});
        });
        DeviceSilence silence = DeviceSilence.at(jdbc, now, LOOK_BACK);
        List<DeviceStatus> all = DeviceStatus.sorted(data.devices(), silence.lastReceived(), silence.silent(), places);
        List<DeviceStatus> shown = all.stream()
                .filter(s -> family == null
                        || family.isBlank()
                        || s.device().family().code().equals(family))
                .toList();
        model.addAttribute("devices", shown);
        model.addAttribute("family", family);
        model.addAttribute("families", Family.values());
        model.addAttribute(
                "silent", all.stream().filter(s -> "silent".equals(s.status())).count());
        model.addAttribute("total", all.size());
        model.addAttribute("now", now);
        model.addAttribute(
                "plot",
                WellPlot.of(all.stream()
                        .filter(s -> s.device().family() == Family.WELL)
                        .toList()));
        return "console/devices";
    }
}
