package dev.hubguard.identity;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The public URL, and the filter that makes every request see it, before all others. */
@Configuration(proxyBeanMethods = false)
class PublicUrlConfiguration {

	@Bean
	PublicUrl publicUrl(PublicUrlProperties properties) {
		return new PublicUrl(properties);
	}

	@Bean
	FilterRegistrationBean<PublicUrlFilter> publicUrlFilter(PublicUrl publicUrl) {
		FilterRegistrationBean<PublicUrlFilter> registration = new FilterRegistrationBean<>(
				new PublicUrlFilter(publicUrl));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

}
