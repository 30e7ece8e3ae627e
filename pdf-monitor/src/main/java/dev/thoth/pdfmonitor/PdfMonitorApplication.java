package dev.thoth.pdfmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Watches the workspace inbox and turns each PDF into an indexed, annotated paper. */
@SpringBootApplication
public class PdfMonitorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PdfMonitorApplication.class, args);
	}

}
