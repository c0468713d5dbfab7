import { describe, expect, it } from 'vitest';
import {
  agentPairCommand, checkPrinter, deviceInput, deviceKindLabel, deviceWindowText, hasWindow, printerText,
} from './devices';

describe('checkPrinter', () => {
  it('takes no printer or host:port', () => {
    expect(checkPrinter('')).toBe('');
    expect(checkPrinter('  ')).toBe('');
    expect(checkPrinter('192.168.1.50:9100')).toBe('');
    expect(checkPrinter('printer-1.hall.local:9100')).toBe('');
  });

  it('refuses a missing or impossible port and odd hosts', () => {
    for (const bad of ['192.168.1.50', '192.168.1.50:', '192.168.1.50:0', 'host:70000', ':9100', 'a b:9100',
      'http://x:9100', '-x:9100']) {
      expect(checkPrinter(bad), bad).not.toBe('');
    }
  });
});

describe('printerText', () => {
  it('says when there is no printer', () => {
    expect(printerText('10.0.0.5:9100')).toBe('10.0.0.5:9100');
    expect(printerText('')).toBe('无(屏幕显示号码)');
    expect(printerText(null)).toBe('无(屏幕显示号码)');
  });
});

describe('deviceInput', () => {
  it('sends a kiosk\'s printer and an agent\'s window, nothing else', () => {
    expect(deviceInput({ kind: 'kiosk', name: '一号机', printer: '', window_id: 4 })).toEqual({ kind: 'kiosk', name: '一号机' });
    expect(deviceInput({ kind: 'kiosk', name: '一号机', printer: '10.0.0.5:9100', window_id: null }))
      .toEqual({ kind: 'kiosk', name: '一号机', printer: '10.0.0.5:9100' });
    expect(deviceInput({ kind: 'agent', name: '3 号窗口电脑', printer: '10.0.0.5:9100', window_id: 4 }))
      .toEqual({ kind: 'agent', name: '3 号窗口电脑', window_id: 4 });
  });
});

describe('agent texts', () => {
  it('names the pairing command and the window', () => {
    expect(agentPairCommand('abc')).toBe('yichuang-agent pair --config /etc/yichuang/agent.toml --token abc');
    expect(deviceWindowText({ kind: 'agent', window_no: 3 })).toBe('3 号窗口');
    expect(deviceWindowText({ kind: 'agent', window_no: null })).toBe('未指定');
    expect(deviceWindowText({ kind: 'kiosk' })).toBe('—');
    expect(deviceWindowText({ kind: 'pad', window_no: 1 })).toBe('1 号窗口');
  });
});

describe('the window pad (评价器)', () => {
  it('is named and belongs to a window, like an agent', () => {
    expect(deviceKindLabel('pad')).toBe('窗口评价器');
    expect(deviceKindLabel('kiosk')).toBe('自助终端');
    expect(deviceKindLabel('other')).toBe('other');
    expect([hasWindow('pad'), hasWindow('agent'), hasWindow('kiosk')]).toEqual([true, true, false]);
  });
});
