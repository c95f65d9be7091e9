export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#0f766e" />
      <path d="M16 6v20M6 16h20M9 9l14 14M23 9L9 23" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="16" cy="16" r="5" fill="#0f766e" stroke="#fff" strokeWidth="2.5" />
    </svg>
  );
}
