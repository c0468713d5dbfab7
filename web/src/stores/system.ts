// What the SPA learns at boot from /api/system/info (product name, the
// deployment's name and whether it is a demo).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { getSystemInfo, type SystemInfo } from '@/api/system';

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null);
  async function load() {
    try {
      info.value = await getSystemInfo();
    } catch {
      info.value = null;  // pages show their own error states
    }
  }
  return { info, load };
});
