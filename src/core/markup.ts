/** Text inside XML, SVG and HTML (attributes and content): the one escape function every report uses. */

/** Escapes markup and both quotes, and drops the characters XML 1.0 forbids (control characters, U+FFFE/FFFF). */
export function escapeMarkup(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The text escapeMarkup escaped (its five entities back to characters; `&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function unescapeMarkup(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
