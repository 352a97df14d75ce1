/** Gives panels the lab controller (the one object that talks to the worker). */
import { createContext, useContext } from 'react';
import type { LabController } from '../app/controller';

export const ControllerContext = createContext<LabController | null>(null);

export function useController(): LabController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('useController outside <ControllerContext.Provider>');
  return c;
}
