package dev.thoth.vectorstore;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the vector store tests start: the platform, the domain and this module.
 */
@SpringBootApplication
public class VectorStoreTestApplication {

}
