// Committed plate ids by `plate|region`, so most reads skip the plates lookup. Bounded: when full it
// starts over (plates recur with a Zipf-like frequency, so the busy ones come back at once).
export class PlateIdCache {
  private readonly ids = new Map<string, number>();

  constructor(private readonly max = 500_000) {}

  static key(plate: string, region: string): string {
    return `${plate}|${region}`;
  }

  get(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** Adds ids once their transaction committed: a rolled-back id would point nowhere. */
  addAll(entries: Iterable<[string, number]>): void {
    for (const [key, id] of entries) {
      if (this.ids.size >= this.max) this.ids.clear();
      this.ids.set(key, id);
    }
  }

  /** Forgets one plate id (found deleted by a purge). */
  delete(key: string): void {
    this.ids.delete(key);
  }

  clear(): void {
    this.ids.clear();
  }
}
