/** Outline icons for the navigation; decorative only, the label always carries the meaning. */
const PATHS = {
  home: 'M3 10.5 12 3l9 7.5M5 9v11h5v-6h4v6h5V9',
  devices: 'M4 5h12v9H4zM2 17h16M18 8h4v11h-4z',
  profiles: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  authorities: 'M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6zM9 12l2 2 4-4',
  connectors: 'M7 7h4v4H7zM13 13h4v4h-4zM11 9h4v4M3 9h4M17 15h4',
  reports: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  security: 'M7 11V7a5 5 0 0 1 10 0v4M5 11h14v10H5zM12 15v2',
  audit: 'M9 4h10v16H5V8zM9 4v4H5M9 12h6M9 16h6',
  signOut: 'M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  users: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-6 8-6s8 2 8 6',
  groups: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5M16 4.5a3.2 3.2 0 0 1 0 6.2M18 14.8c2.4.6 4 2.4 4 5.2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
