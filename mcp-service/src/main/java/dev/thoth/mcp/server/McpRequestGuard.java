package dev.thoth.mcp.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.thoth.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the MCP specification asks of an HTTP transport before any message is read: the
 * {@code Origin} header, when a browser sends one, must be an origin the deployment
 * allows (THOTH_CORS_ORIGINS), else 403, against DNS rebinding; a client without the
 * header (a desktop or server client) passes. And a request body larger than the limit is
 * refused with 413 before it is parsed.
 */
final class McpRequestGuard extends OncePerRequestFilter {

	private final CorsConfiguration allowedOrigins;

	private final long maxBytes;

	private final JsonMapper json;

	McpRequestGuard(List<String> origins, long maxBytes, JsonMapper json) {
		this.allowedOrigins = new CorsConfiguration();
		this.allowedOrigins.setAllowedOriginPatterns(origins);
		this.maxBytes = maxBytes;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().equals("/mcp");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (origin != null && this.allowedOrigins.checkOrigin(origin) == null) {
			problem(request, response, HttpStatus.FORBIDDEN, "The Origin " + printable(origin)
					+ " may not call this MCP server; allow it in THOTH_CORS_ORIGINS.");
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
		if (body.length > this.maxBytes) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// The rest of the body is not read: the connection closes after the answer.
		response.setHeader("Connection", "close");
		problem(request, response, HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of "
				+ this.maxBytes + " bytes (THOTH_MCP_MAX_REQUEST_SIZE).");
	}

	private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(),
				Problems.toJson(Problems.of(status, detail, request.getRequestURI())));
	}

	private static String printable(String value) {
		String text = value.replaceAll("\\p{Cntrl}", "?");
		return "'" + ((text.length() > 100) ? text.substring(0, 100) + "…" : text) + "'";
	}

	/** The request with its body already read (within the limit). */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					try {
						return in.available() == 0;
					}
					catch (IOException ex) {
						return true;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body has been read already");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
