import { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { AUTH_REQUIREMENT, IS_PUBLIC } from './auth.decorators';

export interface RouteMarker {
  controller: string;
  handler: string;
  marker: 'public' | 'authenticated' | 'none';
  permission?: string;
}

/** Lists every controller route with how it is protected. */
export function listRouteMarkers(app: INestApplication): RouteMarker[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteMarker[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, wrapper.metatype];
      const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
      const requirement = reflector.getAllAndOverride<{ permission?: string }>(AUTH_REQUIREMENT, targets);
      routes.push({
        controller: wrapper.metatype.name,
        handler: name,
        marker: isPublic ? 'public' : requirement ? 'authenticated' : 'none',
        permission: requirement?.permission,
      });
    }
  }
  return routes;
}

/** Refuses to boot an app with a route that is neither @Public nor @Authenticated. */
export function assertEveryRouteIsMarked(app: INestApplication): void {
  const unmarked = listRouteMarkers(app).filter((r) => r.marker === 'none');
  if (unmarked.length) {
    throw new Error(
      `Routes without @Public() or @Authenticated(): ${unmarked.map((r) => `${r.controller}.${r.handler}`).join(', ')}`,
    );
  }
}
