/**
 * The one XML/HTML text escape: for attribute values and content. Characters XML 1.0 forbids are dropped, so a
 * file name or label with control bytes cannot break a JUnit report or an SVG figure.
 */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
