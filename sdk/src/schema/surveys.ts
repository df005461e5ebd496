import { z } from 'zod';
import { LibraryPathParams, prefixedId, singleLineText } from './common.js';

/**
 * Evaluation instruments and the surveys they make: an expert's baseline as she joins, a short
 * survey for both parties after each exchange, and an expert's follow-ups 3 and 6 months after her
 * first exchange. A coordinator edits an instrument's questions; each edit is a new version, and
 * a survey keeps the version current when it fell due, its answers with it.
 */

export const INSTRUMENT_KINDS = ['baseline', 'after_exchange', 'follow_up_3m', 'follow_up_6m'] as const;
export const InstrumentKind = z.enum(INSTRUMENT_KINDS, { error: `must be one of ${INSTRUMENT_KINDS.join(', ')}` });
export const InstrumentPathParams = LibraryPathParams.extend({ kind: InstrumentKind });

export const SurveyId = prefixedId('svy');
export const SurveyPathParams = LibraryPathParams.extend({ surveyId: SurveyId });

export const MAX_QUESTIONS = 30;
export const MAX_TEXT_ANSWER = 4000;
export const MAX_CHOICE_OPTIONS = 20;

const QuestionId = z
  .string({ error: 'must be text' })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'must be lower-case letters, digits and underscores, starting with a letter, at most 40' })
  .meta({ description: 'Names the question in the answers (`answers.<id>`).' });

const whole = (what: string) => z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });

const questionBase = {
  id: QuestionId,
  text: singleLineText({ max: 300, required: true }).meta({ description: 'The question as the member reads it.' }),
  required: z.boolean({ error: 'must be true or false' }).optional().meta({ description: 'Whether it must be answered (default true).' }),
};

const ScaleQuestionWrite = z.strictObject({
  ...questionBase,
  type: z.literal('scale'),
  min: whole('a whole number from 0 to 10').min(0, { error: 'must be from 0 to 10' }).max(10, { error: 'must be from 0 to 10' }),
  max: whole('a whole number from 1 to 10').min(1, { error: 'must be from 1 to 10' }).max(10, { error: 'must be from 1 to 10' }),
  minLabel: singleLineText({ max: 60 }).optional(),
  maxLabel: singleLineText({ max: 60 }).optional(),
});
const ChoiceQuestionWrite = z.strictObject({
  ...questionBase,
  type: z.literal('choice'),
  options: z
    .array(singleLineText({ max: 100, required: true }), { error: 'must be a list of options' })
    .min(2, { error: 'give at least 2 options' })
    .max(MAX_CHOICE_OPTIONS, { error: `at most ${MAX_CHOICE_OPTIONS} options` })
    .refine((options) => new Set(options).size === options.length, { error: 'must not repeat an option' })
    .meta({ description: 'The answers to choose one of; the answer is the option’s text.' }),
});
const YesNoQuestionWrite = z.strictObject({ ...questionBase, type: z.literal('yes_no') });
const TextQuestionWrite = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  maxLength: whole(`a whole number from 1 to ${MAX_TEXT_ANSWER}`)
    .min(1, { error: `must be from 1 to ${MAX_TEXT_ANSWER}` })
    .max(MAX_TEXT_ANSWER, { error: `must be from 1 to ${MAX_TEXT_ANSWER}` }),
});

export const QUESTION_TYPES = ['scale', 'choice', 'yes_no', 'text'] as const;

export const QuestionWrite = z
  .discriminatedUnion('type', [ScaleQuestionWrite, ChoiceQuestionWrite, YesNoQuestionWrite, TextQuestionWrite], { error: `must be a question whose type is one of ${QUESTION_TYPES.join(', ')}` })
  .refine((q) => q.type !== 'scale' || q.min < q.max, { error: 'a scale’s min must be below its max', path: ['max'] })
  .meta({ id: 'QuestionWrite' });

/** What a coordinator sends to write an instrument's next version: its whole set of questions. */
export const InstrumentWrite = z
  .strictObject({
    title: singleLineText({ max: 140, required: true }),
    questions: z
      .array(QuestionWrite, { error: 'must be a list of questions' })
      .min(1, { error: 'give at least 1 question' })
      .max(MAX_QUESTIONS, { error: `at most ${MAX_QUESTIONS} questions` })
      .superRefine((questions, ctx) => {
        const seen = new Set<string>();
        questions.forEach((q, i) => {
          if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: 'must not repeat another question’s id', path: [i, 'id'] });
          seen.add(q.id);
        });
      }),
  })
  .meta({ id: 'InstrumentWrite' });

const questionRead = { id: z.string(), text: z.string(), required: z.boolean() };
export const Question = z
  .discriminatedUnion('type', [
    z.object({ ...questionRead, type: z.literal('scale'), min: z.number().int(), max: z.number().int(), minLabel: z.string().optional(), maxLabel: z.string().optional() }),
    z.object({ ...questionRead, type: z.literal('choice'), options: z.array(z.string()) }),
    z.object({ ...questionRead, type: z.literal('yes_no') }),
    z.object({ ...questionRead, type: z.literal('text'), maxLength: z.number().int() }),
  ])
  .meta({ id: 'Question' });

export const Instrument = z
  .object({
    kind: InstrumentKind,
    version: z.number().int().min(1).meta({ description: 'Each edit writes the next version; version 1 is the seeded default.' }),
    title: z.string(),
    questions: z.array(Question),
    createdAt: z.string().nullable().meta({ description: 'When this version was written; null for the seeded default.' }),
  })
  .meta({ id: 'Instrument' });

export const InstrumentList = z.object({ data: z.array(Instrument) }).meta({ id: 'InstrumentList' });

/** An answer: a whole number on a scale, an option's text, true or false, or text. */
export const AnswerValue = z.union([z.number(), z.boolean(), z.string().max(MAX_TEXT_ANSWER, { error: `must be at most ${MAX_TEXT_ANSWER} characters` })], {
  error: 'must be a number, true or false, or text',
});

export const SurveyAnswersWrite = z
  .strictObject({
    answers: z
      .record(z.string().max(40, { error: 'is not a question of this survey' }), AnswerValue, { error: 'must be an object of answers by question id' })
      .meta({ description: 'By question id. A question left out is unanswered (refused if it is required); one the survey does not ask is refused.' }),
  })
  .meta({ id: 'SurveyAnswersWrite' });

export const Survey = z
  .object({
    id: SurveyId,
    kind: InstrumentKind,
    instrument: Instrument.meta({ description: 'The version of the instrument this survey asks, kept from when it fell due.' }),
    exchangeId: z.string().nullable().meta({ description: 'The exchange it asks about (`after_exchange`); null otherwise.' }),
    dueAt: z.string(),
    answeredAt: z.string().nullable(),
    answers: z.record(z.string(), AnswerValue).nullable().meta({ description: 'Her answers, once given.' }),
  })
  .meta({ id: 'Survey' });

export const SurveyList = z.object({ data: z.array(Survey) }).meta({ id: 'SurveyList' });

export type InstrumentKind = z.infer<typeof InstrumentKind>;
export type QuestionWrite = z.input<typeof QuestionWrite>;
export type Question = z.infer<typeof Question>;
export type InstrumentWrite = z.input<typeof InstrumentWrite>;
export type Instrument = z.infer<typeof Instrument>;
export type InstrumentList = z.infer<typeof InstrumentList>;
export type AnswerValue = z.infer<typeof AnswerValue>;
export type SurveyAnswersWrite = z.infer<typeof SurveyAnswersWrite>;
export type Survey = z.infer<typeof Survey>;
export type SurveyList = z.infer<typeof SurveyList>;
