package dev.thoth.agent.chat;

import dev.thoth.agent.AgentProperties;
import dev.thoth.agent.turn.ChatTurns;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final ChatTurns turns;

	private final AgentProperties properties;

	private final JsonMapper json;

	WebSocketConfiguration(ChatTurns turns, AgentProperties properties, JsonMapper json) {
		this.turns = turns;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// Origins are checked by the platform's CORS policy and the API key, as on every
		// path; clients without a browser send no Origin.
		registry.addHandler(new ChatWebSocket(this.turns, this.properties, this.json), "/agent/v1/ws")
			.setAllowedOriginPatterns("*");
	}

}
