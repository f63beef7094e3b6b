import { DEFAULT_TIMESCALE_SETTINGS, type TimescaleSettings } from './settings.js';

/** Where each default comes from, as a user sees it beside the deadline. */
export const WORKING_TOGETHER = 'Working Together 2023';
export const DUDLEY = 'Dudley practice standards (seed 001)';
export const PORTSMOUTH = 'Portsmouth procedures (seed 002)';
export const dorset = (section: string): string => `Dorset chairing standards (seed 003 ${section})`;
export const CORNWALL = 'Cornwall parents’ guide (seed 004)';
export const AUTHORITY = 'Authority setting';

/** A document is named as the source only while the authority keeps the value that document sets. */
export const sourceOf = (s: TimescaleSettings, setting: keyof TimescaleSettings, source: string): string =>
  s[setting] === DEFAULT_TIMESCALE_SETTINGS[setting] ? source : AUTHORITY;

/** Minutes: 15 working days is Cornwall's rule (seed 004), 20 is Dorset's (seed 003 §4.7). */
export const minutesSource = (s: TimescaleSettings): string =>
  s.minutesWorkingDays === 15 ? CORNWALL : s.minutesWorkingDays === 20 ? dorset('§4.7') : AUTHORITY;
