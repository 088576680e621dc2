/**
 * The one rule for which option, header and config names hold secrets. The client masks their
 * values in logs and files; the HTML report blanks them as a second fence.
 *
 * @module
 */

const SECRET_KEY = /(^|[_-])(api[_-]?key|authorization|token|secret|password|cookie)$/i;

/** True for option or header names that hold secrets (`api_key`, `Authorization`, `x-auth-token`…). */
export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name) || /^(bearer|auth)/i.test(name);
}
