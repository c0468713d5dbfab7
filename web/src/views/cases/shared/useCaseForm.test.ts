import { describe, expect, it, vi } from 'vitest';
import type { FormInstance } from 'element-plus';
import { ActionKey } from '@/api/cases';
import { useCaseForm } from './useCaseForm';

// Only what useCaseForm calls on the el-form.
function fakeForm(valid: boolean) {
  const form = {
    validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject(new Error('invalid')))),
    clearValidate: vi.fn(),
  };
  return { form, instance: form as unknown as FormInstance };
}

describe('useCaseForm', () => {
  it('resets to fresh initial values and clears the messages', () => {
    let desk = 3;
    const { formRef, form, reset } = useCaseForm(() => ({ reason: '', desk }));
    const { form: el, instance } = fakeForm(true);
    formRef.value = instance;
    form.reason = '材料不全';
    desk = 5;
    reset();
    expect(form).toEqual({ reason: '', desk: 5 });
    expect(el.clearValidate).toHaveBeenCalledOnce();
  });

  it('keeps the values it is told to keep', () => {
    const { form, reset } = useCaseForm(() => ({ site: null as number | null, text: '' }));
    form.site = 7;
    form.text = '停电';
    reset({ site: form.site });
    expect(form).toEqual({ site: 7, text: '' });
  });

  it('does not act on a form that is not valid, or not bound', async () => {
    const act = vi.fn(() => Promise.resolve());
    const { formRef, submit } = useCaseForm(() => ({ reason: '' }));
    expect(await submit(act)).toBe(false);
    formRef.value = fakeForm(false).instance;
    expect(await submit(act)).toBe(false);
    expect(act).not.toHaveBeenCalled();
  });

  it('acts with one key for every submit, and answers whether it is done', async () => {
    const { formRef, submit } = useCaseForm(() => ({ reason: '' }));
    formRef.value = fakeForm(true).instance;
    const keys: ActionKey[] = [];
    expect(await submit(async (key) => { keys.push(key); })).toBe(true);
    expect(await submit(async (key) => { keys.push(key); return false; })).toBe(false);
    expect(keys[0]).toBeInstanceOf(ActionKey);
    expect(keys[1]).toBe(keys[0]);
  });

  it('throws a failed action on for the dialog to show', async () => {
    const { formRef, submit } = useCaseForm(() => ({ reason: '' }));
    formRef.value = fakeForm(true).instance;
    await expect(submit(() => Promise.reject(new Error('409')))).rejects.toThrow('409');
  });
});
