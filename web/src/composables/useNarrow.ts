// Phone-sized screens (below 768 px): lists become cards, the side menu a
// drawer. One media query listener per use, removed with the component.
import { onBeforeUnmount, ref } from 'vue';

export const NARROW_QUERY = '(max-width: 767px)';

export function useNarrow(onChange?: (narrow: boolean) => void) {
  const query = window.matchMedia(NARROW_QUERY);
  const narrow = ref(query.matches);
  const listener = (e: MediaQueryListEvent) => {
    narrow.value = e.matches;
    onChange?.(e.matches);
  };
  query.addEventListener('change', listener);
  onBeforeUnmount(() => query.removeEventListener('change', listener));
  return narrow;
}
