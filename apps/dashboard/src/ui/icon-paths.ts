/** Simple 24×24 stroke icons (drawn here so they render the same on every tablet, unlike emoji fonts). */
export const ICON_PATHS = {
  meal: 'M7 3v8M5 3v5a2 2 0 0 0 4 0V3M7 11v10M16 3c-2 1.5-2.5 4-2.5 7H17V3zM17 10v11',
  linen: 'M4 7l4-3h8l4 3-3 3v10H7V10z',
  medication: 'M10.5 20.5a4.95 4.95 0 0 1-7-7l6-6a4.95 4.95 0 0 1 7 7zM7.5 10.5l6 6',
  lab: 'M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.8 3h10.4a2 2 0 0 0 1.8-3l-5-9V3M7.5 14h9',
  vitals: 'M3 12h4l2-5 4 10 2-5h6',
  supplies: 'M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10',
  call: 'M4 5c0 8 7 15 15 15l1-4-4-2-2 2c-2-1-4-3-5-5l2-2-2-4z',
  task: 'M5 4h14v16H5zM9 9h6M9 13h6M9 17h3',
  robot: 'M6 8h12v10H6zM12 4v4M9 12h.01M15 12h.01M9 15h6',
  stop: 'M7 4h10l3 3v10l-3 3H7l-3-3V7z',
  bell: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  list: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  plus: 'M12 5v14M5 12h14',
  battery: 'M3 8h15v8H3zM21 11v2',
  elevator: 'M5 3h14v18H5zM9 9l3-3 3 3M9 15l3 3 3-3',
  charger: 'M13 2L5 14h6l-1 8 8-12h-6z',
  pause: 'M8 5v14M16 5v14',
  play: 'M7 5l12 7-12 7z',
  wrench: 'M14 6a4 4 0 0 0 5 5l-9 9a2 2 0 0 1-3-3l9-9a4 4 0 0 0-2-2z',
  close: 'M6 6l12 12M18 6L6 18',
  warning: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  check: 'M4 12l5 5L20 6',
  signOut: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  flag: 'M5 21V4M5 4h12l-2 4 2 4H5',
} as const;

export type IconName = keyof typeof ICON_PATHS;
export type TypeIconName = 'meal' | 'linen' | 'medication' | 'lab' | 'vitals' | 'supplies' | 'call' | 'task';
