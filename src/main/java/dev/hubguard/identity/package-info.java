/**
 * Sign-in with CILogon or GitHub, mapping identities to staff and hub-admin roles, and
 * personal API tokens.
 */
package dev.hubguard.identity;
