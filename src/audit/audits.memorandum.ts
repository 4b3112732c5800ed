// The audit memorandum (R26, R27): to the profile's recipient (e.g. the Chief of Police), from the
// auditor, with the period, the sample, the findings, the data errors to correct (R28), who audited
// and who approved, where it is filed and how long it is kept. One model, two renderings: HTML for
// the screen, PDF (pdfkit) for filing.
import PDFDocument from 'pdfkit';
import type { AuditDetail } from './audits.service.js';

export interface MemorandumModel {
  agency: string;
  to: string;
  from: string;
  date: string;
  subject: string;
  period: string;
  method: string;
  rows: { n: number; when: string; who: string; action: string; purpose: string; checks: string; notes: string }[];
  findings: string[];
  dataErrors: string[];
  outcome: string;
  signed: string;
  approved: string;
  filing: string;
}

const day = (ms: number | null): string => (ms === null ? '—' : new Date(Number(ms)).toISOString().slice(0, 10));
const yes = (value: boolean) => (value ? 'yes' : 'NO');

export function memorandumModel(detail: AuditDetail, agency: string): MemorandumModel {
  const { audit, samples } = detail;
  const kind = audit.kind === 'outside' ? `Outside-agency audit by ${audit.outsideAgency ?? 'an outside agency'}` : 'Internal audit';
  const rows = samples.map((sample) => {
    const entry = sample.entry;
    const d = sample.decision;
    return {
      n: sample.position + 1,
      when: entry ? new Date(entry.at).toISOString().replace('T', ' ').slice(0, 16) : '—',
      who: entry?.actorUsername ?? '—',
      action: entry?.action ?? '(entry missing)',
      purpose: entry ? `${entry.purposeCase ?? 'no case'} · ${entry.purposeCategory} · ${entry.purposeReason}` : '—',
      checks: d ? `specific: ${yes(d.purposeSpecific)}; case real: ${yes(d.caseNumberReal)}; matched: ${yes(d.searchMatchedPurpose)}` : 'not decided',
      notes: [d?.notes, d?.dataErrors ? `Data error: ${d.dataErrors}` : undefined].filter(Boolean).join(' '),
    };
  });
  const findings = samples
    .filter((sample) => sample.compliant === false)
    .map((sample) => {
      const d = sample.decision!;
      const failed = [!d.purposeSpecific && 'the purpose was not specific', !d.caseNumberReal && 'the case number could not be confirmed', !d.searchMatchedPurpose && 'the search did not match the purpose'].filter(Boolean).join(', ');
      return `Inquiry ${sample.position + 1} (${sample.entry?.action ?? 'entry'} by ${sample.entry?.actorUsername ?? 'unknown'}): ${failed}.${d.notes ? ` ${d.notes}` : ''}`;
    });
  const dataErrors = [
    ...samples.filter((sample) => sample.decision?.dataErrors).map((sample) => `Inquiry ${sample.position + 1}: ${sample.decision!.dataErrors!}`),
    ...(audit.dataErrors ? [audit.dataErrors] : []),
  ];
  return {
    agency,
    to: audit.memorandumTo,
    from: `${audit.signedBy ?? audit.startedBy}, ${audit.auditorTitle}${audit.outsideAgency ? ` (${audit.outsideAgency})` : ''}`,
    date: day(audit.signedAt ?? audit.startedAt),
    subject: `ALPR detection-browsing audit, ${day(audit.periodFrom)} to ${day(audit.periodTo)}`,
    period: `${day(audit.periodFrom)} to ${day(audit.periodTo)}`,
    method: `${kind}. ${samples.length} of ${audit.population} inquiries in the period were selected at random (seed ${audit.seed}, access-log entries up to #${audit.populationUpToSeq}${audit.draws > 1 ? `, draw ${audit.draws}: earlier draws and their reasons are in the access log` : ''}). ${audit.population < audit.sampleSize ? ` Only ${audit.population} inquiries were made in the period, fewer than the policy's sample of ${audit.sampleSize}: all were checked.` : ''} For each, the auditor checked that the stated purpose was specific, the case number real, and the search matched the purpose.`,
    rows,
    findings: findings.length > 0 ? findings : ['Every sampled inquiry met the policy.'],
    dataErrors: dataErrors.length > 0 ? dataErrors : ['None found.'],
    outcome: audit.outcome === null ? 'In progress' : audit.outcome === 'compliant' ? 'Compliant' : `Findings: ${detail.nonCompliant} of ${samples.length} inquiries did not meet the policy`,
    signed: audit.signedAt ? `${audit.signedBy ?? ''}, ${audit.auditorTitle}, on ${day(audit.signedAt)}${audit.summary ? `. Summary: ${audit.summary}` : ''}` : 'Not signed yet',
    approved: audit.approvedAt ? `${audit.approvedBy ?? ''}, for the ${audit.memorandumTo}, on ${day(audit.approvedAt)}` : `Awaiting approval by the ${audit.memorandumTo}`,
    filing: `Filed with the ${audit.filedWith}; kept until ${day(audit.keepUntil)} (R27).`,
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function memorandumHtml(m: MemorandumModel): string {
  const list = (items: string[]) => `<ul>${items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
  const rows = m.rows
    .map((r) => `<tr><td>${r.n}</td><td>${escape(r.when)}</td><td>${escape(r.who)}</td><td>${escape(r.action)}</td><td>${escape(r.purpose)}</td><td>${escape(r.checks)}</td><td>${escape(r.notes)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(m.subject)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .4rem;vertical-align:top;text-align:left}dt{font-weight:600}</style></head>
<body><h1>Memorandum</h1><p>${escape(m.agency)}</p>
<dl><dt>To</dt><dd>${escape(m.to)}</dd><dt>From</dt><dd>${escape(m.from)}</dd><dt>Date</dt><dd>${escape(m.date)}</dd><dt>Subject</dt><dd>${escape(m.subject)}</dd></dl>
<h2>Period and method</h2><p>${escape(m.method)}</p>
<h2>Sample</h2><table><thead><tr><th>#</th><th>When (UTC)</th><th>User</th><th>Action</th><th>Stated purpose</th><th>Checks</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Findings</h2>${list(m.findings)}
<h2>Data errors to correct</h2>${list(m.dataErrors)}
<h2>Outcome</h2><p>${escape(m.outcome)}</p>
<h2>Signatures</h2><dl><dt>Audited by</dt><dd>${escape(m.signed)}</dd><dt>Approved by</dt><dd>${escape(m.approved)}</dd></dl>
<p>${escape(m.filing)}</p></body></html>`;
}

/** The memorandum as a PDF. `compress: false` leaves the text readable in the file (tests). */
export function memorandumPdf(m: MemorandumModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolvePdf, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 54, compress: options.compress ?? true, info: { Title: m.subject, Author: m.from } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text('MEMORANDUM');
    doc.font('Helvetica').fontSize(10).text(m.agency).moveDown();
    for (const [label, value] of [['TO', m.to], ['FROM', m.from], ['DATE', m.date], ['SUBJECT', m.subject]] as const) {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
    }
    const heading = (text: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(text).font('Helvetica').fontSize(10);
    heading('Period and method');
    doc.text(m.method);
    heading('Sample');
    for (const r of m.rows) {
      doc.font('Helvetica-Bold').text(`${r.n}. ${r.when} · ${r.who} · ${r.action}`).font('Helvetica');
      doc.text(`Purpose: ${r.purpose}`, { indent: 12 });
      doc.text(`Checks: ${r.checks}`, { indent: 12 });
      if (r.notes) doc.text(`Notes: ${r.notes}`, { indent: 12 });
    }
    heading('Findings');
    for (const item of m.findings) doc.text(`• ${item}`);
    heading('Data errors to correct');
    for (const item of m.dataErrors) doc.text(`• ${item}`);
    heading('Outcome');
    doc.text(m.outcome);
    heading('Signatures');
    doc.text(`Audited by: ${m.signed}`);
    doc.text(`Approved by: ${m.approved}`);
    doc.moveDown().text(m.filing);
    doc.end();
  });
}
