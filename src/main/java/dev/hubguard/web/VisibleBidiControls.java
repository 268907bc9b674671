package dev.hubguard.web;

import dev.hubguard.shared.BidiControls;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Every page shows Unicode direction controls in text from outside (reasons, comments,
 * notes, labels) as visible marks ({@code [U+202E]}), in text and attribute values alike,
 * so that no text reads differently than it is. One post-processor for every template, so
 * a new page cannot forget it.
 */
@Component
class VisibleBidiControls extends AbstractDialect implements IPostProcessorDialect {

	VisibleBidiControls() {
		super("visible-bidi-controls");
	}

	@Override
	public int getDialectPostProcessorPrecedence() {
		return 1000;
	}

	@Override
	public Set<IPostProcessor> getPostProcessors() {
		return Set.of(new PostProcessor(TemplateMode.HTML, Handler.class, 1000));
	}

	/**
	 * Rewrites the text and attribute events that hold a control; the rest pass as they
	 * are.
	 */
	public static final class Handler extends AbstractTemplateHandler {

		@Override
		public void handleText(IText text) {
			super.handleText(BidiControls.contains(text)
					? getContext().getModelFactory().createText(BidiControls.visible(text)) : text);
		}

		@Override
		public void handleOpenElement(IOpenElementTag tag) {
			super.handleOpenElement(visibleAttributes(tag));
		}

		@Override
		public void handleStandaloneElement(IStandaloneElementTag tag) {
			super.handleStandaloneElement(visibleAttributes(tag));
		}

		private <T extends IProcessableElementTag> T visibleAttributes(T tag) {
			T result = tag;
			for (IAttribute attribute : tag.getAllAttributes()) {
				String value = attribute.getValue();
				if (BidiControls.contains(value)) {
					result = getContext().getModelFactory()
						.replaceAttribute(result, attribute.getAttributeDefinition().getAttributeName(),
								attribute.getAttributeCompleteName(), BidiControls.visible(value));
				}
			}
			return result;
		}

	}

}
