/** Agency reports: the template, drafts and submissions, sharing with the family, the chair's reading list. */
export * from './reports/template.js';
export * from './reports/completeness.js';
export * from './reports/report.js';
export * from './reports/sharing.js';
export * from './reports/reading-list.js';
export * from './reports/readiness.js';
