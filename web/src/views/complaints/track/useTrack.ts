// 投诉办理进度 (POST /api/public/complaints/:no/view): the number and the query
// code, prefilled from ?no=&code=; both given means look it up at once.
import { onMounted, reactive, ref } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { viewComplaint, type PublicComplaint } from '@/api/complaints';
import { textFromQuery } from '@/views/appointments/shared/validate';

export function useTrack() {
  const route = useRoute();
  const form = reactive({ no: textFromQuery(route.query.no), code: textFromQuery(route.query.code) });
  const complaint = ref<PublicComplaint | null>(null);
  const loading = ref(false);
  const error = ref('');

  async function look() {
    if (loading.value) return;
    loading.value = true;
    error.value = '';
    try {
      complaint.value = await viewComplaint(form.no.trim().toUpperCase(), form.code.trim());
    } catch (e) {
      error.value = e instanceof ApiError && e.status === 404
        ? '编号或查询码不正确,请核对后重试' : describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function another() {
    complaint.value = null;
    form.no = '';
    form.code = '';
  }

  onMounted(() => {
    if (form.no.trim() && form.code.trim()) void look();
  });

  return { form, complaint, loading, error, look, another };
}
