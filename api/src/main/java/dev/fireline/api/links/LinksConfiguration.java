package dev.fireline.api.links;

import dev.fireline.notify.email.LinkTokenConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The api verifies the links the worker mails, with the same {@code LinkTokens} bean definition.
 */
@Configuration(proxyBeanMethods = false)
@Import(LinkTokenConfiguration.class)
class LinksConfiguration {}
