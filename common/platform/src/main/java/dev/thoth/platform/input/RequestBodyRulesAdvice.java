package dev.thoth.platform.input;

import java.lang.reflect.Type;
import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Holds every request body a controller reads to {@link InputRules}, and reads UUID
 * parameters strictly.
 */
@ControllerAdvice
public class RequestBodyRulesAdvice extends RequestBodyAdviceAdapter {

	/**
	 * Custom editors come before Spring's defaults (the platform adds the same rule to
	 * the conversion service, for list elements).
	 */
	@InitBinder
	void strictUuids(WebDataBinder binder) {
		binder.registerCustomEditor(UUID.class, new StrictUuidEditor());
	}

	@Override
	public boolean supports(MethodParameter methodParameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		InvalidInputException violation = RequestBodyRules.violation(body);
		if (violation != null) {
			throw violation;
		}
		return body;
	}

}
