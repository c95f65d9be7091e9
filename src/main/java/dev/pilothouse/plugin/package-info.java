/**
 * Plugin manifests: YAML files that describe the custom resources a cluster may have (cert-manager
 * Certificates, Argo CD Applications, ...) with table columns and documentation, loaded and
 * validated at start and listed for the UI, the resource browser and the assistant's index.
 */
@ApplicationModule(allowedDependencies = "platform")
package dev.pilothouse.plugin;

import org.springframework.modulith.ApplicationModule;
