/**
 * The mock bots' dialog engine: keywords → intent, slot filling for `date` and `time`, `MoreData`
 * until every slot is filled, then `Complete`. Pure and deterministic apart from "today", which is
 * the caller's `now`.
 */
import type { Lexicon } from './lexicon.js';

export type IntentName = 'BookServiceAppointment' | 'CheckServiceStatus';

export interface DialogState {
  intent?: IntentName;
  slots: Record<string, string>;
  /** Consecutive turns the bot did not understand. */
  fallbacks: number;
}

export interface TurnResult {
  botState: 'MoreData' | 'Complete' | 'Failed';
  intentName: string;
  slots: Record<string, string>;
  text: string;
  quickReplies?: [string, string];
  /** Lex-style dialog state, for the raw vendor payload. */
  dialogState: 'ElicitIntent' | 'ElicitSlot' | 'Fulfilled' | 'Failed';
  slotToElicit?: 'date' | 'time';
}

const MAX_FALLBACKS = 3;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (d: Date, days: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days));

/** A date slot value (YYYY-MM-DD) and the text it was read from. */
export function parseDate(text: string, lex: Lexicon, now: Date): { value: string; matched: string } | undefined {
  const iso = text.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) {
    const d = new Date(`${iso[0]}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && isoDate(d) === iso[0]) return { value: iso[0], matched: iso[0] };
  }
  const us = text.match(/\b(\d{1,2})\/(\d{1,2})\b/);
  if (us) {
    const month = Number(us[1]);
    const day = Number(us[2]);
    let d = new Date(Date.UTC(now.getUTCFullYear(), month - 1, day));
    if (d.getUTCMonth() === month - 1) {
      if (d < addDays(now, 0)) d = new Date(Date.UTC(now.getUTCFullYear() + 1, month - 1, day));
      return { value: isoDate(d), matched: us[0] };
    }
  }
  const today = text.match(lex.today);
  if (today) return { value: isoDate(now), matched: today[0] };
  const tomorrow = text.match(lex.tomorrow);
  if (tomorrow) return { value: isoDate(addDays(now, 1)), matched: tomorrow[0] };
  const lower = text.toLowerCase();
  for (let i = 0; i < lex.weekdays.length; i++) {
    const name = lex.weekdays[i] as string;
    if (lower.includes(name)) {
      const ahead = (i - now.getUTCDay() + 7) % 7 || 7;
      return { value: isoDate(addDays(now, ahead)), matched: name };
    }
  }
  return undefined;
}

/** A time slot value (HH:MM, 24 h). */
export function parseTime(text: string, lex: Lexicon): string | undefined {
  if (lex.noon.test(text)) return '12:00';
  const twelve = text.match(/\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\b\.?/i);
  if (twelve) {
    const h = Number(twelve[1]);
    const m = Number(twelve[2] ?? 0);
    if (h >= 1 && h <= 12 && m < 60) return `${pad((h % 12) + (twelve[3]?.toLowerCase() === 'p' ? 12 : 0))}:${pad(m)}`;
  }
  const clock = text.match(/\b(\d{1,2}):(\d{2})\b/);
  if (clock && Number(clock[1]) < 24 && Number(clock[2]) < 60) return `${pad(Number(clock[1]))}:${clock[2]}`;
  const bare = text.match(/\b(?:at|a las)\s+(\d{1,2})\b/i);
  if (bare) {
    const h = Number(bare[1]);
    // Service desks open at 7: "at 3" means the afternoon.
    if (h >= 1 && h <= 12) return `${pad(h < 7 ? h + 12 : h)}:00`;
  }
  return undefined;
}

function understood(state: DialogState, lex: Lexicon): TurnResult {
  state.fallbacks++;
  if (state.fallbacks >= MAX_FALLBACKS) {
    return { botState: 'Failed', intentName: state.intent ?? '', slots: { ...state.slots }, text: lex.say.giveUp, dialogState: 'Failed' };
  }
  if (state.intent === 'BookServiceAppointment') return elicit(state, lex);
  return { botState: 'MoreData', intentName: '', slots: {}, text: lex.say.notUnderstood, dialogState: 'ElicitIntent' };
}

function elicit(state: DialogState, lex: Lexicon): TurnResult {
  const base = { botState: 'MoreData' as const, intentName: 'BookServiceAppointment', slots: { ...state.slots }, dialogState: 'ElicitSlot' as const };
  if (!state.slots.date) return { ...base, text: lex.say.askDate, quickReplies: lex.say.dateOptions, slotToElicit: 'date' };
  return { ...base, text: lex.say.askTime, quickReplies: lex.say.timeOptions, slotToElicit: 'time' };
}

/** One turn: mutates `state` and says what the bot answers. Complete and Failed close the session. */
export function runTurn(state: DialogState, utterance: string, lex: Lexicon, now: Date): TurnResult {
  // Spanish "de la mañana" is "a.m.", not "tomorrow".
  const text = utterance.replace(/de la ma[ñn]ana/gi, 'am').replace(/de la (tarde|noche)/gi, 'pm');
  if (lex.cancel.test(text)) {
    return { botState: 'Failed', intentName: state.intent ?? '', slots: { ...state.slots }, text: lex.say.cancelled, dialogState: 'Failed' };
  }
  const date = parseDate(text, lex, now);
  const time = parseTime(date ? text.replace(date.matched, ' ') : text, lex);
  if (!state.intent) {
    if (lex.book.test(text)) state.intent = 'BookServiceAppointment';
    else if (lex.status.test(text)) {
      state.intent = 'CheckServiceStatus';
      return { botState: 'Complete', intentName: state.intent, slots: {}, text: lex.say.status, dialogState: 'Fulfilled' };
    } else if (lex.greeting.test(text)) {
      return { botState: 'MoreData', intentName: '', slots: {}, text: lex.say.greeting, dialogState: 'ElicitIntent' };
    } else return understood(state, lex);
  } else if (!date && !time) {
    return understood(state, lex);
  }
  state.fallbacks = 0;
  if (date) state.slots.date = date.value;
  if (time) state.slots.time = time;
  if (state.slots.date && state.slots.time) {
    return {
      botState: 'Complete',
      intentName: 'BookServiceAppointment',
      slots: { ...state.slots },
      text: lex.say.booked(state.slots.date, state.slots.time),
      dialogState: 'Fulfilled',
    };
  }
  return elicit(state, lex);
}
