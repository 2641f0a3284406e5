import { Injectable } from '@nestjs/common';
import { ResourceContext } from '@oversing/platform';

/**
 * Returns the chain of contexts a resource sits in, itself first (task → program → parent programs), or
 * null when it does not exist in the current tenant.
 */
export type ContextResolver = (id: string) => Promise<ResourceContext[] | null>;

/** Modules that own resources register how to resolve them; the policy service asks here. */
@Injectable()
export class ResourceHierarchy {
  private readonly resolvers = new Map<string, ContextResolver>();

  register(type: string, resolver: ContextResolver): void {
    if (this.resolvers.has(type)) throw new Error(`A context resolver for "${type}" is already registered`);
    this.resolvers.set(type, resolver);
  }

  has(type: string): boolean {
    return this.resolvers.has(type);
  }

  async chainOf(resource: ResourceContext): Promise<ResourceContext[] | null> {
    const resolver = this.resolvers.get(resource.type);
    if (!resolver) throw new Error(`No context resolver registered for "${resource.type}"`);
    return resolver(resource.id);
  }
}
