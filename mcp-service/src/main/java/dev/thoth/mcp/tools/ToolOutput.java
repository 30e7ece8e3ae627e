package dev.thoth.mcp.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type of a tool's structured result: its JSON schema is the tool's
 * {@code outputSchema}. The method returns a {@code CallToolResult} whose
 * {@code structuredContent} is that type, so it can say the same in readable text.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ToolOutput {

	Class<?> value();

}
