// Page state kept in the URL query, so each change is a history entry and
// the back button undoes it. "" when a parameter is absent. Leaving the page
// changes the route before the page goes: the values then stay as they were.
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export function useQueryParams<K extends string>(keys: readonly K[]) {
  const route = useRoute();
  const router = useRouter();
  const page = route.name;
  let shown = {} as Record<K, string>;

  const params = computed<Readonly<Record<K, string>>>(() => {
    if (route.name === page) {
      const read = (k: K) => { const v = route.query[k]; return typeof v === 'string' ? v : ''; };
      shown = Object.fromEntries(keys.map((k) => [k, read(k)])) as Record<K, string>;
    }
    return shown;
  });
  // One string of all values, to watch for real changes only.
  const key = computed(() => keys.map((k) => params.value[k]).join('|'));

  function update(changes: Partial<Record<K, string>>) {
    const query: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(route.query)) if (typeof v === 'string') query[k] = v;
    for (const k of Object.keys(changes) as K[]) query[k] = changes[k] || undefined;
    void router.push({ query });
  }

  return { params, key, update };
}
