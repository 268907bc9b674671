/** The few types every feature shares: the exceptions that become 404 and 400 answers. */
package dev.hubguard.shared;
