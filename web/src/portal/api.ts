// What the portal reads besides the catalog (api/catalog.ts) and the hall
// boards (api/screen.ts): the list of halls and community points.
import { listGuides, getGuideOffers, type Offer } from '@/api/catalog';
import { sitesFromOffers, type PortalSite } from './sites';

// Runs `task` over `inputs`, at most `limit` at a time, keeping the order.
export async function mapLimited<T, R>(inputs: readonly T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(inputs.length);
  let next = 0;
  async function worker() {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await task(inputs[i] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return out;
}

let cached: Promise<PortalSite[]> | null = null;

// The halls and community points. There is no public site list yet (issue 11
// asks for GET /api/public/sites with positions): until then the sites are
// gathered from the implementation lists of the items in force, one request
// per item, six at a time, once per visit. Sites have no position this way.
export function listSites(): Promise<PortalSite[]> {
  if (!cached) {
    cached = (async () => {
      const { items } = await listGuides();
      const lists = await mapLimited(items, 6, (item) => getGuideOffers(item.code).then((r) => r.items));
      return sitesFromOffers(lists.flat() as Offer[]);
    })();
    cached.catch(() => { cached = null; });  // a failure is retried on the next visit
  }
  return cached;
}
