/** The append-only audit log: who did what to which hub, and when. */
package dev.hubguard.audit;
