package org.urad.envmon.ingest.console;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.RegistryData;
import org.urad.envmon.ingest.registry.RegistryImports;
import org.urad.envmon.ingest.registry.RegistryService;

/**
 * The registry: what it holds, exports of each file, and imports (administrators) in two steps: upload
 * and preview (nothing written; the file is kept in the session), then apply.
 */
@Controller
class RegistryPages {

    private static final String PENDING = "console.registry.pending";

    /** An upload waiting for "apply" in the administrator's session. */
    record Pending(RegistryImports.Table table, String fileName, byte[] bytes) implements java.io.Serializable {}

    private final RegistryService registry;
    private final RegistryImports imports;

    RegistryPages(RegistryService registry, RegistryImports imports) {
        this.registry = registry;
        this.imports = imports;
    }

    @GetMapping("/console/registry")
    String registry(Model model) {
        RegistryData data = registry.data();
        model.addAttribute("zones", data.zones().size());
        model.addAttribute("villages", data.villages().size());
        model.addAttribute("wells", data.wells().size());
        model.addAttribute("monitors", data.monitors().size());
        model.addAttribute("gates", data.gates().size());
        model.addAttribute(
                "inactive", data.devices().stream().filter(d -> !d.active()).count());
        model.addAttribute(
                "active", data.devices().stream().filter(Device::active).count());
        model.addAttribute("tables", RegistryImports.Table.values());
        return "console/registry";
    }

    @GetMapping("/console/registry/export/{file}.csv")
    ResponseEntity<byte[]> export(@PathVariable String file) {
        RegistryImports.Table table = table(file);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(table.file())
                                .build()
                                .toString())
                .body(imports.export(table).getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/console/registry/import/preview")
    String preview(@RequestParam String table, @RequestParam MultipartFile file, HttpSession session, Model model)
            throws IOException {
        if (file.isEmpty()) {
            model.addAttribute("error", "registry.error.empty");
            return registry(model);
        }
        Pending pending = new Pending(table(table), file.getOriginalFilename(), file.getBytes());
        try {
            model.addAttribute("preview", imports.preview(pending.table(), pending.fileName(), pending.bytes()));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", "registry.error.unreadable");
            return registry(model);
        }
        session.setAttribute(PENDING, pending);
        model.addAttribute("applied", false);
        return "console/registry-preview";
    }

    @PostMapping("/console/registry/import/apply")
    String apply(HttpSession session, Model model) {
        if (!(session.getAttribute(PENDING) instanceof Pending pending)) {
            return "redirect:/console/registry";
        }
        session.removeAttribute(PENDING);
        model.addAttribute("preview", imports.apply(pending.table(), pending.fileName(), pending.bytes()));
        model.addAttribute("applied", true);
        return "console/registry-preview";
    }

    private static RegistryImports.Table table(String name) {
        String code = name.toLowerCase(Locale.ROOT).replace(".csv", "");
        for (RegistryImports.Table t : RegistryImports.Table.values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        throw new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "no registry table " + name);
    }
}
