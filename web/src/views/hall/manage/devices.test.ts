import { describe, expect, it } from 'vitest';
import { checkPrinter, printerText } from './devices';

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
