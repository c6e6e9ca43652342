package org.urad.envmon.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.urad.envmon.ingest.extract.ExtractCommand;
import org.urad.envmon.ingest.importer.ImportCommand;
import org.urad.envmon.ingest.registry.BrokerCredentials;

@SpringBootApplication
public class IngestApplication {
    public static void main(String[] args) throws Exception {
        if (ImportCommand.requested(args)) {
            ImportCommand.main(args); // loads the files, judges what they changed and exits; no server, no broker
            return;
        }
        if (ExtractCommand.requested(args)) {
            ExtractCommand.main(args); // writes the file and exits; no server, no broker
            return;
        }
        if (BrokerCredentials.requested(args)) {
            BrokerCredentials.main(args); // writes the broker's password file and ACL and exits
            return;
        }
        SpringApplication.run(IngestApplication.class, args);
    }
}
