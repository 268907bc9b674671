package dev.hubguard.notify;

import dev.hubguard.identity.Access;
import dev.hubguard.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's choices: for each kind of event and channel, at once, a digest or off. */
@Controller
class PreferencesPageController {

	private final Preferences preferences;

	private final Access access;

	PreferencesPageController(Preferences preferences, Access access) {
		this.preferences = preferences;
		this.access = access;
	}

	/** One row of the page: a kind and the mode chosen (or by default) per channel. */
	record Row(String kind, String label, String email, String portal) {
	}

	@GetMapping("/notifications/preferences")
	String show(Authentication who, Model model) {
		String person = Access.handle(who);
		boolean staffOnly = access.isStaff(who);
		Map<String, NoticeKind.Mode> chosen = preferences.chosen(person);
		List<Row> rows = new ArrayList<>();
		for (NoticeKind kind : NoticeKind.values()) {
			rows.add(new Row(kind.id(), kind.label(), mode(chosen, kind, "email", staffOnly),
					mode(chosen, kind, "portal", staffOnly)));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("modes", Arrays.stream(NoticeKind.Mode.values()).map(NoticeKind.Mode::id).toList());
		return "notify/preferences";
	}

	@PostMapping("/notifications/preferences")
	String save(Authentication who, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String mode,
			RedirectAttributes redirect) {
		NoticeKind chosenKind = NoticeKind.byId(kind == null ? "" : kind)
			.orElseThrow(() -> new InvalidInputException("kind", "Choose one of the kinds listed on the page."));
		if (!Preferences.CHANNELS.contains(channel)) {
			throw new InvalidInputException("channel", "The channel is email or portal.");
		}
		NoticeKind.Mode chosenMode = NoticeKind.Mode.byId(mode == null ? "" : mode)
			.filter(m -> channel.equals("email") || m == NoticeKind.Mode.NOW || m == NoticeKind.Mode.OFF)
			.orElseThrow(() -> new InvalidInputException("mode",
					"The mode is now, hourly, daily or off (the portal: now or off)."));
		String person = Access.handle(who);
		preferences.set(person, chosenKind, channel, chosenMode, person, "Changed notification settings");
		redirect.addFlashAttribute("notice", chosenKind.label() + " by " + channel + ": " + chosenMode.id() + ".");
		return "redirect:/notifications/preferences";
	}

	private static String mode(Map<String, NoticeKind.Mode> chosen, NoticeKind kind, String channel,
			boolean staffOnly) {
		NoticeKind.Mode mode = chosen.get(kind.id() + "/" + channel);
		return (mode == null ? Preferences.defaultMode(kind, channel, staffOnly) : mode).id();
	}

}
