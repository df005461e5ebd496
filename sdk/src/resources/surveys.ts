import { path, type RequestOptions, type Transport } from '../client.js';
import type { AnswerValue, Instrument, InstrumentKind, InstrumentList, InstrumentWrite, Survey, SurveyList } from '../schema/surveys.js';

/** The signed-in member's surveys: those waiting for her, one of hers, and answering it (needs a session token). */
export class Surveys {
  constructor(private readonly transport: Transport) {}

  /** The surveys waiting for her, oldest due first, each with the questions of the version it asks. */
  async due(library: string, options?: RequestOptions): Promise<Survey[]> {
    const list = await this.transport.request<SurveyList>({ method: 'GET', path: path`/v1/libraries/${library}/surveys/due` }, options);
    return list.data;
  }

  /** One of her surveys, answered or not; another member's is a NotFoundError. */
  get(library: string, surveyId: string, options?: RequestOptions): Promise<Survey> {
    return this.transport.request({ method: 'GET', path: path`/v1/libraries/${library}/surveys/${surveyId}` }, options);
  }

  /**
   * Answers a survey, by question id. Answers that do not fit its questions are a BadRequestError
   * naming `body.answers.<questionId>`; answering twice is a ConflictError, code `survey_answered`.
   */
  answer(library: string, surveyId: string, answers: Record<string, AnswerValue>, options?: RequestOptions): Promise<Survey> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/surveys/${surveyId}/answers`, body: { answers } }, options);
  }
}

/** Coordinators: the library's evaluation instruments, and editing their questions (each edit a new version). */
export class Instruments {
  constructor(private readonly transport: Transport) {}

  /** The current version of each instrument. */
  async list(library: string, options?: RequestOptions): Promise<Instrument[]> {
    const list = await this.transport.request<InstrumentList>({ method: 'GET', path: path`/v1/libraries/${library}/instruments` }, options);
    return list.data;
  }

  /** Writes the instrument's next version; surveys already due keep the version they were made with. */
  update(library: string, kind: InstrumentKind, body: InstrumentWrite, options?: RequestOptions): Promise<Instrument> {
    return this.transport.request({ method: 'PUT', path: path`/v1/libraries/${library}/instruments/${kind}`, body }, options);
  }
}
