// The open tab of a page, kept in the address (?tab=) so a reload stays on it.
import { ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export function useQueryTab<T extends string>(tabs: readonly [T, ...T[]]): Ref<T> {
  const route = useRoute();
  const router = useRouter();
  const asked = route.query.tab;
  const tab = ref(tabs.find((t) => t === asked) ?? tabs[0]) as Ref<T>;
  watch(tab, (t) => {
    const query = { ...route.query };
    if (t === tabs[0]) delete query.tab;
    else query.tab = t;
    void router.replace({ query });
  });
  return tab;
}
