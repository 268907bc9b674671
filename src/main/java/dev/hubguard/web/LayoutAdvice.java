package dev.hubguard.web;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in, their hubs for the navigation, and
 * the demo banner. The person's visible hubs are computed once per page; the JSON API
 * renders no layout, so its requests skip all of it.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	/** The most hubs the header's menu lists. */
	static final int MENU_MAX = 12;

	private final Access access;

	private final boolean demo;

	LayoutAdvice(Access access, @Value("${hubguard.demo.active:false}") boolean demo) {
		this.access = access;
		this.demo = demo;
	}

	/**
	 * {@code demo}: the banner; {@code me}: the signed-in person (null for anyone else);
	 * {@code navHubs}: the header's hub menu, empty for a person with more hubs than a
	 * menu can hold (staff see a hundred), whose header links to the searchable all-hubs
	 * table instead.
	 */
	@ModelAttribute
	void layout(HttpServletRequest request, Model model) {
		if (!request.getRequestURI().startsWith("/api/")) {
			addTo(model::addAttribute);
		}
	}

	/** Adds the layout's attributes (an error page adds them to its own model). */
	void addTo(BiConsumer<String, Object> model) {
		model.accept("demo", demo);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Identity identity = Access.identity(authentication).orElse(null);
		if (identity == null) {
			model.accept("me", null);
			model.accept("navHubs", List.of());
			return;
		}
		List<CatalogueHub> hubs = access.visibleHubs(authentication);
		model.accept("me", me(authentication, identity, hubs));
		model.accept("navHubs", hubs.size() > MENU_MAX ? List.of() : hubs.stream().map(HubView::of).toList());
	}

	MeView me(Authentication authentication, Identity identity, List<CatalogueHub> visibleHubs) {
		return new MeView(identity.handle(), identity.displayName(), identity.provider().id(),
				access.role(authentication, visibleHubs).name().toLowerCase(Locale.ROOT).replace('_', '-'),
				visibleHubs.size());
	}

}
