package dev.thoth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * nginx (the test servers' binary) spreading requests round robin over two replicas on
 * one address; each response names the replica that served it in {@code X-Served-By}.
 */
public final class RoundRobinNginx {

	private RoundRobinNginx() {
	}

	/** Starts nginx with its files under {@code prefix}, and waits until it listens. */
	public static Process start(Path prefix, int first, int second, int address) throws IOException {
		String nginx = System.getenv().getOrDefault("THOTH_TEST_NGINX_BIN", "/usr/sbin/nginx");
		Files.createDirectories(prefix.resolve("logs"));
		String config = """
				%s
				daemon off;
				worker_processes 1;
				pid %s/nginx.pid;
				error_log %s/logs/error.log warn;
				events { worker_connections 256; }
				http {
				  access_log off;
				  client_body_temp_path %s/body;
				  proxy_temp_path %s/proxy;
				  client_max_body_size 100m;
				  upstream replicas { server 127.0.0.1:%d; server 127.0.0.1:%d; }
				  server {
				    listen 127.0.0.1:%d;
				    location / {
				      proxy_pass http://replicas;
				      proxy_http_version 1.1;
				      proxy_set_header Connection "";
				      proxy_buffering off;
				      proxy_read_timeout 300s;
				      add_header X-Served-By $upstream_addr always;
				    }
				  }
				}
				""".formatted("root".equals(System.getProperty("user.name")) ? "user root;" : "", prefix, prefix,
				prefix, prefix, first, second, address);
		Path file = prefix.resolve("nginx.conf");
		Files.writeString(file, config);
		Process process = new ProcessBuilder(nginx, "-p", prefix.toString(), "-c", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(prefix.resolve("logs/stdout.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", address)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return process;
	}

}
