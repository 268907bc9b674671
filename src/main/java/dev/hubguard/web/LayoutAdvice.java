package dev.hubguard.web;

import dev.hubguard.identity.Access;
import dev.hubguard.identity.Identity;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in, their hubs for the navigation, and
 * the demo banner.
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

	@ModelAttribute("demo")
	boolean demo() {
		return demo;
	}

	@ModelAttribute("me")
	MeView me() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return Access.identity(authentication).map(identity -> me(authentication, identity)).orElse(null);
	}

	/**
	 * The header's hub menu; empty for a person with more hubs than a menu can hold
	 * (staff see a hundred), whose header links to the searchable all-hubs table instead.
	 */
	@ModelAttribute("navHubs")
	List<HubView> navHubs() {
		List<dev.hubguard.hub.CatalogueHub> hubs = access
			.visibleHubs(SecurityContextHolder.getContext().getAuthentication());
		return hubs.size() > MENU_MAX ? List.of() : hubs.stream().map(HubView::of).toList();
	}

	MeView me(Authentication authentication, Identity identity) {
		return new MeView(identity.handle(), identity.displayName(), identity.provider().id(),
				access.role(authentication).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
				access.visibleHubs(authentication).size());
	}

}
