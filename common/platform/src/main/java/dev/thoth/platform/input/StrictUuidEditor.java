package dev.thoth.platform.input;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.convert.converter.Converter;

/**
 * Reads a UUID parameter only in its canonical form, as a property editor and as a
 * converter: a parameter is bound through one or the other depending on its type (a
 * list's elements may be converted, a single value edited). Spring's own turn a blank
 * value into null (so {@code ?paperId=%20} became a list holding null) and accept
 * abbreviations such as {@code 1-2-3-4-5}; here both are a 400 naming the parameter.
 */
public class StrictUuidEditor extends PropertyEditorSupport implements Converter<String, UUID> {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@Override
	public void setAsText(String text) {
		setValue(convert(text));
	}

	@Override
	public UUID convert(String text) {
		String value = (text != null) ? text.strip() : "";
		if (!CANONICAL.matcher(value).matches()) {
			throw new IllegalArgumentException("not a UUID");
		}
		return UUID.fromString(value);
	}

	@Override
	public String getAsText() {
		return (getValue() != null) ? getValue().toString() : "";
	}

}
