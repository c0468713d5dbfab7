// Server errors on forms: the field the server names (ApiError.field) is
// highlighted when the form has it; anything else goes in an alert above.
import { reactive, ref } from 'vue';
import { ApiError, describeError } from '@/api/client';

export interface PlacedError {
  field: string;   // "" when the error belongs to the whole form
  message: string;
}

export function placeError(e: unknown, fields: readonly string[]): PlacedError {
  if (e instanceof ApiError && e.field !== '' && fields.includes(e.field)) {
    return { field: e.field, message: e.message };
  }
  return { field: '', message: describeError(e) };
}

// Bind `fieldErrors.x` to <el-form-item :error> and `formError` to an alert.
export function useServerErrors<F extends string>(fields: readonly F[]) {
  const fieldErrors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>;
  const formError = ref('');

  function clear() {
    for (const f of fields) fieldErrors[f] = '';
    formError.value = '';
  }

  function show(e: unknown) {
    clear();
    const placed = placeError(e, fields);
    if (placed.field) fieldErrors[placed.field as F] = placed.message;
    else formError.value = placed.message;
  }

  return { fieldErrors, formError, clear, show };
}

// 409 CONFLICT on a versioned object: someone else saved first.
export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409;
}
