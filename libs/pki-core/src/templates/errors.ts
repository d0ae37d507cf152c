/** Why a template could not be rendered; the wire value is the key, the text says what to fix. */
export const TemplateErrorCode = {
  unknownVariable: 'the template names a variable Intune does not define',
  emptyValue: 'a variable or attribute renders empty for this user or device',
  malformedTemplate: 'the template is not well-formed (braces, separators, attribute syntax)',
  unknownAttribute: 'the subject names an RDN attribute type that is not allowed',
  invalidValue: 'a rendered value cannot be used (control characters, bad DN, bad e-mail or DNS name)',
} as const;
export type TemplateErrorCode = keyof typeof TemplateErrorCode;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';

  constructor(
    readonly code: TemplateErrorCode,
    /** What was wrong, naming the variable or attribute, e.g. `{{SerialNumber}} is empty for device d-1`. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
  }
}
