package dev.hubguard.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How every JSON body is read: a key given twice, a fraction where a whole number is
 * expected, any value of another JSON type than the field's ({@code true} or {@code 1.5}
 * for text, {@code 0} or {@code "true"} for a switch, {@code "7"} for a number), and text
 * that cannot be stored (a NUL character, half of a surrogate pair) are refused, and
 * answered as a 400 naming the field by {@link ErrorAdvice}, so none of them reaches a
 * service or the database.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

	/** Why text cannot be stored. */
	enum Refusal {

		/** PostgreSQL cannot store U+0000 in text. */
		NUL,
		/**
		 * Half of a UTF-16 surrogate pair: no character, so UTF-8 (and PostgreSQL) would
		 * store '?'.
		 */
		LONE_SURROGATE

	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			// Numbers and switches only from JSON numbers and true/false, not from text
			// ...
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			// ... and text only from JSON strings, not from numbers or true/false.
			.withCoercionConfig(LogicalType.Textual,
					text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("hubguard-text").addDeserializer(String.class, new StorableText()));
	}

	/** Why {@code text} cannot be stored; null when it can. */
	static Refusal refusal(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return Refusal.NUL;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return Refusal.LONE_SURROGATE;
			}
		}
		return null;
	}

	/**
	 * Strings as Jackson reads them, except that text which cannot be stored is refused.
	 */
	static final class StorableText extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			Refusal refusal = value == null ? null : refusal(value);
			if (refusal != null) {
				throw InvalidFormatException.from(parser, refusal.name(), value, String.class);
			}
			return value;
		}

	}

}
