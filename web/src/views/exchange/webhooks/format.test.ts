import { describe, expect, it } from 'vitest';
import { deliveryError, isAllowedWebhookUrl, prettyJson } from './format';

describe('webhook URL', () => {
  it('https anywhere, http only to this host', () => {
    expect(isAllowedWebhookUrl('https://dc.example.cn/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://127.0.0.1:8080/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://localhost/hook')).toBe(true);
    expect(isAllowedWebhookUrl('http://example.com/hook')).toBe(false);
    expect(isAllowedWebhookUrl('ftp://example.com/')).toBe(false);
    expect(isAllowedWebhookUrl('dc.example.cn/hook')).toBe(false);
    expect(isAllowedWebhookUrl('')).toBe(false);
  });
});

describe('payload', () => {
  it('indents JSON and leaves anything else as it is', () => {
    expect(prettyJson('{"event":"case.accepted","at":1}')).toBe('{\n  "event": "case.accepted",\n  "at": 1\n}');
    expect(prettyJson('not json')).toBe('not json');
  });
});

describe('last error', () => {
  it('is left out when it only repeats the status', () => {
    expect(deliveryError({ last_status: 500, last_error: 'HTTP 500' })).toBe('');
    expect(deliveryError({ last_status: 500, last_error: '订阅已停用' })).toBe('订阅已停用');
    expect(deliveryError({ last_status: null, last_error: 'Timeout was reached' })).toBe('Timeout was reached');
  });
});
