package org.urad.envmon.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.urad.envmon.ingest.extract.ExtractCommand;

@SpringBootApplication
public class IngestApplication {
    public static void main(String[] args) throws Exception {
        if (ExtractCommand.requested(args)) {
            ExtractCommand.main(args); // writes the file and exits; no server, no broker
            return;
        }
        SpringApplication.run(IngestApplication.class, args);
    }
}
