/**
 * Layout, navigation, error pages, security headers and the portal-wide configuration.
 */
package dev.hubguard.web;
