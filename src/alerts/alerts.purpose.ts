// "An alert supplies its own purpose: the hit" (issue 5; invariant 1, R10, R21). Viewing or acting
// on an alert opens the purpose gate with a purpose built from the hit: case number HIT-<alert
// number>, category hotlist_verification, and a reason naming the list, why it is wanted and the
// camera. The list's own reason text is left out (it may be NCIC wording, which R21 keeps out of
// purposes); a candidate the purpose rules refuse (an odd list or camera name) falls back to a
// plainer one, so an alert can always be opened by an eligible user.
import type { PurposeInput } from '../access/purpose-rules.js';

export interface HitFacts {
  seq: number;
  category: string;
  listName: string;
  cameraName: string;
  capturedAt: number;
}

const clip = (text: string, max: number) => {
  const clean = text.replace(/[\r\n\t]+/g, ' ').replace(/["“”]/g, "'").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};
const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);

/** Candidate purposes for this hit, most specific first. */
export function hitPurposes(hit: HitFacts): PurposeInput[] {
  const caseNumber = `HIT-${hit.seq}`;
  const why = hit.category.replace(/_/g, ' ');
  const reasons = [
    `Hot-list alert ${caseNumber}: ${why} on list '${clip(hit.listName, 60)}', read by camera '${clip(hit.cameraName, 60)}' at ${hhmm(hit.capturedAt)} UTC; verifying the hit before acting`,
    `Hot-list alert ${caseNumber}: ${why} hit read by a camera at ${hhmm(hit.capturedAt)} UTC; verifying the hit before acting`,
    `Hot-list alert ${caseNumber} raised by a camera read; officer verifying the hit before acting on it`,
  ];
  return reasons.map((reason) => ({ caseNumber, category: 'hotlist_verification', reason }));
}
