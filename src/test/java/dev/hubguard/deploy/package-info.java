/**
 * Tests of what a provider deploys: the Kubernetes manifests, the access granted in
 * managed clusters, the container image and the compose file.
 */
package dev.hubguard.deploy;
