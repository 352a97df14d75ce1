/** Errors (a broken scenario or link) and notices, without blocking the page. */
import { useLab } from '../store/hooks';
import { labStore } from '../store/labStore';

export function Banner() {
  const banner = useLab((s) => s.banner);
  if (!banner) return null;
  return (
    <div className={`banner ${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid="banner">
      <div>
        <strong>{banner.kind === 'error' ? 'This scenario could not be used.' : 'Note.'}</strong> <span data-testid="banner-text">{banner.text}</span>
        {banner.issues && banner.issues.length > 1 && (
          <ul>
            {banner.issues.slice(1, 6).map((i, k) => (
              <li key={k}>
                <span className="mono">{i.path}</span>: {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" aria-label="Dismiss" onClick={() => labStore.setState({ banner: null })}>
        ×
      </button>
    </div>
  );
}
