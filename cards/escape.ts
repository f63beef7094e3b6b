/**
 * Text a person typed, made safe for a TextBlock. Teams renders a Markdown subset in TextBlocks, so
 * `**x**` would turn bold and `[a](http://b)` into a link; a backslash before each Markdown character
 * makes it print as written (CommonMark backslash escapes). Input values are not Markdown and need none.
 */
const SPECIAL = /[\\`*_{}[\]()#+\-.!<>|~]/g;

export function plainText(text: string): string {
  return text.replace(SPECIAL, (ch) => `\\${ch}`);
}
