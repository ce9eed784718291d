// What the window reads of the mall registry served in AppInfo.
import type { AppInfo, Mall, MallView } from "../bindings";

export function mallView(info: AppInfo, mall: Mall): MallView | undefined {
  return info.malls.find((m) => m.mall === mall);
}

export function mallLabel(info: AppInfo, mall: Mall): string {
  return mallView(info, mall)?.label ?? mall;
}

/** The mall has a setup wizard (it is ready: Juchu has its client). */
export function hasWizard(info: AppInfo, mall: Mall): boolean {
  const v = mallView(info, mall);
  return v !== undefined && v.ready && v.wizard !== null;
}
