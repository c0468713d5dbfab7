// The calling voice on an <audio> element (the page holds the element; see
// announcer.ts for the rules). The hall's screens run Chromium with
// --autoplay-policy=no-user-gesture-required; elsewhere the first play is
// refused until someone clicks, and the page offers 点击开启语音播报.
import { onBeforeUnmount, ref } from 'vue';
import { voiceUrl, type CallEvent } from '@/api/screen';
import { Announcer, type AnnouncerState, type VoicePlayer } from './announcer';

const LONGEST_CLIP_MS = 20_000;  // a clip that neither ends nor fails is cut off

// Plays src on the element to its end (or its error, or the cut-off).
function playOn(audio: HTMLAudioElement, src: string, started: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(cutOff);
      audio.removeEventListener('ended', onEnded);
      audio.removeEventListener('error', onError);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onEnded = () => finish();
    const onError = () => finish(new Error('voice clip failed'));
    const cutOff = setTimeout(() => {
      audio.pause();
      finish();
    }, LONGEST_CLIP_MS);
    audio.addEventListener('ended', onEnded);
    audio.addEventListener('error', onError);
    audio.src = src;
    audio.play().then(started, (e: unknown) => finish(e ?? new Error('play refused')));
  });
}

export function useVoice() {
  const audio = ref<HTMLAudioElement | null>(null);
  const state = ref<AnnouncerState>({ requested: 0, played: 0, failed: 0, lastSrc: '', blocked: false, pending: 0 });
  const player: VoicePlayer = {
    play(src, started) {
      const el = audio.value;
      return el ? playOn(el, src, started) : Promise.reject(new Error('no audio element'));
    },
  };
  const announcer = new Announcer(player, (s) => { state.value = s; });

  function announce(call: CallEvent, key: string) {
    announcer.enqueue({ key, src: voiceUrl(call.label, call.window_number), label: call.label, windowNumber: call.window_number });
  }

  // From a click: the browser lets the page play from now on.
  function enable() {
    announcer.unlock();
  }

  onBeforeUnmount(() => {
    announcer.dispose();
    audio.value?.pause();
  });

  return { audio, voice: state, announce, enable };
}
