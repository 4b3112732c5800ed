// Job titles compare as the server compares them (purpose-authorizations.ts: titleKey): case and
// spacing do not matter.
const titleKey = (title: string): string => title.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export const titleAuthorized = (titles: readonly string[], jobTitle: string): boolean => titles.some((title) => titleKey(title) === titleKey(jobTitle));
