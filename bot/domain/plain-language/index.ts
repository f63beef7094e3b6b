export { checkPlainLanguage, CheckOptions } from './check.js';
export type { CheckOptionsInput, Finding, FindingKind, PlainLanguageReport } from './check.js';
export { GLOSSARY, GlossaryEntry, extendGlossary, glossaryKey } from './glossary.js';
export type { GlossaryKind } from './glossary.js';
export { compileGlossary } from './matcher.js';
