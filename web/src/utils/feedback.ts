// Toasts, confirmations and the clipboard, in one place so that every page
// says things the same way. (ElMessage and ElMessageBox are functions, not
// template components, so their CSS is imported here by hand.)
import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import { describeError } from '@/api/client';

export function toastSuccess(message: string): void {
  ElMessage({ type: 'success', message, showClose: true });
}

export function toastWarning(message: string): void {
  ElMessage({ type: 'warning', message, showClose: true, duration: 8000 });
}

export function toastError(e: unknown): void {
  ElMessage({ type: 'error', message: describeError(e), showClose: true, duration: 8000 });
}

// true when the person confirmed. The buttons carry classes for browser tests.
export async function confirmAction(message: string, title: string, confirmText = '确定'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      confirmButtonClass: 'yc-confirm-ok',
      cancelButtonClass: 'yc-confirm-cancel',
      closeOnClickModal: false,
    });
    return true;
  } catch {
    return false;  // cancelled or closed
  }
}

export async function copyText(text: string, what = '内容'): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    ElMessage({ type: 'success', message: `${what}已复制` });
  } catch {
    // No clipboard outside a secure context: the text stays selectable.
    ElMessage({ type: 'warning', message: '无法自动复制,请选中后手动复制' });
  }
}
