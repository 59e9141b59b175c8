package dev.fireline.notify;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Provider settings and verification results, shared by the api and the worker (defined once). */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

  @Bean
  ProviderSettings providerSettings(Environment environment) {
    return ProviderSettings.from(environment);
  }

  @Bean
  ProviderVerification providerVerification() {
    return new ProviderVerification();
  }
}
