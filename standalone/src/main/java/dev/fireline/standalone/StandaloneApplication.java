package dev.fireline.standalone;

import dev.fireline.api.ApiApplication;
import dev.fireline.worker.WorkerApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The api and the worker in one Spring context. */
@SpringBootApplication(scanBasePackageClasses = {ApiApplication.class, WorkerApplication.class})
public class StandaloneApplication {}
