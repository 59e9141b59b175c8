package dev.fireline.worker;

import dev.fireline.notify.Channel;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.LogChannel;
import dev.fireline.notify.Notifier;
import dev.fireline.policy.ConfiguredDirectory;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The activity beans the worker registers (by name, in {@code spring.temporal.workers}). */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  @Bean
  Notifier notifier(DeliveryLog deliveryLog, List<Channel> channels) {
    return new Notifier(deliveryLog, channels, new LogChannel());
  }

  @Bean
  LogChannel logChannel() {
    return new LogChannel();
  }

  @Bean
  ConfiguredDirectory directory(DirectoryProperties properties) {
    return new ConfiguredDirectory(properties.recipients(), properties.policies());
  }
}
