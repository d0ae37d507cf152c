export { TemplateError, TemplateErrorCode } from './errors';
export { RDN_ATTRIBUTES, findRdnAttribute, type RdnAttributeName } from './attributes';
export {
  TEMPLATE_VARIABLES,
  findVariable,
  type TemplateContext,
  type TemplateDevice,
  type TemplateUser,
  type TemplateVariable,
} from './variables';
export { renderSubject, parseDn, formatDn, type DnAttribute, type Rdn, type RenderedSubject } from './subject';
export { renderSans, SAN_TYPES, type RenderedSan, type SanTemplate, type SanType } from './san';
export {
  compareSubjects,
  compareSans,
  type ComparableDn,
  type SanComparison,
  type SubjectComparison,
  type SubjectDifference,
} from './compare';
