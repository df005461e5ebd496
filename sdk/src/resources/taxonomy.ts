import { path, type RequestOptions, type Transport } from '../client.js';
import type { Category, CategoryCreate, CategoryUpdate, Skill, SkillCreate, SkillUpdate } from '../schema/library.js';

/** Coordinators: categories and skills. Retiring keeps them readable on profiles. */
export class Taxonomy {
  constructor(private readonly transport: Transport) {}

  createCategory(library: string, body: CategoryCreate, options?: RequestOptions): Promise<Category> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/categories`, body }, options);
  }

  updateCategory(library: string, id: string, body: CategoryUpdate, options?: RequestOptions): Promise<Category> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/categories/${id}`, body }, options);
  }

  retireCategory(library: string, id: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/categories/${id}` }, options);
  }

  createSkill(library: string, body: SkillCreate, options?: RequestOptions): Promise<Skill> {
    return this.transport.request({ method: 'POST', path: path`/v1/libraries/${library}/skills`, body }, options);
  }

  updateSkill(library: string, id: string, body: SkillUpdate, options?: RequestOptions): Promise<Skill> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/libraries/${library}/skills/${id}`, body }, options);
  }

  retireSkill(library: string, id: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/libraries/${library}/skills/${id}` }, options);
  }
}
