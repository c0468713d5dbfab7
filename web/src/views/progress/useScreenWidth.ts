// The window's width, kept up to date (the rating channel follows it).
import { onBeforeUnmount, onMounted, ref } from 'vue';

export function useScreenWidth() {
  const width = ref(typeof window === 'undefined' ? 0 : window.innerWidth);
  const update = () => { width.value = window.innerWidth; };
  onMounted(() => window.addEventListener('resize', update, { passive: true }));
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return width;
}
