/**
 * Capitalised tokens that are not in the glossary but read as ordinary English, so they are not
 * reported as unknown acronyms. GP, NHS, A&E, DNA and COVID are everyday words in England: the NHS
 * itself uses "GP" in letters to patients, and "see your GP" needs no explanation to a parent.
 */
const EVERYDAY = new Set(
  [
    // Abbreviations people use in ordinary speech
    'OK TV UK USA EU NHS GP DNA COVID BBC CCTV DVD PIN PDF ID IT PE MP PC AM PM FAQ SMS HR CV ATM DIY PS',
    'RSVP URL IQ MR MRS MS MISS DR',
    // Months and days
    'JAN FEB MAR APR MAY JUN JUNE JUL JULY AUG SEP SEPT OCT NOV DEC MON TUE TUES WED THU THUR THURS FRI SAT SUN',
    // Short English words typed in capitals for emphasis ("DO NOT", "NO visits")
    'NO NOT DO DONT AND OR THE TO OF IS ON IN AT BE GO HE ME MY SO UP WE AN AS BY IF US YES YOU ALL CAN HER',
    'HIM HIS SHE WAS ARE BUT FOR NOW NEW MUST NEVER ONLY ALONE STOP HELP URGENT',
  ]
    .join(' ')
    .split(' '),
);

// Roman numerals up to 89 ("Part II", "Year IV"); C, D and M are left out so "DC" and "MD" still count.
const ROMAN = /^(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/u;
// Two to six capitals standing alone; "&" and an apostrophe before it rule out "A&E", "AT&T", "O'NEILL".
const CANDIDATE = /(?<![\p{L}\p{N}\p{M}_&'’])([A-Z]{2,6})(?:['’]?s)?(?![\p{L}\p{N}\p{M}_&])/gu;
// Three or more capitalised words in a row are a heading or shouting, not a string of acronyms.
const SHOUTING = /(?<![\p{L}\p{N}])[A-Z]+(?:[ \t,]+[A-Z]+){2,}(?![\p{L}\p{N}\p{M}])/gu;

export interface Span {
  start: number;
  end: number;
}

/** Capitalised tokens that look like acronyms a reader may not know. */
export function findUnknownAcronyms(text: string): (Span & { letters: string })[] {
  const shouting: Span[] = [];
  for (const m of text.matchAll(SHOUTING)) shouting.push({ start: m.index, end: m.index + m[0].length });
  const found: (Span & { letters: string })[] = [];
  let s = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const letters = m[1] ?? '';
    if (EVERYDAY.has(letters) || ROMAN.test(letters)) continue;
    while (s < shouting.length && (shouting[s]?.end ?? 0) <= m.index) s++;
    const run = shouting[s];
    if (run && run.start <= m.index) continue;
    found.push({ start: m.index, end: m.index + m[0].length, letters });
  }
  return found;
}
