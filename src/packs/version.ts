/**
 * Pack versions (semantic versions, the schema checks their form) only move forward: a server
 * that serves an older pack, by mistake or by an attacker replaying a signed old one, is refused.
 */
import compare from 'semver/functions/compare';

/** Negative when a is older than b, zero when the same, positive when newer (semver precedence). */
export function compareVersions(a: string, b: string): number {
  return compare(a, b);
}
