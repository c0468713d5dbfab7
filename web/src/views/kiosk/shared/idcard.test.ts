import { describe, expect, it } from 'vitest';
import type { AgentStatus, DeviceStatus } from '@/api/agent';
import { ApiError } from '@/api/client';
import {
  BAD_CARD_MESSAGE, NO_CARD_MESSAGE, READ_FAILED_MESSAGE, idCardReadProblem, idCardReaderReady, idNumberOfCard, maskedIdDisplay,
} from './idcard';

const dev = (device: DeviceStatus['device'], state: DeviceStatus['state']): DeviceStatus =>
  ({ device, state, detail: '', model: '' });

function agentStatus(devices: DeviceStatus[]): AgentStatus {
  return {
    agent: {
      version: '1.0', paired: false, device_name: '', site_id: null, site_name: '', window_id: null, window_no: '',
      last_contact_ms: null, problem: '',
    },
    devices,
  };
}

describe('the kiosk card reader', () => {
  it('is offered only when the agent answered and its ID card reader is ready, paired or not', () => {
    expect(idCardReaderReady(null)).toBe(false);
    expect(idCardReaderReady(agentStatus([]))).toBe(false);
    expect(idCardReaderReady(agentStatus([dev('idcard', 'absent'), dev('printer', 'ready')]))).toBe(false);
    expect(idCardReaderReady(agentStatus([dev('idcard', 'error')]))).toBe(false);
    expect(idCardReaderReady(agentStatus([dev('idcard', 'disabled')]))).toBe(false);
    expect(idCardReaderReady(agentStatus([dev('sscard', 'ready'), dev('idcard', 'ready')]))).toBe(true);
  });

  it('takes the card\'s number as the pad types it', () => {
    expect(idNumberOfCard({ id_number: '11010519491231002X' })).toBe('11010519491231002X');
    expect(idNumberOfCard({ id_number: ' 11010519491231002x ' })).toBe('11010519491231002X');
    expect(idNumberOfCard({ id_number: '' })).toBeNull();
    expect(idNumberOfCard({ id_number: '1101051949123100' })).toBeNull();
    expect(idNumberOfCard({ id_number: '1101051949123100XX' })).toBeNull();
    expect(idNumberOfCard({ id_number: null as unknown as string })).toBeNull();
    expect(BAD_CARD_MESSAGE).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says no card in its own words, and otherwise the agent\'s message', () => {
    expect(idCardReadProblem(new ApiError(422, 'NO_CARD', '未检测到身份证,请将证件放在读卡区'))).toBe(NO_CARD_MESSAGE);
    expect(NO_CARD_MESSAGE).toBe('未检测到身份证,请将身份证放在读卡区后再试');
    expect(idCardReadProblem(new ApiError(502, 'DEVICE_FAILED', '身份证阅读器故障(状态码 0x41)'))).toBe('身份证阅读器故障(状态码 0x41)');
    expect(idCardReadProblem(new ApiError(0, 'AGENT_TIMEOUT', '读身份证超时,请检查设备后重试'))).toBe('读身份证超时,请检查设备后重试');
    expect(idCardReadProblem(new ApiError(502, 'DEVICE_FAILED', ''))).toBe(READ_FAILED_MESSAGE);
    expect(idCardReadProblem(new TypeError('boom'))).toBe(READ_FAILED_MESSAGE);
  });

  it('shows a number from a card without its middle', () => {
    expect(maskedIdDisplay('11010519491231002X')).toBe('110105 ******** 002X');
    expect(maskedIdDisplay('11010519491231002X')).not.toContain('19491231');
    expect(maskedIdDisplay('')).toBe('');
    expect(maskedIdDisplay('1234')).toBe('****');
  });
});
