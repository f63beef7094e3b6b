/** Report links: the signed token, the link's own rules, the form's fields, escaping and the request limit. */
import { SignJWT } from 'jose';
import { linkExpiry, linkRefusal, revoke, type ReportLink } from '../../bot/domain/report-links.js';
import { contentFromForm, formFor } from '../../bot/domain/reports/form-fields.js';
import { parseReportContent } from '../../bot/domain/reports.js';
import { escapeHtml } from '../../bot/http/html.js';
import { REPORT_LINK_AUDIENCE, reportLinkTokens } from '../../bot/http/report-link-token.js';
import { createRequestLimiter } from '../../bot/http/request-limiter.js';

const SECRET = 'a-fictional-secret-of-more-than-32-characters';
const NOW = new Date('2026-12-01T09:00:00Z');
const link = (over: Partial<ReportLink> = {}): ReportLink => ({
  id: '6f1c2b9e-2f6a-4c1e-9d7b-0a1b2c3d4e5f',
  conferenceId: '11111111-1111-4111-8111-111111111111',
  purpose: 'agency-report',
  inviteeId: '22222222-2222-4222-8222-222222222222',
  familyMemberId: null,
  createdBy: 'Casey Chair (fictional)',
  createdAt: NOW.toISOString(),
  expiresAt: linkExpiry(NOW, 14).toISOString(),
  revokedAt: null,
  revokedBy: null,
  lastUsedAt: null,
  ...over,
});

describe('the signed token', () => {
  const tokens = reportLinkTokens(SECRET);

  test('a token made for a link opens it until it expires, and is the same each time it is made', async () => {
    const token = await tokens.sign(link());
    expect(await tokens.sign(link())).toBe(token);
    expect(await tokens.verify(token, NOW)).toEqual({ linkId: link().id });
    expect(await tokens.verify(token, new Date('2026-12-15T08:59:59Z'))).toEqual({ linkId: link().id });
    expect(await tokens.verify(token, new Date('2026-12-15T09:00:01Z'))).toBe('expired');
  });

  test('a tampered token, another secret, another audience or another algorithm is refused', async () => {
    const token = await tokens.sign(link());
    const [h, p, s] = token.split('.') as [string, string, string];
    const otherId = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), jti: link().inviteeId }),
    ).toString('base64url');
    expect(await tokens.verify(`${h}.${otherId}.${s}`, NOW)).toBe('invalid');
    expect(await tokens.verify(`${h}.${p}.${s.slice(0, -2)}AA`, NOW)).toBe('invalid');
    expect(await tokens.verify(await reportLinkTokens(`${SECRET}-other`).sign(link()), NOW)).toBe('invalid');
    const key = new TextEncoder().encode(SECRET);
    const exp = Math.floor(NOW.getTime() / 1000) + 3600;
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(link().id)
      .setAudience('roundtable-something-else')
      .setExpirationTime(exp)
      .sign(key);
    expect(await tokens.verify(wrongAudience, NOW)).toBe('invalid');
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setJti(link().id)
      .setAudience(REPORT_LINK_AUDIENCE)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(SECRET.repeat(2)));
    expect(await tokens.verify(hs512, NOW)).toBe('invalid');
    const noExpiry = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(link().id)
      .setAudience(REPORT_LINK_AUDIENCE)
      .sign(key);
    expect(await tokens.verify(noExpiry, NOW)).toBe('invalid');
    expect(await tokens.verify('not-a-token', NOW)).toBe('invalid');
    expect(await tokens.verify('x'.repeat(5000), NOW)).toBe('invalid');
  });
});

describe('the link record decides', () => {
  test('a link opens only while it exists, is not revoked, has not expired, for its own conference', () => {
    expect(linkRefusal(link(), NOW)).toBeNull();
    expect(linkRefusal(link(), NOW, link().conferenceId)).toBeNull();
    expect(linkRefusal(undefined, NOW)).toBe('unknown');
    expect(linkRefusal(link(), NOW, '33333333-3333-4333-8333-333333333333')).toBe('other-conference');
    expect(linkRefusal(link(), new Date('2026-12-15T09:00:00Z'))).toBe('expired');
    const revoked = revoke(link(), 'Casey Chair (fictional)', NOW);
    expect(linkRefusal(revoked, NOW)).toBe('revoked');
    // Revoking again keeps who revoked it first, and when.
    expect(revoke(revoked, 'Someone Else', new Date('2026-12-02T09:00:00Z'))).toEqual(revoked);
  });
});

describe('the form comes from the template', () => {
  test('an agency report shows every section of the template with its labels and limits', () => {
    const form = formFor('agency');
    expect(form.map((s) => s.title)).toEqual([
      'Your agency',
      'What is working well',
      'What we are worried about',
      'The child',
      'What needs to happen',
      'Safety scale',
      'Sharing this report with the family',
    ]);
    const harm = form[2]!.fields.find((f) => f.path === 'worries.harm');
    expect(harm).toMatchObject({ type: 'text', maxLength: 8000, multiline: true, required: true });
    expect(form[4]).toMatchObject({ repeat: { max: 30 } });
    expect(form[5]!.fields[0]).toMatchObject({ type: 'number', min: 0, max: 10 });
    expect(form[6]!.fields[0]).toMatchObject({ path: 'sharedWithFamily.sharedOn', type: 'date' });
  });

  test('the family’s form asks for their own views only', () => {
    const form = formFor('family-views');
    expect(form).toHaveLength(1);
    expect(form[0]!.fields.map((f) => f.label)).toEqual([
      'What is working well',
      'What worries you',
      'What you would like to happen',
      'Anything else you want to say',
    ]);
  });

  test('form values become content exactly as typed; empty fields and empty rows are left out', () => {
    const typed = '  <b>kept</b>\r\n as typed 👩‍👧 ';
    const values = new URLSearchParams([
      ['worries.harm', typed],
      ['worries.risks', ''],
      ['child.obtainedBy', 'letter'],
      ['child.obtainedBy', 'video'],
      ['safetyScale.score', '7'],
      ['recommendations.0.what', ''],
      ['recommendations.1.what', 'Book the check'],
      ['recommendations.1.who', 'Hana'],
      ['unexpected.field', 'ignored'],
    ]);
    const content = contentFromForm('agency', values);
    expect(content).toEqual({
      worries: { harm: typed },
      child: { obtainedBy: ['letter', 'video'] },
      safetyScale: { score: 7 },
      recommendations: [{ what: 'Book the check', who: 'Hana' }],
    });
    expect(parseReportContent(content)).toEqual(content);
  });

  test('a score that is not a whole number reaches the parser, which names the field', () => {
    const content = contentFromForm('agency', new URLSearchParams([['safetyScale.score', 'seven']]));
    expect(() => parseReportContent(content)).toThrow('The report has problems');
  });
});

test('escapeHtml shows any text as text', () => {
  expect(escapeHtml('<script>alert("x")</script> & \'q\'')).toBe(
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
  );
  expect(escapeHtml('**Markdown** 👩‍👧 مرحبا')).toBe('**Markdown** 👩‍👧 مرحبا');
  expect(escapeHtml(undefined)).toBe('');
  expect(escapeHtml(7)).toBe('7');
});

test('the request limit refuses the request over the limit and says when to come back', () => {
  let t = 0;
  const limiter = createRequestLimiter(60_000, () => t);
  const rules = [
    { key: 'link:a', limit: 2 },
    { key: 'addr:1', limit: 3 },
  ];
  expect(limiter.take(rules)).toEqual({ ok: true });
  t = 10_000;
  expect(limiter.take(rules)).toEqual({ ok: true });
  expect(limiter.take(rules)).toEqual({ ok: false, retryAfterSeconds: 50 });
  // Another link from the same address still has room, until the address is full.
  expect(limiter.take([{ key: 'link:b', limit: 2 }, rules[1]!])).toEqual({ ok: true });
  expect(limiter.take([{ key: 'link:c', limit: 2 }, rules[1]!])).toEqual({
    ok: false,
    retryAfterSeconds: 50,
  });
  t = 60_000;
  expect(limiter.take(rules)).toEqual({ ok: true });
});
