// The sharing room's typed calls (issue 8). Every shape comes from the server's TypeBox schemas
// (src/sharing/sharing.schemas.ts) through Static<>; imports from src/ are type-only.
import type { Static } from 'typebox';
import type * as Sharing from '../../../src/sharing/sharing.schemas.js';
import type { RequestForm as RequestFormSchema } from '../../../src/sharing/sharing.routes.js';
import { ApiError, call, query, segment } from '../api/http.js';

export type AgencyKind = (typeof import('../../../src/sharing/sharing.eligibility.js'))['AGENCY_KINDS'][number];
export type Agency = Omit<Static<typeof Sharing.AgencyView>, 'kind'> & { kind: AgencyKind };
export type AgencyInput = Omit<Static<typeof Sharing.AgencyInput>, 'kind'> & { kind: AgencyKind };
export type Agreement = Static<typeof Sharing.AgreementView>;
export type AgreementInput = Static<typeof Sharing.AgreementInput>;
export type RequestStatus = 'pending' | 'approved' | 'denied' | 'fulfilled';
export type SharingRequest = Omit<Static<typeof Sharing.RequestView>, 'status' | 'source' | 'agency'> & {
  status: RequestStatus;
  source: 'entered' | 'link';
  agency: { id: string; name: string; kind: AgencyKind };
};
export type RequestInput = Static<typeof Sharing.RequestInput>;
export type LinkRequestInput = Static<typeof Sharing.LinkRequestInput>;
export type Transfer = Omit<Static<typeof Sharing.TransferView>, 'method'> & { method: 'download' | 'email' };
export type ManualTransferInput = Static<typeof Sharing.ManualTransferInput>;
export type IssuedLink = Static<typeof Sharing.IssuedLink>;
export type LinkInfo = Static<typeof Sharing.LinkInfo>;
export type RecordsKind = (typeof Sharing.RECORDS_REQUEST_KINDS)[number];
export type RecordsOutcome = (typeof Sharing.RECORDS_OUTCOMES)[number];
export type RecordsRequest = Omit<Static<typeof Sharing.RecordsRequestView>, 'kind' | 'outcome'> & { kind: RecordsKind; outcome: RecordsOutcome };
export type RecordsRequestInput = Omit<Static<typeof Sharing.RecordsRequestInput>, 'kind'> & { kind: RecordsKind };
export type RecordsOutcomeInput = Omit<Static<typeof Sharing.RecordsOutcomeInput>, 'outcome'> & { outcome: RecordsOutcome };
export type SharingHistory = Static<typeof Sharing.SharingHistory>;
export type SharingPolicy = Static<typeof Sharing.SharingPolicyView>;
export type RequestForm = Static<typeof RequestFormSchema>;

const requestPath = (id: string) => `/sharing/requests/${segment(id)}`;

export const sharingApi = {
  policy: () => call<SharingPolicy>('GET', '/sharing/policy'),
  agencies: async () => (await call<{ agencies: Agency[] }>('GET', '/sharing/agencies')).agencies,
  createAgency: (input: AgencyInput) => call<Agency>('POST', '/sharing/agencies', input),
  agreements: async () => (await call<{ agreements: Agreement[] }>('GET', '/sharing/agreements')).agreements,
  createAgreement: (input: AgreementInput) => call<Agreement>('POST', '/sharing/agreements', input),
  createLink: (agencyId: string, expiresInHours?: number) => call<IssuedLink>('POST', '/sharing/links', { agencyId, ...(expiresInHours ? { expiresInHours } : {}) }),
  requestForm: () => call<RequestForm>('GET', '/sharing/request-form'),
  requests: async (status?: RequestStatus) => (await call<{ requests: SharingRequest[] }>('GET', `/sharing/requests${query({ status })}`)).requests,
  createRequest: (input: RequestInput) => call<SharingRequest>('POST', '/sharing/requests', input),
  decide: (id: string, decision: 'approve' | 'deny', reason: string) => call<SharingRequest>('POST', `${requestPath(id)}/decision`, { decision, reason }),
  recordTransfer: (id: string, input: ManualTransferInput) => call<Transfer>('POST', `${requestPath(id)}/transfers`, input),
  transfers: async () => (await call<{ transfers: Transfer[] }>('GET', '/sharing/transfers')).transfers,
  history: () => call<SharingHistory>('GET', '/sharing/history'),
  records: async () => (await call<{ records: RecordsRequest[] }>('GET', '/sharing/records-requests')).records,
  createRecords: (input: RecordsRequestInput) => call<RecordsRequest>('POST', '/sharing/records-requests', input),
  recordOutcome: (id: string, input: RecordsOutcomeInput) => call<RecordsRequest>('POST', `/sharing/records-requests/${segment(id)}/outcome`, input),
  // The public link: no session; the link shows no data and takes one request.
  linkInfo: (token: string) => call<LinkInfo>('GET', `/sharing/links/${segment(token)}`, undefined, { expect401: true }),
  submitViaLink: (token: string, input: LinkRequestInput) => call<{ id: string; status: 'pending' }>('POST', `/sharing/links/${segment(token)}/request`, input, { expect401: true }),

  /**
   * Releases an approved request: the server opens the purpose gate with the request's own purpose,
   * logs the access and the transfer, and answers with the ZIP, saved here as a download.
   */
  async release(id: string, recipient: string): Promise<{ transferId: string; destructionDue: string }> {
    let response: Response;
    try {
      response = await fetch(`/api/v1${requestPath(id)}/release`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/zip, application/json' },
        body: JSON.stringify({ recipient }),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The server did not answer. Check the connection and try again.');
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as { error?: { id: string; message: string; field?: string } } | undefined;
      throw body?.error ? new ApiError(response.status, body.error.id, body.error.message, body.error.field) : new ApiError(response.status, 'unexpected_answer', `The server answered ${response.status}; try again.`);
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'release.zip';
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    return { transferId: response.headers.get('x-transfer-id') ?? '', destructionDue: response.headers.get('x-destruction-due') ?? '' };
  },
};

export const KIND_LABELS: Record<AgencyKind, string> = {
  ca_law_enforcement: 'California law enforcement',
  ca_prosecutor: 'California prosecutor',
  ca_public_agency_other: 'Other California public agency',
  federal: 'Federal agency',
  out_of_state: 'Out-of-state agency',
  private: 'Private entity',
};
export const AGENCY_KINDS = Object.keys(KIND_LABELS) as AgencyKind[];

export const RECORDS_KIND_LABELS: Record<RecordsKind, string> = {
  public_records_act: 'Public Records Act request',
  subpoena: 'Subpoena',
  litigation: 'Litigation / discovery',
  other: 'Other',
};
export const OUTCOME_LABELS: Record<RecordsOutcome, string> = {
  pending: 'Pending',
  withheld_exempt: 'Withheld (exempt or privileged)',
  released_deidentified: 'Released, de-identified',
  released: 'Released',
  withdrawn: 'Withdrawn',
  other: 'Other',
};
